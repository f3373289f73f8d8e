"""Mistakes in the `kolom: nilai` lines, each answered on its own line with plain advice (no parser English)."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.core.catalog import check_sources
from pipeline.core.sop import Sop
from pipeline.core.validate import SourceFile
from tests.contentkit import VALID_FRONT_MATTER, announcement

PATH = "content/pengumuman/2025/jadwal-layanan.md"
EXISTING = frozenset({PATH, "content/lampiran/2025/jadwal.pdf"})
JUDUL = "judul: Jadwal Layanan Informasi Publik Tahun 2025"
UNIT = "unit: Bidang Informasi dan Komunikasi Publik"
D = f"{PATH}:{{}}: (data pengumuman): "


def with_fm(old: str, new: str) -> str:
    assert old in VALID_FRONT_MATTER
    return announcement(VALID_FRONT_MATTER.replace(old, new))


ROWS = [
    ("hash-cuts-a-value", with_fm(JUDUL, "judul: Pengumuman Lelang Paket #3 Tahun 2025"),
     [f"{PATH}:2: judul: tanda '#' setelah spasi membuat sisa baris dianggap catatan, sehingga yang terbit hanya "
      "'Pengumuman Lelang Paket'; apit seluruh nilai dengan tanda kutip lurus: judul: \"Pengumuman Lelang Paket #3 "
      "Tahun 2025\""]),
    ("hash-empties-a-value", with_fm(UNIT, "unit: #IKP"),
     [f"{PATH}:8: unit: 'unit' masih kosong; tulis nilainya setelah 'unit: '",
      f"{PATH}:8: unit: nilai diawali '#', sehingga dianggap catatan dan kolom ini kosong; apit seluruh nilai dengan "
      "tanda kutip lurus: unit: \"#IKP\""]),
    ("hash-in-quotes-is-text", with_fm(JUDUL, 'judul: "Pengumuman Lelang Paket #3 Tahun 2025"'), []),
    ("deliberate-comment-after-two-spaces", with_fm(UNIT, f"{UNIT}  # bidang pemilik informasi"), []),
    ("number-read-as-number", with_fm("retensi: 1 Tahun", "retensi: 5"),
     [f"{PATH}:10: retensi: '5' dibaca sebagai angka, bukan teks; apit dengan tanda kutip lurus: retensi: \"5\""]),
    ("leading-zero-kept-in-message", with_fm("retensi: 1 Tahun", "retensi: 010"),
     [f"{PATH}:10: retensi: '010' dibaca sebagai angka, bukan teks; apit dengan tanda kutip lurus: retensi: \"010\""]),
    ("yes-read-as-boolean", with_fm(UNIT, "unit: yes"),
     [f"{PATH}:8: unit: 'yes' dibaca sebagai ya/tidak, bukan teks; apit dengan tanda kutip lurus: unit: \"yes\""]),
    ("empty-value-never-says-none", with_fm(UNIT, "unit:"),
     [f"{PATH}:8: unit: 'unit' masih kosong; tulis nilainya setelah 'unit: '"]),
    ("colon-in-value", with_fm(JUDUL, "judul: Jadwal: Layanan Informasi"),
     [D.format(2) + "nilai ini berisi titik dua (:); apit seluruh nilai dengan tanda kutip lurus: judul: \"Jadwal: "
      "Layanan Informasi\""]),
    ("curly-quotes", with_fm(JUDUL, "judul: “Jadwal: Layanan Informasi”"),
     [D.format(2) + "tanda kutip “ ” atau ‘ ’ (dari Word) tidak dihitung sebagai tanda kutip; ganti dengan tanda "
      "kutip lurus: judul: \"Jadwal: Layanan Informasi\""]),
    ("tab-indent", announcement(VALID_FRONT_MATTER + "lampiran:\n\t- berkas: 2025/jadwal.pdf\n\t  judul: Jadwal\n"),
     [D.format(12) + "baris ini diawali tab; ganti tab dengan spasi (indentasi hanya boleh spasi)",
      D.format(13) + "baris ini diawali tab; ganti tab dengan spasi (indentasi hanya boleh spasi)"]),
    ("no-space-after-colon", with_fm("jenis: berkala", "jenis:berkala"),
     [D.format(4) + "tambahkan satu spasi setelah titik dua: jenis: berkala"]),
    ("non-breaking-space-after-colon", with_fm("jenis: berkala", "jenis:\u00a0berkala"),
     [D.format(4) + "setelah 'jenis:' ada spasi khusus (non-breaking space, biasanya tersalin dari Word); hapus lalu "
      "ketik spasi biasa: jenis: berkala"]),
    ("attachment-title-not-indented", announcement(
        VALID_FRONT_MATTER + "lampiran:\n- berkas: 2025/jadwal.pdf\njudul: Jadwal\n"),
     [f"{PATH}:13: judul: 'judul:' di baris ini tampaknya bagian dari daftar di atasnya; geser ke kanan sejajar "
      "dengan 'berkas:' di baris 11 (2 spasi)"]),
    ("attachment-title-misaligned", announcement(
        VALID_FRONT_MATTER + "lampiran:\n  - berkas: 2025/jadwal.pdf\n  judul: Jadwal\n"),
     [D.format(13) + "geser 'judul:' agar sejajar dengan 'berkas:' di baris 11 (tepat 4 spasi dari kiri)"]),
    ("key-indented", with_fm("unit:", " unit:"),
     [D.format(8) + "baris ini menjorok ke kanan; tulis 'unit:' rapat di kiri seperti kolom lainnya"]),
    ("value-starting-with-at", with_fm(UNIT, "unit: @diskominfo"),
     [D.format(8) + "nilai tidak boleh diawali tanda '@'; apit seluruh nilai dengan tanda kutip lurus: unit: "
      "\"@diskominfo\""]),
    ("unclosed-quote", with_fm(UNIT, 'unit: "Bidang IKP'),
     [D.format(8) + 'tanda kutip pembuka " belum ditutup; tambahkan " di akhir nilai']),
    ("text-after-closing-quote", with_fm(UNIT, 'unit: "Bidang" IKP'),
     [D.format(8) + "ada teks setelah tanda kutip penutup; apit seluruh nilai dengan tanda kutip lurus: unit: "
      "'\"Bidang\" IKP'"]),
    ("empty-data-lists-required-keys", "---\n---\nIsi\n",
     [D.format(2) + "bagian data di antara dua baris '---' masih kosong; tulis kolom wajib, satu per baris: judul, "
      "nomor, jenis, tanggal, ringkasan, unit, penanggung_jawab, retensi (dan kategori untuk informasi berkala), "
      "misalnya 'judul: Jadwal Layanan Informasi Publik'. Cara termudah: buat berkas dengan 'ppid baru'"]),
    ("missing-attachment-says-where", announcement(
        VALID_FRONT_MATTER + "lampiran:\n  - berkas: 2025/daftar-hadir.pdf\n    judul: Daftar hadir\n"),
     [f"{PATH}:12: lampiran ke-1 (berkas): berkas lampiran '2025/daftar-hadir.pdf' tidak ditemukan; simpan "
      "berkasnya di content/lampiran/2025/daftar-hadir.pdf"]),
    ("future-date", with_fm("2025-01-06", "2025-09-01"),
     [f"{PATH}:6: tanggal: tanggal 2025-09-01 belum tiba (hari ini 2025-08-05 Asia/Pontianak); pengumuman yang terbit "
      "hari ini memakai tanggal hari ini. Perbaiki tanggalnya, atau bila pengumuman ini memang bertanggal maju "
      "tambahkan baris 'dijadwalkan: ya'"]),
    ("future-date-scheduled", announcement(VALID_FRONT_MATTER.replace("2025-01-06", "2025-09-01")
                                           + "dijadwalkan: ya\n"), []),
    ("scheduled-takes-only-ya", announcement(VALID_FRONT_MATTER + "dijadwalkan: mungkin\n"),
     [f"{PATH}:11: dijadwalkan: nilai 'mungkin' tidak dikenal; pilih salah satu: ya"]),
    ("today-is-fine", with_fm("2025-01-06", "2025-08-05"), []),
    ("close-key-name-is-suggested", announcement(VALID_FRONT_MATTER + "kategory: program\n"),
     [f"{PATH}:11: kategory: kolom 'kategory' tidak dikenal; mungkin maksud Anda 'kategori'"]),
    ("distant-key-name-is-not-guessed", announcement(VALID_FRONT_MATTER + "status: baru\n"),
     [f"{PATH}:11: status: kolom 'status' tidak dikenal; kolom yang dikenal: judul, nomor, jenis, tanggal, ringkasan, "
      "unit, penanggung_jawab, retensi, kategori, tempat, bentuk, lampiran, berlaku_hingga, media, tags, "
      "dijadwalkan"]),
]


@pytest.mark.parametrize(("text", "expected"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_data_advice(sop: Sop, text: str, expected: list[str]) -> None:
    result = check_sources([SourceFile(PATH, text.encode())], sop, EXISTING, today=date(2025, 8, 5))
    assert [p.as_text() for p in result.problems] == expected


@pytest.mark.parametrize(("written", "iso"), [
    ("18-12-2024", "2024-12-18"), ("18/12/2024", "2024-12-18"), ("2024/12/18", "2024-12-18"),
    ("18 Desember 2024", "2024-12-18"), ("Rabu, 18 Desember 2024", "2024-12-18"), ("5 Agt 2024", "2024-08-05"),
    ("2024.12.18", "2024-12-18"),
])
def test_dates_written_another_way_get_the_value_to_paste(sop: Sop, written: str, iso: str) -> None:
    path = "content/pengumuman/2024/jadwal-layanan.md"
    text = announcement(VALID_FRONT_MATTER.replace("2025-01-06", written).replace("/2025", "/2024"))
    result = check_sources([SourceFile(path, text.encode())], sop, frozenset({path}), today=date(2025, 8, 5))
    assert [p.as_text() for p in result.problems] == [
        f"{path}:6: tanggal: '{written}' ditulis dengan format lain; tulis tahun-bulan-tanggal: {iso}"]


@pytest.mark.parametrize("text", [r[1] for r in ROWS], ids=[r[0] for r in ROWS])
def test_staff_never_read_parser_words(sop: Sop, text: str) -> None:
    result = check_sources([SourceFile(PATH, text.encode())], sop, EXISTING, today=date(2025, 8, 5))
    for problem in result.problems:
        shown = f"{problem.field}: {problem.message}"
        for word in ("None", "front matter", "YAML", "[0]", "mapping", "scalar", "expected", "found"):
            assert word not in shown, shown
