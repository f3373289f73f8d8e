"""`ppid disposisi`: the prefilled editor link decodes to a file `ppid check` accepts once the placeholders are
filled, and the one comment on the issue is idempotent (real PyGithub against the fake GitHub)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from io import StringIO
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml

from pipeline.cli import main
from pipeline.commands.disposisi import disposisi
from pipeline.core.catalog import check_sources
from pipeline.core.disposisi_link import MARKER, disposisi_draft, form_answers, jenis_from, judul_from, new_file_url
from pipeline.core.reminder import reminder_issue
from pipeline.core.schedule import DueItem
from pipeline.core.sop import Sop
from pipeline.core.validate import SourceFile
from pipeline.edges.github_client import GitHubSettings
from pipeline.errors import UsageError
from tests.commands.conftest import REPO
from tests.conftest import WriteFile
from tests.contentkit import VALID_FRONT_MATTER, announcement, fill_scaffold
from tests.fakegithub import FakeGitHub, FakeIssue, FakeRepo

TODAY = date(2025, 8, 12)
NOW = datetime(2025, 8, 12, 2, 0, tzinfo=UTC)  # Selasa 12 Agustus 2025 09.00 WIB
FILLED = {"judul": "Pengumuman Hasil Disposisi", "jenis": "setiap-saat", "kategori": "program",
          "ringkasan": "Ringkasan singkat pengumuman.", "unit": "Bidang Informasi dan Komunikasi Publik",
          "penanggung_jawab": "Kepala Bidang IKP", "retensi": "5 Tahun"}


def form_body(jenis: str | None = "Informasi Berkala", **extra: str) -> str:
    """An issue body as GitHub writes the disposisi form's answers (.github/ISSUE_TEMPLATE/disposisi.yml)."""
    parts = {"Pelaksana yang ditugaskan": "@staf1", "Jenis informasi": jenis or "_No response_",
             "Bahan informasi": "Surat BPBD No. 12/2025 dan peta wilayah.",
             "Agenda kerja atau dasar penugasan": "_No response_", "Catatan untuk Pelaksana": "_No response_",
             **extra}
    return "\n\n".join(f"### {head}\n\n{value}" for head, value in parts.items())


def fill(text: str) -> str:
    return fill_scaffold(text, FILLED)


def decode(url: str) -> tuple[str, str, str]:
    """(branch, filename, value) from GitHub's new-file link, with urllib.parse only."""
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc) == ("https", "github.com")
    match = re.fullmatch(r"/dinas/ppid/new/([^/]+)", parts.path)
    assert match, parts.path
    query = parse_qs(parts.query, strict_parsing=True)
    assert set(query) == {"filename", "value"} and all(len(v) == 1 for v in query.values())
    return unquote(match.group(1)), query["filename"][0], query["value"][0]


def check_ok(sop: Sop, path: str, text: str, existing: frozenset[str] = frozenset()) -> list[str]:
    result = check_sources([SourceFile(path, text.encode())], sop, existing | {path})
    return [f"{p.line}: {p.field}: {p.message}" for p in result.problems]


@pytest.mark.parametrize(("title", "body", "path", "blank"), [
    ("Disposisi: Peringatan Dini Banjir di Kabupaten Sintang", form_body("Informasi Serta Merta"),
     "content/pengumuman/2025/peringatan-dini-banjir-di-kabupaten-sintang.md", ["ringkasan"]),
    ("Disposisi: Program Kalbar Digital 2025", form_body("Informasi Berkala"),
     "content/pengumuman/2025/program-kalbar-digital-2025.md", ["kategori", "ringkasan"]),
    ("Disposisi: Program Kalbar Digital 2025", form_body("Informasi Berkala", **{"Kategori informasi berkala":
                                                                                "program"}),
     "content/pengumuman/2025/program-kalbar-digital-2025.md", ["ringkasan"]),
    ("Disposisi: Maklumat Pelayanan", form_body("Informasi Tersedia Setiap Saat"),
     "content/pengumuman/2025/maklumat-pelayanan.md", ["ringkasan"]),
    ("Disposisi: ", form_body(None), "content/pengumuman/2025/disposisi-7.md", ["judul", "jenis", "ringkasan"]),
    ("Tanpa awalan disposisi", "Isi bebas tanpa formulir.", "content/pengumuman/2025/tanpa-awalan-disposisi.md",
     ["jenis", "ringkasan"]),
    ("Disposisi: 🚨🚨🚨🚨🚨", form_body("Informasi Serta Merta"), "content/pengumuman/2025/disposisi-7.md",
     ["ringkasan"]),
])
def test_link_decodes_to_a_file_check_accepts_once_filled(sop: Sop, title: str, body: str, path: str,
                                                          blank: list[str]) -> None:
    draft = disposisi_draft(7, title, body, TODAY, sop, ["011/PPID/DISKOMINFO/2025"])
    url = new_file_url("https://github.com/dinas/ppid", "main", draft.path, draft.text)
    branch, filename, value = decode(url)
    assert (branch, filename) == ("main", path)
    assert value == draft.text
    assert "\nnomor: 012/PPID/DISKOMINFO/2025\n" in value and "\ntanggal: 2025-08-12\n" in value
    problems = check_ok(sop, filename, value)
    assert {p.split(": ")[1] for p in problems} >= set(blank)  # check points at exactly what is left to write
    assert [f for f in ("judul", "jenis", "kategori") if f in draft.to_fill] == [
        f for f in blank if f in ("judul", "jenis", "kategori")]
    assert check_ok(sop, filename, fill(value)) == []
    assert len(url) < 8000  # GitHub and browsers accept it


