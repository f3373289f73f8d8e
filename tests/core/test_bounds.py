"""Input that would make the site build slow is refused by the check, with the fix (no timing here: see
benchmarks/bench_pathological.py)."""

from __future__ import annotations

import pytest

from pipeline.core.bounds import WORK_PER_CHAR, bound_issues, scan_work
from pipeline.core.catalog import check_sources
from pipeline.core.sop import Sop
from pipeline.core.validate import SourceFile
from tests.contentkit import announcement

PATH = "content/pengumuman/2025/jadwal-layanan.md"
UNCLOSED = (f"{PATH}:12: isi: paragraf ini memuat tanda '[', '(' atau '<' yang tidak ditutup (misalnya '[](' atau "
            "'[[[' berulang), sehingga situs tidak dapat dibangun dalam waktu wajar. Tutup setiap '[' dengan ']', "
            "setiap '(' dengan ')' dan setiap '<' dengan '>', atau hapus tanda yang tidak perlu")

ROWS = [
    ("spaces-in-a-heading", "# x" + " " * 2000 + "y\n",
     [f"{PATH}:12: isi: judul bagian terlalu panjang (2004 karakter); maksimal 300 karakter. Persingkat judulnya "
      "dan hapus spasi berlebih"]),
    ("repeated-link-openers", "[](" * 3000 + "\n", [UNCLOSED]),
    ("repeated-image-openers", "![](" * 3000 + "\n", [UNCLOSED]),
    ("nested-brackets", "[" * 3000 + "]" * 3000 + "\n", [UNCLOSED]),
    ("unclosed-angles", "<a" * 3000 + "\n", [UNCLOSED]),
    ("runs-of-stars", "*a" * 3000 + "\n",
     [f"{PATH}:12: isi: isi memuat 3000 tanda '*' atau '`' (untuk huruf tebal, miring dan kode), terlalu banyak "
      "untuk 6001 karakter; hapus tanda yang tidak perlu, misalnya deretan bintang sebagai garis pemisah"]),
    ("runs-of-backticks", "`a" * 3000 + "\n",
     [f"{PATH}:12: isi: isi memuat 3000 tanda '*' atau '`' (untuk huruf tebal, miring dan kode), terlalu banyak "
      "untuk 6001 karakter; hapus tanda yang tidak perlu, misalnya deretan bintang sebagai garis pemisah"]),
    ("thousands-of-columns", "|" + "a|" * 2000 + "\n|" + "-|" * 2000 + "\n",
     [f"{PATH}:12: isi: baris tabel ini memuat 2000 kolom; maksimal 64 kolom. Pecah tabelnya atau lampirkan sebagai "
      "berkas .xlsx atau .csv",
      f"{PATH}:13: isi: baris tabel ini memuat 2000 kolom; maksimal 64 kolom. Pecah tabelnya atau lampirkan sebagai "
      "berkas .xlsx atau .csv"]),
    ("too-many-openers", "[a]" * 5000 + "\n",
     [f"{PATH}:12: isi: paragraf ini memuat 5000 tanda '[' atau '<'; maksimal 4096 per paragraf. Pecah menjadi "
      "beberapa paragraf atau pindahkan isinya ke lampiran"]),
    ("repeated-heading", "Isi.\n\n" + "## Catatan\n\nTeks.\n\n" * 60,
     [f"{PATH}:14: isi: judul bagian 'Catatan' dipakai 60 kali; maksimal 50 kali per halaman karena setiap judul "
      "mendapat alamat sendiri. Beri judul yang berbeda atau hapus yang tidak perlu"]),
    ("empty-headings", "#\n" * 60,
     [f"{PATH}:12: isi: ada 60 baris judul bagian tanpa teks (hanya tanda '#'); hapus baris '#' yang tidak berisi "
      "judul"]),
    ("fifty-same-headings-are-fine", "## Catatan\n\nTeks.\n\n" * 50, []),
    ("underscores-are-cheap", "_a" * 3000 + "\n", []),
    ("many-links-in-a-table", "| Dokumen |\n|---|\n" + "| [Laporan](https://contoh.go.id/a.pdf) |\n" * 500, []),
    ("a-long-list-of-links", "".join(f"- [Dokumen {i}](https://contoh.go.id/{i}.pdf)\n" for i in range(500)), []),
    ("a-paragraph-with-many-links", " ".join(f"[dok {i}](https://contoh.go.id/{i}.pdf)" for i in range(60)) + "\n",
     []),
    ("a-separator-of-stars", "Isi.\n\n" + "*" * 40 + "\n", []),
]


@pytest.mark.parametrize(("body", "expected"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_costly_input(sop: Sop, body: str, expected: list[str]) -> None:
    result = check_sources([SourceFile(PATH, announcement(body=body).encode())], sop, frozenset({PATH}))
    assert [p.as_text() for p in result.problems] == expected


@pytest.mark.parametrize(("unit", "work"), [
    ("[a](b)", 2 + 2),  # ']' two after '[', ')' two after '('
    ("[a] [b]", 2 + 2),
    ("[[a]]", 2 + 4),
    ("[", 1),  # unclosed: scanned to the end
    ("<a>", 2),
    ("<<>", 2 + 1),
    ("x(y)", 0),  # a parenthesis that does not follow ']' opens no link
])
def test_scan_work_counts_what_markdown_scans(unit: str, work: int) -> None:
    assert scan_work(unit, 10**9) == work


def test_scan_work_stops_early_once_over_budget() -> None:
    unit = "[](" * 100_000
    assert scan_work(unit, WORK_PER_CHAR * len(unit)) > WORK_PER_CHAR * len(unit)


def test_headings_are_measured_per_line() -> None:
    assert bound_issues("# " + "a" * 290 + "\n\nIsi " * 200) == []
