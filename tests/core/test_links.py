"""Links and images are checked the way the strict MkDocs build resolves them, with the fix in the message."""

from __future__ import annotations

import pytest

from pipeline.core.catalog import check_sources
from pipeline.core.sop import Sop
from pipeline.core.validate import SourceFile
from tests.contentkit import announcement

PATH = "content/pengumuman/2025/jadwal-layanan.md"
EXISTING = frozenset({PATH, "content/lampiran/2025/foto.jpg", "content/lampiran/2025/jadwal.pdf",
                      "content/tentang/index.md", "content/halaman.html"})
SITE_PAGES = frozenset({"content/informasi-berkala/index.md"})
P = f"{PATH}:12: isi: "

ROWS = [
    ("missing-image", "![Foto](../../lampiran/2026/foto-tidak-ada.jpg)\n",
     [P + "gambar '../../lampiran/2026/foto-tidak-ada.jpg' tidak menemukan berkas "
      "content/lampiran/2026/foto-tidak-ada.jpg; simpan berkasnya di sana atau perbaiki jalurnya"]),
    ("image-in-another-year", "![Foto](../../lampiran/2026/foto.jpg)\n",
     [P + "gambar '../../lampiran/2026/foto.jpg' tidak menemukan berkas content/lampiran/2026/foto.jpg; berkas itu "
      "ada di content/lampiran/2025/foto.jpg; dari halaman ini tulis '../../lampiran/2025/foto.jpg'"]),
    ("image-one-level-short", "![Foto](../lampiran/2025/foto.jpg)\n",
     [P + "gambar '../lampiran/2025/foto.jpg' tidak menemukan berkas content/pengumuman/lampiran/2025/foto.jpg; "
      "berkas itu ada di content/lampiran/2025/foto.jpg; dari halaman ini tulis '../../lampiran/2025/foto.jpg'"]),
    ("entity-obscured-javascript", "[Formulir](&#106;avascript&#58;alert(1))\n",
     [P + "tautan '&#106;avascript&#58;alert(1)' memakai alamat javascript: yang tidak diizinkan karena dapat "
      "menjalankan skrip; pakai https://, mailto: atau tautan ke berkas di situs ini"]),
    ("hex-entity-javascript", "[x](&#x6A;avascript:alert(1))\n",
     [P + "tautan '&#x6A;avascript:alert(1)' memakai alamat javascript: yang tidak diizinkan karena dapat "
      "menjalankan skrip; pakai https://, mailto: atau tautan ke berkas di situs ini"]),
    ("slash-link-to-existing-file", "[Jadwal](/lampiran/2025/jadwal.pdf)\n",
     [P + "tautan '/lampiran/2025/jadwal.pdf' harus relatif terhadap halaman ini (tanpa '/' di depan); tulis "
      "'../../lampiran/2025/jadwal.pdf'"]),
    ("slash-link-advice-is-relative-to-the-page", "[Jadwal](/lampiran/2025/x.pdf)\n",
     [P + "tautan '/lampiran/2025/x.pdf' harus relatif terhadap halaman ini (tanpa '/' di depan); misalnya "
      "../../lampiran/<tahun>/berkas.pdf"]),
    ("external-image", "![](https://example.com/foto.jpg)\n",
     [P + "gambar dari situs lain ('https://example.com/foto.jpg') tidak diizinkan: situs PPID tidak memuat apa pun "
      "dari alamat lain agar pengunjung tidak terlacak. Unduh gambarnya, simpan di content/lampiran/<tahun>/ lalu "
      "tautkan, misalnya ![Keterangan](../../lampiran/<tahun>/foto.jpg)"]),
    ("external-image-without-scheme", "![](//example.com/foto.jpg)\n",
     [P + "gambar dari situs lain ('//example.com/foto.jpg') tidak diizinkan: situs PPID tidak memuat apa pun "
      "dari alamat lain agar pengunjung tidak terlacak. Unduh gambarnya, simpan di content/lampiran/<tahun>/ lalu "
      "tautkan, misalnya ![Keterangan](../../lampiran/<tahun>/foto.jpg)"]),
    ("external-html-image", '<img src="https://example.com/x.png">\n',
     [P + "gambar dari situs lain ('https://example.com/x.png') tidak diizinkan: situs PPID tidak memuat apa pun "
      "dari alamat lain agar pengunjung tidak terlacak. Unduh gambarnya, simpan di content/lampiran/<tahun>/ lalu "
      "tautkan, misalnya ![Keterangan](../../lampiran/<tahun>/foto.jpg)"]),
    ("folder-link", "[Tentang](../../tentang/)\n",
     [P + "tautan '../../tentang/' menunjuk ke folder; tulis '../../tentang/index.md'"]),
    ("close-name", "[Jadwal](../../lampiran/2025/jadwl.pdf)\n",
     [P + "tautan '../../lampiran/2025/jadwl.pdf' tidak menemukan berkas content/lampiran/2025/jadwl.pdf; mungkin "
      "maksud Anda '../../lampiran/2025/jadwal.pdf'"]),
    ("no-guess-for-a-different-name", "[Daftar](../../lampiran/2025/daftar-hadir.pdf)\n",
     [P + "tautan '../../lampiran/2025/daftar-hadir.pdf' tidak menemukan berkas content/lampiran/2025/daftar-hadir.pdf;"
      " simpan berkasnya di sana atau perbaiki jalurnya"]),
    ("unpublished-type", "[Lama](../../halaman.html)\n",
     [P + "tautan '../../halaman.html' menunjuk ke berkas .html, yang tidak diterbitkan di situs; yang boleh: halaman "
      ".md dan lampiran pdf, png, jpg, jpeg, xlsx, docx, csv, odt, ods"]),
    ("outer-link-of-a-linked-image", "[![Foto](../../lampiran/2025/foto.jpg)](../../lampiran/2025/tidak.pdf)\n",
     [P + "tautan '../../lampiran/2025/tidak.pdf' tidak menemukan berkas content/lampiran/2025/tidak.pdf; simpan "
      "berkasnya di sana atau perbaiki jalurnya"]),
    ("generated-section-page", "[Berkala](../../informasi-berkala/index.md)\n", []),
    ("valid-links", "[Jadwal](../../lampiran/2025/jadwal.pdf), [luar](https://kalbarprov.go.id), [atas](#judul)\n",
     []),
    ("links-in-code-are-shown-not-followed", "`[x](tidak-ada.pdf)`\n", []),
]


@pytest.mark.parametrize(("body", "expected"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_link(sop: Sop, body: str, expected: list[str]) -> None:
    result = check_sources([SourceFile(PATH, announcement(body=body).encode())], sop, EXISTING, site_pages=SITE_PAGES)
    assert [p.as_text() for p in result.problems] == expected


def test_page_links_are_relative_to_the_page(sop: Sop) -> None:
    page = "content/tentang/index.md"
    data = b"# Tentang\n\n![Foto](lampiran/2025/foto.jpg)\n"
    result = check_sources([SourceFile(page, data)], sop, EXISTING)
    assert [p.as_text() for p in result.problems] == [
        "content/tentang/index.md:3: isi: gambar 'lampiran/2025/foto.jpg' tidak menemukan berkas "
        "content/tentang/lampiran/2025/foto.jpg; berkas itu ada di content/lampiran/2025/foto.jpg; dari halaman ini "
        "tulis '../lampiran/2025/foto.jpg'"]
