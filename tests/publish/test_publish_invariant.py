"""The publishing invariant at the last steps: the deploying build (`ppid build --terbit`) and `ppid verify` refuse
any published file no proof record covers; a preview build shows it, marked as a draft and kept out of the feed,
the DIP downloads and the sitemap, and tells search engines not to index it."""

from __future__ import annotations

import csv
import http.server
import io
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

import pytest

from pipeline.cli import main
from pipeline.core.proof import parse_record, render, seal, verify_chain
from pipeline.edges.archive import read_records
from pipeline.edges.config import load_sop
from tests.publish.conftest import git
from tests.recordkit import record_content
from tests.site.sitekit import write_repo

DRAFT = "content/pengumuman/2025/pengumuman-draf-baru.md"
DRAFT_URL = "pengumuman/2025/pengumuman-draf-baru/"
RECORDED = "content/pengumuman/2025/hasil-seleksi-komisi-informasi.md"
RECORDED_URL = "pengumuman/2025/hasil-seleksi-komisi-informasi/"
DRAFT_TEXT = """---
judul: Pengumuman Draf yang Belum Disetujui
nomor: 099/PPID/DISKOMINFO/2025
jenis: setiap-saat
kategori: regulasi
tanggal: 2025-08-01
ringkasan: Draf yang belum melalui rantai persetujuan.
unit: Bidang Informasi dan Komunikasi Publik
penanggung_jawab: Drs. Andi Pratama, M.Si.
retensi: 5 Tahun
---
Isi draf.
"""


def build(root: Path, *argv: str) -> tuple[int, str]:
    cwd = Path.cwd()
    os.chdir(root)
    try:
        code = main(["build", *argv])
    finally:
        os.chdir(cwd)
    return code, ""


