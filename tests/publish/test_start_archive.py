"""Starting the office's real archive (PANDUAN-ADMIN.md, "Memulai arsip sungguhan"): the guide's steps on a copy of
this repository, then a real publication on top, each checked by `ppid verify` and the deploying build."""

from __future__ import annotations

import io
import json
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from pipeline.cli import main
from pipeline.commands.arsip import archive_pending
from pipeline.commands.mulai_arsip import start_archive
from pipeline.core.proof import next_record, verify_chain
from pipeline.core.proof_draft import genesis_record
from pipeline.edges.archive import read_published, read_records, write_record
from pipeline.edges.config import load_sop
from pipeline.edges.github_client import GitHubSettings
from tests.contentkit import announcement
from tests.fakegithub import FakeGitHub
from tests.publish.conftest import ORG, REPO, git, wib
from tests.teams import TEAMS

ROOT = Path(__file__).resolve().parents[2]
FIRST = "content/pengumuman/2026/jadwal-layanan-sungguhan.md"


@pytest.fixture
def office(tmp_path: Path, fake: FakeGitHub, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A clone of this repository (sample content and demo archive), the PPID teams on the fake GitHub."""
    root = tmp_path / "ppid"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(root)], check=True)
    for slug, members in TEAMS.items():
        fake.add_team(ORG, slug, members)
    fake.add_repo(REPO)
    monkeypatch.chdir(root)
    monkeypatch.setenv("GITHUB_TOKEN", fake.token)
    monkeypatch.setenv("GITHUB_API_URL", fake.base_url)
    return root


def _records(root: Path) -> list[dict[str, Any]]:
    found = [json.loads(p.read_text(encoding="utf-8")) for p in (root / "content" / "arsip").rglob("*.json")]
    return sorted(found, key=lambda record: int(record["seq"]))


def test_the_guides_clean_start_then_a_real_publication(office: Path, fake: FakeGitHub, settings: GitHubSettings,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    sop = load_sop(office)
    old = verify_chain(read_records(office, sop), sop.content.archive, sop.tz)
    samples = sorted(p.relative_to(office).as_posix() for p in (office / "content" / "pengumuman").rglob("*.md"))
    # The guide: run the workflow "Mulai arsip sungguhan"; it runs this command as the admin who asked.
    assert main(["mulai-arsip", "--repo", REPO, "--oleh", "admin1", "--now", "2026-12-07T08:00:00+07:00"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Arsip baru dimulai: content/arsip/2026/00001-pemeliharaan-")
    [genesis] = _records(office)
    assert genesis["generation"] == {"number": 2, "previous_head": old.head, "previous_count": len(old.records),
                                     "reason": "isi dan catatan contoh dihapus; arsip sungguhan dimulai"}
    assert genesis["prev_sha256"] == old.head and genesis["demo"] is False and genesis["pull_request"] is None
    assert [(a["role"], a["login"]) for a in genesis["approvals"]] == [("admin", "admin1")]
    assert not any((office / path).exists() for path in samples)
    assert (office / "content" / "index.md").is_file()  # the office's own pages are kept as its starting content
    assert git(office, "status", "--porcelain") == ""
    # The published (demo) head is extended by the new generation; verify and the deploying build accept it.
    assert main(["verify", "--sejak", old.head]) == 0, capsys.readouterr().out
    assert main(["build", "--terbit"]) == 0
    index = (office / "site" / "bukti" / "index.html").read_text(encoding="utf-8")
    assert "generasi 2" in index and old.head in index
    # The first real announcement, approved in order and merged: archived after the new start, and published.
    repo = fake.repos[REPO]
    repo.add_issue(5, author="kabid1", created_at=wib(8, 0, day=8), title="Disposisi")
    repo.issues[5].assign("staf1", by="kabid1", at=wib(8, 5, day=8))
    pull = repo.add_pull(12, author="staf1", created_at=wib(9, 0, day=8), head_sha="e" * 40, title="Jadwal",
                         body="Disposisi: #5\n", files=[(FIRST, "added")])
    for login, minute in (("kabid1", 10), ("sekre1", 20), ("kadis1", 30)):
        pull.review(login, "APPROVED", wib(10, minute, day=8))
    (office / FIRST).parent.mkdir(parents=True, exist_ok=True)
    (office / FIRST).write_text(announcement().replace("/2025", "/2026").replace("2025-", "2026-"),
                                encoding="utf-8")
    git(office, "add", FIRST)
    git(office, "commit", "-q", "-m", "Merge pull request #12")
    sha = git(office, "rev-parse", "HEAD")
    pull.merge(sha, at=wib(11, 0, day=8), by="staf1", base_sha=git(office, "rev-parse", "HEAD~1"))
    code = archive_pending(repo=REPO, sha=sha, now_text=None, demo=False, env={}, settings=settings, root=office,
                           out=io.StringIO())
    assert code == 0
    records = _records(office)
    assert [r["seq"] for r in records] == [1, 2] and records[1]["prev_sha256"] == genesis["sha256"]
    assert main(["verify"]) == 0, capsys.readouterr().out
    assert main(["build", "--terbit"]) == 0
    assert (office / "site" / "pengumuman" / "2026" / "jadwal-layanan-sungguhan" / "index.html").is_file()


def test_only_an_admin_may_start_it_and_only_over_demo_records(office: Path, settings: GitHubSettings) -> None:
    from pipeline.errors import PpidError

    with pytest.raises(PpidError, match="@staf1 bukan anggota tim ppid-admin"):
        start_archive(repo=REPO, by="staf1", reason="x", url="", now_text=None, env={}, root=office,
                      settings=settings)
    assert git(office, "status", "--porcelain") == ""
    start_archive(repo=REPO, by="admin1", reason="x", url="", now_text=None, env={}, root=office, settings=settings)
    with pytest.raises(PpidError, match="arsip sudah berisi 1 catatan sungguhan"):
        start_archive(repo=REPO, by="admin1", reason="x", url="", now_text=None, env={}, root=office,
                      settings=settings)


def test_verify_refuses_a_new_generation_that_replaced_real_records(office: Path, settings: GitHubSettings,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """A forged start, made by hand past the command's refusal, over an archive that held a real record."""
    sop = load_sop(office)
    tz = sop.tz
    report = verify_chain(read_records(office, sop), sop.content.archive, tz)
    real = next_record(report.records[-1][1], replace(report.records[-1][1], demo=False,
                                                        commits=replace(report.records[-1][1].commits, merge="f" * 40)))
    write_record(office, sop, real, tz)
    git(office, "add", "-A")
    git(office, "commit", "-q", "-m", "a real record")
    report = verify_chain(read_records(office, sop), sop.content.archive, tz)
    base = git(office, "rev-parse", "HEAD")
    for path, _ in report.records:
        (office / path).unlink()
    git(office, "add", "-A")
    git(office, "commit", "-q", "-m", "wipe")
    start = git(office, "rev-parse", "HEAD")
    kept = [(p, d) for p, d in read_published(office, sop).items() if d is not None]
    forged = genesis_record(repo=REPO, previous=report, generation=2, removed=[], kept=kept, announcements=[],
                            base_sha=base, start_sha=start, by="admin1", at=wib(8, 0), url="", reason="x",
                            version="0")
    write_record(office, sop, forged, tz)
    git(office, "add", "-A")
    git(office, "commit", "-q", "-m", "forged start")
    assert main(["verify"]) == 1
    out = capsys.readouterr().out
    assert "content/arsip:1: generation: arsip yang diganti berisi 1 catatan sungguhan" in out
