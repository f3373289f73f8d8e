"""Open drafts read through real PyGithub over real HTTP (the fake GitHub): `ppid check --repo`, `ppid baru` and
`ppid disposisi` see every open PR's announcements; requests stay bounded; GitHub unreadable never passes."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Mapping
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.commands.baru import create
from pipeline.commands.check import DraftTarget, draft_clashes
from pipeline.commands.disposisi import disposisi
from pipeline.core.sop import Sop
from pipeline.edges.config import origin_repo
from pipeline.edges.github_client import GitHubSettings
from pipeline.errors import GitHubUnavailable
from tests.conftest import WriteFile
from tests.contentkit import VALID_FRONT_MATTER, announcement
from tests.drafts.conftest import REPO
from tests.fakegithub import FakeGitHub, FakeRepo

NOW = datetime(2025, 3, 14, 1, 0, tzinfo=UTC)  # 08:00 WIB
MINE = "content/pengumuman/2025/jadwal-layanan.md"
THEIRS = "content/pengumuman/2025/rapat-koordinasi.md"
BEFORE = ("Perbaiki sebelum meminta persetujuan: mengganti nomor atau nama berkas sesudah disetujui adalah perubahan "
          "isi, sehingga persetujuan gugur dan rantai Kabid/Kasubag, Sekretaris, Kepala Dinas harus diulang")


def text(nomor: int, tanggal: str = "2025-01-06") -> str:
    front = VALID_FRONT_MATTER.replace("001/PPID/DISKOMINFO/2025", f"{nomor:03d}/PPID/DISKOMINFO/2025")
    return announcement(front.replace("2025-01-06", tanggal))


def open_pr(gh_repo: FakeRepo, number: int, files: Mapping[str, str | bytes], *, base: str = "main") -> None:
    pull = gh_repo.add_pull(number, author="staf1", created_at=NOW, head_sha=f"{number:040x}",
                            body="Disposisi: #1\n")
    pull.base_ref = base
    for path, data in files.items():
        pull.add_file(path, content=data)


@pytest.fixture
def in_repo(repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(repo)
    return repo


# -- ppid check --repo ----------------------------------------------------------------------------------------------


def test_the_later_pr_is_told_on_its_nomor_line_the_earlier_one_passes_with_a_warning(
        in_repo: Path, write: WriteFile, gh_repo: FakeRepo, github_env: None,
        capsys: pytest.CaptureFixture[str]) -> None:
    open_pr(gh_repo, 9, {THEIRS: text(1)})
    open_pr(gh_repo, 12, {MINE: text(1)})
    write(MINE, text(1))  # the working directory holds PR 12's content, as the isi job lays it out

    assert main(["check", "--format", "github", "--repo", REPO, "--pr", "12"]) == 1
    assert capsys.readouterr().out == (
        f"::error file={MINE},line=3,title=nomor::nomor: nomor '001/PPID/DISKOMINFO/2025' juga dipakai oleh {THEIRS} "
        "di PR #9 yang dibuka lebih dulu; PR ini (dibuka kemudian) yang harus mengganti nomornya: ganti dengan nomor "
        "berikutnya yang belum dipakai (lihat 'ppid baru --dry-run', yang juga membaca PR terbuka). "
        f"{BEFORE}\n")

    (in_repo / MINE).unlink()
    write(THEIRS, text(1))  # now PR 9's content
    assert main(["check", "--repo", REPO, "--pr", "9"]) == 0
    assert capsys.readouterr().out == (
        f"{THEIRS}:3: nomor: peringatan: nomor '001/PPID/DISKOMINFO/2025' juga dipakai oleh {MINE} di PR #12 yang "
        "dibuka kemudian; PR #12 yang harus mengganti nomornya, PR ini tidak perlu diubah\n"
        "Semua 1 berkas valid.\n")


def test_the_event_and_the_default_branch_checkout(in_repo: Path, write: WriteFile, gh_repo: FakeRepo,
                                                   github_env: None, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """As the isi job runs it: the PR from the event file, the default branch's checkout from --utama."""
    open_pr(gh_repo, 12, {MINE: text(2)})
    write(MINE, text(2))
    utama = tmp_path / "utama"
    (utama / "content" / "pengumuman" / "2025").mkdir(parents=True)
    (utama / THEIRS).write_text(text(2), encoding="utf-8")  # merged after PR 12 branched
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 12, "head": {"sha": f"{12:040x}"}},
                                 "repository": {"default_branch": "main"}}), encoding="utf-8")
    argv = ["check", "--format", "json", "--repo", REPO, "--event", str(event), "--utama", str(utama)]
    assert main(argv) == 1
    [problem] = json.loads(capsys.readouterr().out)
    assert problem == {"path": MINE, "line": 3, "column": 0, "field": "nomor", "rule": "nomor-bentrok",
                       "level": "error",
                       "message": f"nomor '002/PPID/DISKOMINFO/2025' juga dipakai oleh {THEIRS} di cabang utama "
                                  "(sudah digabung); PR ini yang harus mengganti nomornya: ganti dengan nomor "
                                  "berikutnya yang belum dipakai (lihat 'ppid baru --dry-run', yang juga membaca PR "
                                  f"terbuka). {BEFORE}"}


