"""The proof record's optional `send_backs`: older records keep their bytes, new ones count CHANGES_REQUESTED."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pipeline.core.chain.snapshot import PrSnapshot, Review, TeamMembers
from pipeline.core.proof import SendBackRef, parse_record, record_hash, render, seal
from pipeline.core.proof_draft import send_backs
from pipeline.core.sop import ContentConfig, Role

ROOT = Path(__file__).resolve().parents[2]
FIRST = next((ROOT / "content" / "arsip").rglob("00001-*.json"))
T0 = datetime(2025, 3, 3, 1, 0, tzinfo=UTC)


def test_a_record_without_the_key_keeps_its_bytes_and_reads_as_not_recorded() -> None:
    data = FIRST.read_bytes()
    record, problems = parse_record(str(FIRST), data)
    assert problems == [] and record is not None
    assert record.send_backs is None
    assert b"send_backs" not in data and render(record) == data and record_hash(record) == record.sha256


def test_a_recorded_empty_list_is_written_and_changes_the_hash() -> None:
    record, _ = parse_record(str(FIRST), FIRST.read_bytes())
    assert record is not None
    none = seal(replace(record, send_backs=()))
    one = seal(replace(record, send_backs=(SendBackRef("kabid", "kabid-ikp", 7, T0, "https://x/7", "a" * 40),)))
    assert b'"send_backs": []' in render(none)
    assert len({record.sha256, none.sha256, one.sha256}) == 3
    for sealed in (none, one):
        again, problems = parse_record("x.json", render(sealed))
        assert problems == [] and again == sealed


def _snapshot(reviews: list[tuple[str, str]]) -> PrSnapshot:
    teams: dict[Role, frozenset[str]] = {"kabid": frozenset({"kabid1", "ganda"}),
                                         "sekretaris": frozenset({"sekre1", "ganda"}),
                                         "kepala_dinas": frozenset({"kadis1"}), "pelaksana": frozenset({"staf1"})}
    return PrSnapshot(
        repo="dinas/ppid", number=5, author="staf1", head_sha="b" * 40, draft=False, created_at=T0, body="",
        files=(), teams=tuple(TeamMembers(role, role, members) for role, members in teams.items()),
        content=ContentConfig(),
        reviews=tuple(Review(id=i, login=login, state=state, submitted_at=T0 + timedelta(minutes=10 * i),
                             commit_id="a" * 40, html_url=f"https://x/{i}")
                      for i, (login, state) in enumerate(reviews, start=1)))


@pytest.mark.parametrize(("reviews", "expected"), [
    ([], []),
    ([("kabid1", "CHANGES_REQUESTED"), ("kabid1", "APPROVED")], [("kabid", "kabid1")]),
    ([("sekre1", "CHANGES_REQUESTED"), ("kadis1", "CHANGES_REQUESTED"), ("kabid1", "CHANGES_REQUESTED")],
     [("sekretaris", "sekre1"), ("kepala_dinas", "kadis1"), ("kabid", "kabid1")]),
    ([("kabid1", "COMMENTED"), ("kabid1", "APPROVED"), ("kabid1", "DISMISSED")], []),
    ([("staf1", "CHANGES_REQUESTED")], []),  # the author cannot send back their own draft
    ([("tamu", "CHANGES_REQUESTED")], []),  # not in an approver team
    ([("ganda", "CHANGES_REQUESTED")], [("kabid", "ganda")]),  # first chain role, as the chain counts it
    ([("KABID1", "CHANGES_REQUESTED")], [("kabid", "KABID1")]),  # logins compare case-insensitively
])
def test_send_backs_are_changes_requested_by_approvers(reviews: list[tuple[str, str]],
                                                       expected: list[tuple[str, str]]) -> None:
    found = send_backs(_snapshot(reviews))
    assert [(s.role, s.login) for s in found] == expected
    assert all(s.url.startswith("https://x/") and s.commit == "a" * 40 for s in found)


def test_a_dismissed_send_back_is_still_recorded() -> None:
    """GitHub rewrites a dismissed review's state to DISMISSED; the send-back it was still happened."""
    snapshot = _snapshot([("kadis1", "APPROVED"), ("kadis1", "DISMISSED"), ("kabid1", "DISMISSED")])
    kadis, kabid = snapshot.reviews[1], snapshot.reviews[2]
    snapshot = replace(snapshot, reviews=(snapshot.reviews[0], replace(kadis, dismissed_state="CHANGES_REQUESTED"),
                                          replace(kabid, dismissed_state="APPROVED")))
    assert [(s.role, s.login, s.review_id) for s in send_backs(snapshot)] == [("kepala_dinas", "kadis1", 2)]
