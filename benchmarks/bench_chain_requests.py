"""How many GitHub requests does one `ppid chain` evaluation make, against a floor measured in the same run?

The floor is the least any client must ask: the PR and the disposisi issue once each, each changed announcement
file once (its front matter at the head commit, for the serta-merta `jenis`; no list carries it), and every
list (files, reviews, PR events, issue events, each team's members) once per page of 100. Runs real PyGithub against the
fake GitHub (tests/fakegithub.py) for PRs with 3, 300 and 3000 reviews by as many different people, and
prints requests, the floor, their ratio, and how the count grows with reviews. Target: ratio 1.00 and growth
only by review pages. Also shows the extra requests of --report (identity, comment pages, two writes).

    python benchmarks/bench_chain_requests.py [--reviews 3 300 3000]
"""

from __future__ import annotations

import argparse
import logging
import math
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pytest_httpserver import HTTPServer  # noqa: E402

from pipeline.commands.chain import chain  # noqa: E402
from pipeline.edges.config import load_sop  # noqa: E402
from pipeline.edges.github import GitHubSettings  # noqa: E402
from tests.chain.conftest import World, build_world, wib  # noqa: E402
from tests.fakegithub import FakeGitHub  # noqa: E402

PER_PAGE = 100


def floor(world: World) -> int:
    lists = [len(world.pr.files), len(world.pr.reviews), len(world.pr.issue.events), len(world.issue.events),
             *(len(world.fake.teams[("dinas", s)]["members"])
               for s in ("ppid-kabid", "ppid-sekretaris", "ppid-kepala-dinas"))]
    announcements = sum(1 for f in world.pr.files
                        if f["filename"].startswith("content/pengumuman/") and f["status"] != "removed")
    return 2 + announcements + sum(max(1, math.ceil(n / PER_PAGE)) for n in lists)


def measure(server: HTTPServer, reviews: int, report: bool) -> tuple[int, int, int, float]:
    server.clear()
    fake = FakeGitHub(server)
    settings = GitHubSettings(token=fake.token, api_url=fake.base_url, seconds_between_requests=0,
                              seconds_between_writes=0, sleep=lambda _s: None)
    world = build_world(fake, settings, load_sop(ROOT))
    for index in range(reviews - 3):
        world.pr.review(f"warga{index}", "COMMENTED", wib(5, 13, 10))
    world.approve_chain()
    started = time.perf_counter()
    with open("/dev/null", "w") as sink:
        code = chain(repo="dinas/ppid", pr=12, now_text="2024-08-05T15:00:00+07:00", as_json=True, report=report,
                     env={}, settings=settings, root=ROOT, out=sink, err=sink)
    elapsed = time.perf_counter() - started
    assert code == 0, "the benchmark PR must be approved"
    review_pages = fake.count("GET", "/repos/dinas/ppid/pulls/12/reviews")
    return fake.count(), floor(world), review_pages, elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, nargs="+", default=[3, 300, 3000])
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one access-log line per request otherwise
    server = HTTPServer()
    server.start()
    try:
        print(f"{'reviews':>8} {'requests':>9} {'floor':>6} {'ratio':>6} {'review pages':>13} "
              f"{'requests - review pages':>24} {'seconds':>8}")
        base: int | None = None
        for count in args.reviews:
            requests, least, pages, seconds = measure(server, count, report=False)
            constant = requests - pages
            base = constant if base is None else base
            print(f"{count:>8} {requests:>9} {least:>6} {requests / least:>6.2f} {pages:>13} {constant:>24} "
                  f"{seconds:>8.2f}")
            if constant != base or requests != least:
                print("  !! requests grow by more than review pages", file=sys.stderr)
                return 1
        with_report, least, _, _ = measure(server, args.reviews[0], report=True)
        print(f"--report with {args.reviews[0]} reviews: {with_report} requests ({with_report - least} more: "
              "GET /user, comment pages, POST comment, POST status)")
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