def test_requests_are_bounded_and_drafts_over_the_limit_compare_names_only(
        in_repo: Path, write: WriteFile, gh_repo: FakeRepo, fake: FakeGitHub, settings: GitHubSettings,
        sop: Sop) -> None:
    limit = sop.content.max_announcements_per_pr
    open_pr(gh_repo, 9, {THEIRS: text(1), "content/lampiran/2025/a.pdf": b"%PDF a"})
    open_pr(gh_repo, 10, {f"content/pengumuman/2025/banyak-{i}.md": text(1) for i in range(limit + 1)}
            | {"content/pengumuman/2024/jadwal-layanan.md": text(1)})
    open_pr(gh_repo, 11, {"content/pengumuman/2025/lain.md": text(1)}, base="arsip-lama")  # not into main
    open_pr(gh_repo, 12, {MINE: text(1)})
    write(MINE, text(1))
    fake.reset_log()
    found, _, _ = draft_clashes(in_repo, sop, DraftTarget(REPO, pr=12), env={}, settings=settings)
    assert [(p.rule, p.message.split(" di PR #")[1][:2]) for p in found] == [
        ("nomor-bentrok", "9 "), ("slug-bentrok", "10")]
    # PR 12's files, the repository (default branch), the open PRs into it, then PR 9's files and its one
    # announcement, PR 10's files and nothing more: its announcements are over the limit
    assert fake.count("GET") == 6
    assert fake.count("GET", f"/repos/dinas/ppid/contents/{THEIRS}") == 1


def test_github_unreadable_fails_closed(in_repo: Path, write: WriteFile, gh_repo: FakeRepo, fake: FakeGitHub,
                                        settings: GitHubSettings, sop: Sop) -> None:
    open_pr(gh_repo, 9, {THEIRS: text(1)})
    open_pr(gh_repo, 12, {MINE: text(2)})
    write(MINE, text(2))
    fake.fail(f"/repos/dinas/ppid/contents/{THEIRS}", status=502, times=-1)
    with pytest.raises(GitHubUnavailable) as failed:
        draft_clashes(in_repo, sop, DraftTarget(REPO, pr=12), env={}, settings=settings)
    assert str(failed.value) == (f"GitHub menjawab HTTP 502 saat membaca berkas {THEIRS} pada commit 0000000 setelah "
                                 "beberapa percobaan (Server Error). Jalankan ulang `ppid check` nanti.")


@pytest.mark.parametrize(("argv", "message"), [
    (["--pr", "12"], "ppid: --pr, --event dan --utama hanya dipakai bersama --repo PEMILIK/NAMA\n"),
    (["--repo", REPO], "ppid: dengan --repo, sebutkan tepat salah satu: --pr N atau --event BERKAS\n"),
    (["--repo", REPO, "--pr", "0"], "ppid: --pr 0 bukan nomor PR; tulis bilangan bulat positif\n"),
    (["--repo", REPO, "--pr", "12", "--utama", "."], None),  # the working directory has content/: accepted
    (["--repo", REPO, "--pr", "12", "--utama", "tidak-ada"],
     "ppid: --utama tidak-ada: tidak ada folder content/ di sana; berikan salinan cabang utama repositori\n"),
])
def test_usage(in_repo: Path, gh_repo: FakeRepo, github_env: None, capsys: pytest.CaptureFixture[str],
               argv: list[str], message: str | None) -> None:
    open_pr(gh_repo, 12, {})
    code = main(["check", *argv])
    assert (code, capsys.readouterr().err) == ((0, "") if message is None else (2, message))


