"""`ppid arsip` catches up: every merge on the default branch's first-parent line since the last archived point
gets its record, so a cancelled or failed publish run loses nothing; `--dorong` pushes them, and a push that
loses a race re-archives on the new head instead of rebasing two records with the same number."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from pipeline.commands.arsip import MergeRefused, archive_pending, pending
from pipeline.edges.record_push import Remote
from tests.contentkit import announcement
from tests.publish.conftest import REPO, Merged, git, wib

SECOND = "content/pengumuman/2025/tata-cara-permohonan.md"


def _second_merge(merged: Merged, path: str = SECOND, approve: bool = True) -> str:
    """PR #14, approved by the whole chain, merged as a new commit after the first merge."""
    merged.repo.add_issue(13, author="kabid1", created_at=wib(8, 0, day=7), title="Disposisi: tata cara")
    merged.repo.issues[13].assign("staf1", by="kabid1", at=wib(8, 5, day=7))
    pull = merged.repo.add_pull(14, author="staf1", created_at=wib(9, 0, day=7), head_sha="d" * 40,
                                title="Tata cara permohonan", body="Disposisi: #13\n", files=[(path, "added")])
    if approve:
        for login, minute in (("kabid1", 10), ("sekre1", 20), ("kadis1", 30)):
            pull.review(login, "APPROVED", wib(10, minute, day=7))
    text = announcement(body="Tata cara permohonan informasi.\n")
    sha = merged.commit({path: text}, "Merge pull request #14")
    pull.merge(sha, at=wib(11, 0, day=7), by="staf1", base_sha=git(merged.root, "rev-parse", "HEAD~1"))
    return sha


def _run(merged: Merged, sha: str, remote: Remote | None = None) -> tuple[int, str]:
    out = io.StringIO()
    code = archive_pending(repo=REPO, sha=sha, now_text="2025-01-07T11:05:00+07:00", demo=False, env={},
                           settings=merged.settings, root=merged.root, remote=remote, out=out)
    return code, out.getvalue()


def _records(root: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((root / "content" / "arsip").rglob("*.json"))]


def _merges(root: Path) -> list[str]:
    return [str(r["commits"]["merge"]) for r in _records(root)]


def test_a_cancelled_publish_is_healed_by_the_next(merged: Merged) -> None:
    merged.approve()
    first = merged.merge()
    git(merged.root, "add", "-A")
    git(merged.root, "commit", "-q", "--allow-empty", "-m", "Arsip bukti sebelumnya (kosong)")
    # The publish run of the first merge never ran; the second merge's run archives both, oldest first.
    second = _second_merge(merged)
    code, out = _run(merged, second)
    assert code == 0
    assert _merges(merged.root) == [first, second]
    assert [r["seq"] for r in _records(merged.root)] == [1, 2]
    assert out.count("Catatan bukti ditulis") == 2
    # Idempotent: nothing left to do.
    assert _run(merged, second) == (0, "")
    assert len(_records(merged.root)) == 2


def test_the_catch_up_reaches_the_checkout_head_the_records_are_committed_on(merged: Merged) -> None:
    merged.approve()
    first = merged.merge()
    # The first merge's publish run checks out the branch after the second merge landed: a record commit on that
    # checkout that named only the first merge would mark the second as archived, and its record would be lost.
    second = _second_merge(merged)
    code, _ = _run(merged, first)
    assert code == 0
    assert _merges(merged.root) == [first, second]


def test_catch_up_stops_at_the_last_archived_point(merged: Merged) -> None:
    merged.approve()
    first = merged.merge()
    assert _run(merged, first)[0] == 0
    git(merged.root, "add", "content/arsip")
    git(merged.root, "commit", "-q", "-m", "Arsip bukti pengumuman sampai " + first[:7])
    second = _second_merge(merged)
    assert pending(merged.root, second) == [second]


def test_a_merge_that_only_adds_records_is_no_archived_point(merged: Merged) -> None:
    merged.approve()
    first = merged.merge()
    assert _run(merged, first)[0] == 0
    git(merged.root, "add", "content/arsip")
    git(merged.root, "commit", "-q", "-m", "Arsip bukti pengumuman sampai " + first[:7])
    # A PR bringing its own record lands as a merge: it is judged like any merge, not taken as a record commit.
    git(merged.root, "checkout", "-q", "-b", "konsep")
    merged.commit({"content/arsip/2025/00002-palsu-0000000.json": "{}\n"}, "Catatan bukti")
    git(merged.root, "checkout", "-q", "main")
    git(merged.root, "merge", "-q", "--no-ff", "-m", "Merge pull request #15", "konsep")
    forged = git(merged.root, "rev-parse", "HEAD")
    assert pending(merged.root, forged) == [forged]


def test_a_bypassing_merge_gets_no_record_but_the_others_do(merged: Merged) -> None:
    merged.merge()  # merged without a single approval
    second = _second_merge(merged)
    with pytest.raises(MergeRefused, match="PR #12 digabung"):
        _run(merged, second)
    assert _merges(merged.root) == [second]


@pytest.fixture
def remote(merged: Merged, tmp_path: Path) -> Path:
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(bare)], check=True)
    git(merged.root, "push", "-q", str(bare), "HEAD:refs/heads/main")
    return bare


def test_records_are_pushed_to_the_default_branch(merged: Merged, remote: Path) -> None:
    merged.approve()
    first = merged.merge()
    git(merged.root, "push", "-q", str(remote), "HEAD:refs/heads/main")
    code, out = _run(merged, first, Remote(str(remote), "main"))
    assert code == 0 and out.endswith("Catatan bukti didorong ke main.\n")
    pushed = subprocess.run(["git", "-C", str(remote), "log", "-1", "--name-only", "--format=%s", "main"],
                            capture_output=True, text=True, check=True).stdout.split()
    assert pushed[0] == "Arsip" and any(p.startswith("content/arsip/2025/00001-jadwal-layanan-") for p in pushed)


def test_a_push_that_loses_a_race_archives_again_on_the_new_head(merged: Merged, remote: Path,
                                                                  tmp_path: Path) -> None:
    merged.approve()
    first = merged.merge()
    git(merged.root, "push", "-q", str(remote), "HEAD:refs/heads/main")
    # While this run archives the first merge, the second merge lands on the remote (made in another clone).
    other = tmp_path / "other"
    subprocess.run(["git", "clone", "-q", str(remote), str(other)], check=True)
    other_story = Merged(other, merged.fake, merged.repo, merged.pr, merged.settings)
    second = _second_merge(other_story)
    git(other, "push", "-q", "origin", "HEAD:refs/heads/main")
    code, out = _run(merged, first, Remote(str(remote), "main"))
    assert code == 0 and "didorong ke main" in out
    subprocess.run(["git", "-C", str(merged.root), "fetch", "-q", str(remote), "main"], check=True)
    git(merged.root, "reset", "-q", "--hard", "FETCH_HEAD")
    assert _merges(merged.root) == [first, second]
    assert [r["seq"] for r in _records(merged.root)] == [1, 2]
