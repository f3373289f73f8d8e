"""A merged offline-evidence PR through `ppid arsip`: the photo and
its record are hashed into the proof chain with the one Kabid approval; an unapproved one is refused."""

from __future__ import annotations

import pytest

from pipeline.commands.arsip import MergeRefused
from pipeline.core.proof import parse_record
from tests.publish.conftest import Merged, wib

PHOTO = "content/bukti/jadwal-layanan/2025-01-07-papan-pengumuman-1.jpg"
RECORD = "content/bukti/jadwal-layanan/2025-01-07-papan-pengumuman-1.yml"


def evidence_merge(story: Merged) -> None:
    story.pr.files.clear()
    story.pr.issue.body = "Foto papan pengumuman lobi."
    story.pr.add_file(PHOTO, "added")
    story.pr.add_file(RECORD, "added")
    story.sha = story.commit({PHOTO: "foto", RECORD: "pengumuman: jadwal-layanan\n"}, "Merge pull request #12")


def test_approved_evidence_is_archived(merged: Merged) -> None:
    evidence_merge(merged)
    merged.approve(("kabid1", wib(9, 30)))
    merged.merge()
    code, out = merged.archive()
    assert code == 0 and "PR #12 (konten)" in out
    [file] = sorted((merged.root / "content" / "arsip").rglob("*.json"))
    record, problems = parse_record(file.relative_to(merged.root).as_posix(), file.read_bytes())
    assert problems == [] and record is not None
    assert [f.path for f in record.files] == [PHOTO, RECORD]
    assert [(a.role, a.login) for a in record.approvals] == [("kabid", "kabid1")]
    assert record.announcements == () and record.timing == () and record.disposisi is None


def test_unapproved_evidence_merge_is_refused(merged: Merged) -> None:
    evidence_merge(merged)
    merged.approve(("sekre1", wib(9, 30)))  # not a Kabid team member
    merged.merge()
    with pytest.raises(MergeRefused, match="digabung \\(merge\\) TANPA rantai persetujuan SOP"):
        merged.archive()
