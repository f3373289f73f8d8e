"""`ppid check` on what sits in content/: file names the site would drop, special files, page data keys."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from pipeline.cli import main
from tests.conftest import WriteFile
from tests.contentkit import announcement

GOOD = "content/pengumuman/2025/jadwal-layanan.md"
A = "content/pengumuman/2025"


@pytest.fixture
def in_repo(repo: Path, write: WriteFile, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(GOOD, announcement())
    monkeypatch.chdir(repo)
    return repo


def problems(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return capsys.readouterr().out.splitlines()[:-1]


NAMES = [
    (f"{A}/Program_Kerja.MD", [f"{A}/Program_Kerja.MD:1: (nama berkas): akhiran '.MD' tidak dipakai situs; ganti nama "
                               "menjadi 'program-kerja.md' (akhiran .md, huruf kecil)"]),
    (f"{A}/x.md.txt", [f"{A}/x.md.txt:1: (nama berkas): nama berkas berakhiran '.md.txt' (biasanya ditambahkan "
                       "Notepad) tidak akan terbit; ganti nama menjadi 'x.md'"]),
    (f"{A}/pengumuman.docx", [f"{A}/pengumuman.docx:1: (nama berkas): berkas 'pengumuman.docx' tidak akan terbit: "
                              "dokumen pengolah kata tidak dapat terbit sebagai pengumuman; salin isinya ke berkas .md "
                              "(buat dengan 'ppid baru'), atau simpan sebagai PDF di content/lampiran/<tahun>/ lalu "
                              "tautkan sebagai lampiran"]),
    (f"{A}/jadwal.markdown", [f"{A}/jadwal.markdown:1: (nama berkas): akhiran '.markdown' tidak dipakai situs; ganti "
                              "nama menjadi 'jadwal.md' (akhiran .md, huruf kecil)"]),
    (f"{A}/laporan.pdf", [f"{A}/laporan.pdf:1: (nama berkas): berkas 'laporan.pdf' tidak akan terbit: lampiran "
                          "disimpan di content/lampiran/<tahun>/, bukan di folder pengumuman; pindahkan berkas ini ke "
                          "sana lalu tautkan sebagai lampiran"]),
    (f"{A}/catatan", [f"{A}/catatan:1: (nama berkas): berkas 'catatan' tidak akan terbit: folder content/pengumuman/ "
                      "hanya berisi pengumuman berakhiran .md; pindahkan atau hapus berkas ini"]),
    ("content/tentang/profil.markdown", ["content/tentang/profil.markdown:1: (nama berkas): akhiran '.markdown' tidak "
                                         "dipakai situs; ganti nama menjadi 'profil.md' (akhiran .md, huruf kecil)"]),
]


@pytest.mark.parametrize(("path", "expected"), NAMES, ids=[n[0].rsplit("/", 1)[-1] for n in NAMES])
@pytest.mark.parametrize("named", [False, True], ids=["whole-tree", "named-directly"])
def test_file_names_the_site_would_drop(in_repo: Path, write: WriteFile, capsys: pytest.CaptureFixture[str],
                                        path: str, expected: list[str], named: bool) -> None:
    write(path, announcement())
    assert main(["check", *([path] if named else [])]) == 1
    assert problems(capsys) == expected


SPECIAL = "ini adalah {}, bukan berkas biasa; situs hanya menerbitkan berkas biasa. Hapus lalu simpan salinan berkas " \
          "aslinya di tempat ini"


def test_symlinks_are_refused_and_never_followed(in_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (in_repo / "rahasia.md").write_text(announcement(), encoding="utf-8")
    os.symlink(in_repo / "rahasia.md", in_repo / A / "tautan.md")
    os.symlink(in_repo / "content/pengumuman", in_repo / "content/folder-tautan")
    assert main(["check"]) == 1
    assert problems(capsys) == [
        f"content/folder-tautan:1: (berkas): {SPECIAL.format('tautan simbolik (symlink)')}",
        f"{A}/tautan.md:1: (berkas): {SPECIAL.format('tautan simbolik (symlink)')}",
    ]
    assert main(["check", f"{A}/tautan.md"]) == 1
    assert problems(capsys) == [f"{A}/tautan.md:1: (berkas): {SPECIAL.format('tautan simbolik (symlink)')}"]


def test_fifos_and_sockets_are_refused_without_being_opened(in_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.mkfifo(in_repo / A / "antrean.md")  # opening it for reading would block the check forever
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(in_repo / "content/soket"))
    try:
        assert main(["check"]) == 1
        assert problems(capsys) == [
            f"{A}/antrean.md:1: (berkas): {SPECIAL.format('pipa bernama (FIFO)')}",
            f"content/soket:1: (berkas): {SPECIAL.format('soket')}",
        ]
        assert main(["check", f"{A}/antrean.md"]) == 1
        assert problems(capsys) == [f"{A}/antrean.md:1: (berkas): {SPECIAL.format('pipa bernama (FIFO)')}"]
    finally:
        server.close()


PAGE = "content/tentang/index.md"
PAGE_ROWS = [
    ("template-and-location", "template: redirect.html\nlocation: '\",alert(document.domain),\"'\n",
     [f"{PAGE}:2: template: kolom 'template' tidak diizinkan pada halaman situs karena dapat mengubah cara halaman "
      "ditampilkan; hapus baris ini (kolom yang boleh: title, description, hide)",
      f"{PAGE}:3: location: kolom 'location' tidak diizinkan pada halaman situs karena dapat mengubah cara halaman "
      "ditampilkan; hapus baris ini (kolom yang boleh: title, description, hide)"]),
    ("author", "author: '\"><script>alert(1)</script>'\n",
     [f"{PAGE}:2: author: kolom 'author' tidak diizinkan pada halaman situs karena dapat mengubah cara halaman "
      "ditampilkan; hapus baris ini (kolom yang boleh: title, description, hide)"]),
    ("typo", "titel: Tentang\n",
     [f"{PAGE}:2: titel: kolom 'titel' tidak diizinkan pada halaman situs karena dapat mengubah cara halaman "
      "ditampilkan; hapus baris ini (mungkin maksud Anda 'title')"]),
    ("hide-unknown", "hide: [navigation, semua]\n",
     [f"{PAGE}:2: hide: 'hide' harus berupa daftar berisi: navigation, toc, footer, path, feedback; tulis misalnya "
      "hide: [navigation, toc]"]),
    ("title-not-text", "title: 2025\n",
     [f"{PAGE}:2: title: 'title' harus berupa teks yang tidak kosong; apit dengan tanda kutip lurus bila perlu: "
      "title: \"…\""]),
    ("hash-cuts-title", "title: Layanan #1 PPID\n",
     [f"{PAGE}:2: title: tanda '#' setelah spasi membuat sisa baris dianggap catatan, sehingga yang terbit hanya "
      "'Layanan'; apit seluruh nilai dengan tanda kutip lurus: title: \"Layanan #1 PPID\""]),
    ("allowed", "title: Tentang\ndescription: Profil PPID\nhide: [navigation, toc]\n", []),
]


@pytest.mark.parametrize(("data", "expected"), [r[1:] for r in PAGE_ROWS], ids=[r[0] for r in PAGE_ROWS])
def test_page_data_keys(in_repo: Path, write: WriteFile, capsys: pytest.CaptureFixture[str], data: str,
                        expected: list[str]) -> None:
    write(PAGE, f"---\n{data}---\n# Tentang\n")
    assert main(["check"]) == (1 if expected else 0)
    out = capsys.readouterr().out.splitlines()
    assert (out[:-1] if expected else []) == expected


def test_now_sets_today_for_the_future_date_rule(in_repo: Path, write: WriteFile,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    later = f"{A}/jadwal-lain.md"
    write(later, announcement().replace("2025-01-06", "2025-09-01").replace("001/", "002/"))
    assert main(["check", "--now", "2025-08-31T23:59:00+07:00"]) == 1
    assert problems(capsys) == [
        f"{later}:6: tanggal: tanggal 2025-09-01 belum tiba (hari ini 2025-08-31 Asia/Pontianak); pengumuman yang "
        "terbit hari ini memakai tanggal hari ini. Perbaiki tanggalnya, atau bila pengumuman ini memang bertanggal "
        "maju tambahkan baris 'dijadwalkan: ya'"]
    # 17:00 UTC on the 31st is already 1 September in Pontianak (UTC+7).
    assert main(["check", "--now", "2025-08-31T17:00:00Z"]) == 0
