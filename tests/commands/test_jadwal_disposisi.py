"""`ppid jadwal --buka-disposisi`: one disposisi issue per due item, never a duplicate while one is open.

Real PyGithub over real HTTP against the fake GitHub; a real content tree on disk. The reminder dates
themselves (six months, month ends, leap years, 31 March) are tested in tests/core/test_schedule.py.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.commands.jadwal import jadwal
from pipeline.core.reminder import marker, marker_key
from pipeline.edges.github_client import GitHubSettings
from pipeline.errors import GitHubUnavailable
from tests.commands.conftest import REPO
from tests.conftest import WriteFile
from tests.contentkit import VALID_FRONT_MATTER, announcement
from tests.fakegithub import FakeGitHub, FakeRepo

NOW = "2025-07-08T08:00:00+07:00"  # tata-cara (6 Jan 2025) became due on 6 Jul 2025
ISSUES = "/repos/dinas/ppid/issues"
KEUANGAN = VALID_FRONT_MATTER.replace("kategori: tata-cara", "kategori: keuangan").replace(
    "nomor: 001/", "nomor: 002/").replace("tanggal: 2025-01-06", "tanggal: 2025-06-30")


@pytest.fixture
def content(repo: Path, write: WriteFile) -> Path:
    write("content/pengumuman/2025/jadwal-layanan.md", announcement())  # tata-cara, 6 Jan 2025: due
    write("content/pengumuman/2025/keuangan.md", announcement(KEUANGAN))  # keuangan, 30 Jun 2025: not due
    return repo


def run(content: Path, settings: GitHubSettings, *, now: str = NOW, as_json: bool = False) -> str:
    out = StringIO()
    assert jadwal(now_text=now, as_json_output=as_json, buka=True, repo=REPO, env={}, settings=settings,
                  root=content, out=out) == 0
    return out.getvalue()


def reminders(gh_repo: FakeRepo) -> dict[str, int]:
    return {key: i.number for i in gh_repo.issues.values() if (key := marker_key(i.body)) and i.state == "open"}


def test_first_run_opens_one_issue_per_due_item(content: Path, settings: GitHubSettings, fake: FakeGitHub,
                                                gh_repo: FakeRepo) -> None:
    out = run(content, settings)
    opened = reminders(gh_repo)
    # 10 categories + the yearly report; keuangan is fresh
    assert sorted(opened) == sorted(["profil", "program", "kinerja", "laporan-akses", "regulasi", "tata-cara",
                                     "pengaduan", "pengadaan", "darurat", "laporan-tahunan-2024"])
    issue = gh_repo.issues[opened["tata-cara"]]
    assert issue.title == "Disposisi: Hak dan tata cara memperoleh informasi"
    assert issue.labels == ["disposisi", "jadwal"]
    assert issue.assignees == ["kabid1", "kabid2"]
    assert [(e["event"], e["assignee"]["login"]) for e in issue.events] == [("assigned", "kabid1"),
                                                                            ("assigned", "kabid2")]
    assert issue.body.startswith(marker("tata-cara") + "\n")
    assert "sudah lewat sejak **6 Juli 2025**" in issue.body
    assert "@dinas/ppid-kabid: Kabid/Kasubag, tugaskan (assign) issue ini" in issue.body
    assert ("Versi terakhir: [content/pengumuman/2025/jadwal-layanan.md](https://github.com/dinas/ppid/blob/main/"
            "content/pengumuman/2025/jadwal-layanan.md), terbit 6 Januari 2025.") in issue.body
    assert "### Jenis informasi\n\nInformasi Berkala\n\n### Kategori informasi berkala\n\ntata-cara\n" in issue.body
    report = gh_repo.issues[opened["laporan-tahunan-2024"]]
    assert report.title == "Disposisi: Laporan Layanan Informasi Publik Tahun 2024"
    assert "Belum pernah diterbitkan" in report.body and "\nlaporan-akses\n" in report.body
    assert {n: (gh_repo.labels[n]["color"], bool(gh_repo.labels[n]["description"])) for n in ("disposisi", "jadwal")} \
        == {"disposisi": ("0e8a16", True), "jadwal": ("fbca04", True)}
    assert out.rstrip().endswith("10 issue disposisi baru dibuka.")
    assert f"Disposisi #{opened['tata-cara']} dibuka: Disposisi: Hak dan tata cara memperoleh informasi " \
           f"https://github.com/dinas/ppid/issues/{opened['tata-cara']}" in out


def test_second_run_opens_nothing(content: Path, settings: GitHubSettings, fake: FakeGitHub,
                                  gh_repo: FakeRepo) -> None:
    run(content, settings)
    before = dict(gh_repo.issues)
    fake.reset_log()
    out = run(content, settings)
    assert gh_repo.issues == before
    assert fake.count("POST") == 0 and fake.count("PATCH") == 0
    assert [r.path for r in fake.requests] == [ISSUES]  # one page of open issues, nothing else
    assert fake.requests[0].query == {"state": "open", "labels": "disposisi,jadwal", "per_page": "100"}
    assert "masih terbuka, tidak dibuka ulang" in out and out.rstrip().endswith("0 issue disposisi baru dibuka.")


def test_every_page_of_open_issues_is_read(content: Path, settings: GitHubSettings, fake: FakeGitHub,
                                           gh_repo: FakeRepo) -> None:
    run(content, settings)
    at = datetime(2025, 7, 1, tzinfo=UTC)
    for index in range(250):  # other labelled issues opened later: the reminders end up on the last page
        gh_repo.add_issue(gh_repo.next_number(), author="staf1", created_at=at, title=f"Disposisi {index}",
                          body="Agenda biasa", labels=["disposisi", "jadwal"])
    fake.reset_log()
    run(content, settings)
    assert fake.count("GET", ISSUES) == 3 and fake.count("POST") == 0
    assert len(reminders(gh_repo)) == 10


@pytest.mark.parametrize(("change", "reopened"), [
    ("close", True),  # closed without a new version: still due, open a new one
    ("unlabel", True),  # the marker alone (without the labels) does not silence a reminder
    ("nothing", False),
])
def test_only_open_labelled_reminders_count(content: Path, settings: GitHubSettings, gh_repo: FakeRepo,
                                            change: str, reopened: bool) -> None:
    run(content, settings)
    first = gh_repo.issues[reminders(gh_repo)["tata-cara"]]
    if change == "close":
        first.state = "closed"
    elif change == "unlabel":
        first.labels.clear()
    run(content, settings)
    numbers = [i.number for i in gh_repo.issues.values() if marker_key(i.body) == "tata-cara"]
    assert len(numbers) == (2 if reopened else 1)


def test_pull_requests_with_the_marker_do_not_count(content: Path, settings: GitHubSettings,
                                                    gh_repo: FakeRepo) -> None:
    pull = gh_repo.add_pull(1, author="staf1", created_at=datetime(2025, 7, 1, tzinfo=UTC),
                            body=marker("tata-cara"))
    pull.issue.label("disposisi")
    pull.issue.label("jadwal")
    run(content, settings)
    assert reminders(gh_repo)["tata-cara"] != 1


def test_at_most_ten_assignees_and_the_team_is_mentioned(content: Path, settings: GitHubSettings, fake: FakeGitHub,
                                                         gh_repo: FakeRepo) -> None:
    fake.teams[("dinas", "ppid-kabid")]["members"] = [f"kabid{n:02d}" for n in range(25, 0, -1)]
    run(content, settings)
    issue = gh_repo.issues[reminders(gh_repo)["profil"]]
    assert issue.assignees == [f"kabid{n:02d}" for n in range(1, 11)]
    assert "@dinas/ppid-kabid" in issue.body


def test_nothing_due_asks_github_nothing(content: Path, settings: GitHubSettings, fake: FakeGitHub,
                                         write: WriteFile) -> None:
    for number, kategori in enumerate(("profil", "program", "kinerja", "laporan-akses", "regulasi", "tata-cara",
                                       "pengaduan", "pengadaan", "darurat"), start=10):
        text = VALID_FRONT_MATTER.replace("kategori: tata-cara", f"kategori: {kategori}").replace(
            "nomor: 001/", f"nomor: {number:03d}/").replace("tanggal: 2025-01-06", "tanggal: 2025-03-20")
        write(f"content/pengumuman/2025/{kategori}.md", announcement(text))
    out = run(content, settings, now="2025-04-01T08:00:00+07:00")
    assert fake.count() == 0
    assert out.rstrip().endswith("Tidak ada issue disposisi yang perlu dibuka.")


def test_json_names_each_issue(content: Path, settings: GitHubSettings, gh_repo: FakeRepo) -> None:
    run(content, settings)
    rows = {row["key"]: row for row in json.loads(run(content, settings, as_json=True))}
    number = reminders(gh_repo)["tata-cara"]
    assert rows["tata-cara"]["disposisi"] == {"action": "open", "number": number,
                                              "url": f"https://github.com/dinas/ppid/issues/{number}"}
    assert rows["keuangan"]["disposisi"] is None


def test_failed_write_is_not_repeated(content: Path, settings: GitHubSettings, fake: FakeGitHub,
                                      gh_repo: FakeRepo) -> None:
    fake.fail(ISSUES, method="POST", status=502, times=-1)
    with pytest.raises(GitHubUnavailable, match="jalankan ulang `ppid jadwal --buka-disposisi`"):
        run(content, settings)
    assert fake.count("POST", ISSUES) == 1


@pytest.mark.parametrize(("argv", "message"), [
    (["jadwal", "--buka-disposisi"], "--buka-disposisi memerlukan --repo"),
    (["jadwal", "--repo", REPO], "--repo hanya dipakai bersama --buka-disposisi"),
])
def test_usage_errors(content: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                      argv: list[str], message: str) -> None:
    monkeypatch.chdir(content)
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_cli_reads_the_token_from_the_environment(content: Path, fake: FakeGitHub, gh_repo: FakeRepo,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(content)
    monkeypatch.setenv("GITHUB_TOKEN", fake.token)
    monkeypatch.setenv("GITHUB_API_URL", fake.base_url)
    assert main(["jadwal", "--now", NOW, "--buka-disposisi", "--repo", REPO]) == 0
    assert "10 issue disposisi baru dibuka." in capsys.readouterr().out
    assert len(reminders(gh_repo)) == 10
