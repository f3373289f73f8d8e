"""The in-memory builder (tests/chain/snapshots.py) held to the chain's adapter, so the rule tests judge what the
adapter would read: every scenario of the rule tables is told both ways, and the snapshot the adapter reads over
HTTP from the fake GitHub (`GitHubRepo.fetch_snapshot`) equals the one the builder builds.

Review ids are the one difference by construction: each side numbers reviews from its own counter. The builder's
ids are mapped onto the fake's in the order both gave them (the evaluator breaks ties by id, so that order must
agree), and each review's html_url, which ends in the id, follows. Every other field is compared as is: the PR's,
issue's and open PRs' html_urls, the announcements' bytes at the head commit, and times (as instants).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime

import pytest

from pipeline.core.chain.snapshot import PrSnapshot
from tests.chain import test_evidence, test_rules, test_timing
from tests.chain.conftest import World
from tests.chain.snapshots import ANNOUNCEMENT, HEAD, Scene, Story, wib
from tests.chain.test_evidence import OLD_PHOTO, PHOTO, add, approve, then
from tests.chain.test_renumbering import PUSHES, RENUMBERED, push_after_the_chain
from tests.chain.test_serta_merta import HEAD_VERSIONS, head_files
from tests.contentkit import VALID_FRONT_MATTER, announcement

Setup = Callable[[Scene], None]
SECOND = "5ec0" + "2" * 36
THIRD = "7e1d" + "3" * 36


def timing(moments: Mapping[str, datetime | None]) -> Setup:
    return lambda w: test_timing.retell(w, **moments)  # type: ignore[arg-type]


def evidence_in_an_announcement(w: Scene) -> None:
    w.approve_chain()
    w.pr.add_file(PHOTO, "added")


def serta_merta_approved(w: Scene) -> None:
    w.serta_merta()
    w.approve_chain()


def more_files_than_github_lists(w: Scene) -> None:
    w.approve_chain()
    for index in range(3000):
        w.pr.add_file(f"content/lampiran/2024/berkas-{index:04d}.pdf", "added")


def outsider_who_marked_ready(w: Scene) -> None:
    w.pr.convert_to_draft(wib(5, 13, 5))
    w.pr.mark_ready(wib(5, 13, 10))
    w.pr.issue.author = "warga"


def renumbered_twice(w: Scene) -> None:
    """Approved at 001, renumbered to 002 and approved again, then renumbered to 004: the newest approval's nomor
    (002) is the one the chain names."""
    w.pr.review("kabid1", "APPROVED", wib(5, 13, 30))
    w.repo.put_file(ANNOUNCEMENT, w.pr.contents[ANNOUNCEMENT], ref=HEAD)
    second = announcement(VALID_FRONT_MATTER.replace("001/PPID/DISKOMINFO/2025", "002/PPID/DISKOMINFO/2025"))
    w.pr.push(SECOND)
    w.pr.contents[ANNOUNCEMENT] = second.encode()
    w.repo.put_file(ANNOUNCEMENT, second, ref=SECOND)
    w.pr.review("kabid1", "APPROVED", wib(5, 14, 0))
    w.pr.push(THIRD)
    w.pr.contents[ANNOUNCEMENT] = RENUMBERED.encode()


def a_pending_review(w: Scene) -> None:
    w.pr.review("kabid1", "APPROVED", wib(5, 13, 30))
    w.pr.review("sekre1", "PENDING", wib(5, 13, 40))


def merged_beside_an_open_pr(w: Scene) -> None:
    w.approve_chain()
    w.repo.add_pull(13, author="staf2", created_at=wib(5, 14, 10), head_sha="b" * 40,
                    files=[("content/pengumuman/2024-08-05-lain.md", "added")])
    w.pr.merge("f" * 40, at=wib(5, 14, 30), by="staf1")


CASES: list[tuple[str, Setup]] = [
    *((f"rules-{name}", setup) for name, setup, *_ in test_rules.SCENARIOS),
    *((f"evidence-{name}", setup) for name, setup, *_ in test_evidence.SCENARIOS),
    # the evidence tests' other stories
    ("evidence-in-an-announcement", evidence_in_an_announcement),
    ("evidence-with-code-only", then(add("pipeline/cli.py", "modified"))),
    ("evidence-removes-old-photo-only", then(add(OLD_PHOTO, "removed"))),
    ("evidence-sekretaris-approves", then(approve("sekre1"))),
    ("evidence-outsider-then-kabid", then(approve("warga", 1310), approve("kabid1"))),
    *((f"timing-{name}", timing(moments)) for name, moments, *_ in test_timing.CASES),
    # the timing tests' other stories
    ("timing-a-breach-every-day", timing(dict(opened=wib(5, 8, 0), assigned=wib(5, 9, 0), ready=wib(6, 15, 0),
                                              kabid=wib(7, 15, 0), sekretaris=wib(8, 15, 0), kadis=wib(9, 15, 0)))),
    ("timing-over-a-weekend", timing(dict(opened=wib(2, 16, 20), assigned=wib(5, 7, 35), ready=wib(5, 13, 0),
                                          kabid=wib(5, 13, 30)))),
    *((f"serta-merta-head-version-{index}", head_files(files)) for index, (files, _) in enumerate(HEAD_VERSIONS)),
    ("serta-merta-approved", serta_merta_approved),
    *((f"renumbering-{index}", push_after_the_chain(text)) for index, (text, _) in enumerate(PUSHES)),
    # no rule table lists more files than GitHub does; this holds the builder's cut to the adapter's
    ("more-files-than-github-lists", more_files_than_github_lists),
    # what the builder must copy from the adapter although no rule table above depends on it yet
    ("outsider-who-marked-ready", outsider_who_marked_ready),
    ("renumbered-twice", renumbered_twice),
    ("a-pending-review", a_pending_review),
    ("merged-beside-an-open-pr", merged_beside_an_open_pr),
]


def with_ids_of(built: PrSnapshot, read: PrSnapshot) -> PrSnapshot:
    """`built` with its review ids (and the html_urls ending in them) replaced by `read`'s, in id order."""
    ids = dict(zip(sorted(r.id for r in built.reviews), sorted(r.id for r in read.reviews), strict=False))
    return replace(built, reviews=tuple(
        replace(r, id=ids[r.id], html_url=f"{r.html_url.rsplit('-', 1)[0]}-{ids[r.id]}") if r.id in ids else r
        for r in built.reviews))


@pytest.mark.parametrize("setup", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_the_builder_builds_what_the_adapter_reads(world: World, story: Story, setup: Setup) -> None:
    setup(world)
    setup(story)
    read = world.snapshot()
    assert with_ids_of(story.snapshot(), read) == read
