"""How many GitHub requests does one `ppid chain` evaluation make, against a floor measured in the same run?

The floor is the least any client must ask: the PR, the author's membership of the first PPID team that holds
them, and the disposisi issue once each, each changed announcement file once (its front matter at the head
commit, for the serta-merta `jenis`; no list carries it), and every list (files, open PRs, reviews, PR events,
issue events, each team's members) once per page of 100. Runs real PyGithub against the fake GitHub
(tests/fakegithub.py):

- for PRs with 3, 300 and 3000 reviews by as many different people: requests, floor, ratio, and how the count
  grows with reviews (target: ratio 1.00, growth only by review pages);
- for PRs of 1, 50 and 3,000+ files (a fifth of them announcements, up to sop.yml's limit), and for an outside
  author's 3,000+-file PR: requests, floor, ratio, and the request budget whatever the PR holds (the files list
  stops at 30 pages, announcement reads at the limit; a PR over either is blocked without reading more);
- the extra requests of --report (identity, comment pages, two writes, and after writing success one more
  look at the open PRs for a PR opened with the same head meanwhile).

    python benchmarks/bench_chain_requests.py [--reviews 3 300 3000] [--files 1 50 3500]
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
from pipeline.core.chain.gate import GITHUB_FILES_LIMIT  # noqa: E402
from pipeline.core.sop import Sop  # noqa: E402
from pipeline.edges.config import load_sop  # noqa: E402
from pipeline.edges.github_client import GitHubSettings  # noqa: E402
from tests.chain.conftest import World, build_world  # noqa: E402
from tests.chain.snapshots import wib  # noqa: E402
from tests.fakegithub import FakeGitHub  # noqa: E402
from tests.teams import TEAMS  # noqa: E402

PER_PAGE = 100


def floor(world: World, sop: Sop) -> int:
    """The least any client must ask for the world as it stands (the gate's early stops included)."""
    if world.pr.issue.author not in {m for team in TEAMS.values() for m in team}:
        return 1 + len(TEAMS)  # the PR, then the author's membership of each PPID team
    files = world.pr.files
    listed = min(len(files), GITHUB_FILES_LIMIT)
    changed = len(files) if world.pr.changed_files is None else world.pr.changed_files
    if changed > listed:
        return 1 + 1 + math.ceil(listed / PER_PAGE)  # the PR, one membership, the files list; then blocked
    open_pulls = sum(1 for p in world.repo.pulls.values() if p.is_open)
    lists = [len(files), open_pulls, len(world.pr.reviews), len(world.pr.issue.events), len(world.issue.events),
             *(len(world.fake.teams[("dinas", s)]["members"])
               for s in ("ppid-kabid", "ppid-sekretaris", "ppid-kepala-dinas"))]
    announcements = sum(1 for f in files
                        if f["filename"].startswith("content/pengumuman/") and f["status"] != "removed")
    reads = announcements if announcements <= sop.content.max_announcements_per_pr else 0
    return 3 + reads + sum(max(1, math.ceil(n / PER_PAGE)) for n in lists)


def budget(sop: Sop, world: World) -> int:
    """The most one evaluation of this PR may cost whatever files it holds: the PR, five memberships, 30 pages
    of files, the announcement limit, plus what does not grow with the PR's files (open PRs, reviews, events,
    the disposisi issue, teams) as they stand."""
    open_pulls = sum(1 for p in world.repo.pulls.values() if p.is_open)
    fixed = [open_pulls, len(world.pr.reviews), len(world.pr.issue.events), len(world.issue.events),
             *(len(world.fake.teams[("dinas", s)]["members"])
               for s in ("ppid-kabid", "ppid-sekretaris", "ppid-kepala-dinas"))]
    return (1 + len(TEAMS) + GITHUB_FILES_LIMIT // PER_PAGE + sop.content.max_announcements_per_pr + 1
            + sum(max(1, math.ceil(n / PER_PAGE)) for n in fixed))


def new_world(server: HTTPServer) -> tuple[FakeGitHub, GitHubSettings, World]:
    server.clear()
    fake = FakeGitHub(server)
    settings = GitHubSettings(token=fake.token, api_url=fake.base_url, seconds_between_requests=0,
                              seconds_between_writes=0, sleep=lambda _s: None)
    return fake, settings, build_world(fake, settings, load_sop(ROOT))


def evaluate(fake: FakeGitHub, settings: GitHubSettings, report: bool = False) -> tuple[int, int, float]:
    """(exit code, requests, seconds) of one `ppid chain` run."""
    started = time.perf_counter()
    with open("/dev/null", "w") as sink:
        code = chain(repo="dinas/ppid", pr=12, now_text="2024-08-05T15:00:00+07:00", as_json=True, report=report,
                     env={}, settings=settings, root=ROOT, out=sink, err=sink)
    return code, fake.count(), time.perf_counter() - started


def measure(server: HTTPServer, reviews: int, report: bool) -> tuple[int, int, int, float]:
    fake, settings, world = new_world(server)
    for index in range(reviews - 3):
        world.pr.review(f"warga{index}", "COMMENTED", wib(5, 13, 10))
    world.approve_chain()
    code, requests, elapsed = evaluate(fake, settings, report)
    assert code == 0, "the benchmark PR must be approved"
    review_pages = fake.count("GET", "/repos/dinas/ppid/pulls/12/reviews")
    return requests, floor(world, load_sop(ROOT)), review_pages, elapsed


def measure_files(server: HTTPServer, files: int, *, outsider: bool = False) -> tuple[int, int, int, int, float]:
    """(exit code, requests, floor, budget, seconds) for an approved PR of `files` files, a fifth of them
    announcements (the rest attachments)."""
    sop = load_sop(ROOT)
    fake, settings, world = new_world(server)
    world.approve_chain()
    for index in range(1, files):
        if index % 5 == 0 and index // 5 < sop.content.max_announcements_per_pr:
            world.pr.add_file(f"content/pengumuman/2024/lain-{index:05d}.md", "added")
        else:
            world.pr.add_file(f"content/lampiran/2024/berkas-{index:05d}.pdf", "added")
    if outsider:
        world.pr.issue.author = "warga"
    code, requests, elapsed = evaluate(fake, settings)
    return code, requests, floor(world, sop), budget(sop, world), elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, nargs="+", default=[3, 300, 3000])
    parser.add_argument("--files", type=int, nargs="+", default=[1, 50, 3500])
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one access-log line per request otherwise
    server = HTTPServer()
    server.start()
    failed = False
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
                failed = True
        print()
        print(f"{'files':>8} {'author':>8} {'exit':>5} {'requests':>9} {'floor':>6} {'ratio':>6} {'budget':>7} "
              f"{'seconds':>8}")
        cases = [(count, False) for count in args.files] + [(max(args.files), True)]
        for count, outsider in cases:
            code, requests, least, bound, seconds = measure_files(server, count, outsider=outsider)
            print(f"{count:>8} {'luar' if outsider else 'staf':>8} {code:>5} {requests:>9} {least:>6} "
                  f"{requests / least:>6.2f} {bound:>7} {seconds:>8.2f}")
            if requests != least or requests > bound:
                print("  !! requests above the floor or the budget", file=sys.stderr)
                failed = True
        with_report, least, _, _ = measure(server, args.reviews[0], report=True)
        print(f"\n--report with {args.reviews[0]} reviews: {with_report} requests ({with_report - least} more: "
              "GET /user, comment pages, POST comment, POST status, open PRs again after a success)")
    finally:
        server.stop()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