def test_jadwal_issue_gives_a_ready_berkala_draft(sop: Sop) -> None:
    item = DueItem("keuangan", "Ringkasan laporan keuangan", date(2025, 1, 6), "content/pengumuman/2025/a.md",
                   date(2025, 7, 6), True, True)
    issue = reminder_issue(item, org="dinas", team="ppid-kabid", kabid="Kabid/Kasubag", members=["kabid1"],
                           last_url="https://github.com/dinas/ppid/blob/main/content/pengumuman/2025/a.md")
    draft = disposisi_draft(31, issue.title, issue.body, TODAY, sop, [])
    front = yaml.safe_load(draft.text.split("---\n")[1])
    assert (front["judul"], front["jenis"], front["kategori"]) == ("Ringkasan laporan keuangan", "berkala",
                                                                    "keuangan")
    assert draft.path == "content/pengumuman/2025/ringkasan-laporan-keuangan.md"
    assert draft.to_fill == ("ringkasan", "unit", "penanggung_jawab", "retensi")
    assert check_ok(sop, draft.path, fill(draft.text)) == []


@pytest.mark.parametrize("judul", [
    'Jadwal: "Libur" #1 --- selesai',
    "Pengumuman `kode` <script>alert(1)</script>",
    "yes: no\n---\njenis: serta-merta",
    "- [ ] {a: b} & *x",
])
def test_untrusted_title_stays_one_yaml_value(sop: Sop, judul: str) -> None:
    draft = disposisi_draft(7, f"Disposisi: {judul}", form_body("Informasi Tersedia Setiap Saat"), TODAY, sop, [])
    head = draft.text.split("\n---\n", 1)[0].removeprefix("---\n")
    front = yaml.safe_load(head)
    assert front["judul"] == " ".join(judul.split())
    assert front["jenis"] == "setiap-saat"
    assert set(front) == {"judul", "nomor", "jenis", "tanggal", "ringkasan", "unit", "penanggung_jawab", "retensi",
                          "tempat", "bentuk", "media"}


@pytest.mark.parametrize(("answer", "jenis"), [
    ("Informasi Berkala", "berkala"), ("Informasi Serta Merta", "serta-merta"),
    ("Informasi Tersedia Setiap Saat", "setiap-saat"), ("serta merta", "serta-merta"), ("  BERKALA \n", "berkala"),
    ("Informasi Dikecualikan", None), (None, None), ("", None),
])
def test_jenis_from_the_form(answer: str | None, jenis: str | None) -> None:
    assert jenis_from(answer) == jenis


@pytest.mark.parametrize(("title", "judul"), [
    ("Disposisi: Jadwal Layanan 2026", "Jadwal Layanan 2026"), ("disposisi - Jadwal Layanan", "Jadwal Layanan"),
    ("Disposisi:", None), ("Disposisi: abc", None), ("Jadwal   Layanan\t2026", "Jadwal Layanan 2026"),
    ("x" * 201, None),
])
def test_judul_from_the_title(title: str, judul: str | None) -> None:
    assert judul_from(title) == judul


def test_form_answers_skip_empty_fields() -> None:
    answers = form_answers(form_body("Informasi Berkala").replace("\n", "\r\n"))
    assert answers == {"Pelaksana yang ditugaskan": "@staf1", "Jenis informasi": "Informasi Berkala",
                       "Bahan informasi": "Surat BPBD No. 12/2025 dan peta wilayah."}


# -- the command against the fake GitHub ---------------------------------------------------------------------------


@pytest.fixture
def issue(gh_repo: FakeRepo) -> FakeIssue:
    found = gh_repo.add_issue(7, author="kabid1", created_at=NOW, title="Disposisi: Peringatan Dini Banjir Sintang",
                              body=form_body("Informasi Serta Merta"), labels=["disposisi"])
    found.assign("staf1", by="kabid1", at=NOW)
    return found


def run(content: Path, settings: GitHubSettings, number: int = 7) -> str:
    out = StringIO()
    assert disposisi(repo=REPO, issue=number, tanggal=None, env={}, settings=settings, root=content, now=NOW,
                     out=out) == 0
    return out.getvalue()


def ours(gh_repo: FakeRepo, number: int = 7) -> list[str]:
    return [c["body"] for c in gh_repo.comments_on(number) if MARKER in c["body"]]