@pytest.fixture(scope="module")
def draft_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A recorded repository plus one announcement added after the record: a draft."""
    root = write_repo(tmp_path_factory.mktemp("draf"))
    (root / DRAFT).write_text(DRAFT_TEXT, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def preview(draft_repo: Path) -> Path:
    code, _ = build(draft_repo)
    assert code == 0
    return draft_repo / "site"


def test_preview_marks_the_draft_and_tells_search_engines_not_to_index_it(preview: Path) -> None:
    page = (preview / DRAFT_URL / "index.html").read_text(encoding="utf-8")
    assert "DRAF — belum disetujui" in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    recorded = (preview / RECORDED_URL / "index.html").read_text(encoding="utf-8")
    assert "DRAF — belum disetujui" not in recorded and "noindex" not in recorded


def test_preview_keeps_the_draft_out_of_feed_downloads_and_sitemap(preview: Path) -> None:
    feed = (preview / "feed.xml").read_text(encoding="utf-8")
    sitemap = (preview / "sitemap.xml").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO((preview / "daftar-informasi-publik" / "dip.csv")
                                       .read_text(encoding="utf-8-sig"))))
    json_text = (preview / "daftar-informasi-publik" / "dip.json").read_text(encoding="utf-8")
    for text in (feed, sitemap, json_text):
        assert "pengumuman-draf-baru" not in text
        assert "hasil-seleksi-komisi-informasi" in text
    assert not any("099/PPID/DISKOMINFO/2025" in cell for row in rows for cell in row)
    assert any("080/PPID/DISKOMINFO/2025" in cell for row in rows for cell in row)


def test_the_deploying_build_refuses_the_draft_and_keeps_the_old_site(draft_repo: Path, preview: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    before = (preview / "index.html").read_bytes()
    code, _ = build(draft_repo, "--terbit")
    err = capsys.readouterr().err
    assert code == 1
    assert "Situs TIDAK diterbitkan" in err
    assert f"{DRAFT}:1: (bukti): belum ada catatan bukti untuk berkas ini" in err
    assert RECORDED not in err
    assert (preview / "index.html").read_bytes() == before


@pytest.fixture
def recorded_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = write_repo(tmp_path / "repo")
    monkeypatch.chdir(root)
    return root


def test_the_deploying_build_publishes_recorded_content(recorded_repo: Path) -> None:
    assert build(recorded_repo, "--terbit")[0] == 0
    assert (recorded_repo / "site" / RECORDED_URL / "index.html").is_file()


@pytest.mark.parametrize("story", ["edited after approval", "deleted without a record", "symlink", "new page"])
def test_unrecorded_changes_stop_the_deploying_build_and_verify(recorded_repo: Path, story: str,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    target = recorded_repo / RECORDED
    if story == "edited after approval":
        target.write_text(target.read_text(encoding="utf-8").replace("Hasil Seleksi", "Hasil Seleksi Ulang"),
                          encoding="utf-8")
        named, expected = RECORDED, "isi berkas berbeda dengan versi yang disetujui"
    elif story == "deleted without a record":
        target.unlink()
        named, expected = RECORDED, "hilang tanpa catatan bukti"
    elif story == "symlink":
        outside = recorded_repo.parent / "rahasia.pdf"
        outside.write_bytes(b"%PDF-1.4 rahasia")
        (recorded_repo / "content/lampiran/2025/tautan.pdf").symlink_to(outside)
        named, expected = "content/lampiran/2025/tautan.pdf", ""
    else:
        (recorded_repo / "content/tentang/kontak.md").write_text("# Kontak\n\nTelepon 0561-000000.\n",
                                                                 encoding="utf-8")
        named, expected = "content/tentang/kontak.md", "belum ada catatan bukti"
    assert main(["verify"]) == 1
    out = capsys.readouterr().out
    assert f"{named}:1: " in out and expected in out
    assert "Bukti TIDAK utuh" in out
    assert build(recorded_repo, "--terbit")[0] == 1
    printed = capsys.readouterr()
    assert named in printed.out + printed.err  # a symlink already fails the content check (stdout)
    assert not (recorded_repo / "site").exists()


def test_the_deploying_build_refuses_a_record_rewritten_in_the_history(recorded_repo: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    git(recorded_repo, "init", "-q", "-b", "main")
    git(recorded_repo, "add", "-A")
    git(recorded_repo, "commit", "-q", "-m", "Isi dan arsip")
    path = next((recorded_repo / "content" / "arsip").rglob("*.json"))
    rel = path.relative_to(recorded_repo).as_posix()
    record, _ = parse_record(rel, path.read_bytes())
    assert record is not None
    # Sealed again, so the chain itself still holds: only the history shows the rewrite.
    path.write_bytes(render(seal(replace(record, merged_by="orang-lain"))))
    git(recorded_repo, "commit", "-q", "-am", "Ubah catatan")
    assert build(recorded_repo, "--terbit")[0] == 1
    err = capsys.readouterr().err
    assert "Situs TIDAK diterbitkan: bukti pengumuman tidak utuh" in err
    assert f"{rel}:1: (riwayat git): catatan bukti diubah oleh commit" in err
    assert not (recorded_repo / "site").exists()


def test_a_later_record_covers_the_change(recorded_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (recorded_repo / "content/tentang/kontak.md").write_text("# Kontak\n\nTelepon 0561-000000.\n", encoding="utf-8")
    record_content(recorded_repo, number=2, paths=["content/tentang/kontak.md"])
    assert main(["verify"]) == 0, capsys.readouterr().out
    assert build(recorded_repo, "--terbit")[0] == 0


# -- `ppid verify --sejak`: the chain must extend what was already published ---------------------------------
def _records(root: Path) -> list[str]:
    sop = load_sop(root)
    report = verify_chain(read_records(root, sop), sop.content.archive, sop.tz)
    return [record.sha256 for _, record in report.records]


def test_verify_accepts_a_chain_that_extends_the_published_head(recorded_repo: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    first = _records(recorded_repo)[0]
    (recorded_repo / "content/tentang/kontak.md").write_text("# Kontak\n", encoding="utf-8")
    record_content(recorded_repo, number=2, paths=["content/tentang/kontak.md"])
    assert main(["verify", "--sejak", first]) == 0, capsys.readouterr().out


def test_verify_refuses_a_chain_that_rewrote_the_published_head(recorded_repo: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    published = _records(recorded_repo)[0]
    # Rewrite history: drop the published record and seal a new one over the same content.
    shutil.rmtree(recorded_repo / "content" / "arsip")
    record_content(recorded_repo, number=9)
    assert _records(recorded_repo)[0] != published
    assert main(["verify", "--sejak", published]) == 1
    out = capsys.readouterr().out
    assert (f"content/arsip:1: kepala: rantai bukti tidak melanjutkan kepala yang sudah diterbitkan "
            f"{published[:12]}…") in out


class _Head(http.server.BaseHTTPRequestHandler):
    answers: ClassVar[dict[str, tuple[int, bytes]]] = {}

    def do_GET(self) -> None:
        status, body = self.answers.get(self.path, (404, b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def live_site() -> Iterator[tuple[str, dict[str, tuple[int, bytes]]]]:
    answers: dict[str, tuple[int, bytes]] = {}
    handler = type("Handler", (_Head,), {"answers": answers})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", answers
    server.shutdown()
    server.server_close()


def test_verify_reads_the_published_head_from_the_live_site(
        recorded_repo: Path, live_site: tuple[str, dict[str, tuple[int, bytes]]],
        capsys: pytest.CaptureFixture[str]) -> None:
    url, answers = live_site
    head = _records(recorded_repo)[0]
    answers["/bukti/rantai.txt"] = (200, f"jumlah: 1\nkepala: {head}\n".encode())
    assert main(["verify", "--sejak", f"{url}/bukti/rantai.txt"]) == 0, capsys.readouterr().out
    answers["/bukti/rantai.txt"] = (200, f"jumlah: 1\nkepala: {'a' * 64}\n".encode())
    assert main(["verify", "--sejak", f"{url}/bukti/rantai.txt"]) == 1
    # Nothing published yet at that address: every chain extends the empty one.
    assert main(["verify", "--sejak", f"{url}/belum/rantai.txt"]) == 0
    capsys.readouterr()
    # Any other answer: the published head is unknown, so nothing is published (fail closed).
    answers["/rusak/rantai.txt"] = (502, b"bad gateway")
    assert main(["verify", "--sejak", f"{url}/rusak/rantai.txt"]) == 1
    assert "menjawab HTTP 502 tanpa baris 'kepala: <hash>'" in capsys.readouterr().err