def test_without_a_token_the_comparison_is_refused_not_skipped(in_repo: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--repo", REPO, "--pr", "12"]) == 2
    assert capsys.readouterr().err.startswith("ppid: GITHUB_TOKEN belum diisi")


# -- ppid baru and ppid disposisi ----------------------------------------------------------------------------------


def baru(root: Path, settings: GitHubSettings | None, repo: str | None = REPO) -> str:
    out = StringIO()
    assert create(judul="Jadwal Layanan Informasi", jenis="setiap-saat", tanggal="2025-03-14", repo=repo, env={},
                  settings=settings, root=root, now=NOW, out=out) == 0
    return out.getvalue()


def test_two_drafts_started_the_same_morning_get_different_numbers(
        repo: Path, write: WriteFile, gh_repo: FakeRepo, settings: GitHubSettings) -> None:
    write("content/pengumuman/2025/lama.md", text(1))  # on the default branch
    open_pr(gh_repo, 9, {THEIRS: text(2, "2025-03-14"), "content/pengumuman/2025/lain.md": text(3, "2025-03-14")})
    closed = gh_repo.add_pull(8, author="staf2", created_at=NOW, head_sha=f"{8:040x}")
    closed.add_file("content/pengumuman/2025/ditutup.md", content=text(7))
    closed.issue.state = "closed"
    out = baru(repo, settings)
    assert out.splitlines()[:3] == [
        "Berkas dibuat: content/pengumuman/2025/jadwal-layanan-informasi.md", "Nomor: 004/PPID/DISKOMINFO/2025",
        "Nomor dihitung dari berkas di folder ini dan 1 pull request yang masih terbuka di dinas/ppid."]


def test_baru_fails_closed_and_writes_nothing(repo: Path, gh_repo: FakeRepo, fake: FakeGitHub,
                                              settings: GitHubSettings) -> None:
    fake.fail("/repos/dinas/ppid/pulls", status=503, times=-1)
    with pytest.raises(GitHubUnavailable) as failed:
        baru(repo, settings)
    assert str(failed.value) == ("GitHub menjawab HTTP 503 saat membaca daftar PR terbuka setelah beberapa percobaan "
                                 "(Server Error). Jalankan ulang `ppid baru` nanti.")
    assert not list((repo / "content" / "pengumuman").rglob("*.md"))


def test_baru_without_a_known_repository_says_so(repo: Path, settings: GitHubSettings) -> None:
    out = baru(repo, settings, repo=None)  # not a git clone, no GITHUB_REPOSITORY
    assert out.splitlines()[2] == (
        "Catatan: repositori GitHub tidak diketahui (tidak ada --repo, GITHUB_REPOSITORY atau remote origin di "
        "github.com), jadi draf lain yang masih terbuka sebagai pull request TIDAK terlihat; nomor ini hanya "
        "dihitung dari berkas di folder ini. Jalankan lagi dengan --repo PEMILIK/NAMA.")


def test_the_disposisi_link_reserves_a_number_no_open_draft_holds(repo: Path, gh_repo: FakeRepo,
                                                                  settings: GitHubSettings) -> None:
    issue = gh_repo.add_issue(5, author="kabid1", created_at=NOW, title="Disposisi: Jadwal Layanan Maret",
                              body="### Jenis informasi\n\nInformasi Tersedia Setiap Saat\n", labels=["disposisi"])
    issue.assign("staf1", by="kabid1", at=NOW)
    open_pr(gh_repo, 9, {THEIRS: text(1)})
    assert disposisi(repo=REPO, issue=5, tanggal="2025-03-14", env={}, settings=settings, root=repo, now=NOW,
                     out=StringIO()) == 0
    [comment] = gh_repo.comments_on(5)
    assert "nomor%3A%20002%2FPPID%2FDISKOMINFO%2F2025" in comment["body"]


@pytest.mark.parametrize(("url", "repo"), [
    ("https://github.com/diskominfo-kalbar/ppid.git", "diskominfo-kalbar/ppid"),
    ("https://github.com/diskominfo-kalbar/ppid", "diskominfo-kalbar/ppid"),
    ("https://staf1@github.com/diskominfo-kalbar/ppid.git", "diskominfo-kalbar/ppid"),
    ("git@github.com:diskominfo-kalbar/ppid.git", "diskominfo-kalbar/ppid"),
    ("ssh://git@github.com/diskominfo-kalbar/ppid.git", "diskominfo-kalbar/ppid"),
    ("https://gitlab.com/diskominfo-kalbar/ppid.git", None),
    ("http://127.0.0.1:8080/dinas/ppid.git", None),
])
def test_the_repository_of_a_staff_clone_comes_from_its_origin(tmp_path: Path, url: str, repo: str | None) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "remote", "add", "origin", url], check=True)
    assert origin_repo(tmp_path) == repo


def test_a_folder_that_is_no_clone_has_no_origin(tmp_path: Path) -> None:
    assert origin_repo(tmp_path) is None


def test_the_disposisi_link_is_not_written_when_open_drafts_cannot_be_read(repo: Path, gh_repo: FakeRepo,
                                                                          fake: FakeGitHub,
                                                                          settings: GitHubSettings) -> None:
    issue = gh_repo.add_issue(5, author="kabid1", created_at=NOW, title="Disposisi: Jadwal Layanan Maret",
                              body="### Jenis informasi\n\nInformasi Tersedia Setiap Saat\n", labels=["disposisi"])
    issue.assign("staf1", by="kabid1", at=NOW)
    fake.fail("/repos/dinas/ppid/pulls", status=502, times=-1)
    with pytest.raises(GitHubUnavailable) as failed:
        disposisi(repo=REPO, issue=5, tanggal="2025-03-14", env={}, settings=settings, root=repo, now=NOW,
                  out=StringIO())
    assert str(failed.value) == ("GitHub menjawab HTTP 502 saat membaca daftar PR terbuka setelah beberapa percobaan "
                                 "(Server Error). Jalankan ulang `ppid disposisi` nanti.")
    assert gh_repo.comments_on(5) == []  # a link to a number that may be taken is never offered