def test_comment_links_the_editor_and_the_pr_line(repo: Path, settings: GitHubSettings, gh_repo: FakeRepo,
                                                  issue: FakeIssue, sop: Sop) -> None:
    out = run(repo, settings)
    [body] = ours(gh_repo)
    assert body.startswith(MARKER + "\n### Mulai menulis konsep pengumuman\n")
    assert "🚨 **MENDESAK: informasi serta merta.**" in body
    assert "Untuk Pelaksana yang ditugaskan (@staf1)" in body
    assert "\n   Disposisi: #7\n" in body
    assert "[Panduan Staf](https://github.com/dinas/ppid/blob/main/PANDUAN-STAF.md)" in body
    [url] = re.findall(r"\]\((https://github\.com/dinas/ppid/new/[^)]+)\)", body)
    branch, filename, value = decode(url)
    assert (branch, filename) == ("main", "content/pengumuman/2025/peringatan-dini-banjir-sintang.md")
    assert "\njenis: serta-merta\n" in value and "\nnomor: 001/PPID/DISKOMINFO/2025\n" in value
    assert check_ok(sop, filename, fill(value)) == []
    assert out == (f"Komentar disposisi dibuat: {gh_repo.comments_on(7)[0]['html_url']}\n"
                   "Berkas konsep: content/pengumuman/2025/peringatan-dini-banjir-sintang.md\n")


def test_comment_is_idempotent_and_updated_in_place(repo: Path, settings: GitHubSettings, fake: FakeGitHub,
                                                    gh_repo: FakeRepo, issue: FakeIssue, write: WriteFile) -> None:
    issue.comment("kabid1", f"Catatan manusia yang mengutip {MARKER}")
    run(repo, settings)
    fake.reset_log()
    assert "Komentar disposisi tidak berubah" in run(repo, settings)
    assert fake.count("POST") == 0 and fake.count("PATCH") == 0
    # another announcement was merged meanwhile: the next nomor moves on, the same comment is edited
    write("content/pengumuman/2025/lain.md", announcement(VALID_FRONT_MATTER))  # nomor 001/PPID/DISKOMINFO/2025
    assert "Komentar disposisi diperbarui" in run(repo, settings)
    [body] = [c["body"] for c in gh_repo.comments_on(7) if c["user"]["login"] == fake.login]
    assert "nomor%3A%20002%2FPPID%2FDISKOMINFO%2F2025" in body
    assert len(gh_repo.comments_on(7)) == 2  # ours and the human's, untouched


def test_default_branch_comes_from_github(repo: Path, settings: GitHubSettings, fake: FakeGitHub) -> None:
    other = fake.add_repo("dinas/situs", default_branch="utama")
    other.add_issue(3, author="kabid1", created_at=NOW, title="Disposisi: Jadwal Layanan 2025",
                    body=form_body("Informasi Tersedia Setiap Saat"))
    out = StringIO()
    disposisi(repo="dinas/situs", issue=3, tanggal="2025-09-01", env={}, settings=settings, root=repo, now=NOW,
              out=out)
    [comment] = other.comments_on(3)
    assert "https://github.com/dinas/situs/new/utama?filename=content/pengumuman/2025/jadwal-layanan-2025.md&" \
        in comment["body"]
    assert "tanggal%3A%202025-09-01" in comment["body"]


def test_closed_issue_gets_no_comment(repo: Path, settings: GitHubSettings, gh_repo: FakeRepo,
                                      issue: FakeIssue) -> None:
    issue.state = "closed"
    assert run(repo, settings) == "Issue #7 sudah ditutup; tidak ada komentar yang dibuat.\n"
    assert gh_repo.comments_on(7) == []


@pytest.mark.parametrize(("number", "message"), [
    (99, "issue #99 tidak ditemukan di dinas/ppid"),
    (12, "#12 adalah pull request, bukan issue disposisi"),
])
def test_wrong_issue_is_a_usage_error(repo: Path, fake: FakeGitHub, gh_repo: FakeRepo,
                                      monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                      number: int, message: str) -> None:
    gh_repo.add_pull(12, author="staf1", created_at=NOW)
    monkeypatch.chdir(repo)
    monkeypatch.setenv("GITHUB_TOKEN", fake.token)
    monkeypatch.setenv("GITHUB_API_URL", fake.base_url)
    assert main(["disposisi", "--repo", REPO, "--issue", str(number)]) == 2
    assert message in capsys.readouterr().err
    assert gh_repo.comments_on(number if number in gh_repo.issues else 12) == []


@pytest.mark.parametrize("tanggal", ["2025-02-30", "30-08-2025", "20250830"])
def test_a_date_not_on_the_calendar_is_refused_before_github_is_read(repo: Path, settings: GitHubSettings,
                                                                    fake: FakeGitHub, gh_repo: FakeRepo,
                                                                    issue: FakeIssue, tanggal: str) -> None:
    fake.reset_log()
    with pytest.raises(UsageError) as refused:
        disposisi(repo=REPO, issue=7, tanggal=tanggal, env={}, settings=settings, root=repo, now=NOW, out=StringIO())
    assert str(refused.value) == f"--tanggal '{tanggal}' bukan tanggal YYYY-MM-DD yang ada di kalender, " \
        "misalnya 2026-11-30"
    assert fake.count("GET") == 0 and gh_repo.comments_on(7) == []
