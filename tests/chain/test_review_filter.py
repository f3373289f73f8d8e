"""The one review filter (`sort_reviews`) every kind of PR shares, and the one state ladder (`standing`)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.core.chain.evaluate import evaluate
from pipeline.core.chain.reviews import SetAsideCode, latest_counted, sort_reviews
from pipeline.core.chain.snapshot import ChangedFile, Review, TeamMembers
from pipeline.core.chain.verdict import ChainProblem, standing
from pipeline.core.sop import Role, Sop
from pipeline.edges.workcal import build_calendar
from tests.chain.snapshots import HEAD, NOW, OLD, wib
from tests.chain.test_render import BASE, team

# One review per bucket, in time order; staf1 is the author, sekre1 is not in ppid-kabid.
KABIDS = TeamMembers("kabid", "ppid-kabid", frozenset(f"kabid{n}" for n in range(1, 6)))
REVIEWS = (
    Review(1, "staf1", "APPROVED", wib(5, 13, 0), HEAD),
    Review(2, "sekre1", "APPROVED", wib(5, 13, 5), HEAD),
    Review(3, "kabid1", "APPROVED", wib(5, 13, 10), OLD),
    Review(4, "kabid2", "CHANGES_REQUESTED", wib(5, 13, 15), OLD),
    Review(5, "kabid3", "CHANGES_REQUESTED", wib(5, 13, 20), HEAD),
    Review(6, "kabid4", "APPROVED", wib(5, 13, 25), HEAD),
)
SNAPSHOT = replace(BASE, teams=(KABIDS,), reviews=REVIEWS)
EXPECTED = [(1, "author_review"), (2, "not_team_member"), (3, "stale_approval"), (4, "stale_changes_requested"),
            (5, "changes_requested")]


def _every(review: Review, code: SetAsideCode) -> ChainProblem:
    """A problem naming the review and its code, to see what the filter asks for and in which order."""
    return ChainProblem("stale_approval", f"{review.id} {code}")


def _untimed(login: str, review_id: int = 9) -> Review:
    return Review(review_id, login, "APPROVED", None, HEAD)


def test_each_latest_review_lands_in_one_bucket_in_review_order(sop: Sop) -> None:
    latest, _ = latest_counted(SNAPSHOT.reviews)
    found = sort_reviews(SNAPSHOT, (*latest, _untimed("kabid5")), ("kabid",), sop, _every, record_send_backs=True)
    assert [r.id for r in found.approvals] == [6]
    assert [r.id for r in found.send_backs] == [5]
    assert [(d.review_id, d.code) for d in found.discarded] == [*EXPECTED, (9, "no_time")]
    assert [p.message for p in found.problems] == [f"{n} {code}" for n, code in [*EXPECTED, (9, "no_time")]]
    reasons = {d.code: d.reason for d in found.discarded}
    assert reasons == {
        "author_review": "ulasan oleh penulis PR sendiri tidak dihitung",
        "not_team_member": "@sekre1 bukan anggota tim ppid-kabid",
        "stale_approval": "persetujuan pada commit lama 1a2b3c4; commit terakhir PR adalah c0ffee1",
        "stale_changes_requested": "permintaan perubahan pada commit lama 1a2b3c4; commit terakhir PR adalah c0ffee1",
        "changes_requested": "@kabid3 meminta perubahan pada commit terakhir",
        "no_time": "persetujuan tanpa waktu pengiriman (submitted_at) tidak dihitung",
    }


def test_a_send_back_is_set_aside_only_when_the_kind_records_it(sop: Sop) -> None:
    latest, _ = latest_counted(SNAPSHOT.reviews)
    found = sort_reviews(SNAPSHOT, latest, ("kabid",), sop, lambda _r, _c: None, record_send_backs=False)
    assert [r.id for r in found.send_backs] == [5]
    assert [d.review_id for d in found.discarded] == [1, 2, 3, 4]
    assert found.problems == ()


def test_every_named_team_counts_and_is_named(sop: Sop) -> None:
    snapshot = replace(SNAPSHOT, teams=(KABIDS, team("ppid-sekretaris")))
    latest, _ = latest_counted(snapshot.reviews)
    found = sort_reviews(snapshot, (*latest, _untimed("warga")), ("kabid", "sekretaris"), sop,
                         lambda _r, _c: None, record_send_backs=True)
    assert [r.id for r in found.approvals] == [2, 6]
    assert [(d.login, d.reason) for d in found.discarded if d.code == "not_team_member"] == [
        ("warga", "@warga bukan anggota tim ppid-kabid, ppid-sekretaris")]


@pytest.mark.parametrize(("files", "teams"), [
    ((ChangedFile(".github/workflows/periksa.yml", "modified"),), ("ppid-admin",)),
    ((ChangedFile("content/bukti/a/1.jpg", "added"),), ("ppid-kabid",)),
])
def test_an_approval_without_a_time_is_kept_with_its_reason_for_every_kind(
        sop: Sop, files: tuple[ChangedFile, ...], teams: tuple[str, ...]) -> None:
    snapshot = replace(BASE, files=files, teams=tuple(team(t) for t in teams), disposisi=None,
                       reviews=(_untimed("admin1"), _untimed("kabid1", 10)))
    verdict = evaluate(snapshot, sop, build_calendar(sop, 2023, 2025), NOW)
    assert verdict.approvals == ()
    assert ("no_time", "persetujuan tanpa waktu pengiriman (submitted_at) tidak dihitung") in [
        (d.code, d.reason) for d in verdict.discarded]


BLOCK = ChainProblem("mixed_change", "x", "admin")


@pytest.mark.parametrize(("blocking", "returned_to", "draft", "waiting_for", "expected"), [
    ([BLOCK, ChainProblem("archive_modified", "y")], "kabid", True, "sekretaris", ("blocked", "admin")),
    ([], "kabid", True, "sekretaris", ("returned", "kabid")),
    ([], None, True, "sekretaris", ("waiting", "pelaksana")),
    ([], None, False, "sekretaris", ("waiting", "sekretaris")),
    ([], None, False, None, ("approved", None)),
    ([ChainProblem("mixed_change", "z")], None, False, None, ("blocked", "pelaksana")),
])
def test_the_first_step_of_the_ladder_that_applies_decides(blocking: list[ChainProblem], returned_to: Role | None,
                                                          draft: bool, waiting_for: Role | None,
                                                          expected: tuple[str, str | None]) -> None:
    assert standing(blocking, returned_to, draft, waiting_for) == expected
