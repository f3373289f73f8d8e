"""`ppid laporan --tahun 2025 [--format csv|xlsx] [--output FILE]`: the yearly service report from the proof records.

Per SOP step and per jenis: publications, steps measured, median and P90 working minutes, the standard, how many
met it, and the send-backs (the same figures as the site's Kinerja Layanan page, pipeline.core.kinerja). CSV goes
to standard output unless --output is given; XLSX is written to --output or `laporan-kinerja-<tahun>.xlsx`.
Exit 0 written, 1 no records for the year or a broken archive, 2 usage.
"""

from __future__ import annotations

import argparse
import errno
import sys
from datetime import datetime
from pathlib import Path
from typing import IO

from pipeline.commands import Subparsers
from pipeline.core.export import Bold, Cell, Sheet, to_csv
from pipeline.core.export import to_xlsx as to_xlsx_file
from pipeline.core.kinerja import REPORT_COLUMNS, YearStats, kinerja, report_rows
from pipeline.core.proof import verify_chain
from pipeline.core.sop import Sop
from pipeline.edges.archive import read_records
from pipeline.edges.config import find_root, load_sop
from pipeline.errors import PpidError

FORMATS = ("csv", "xlsx")
_OS_ERRORS = {errno.ENOENT: "folder tujuan tidak ada", errno.EACCES: "tidak ada izin menulis",
              errno.EISDIR: "tujuan adalah folder, bukan berkas", errno.ENOSPC: "ruang disk habis",
              errno.EROFS: "sistem berkas hanya-baca"}
NOTES = (
    "Penerbitan: satu pull request yang digabung setelah rantai persetujuan lengkap, dengan satu catatan bukti; "
    "tahunnya adalah tahun penggabungan (WIB).",
    "Waktu dalam menit kerja menurut kalender kerja SOP (jam kantor, di luar hari libur nasional dan cuti "
    "bersama), seperti tercatat pada catatan bukti.",
    "Diukur: banyaknya langkah yang selesai dengan waktu tercatat; pada baris pengembalian: banyaknya penerbitan "
    "yang catatannya memuat data pengembalian.",
    "Median: nilai tengah (rata-rata dua nilai tengah bila banyaknya genap). Persentil ke-90: metode peringkat "
    "terdekat, waktu tercatat terkecil yang tidak terlampaui oleh sekurang-kurangnya 90% dari semua waktu tercatat.",
    "Memenuhi standar: hasil penilaian pada catatan bukti; standar 1 hari kerja berarti selesai paling lambat "
    "pada jam yang sama di hari kerja berikutnya.",
    "Dikembalikan: ulasan Request changes dari Kabid/Kasubag, Sekretaris atau Kepala Dinas sebelum "
    "penggabungan, pada langkah pemeriksaan peran itu. Catatan lama yang belum memuat data ini tidak dihitung.",
)


def _year(text: str) -> int:
    if not text.isdigit() or not 2000 <= int(text) <= 2100:
        raise argparse.ArgumentTypeError(f"'{text}' bukan tahun; tulis empat angka, misalnya 2025")
    return int(text)


def register(sub: Subparsers) -> None:
    parser = sub.add_parser("laporan", help="laporan tahunan kinerja layanan pengumuman (CSV atau XLSX)",
                            description="Membuat laporan tahunan kinerja layanan pengumuman dari catatan bukti "
                                        "(content/arsip/): per langkah SOP dan per jenis informasi. Kode keluar: "
                                        "0 laporan dibuat, 1 tidak ada catatan untuk tahun itu atau arsip rusak, "
                                        "2 salah pakai.")
    parser.add_argument("--tahun", required=True, type=_year, metavar="TAHUN", help="tahun laporan, misalnya 2025")
    parser.add_argument("--format", choices=FORMATS, default="csv", help="csv (bawaan) atau xlsx")
    parser.add_argument("--output", metavar="BERKAS",
                        help="berkas tujuan (bawaan: CSV ke layar, XLSX ke laporan-kinerja-TAHUN.xlsx)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    return report(tahun=args.tahun, fmt=args.format, output=args.output)


def year_stats(root: Path, sop: Sop, tahun: int) -> YearStats:
    """The statistics of `tahun` from the archive; PpidError when the archive is broken or has no such year."""
    tz = sop.tz
    chain = verify_chain(read_records(root, sop), sop.content.archive, tz)
    if not chain.ok:
        raise PpidError("arsip bukti rusak; laporan tidak dibuat:\n" + "\n".join(p.as_text() for p in chain.problems)
                        + "\nJalankan 'ppid verify' dan laporkan kepada admin PPID.")
    years = kinerja((record for _, record in chain.records), sop, tz)
    found = next((y for y in years if y.tahun == tahun), None)
    if found is None:
        have = ", ".join(str(y.tahun) for y in sorted(years, key=lambda y: y.tahun))
        raise PpidError(f"tidak ada catatan bukti untuk tahun {tahun} di {sop.content.archive}/; laporan tidak "
                        "dibuat. " + (f"Tahun yang ada: {have}." if have else "Arsip masih kosong."))
    return found


def to_xlsx(rows: list[tuple[Cell, ...]], year: YearStats, sop: Sop) -> bytes:
    """Sheet "Kinerja <tahun>" with the table (numbers as numbers), sheet "Keterangan" with the definitions."""
    notes: list[tuple[Cell | Bold]] = [(f"{sop.instansi}; SOP {sop.nomor_sop} {sop.nama}.",)]
    if year.demo:
        notes.append((Bold("Catatan: sebagian catatan bukti tahun ini adalah catatan contoh (demo), bukan kejadian "
                           "sungguhan."),))
    notes += [(text,) for text in NOTES]
    table = Sheet(f"Kinerja {year.tahun}", REPORT_COLUMNS, rows, freeze_header=True,
                  widths=(8, 28, 9, 60, 22, 14, 12, 12, 9, 12, 14, 12, 14, 13, 14))
    explained = Sheet("Keterangan", (f"Laporan Kinerja Layanan Pengumuman Informasi Publik Tahun {year.tahun}",),
                      notes, widths=(120,))
    # Created on the year's last day, not now: the same records give the same file.
    return to_xlsx_file((table, explained), title=f"Laporan Kinerja Layanan Pengumuman {year.tahun}",
                        creator=sop.instansi, created=datetime(year.tahun, 12, 31))


def report(*, tahun: int, fmt: str, output: str | None, root: Path | None = None, out: IO[str] | None = None) -> int:
    """Write the report of `tahun`; returns the exit code (user errors raise PpidError)."""
    out = out or sys.stdout
    root = root or find_root()
    sop = load_sop(root)
    year = year_stats(root, sop, tahun)
    rows = report_rows(year, sop)
    data = to_csv(REPORT_COLUMNS, rows) if fmt == "csv" else to_xlsx(rows, year, sop)
    if fmt == "csv" and output is None:
        out.write(data.decode("utf-8-sig"))
        return 0
    target = Path(output or f"laporan-kinerja-{tahun}.xlsx")
    try:
        target.write_bytes(data)
    except OSError as exc:
        why = _OS_ERRORS.get(exc.errno or 0, exc.strerror or str(exc))
        raise PpidError(f"{target}: laporan tidak dapat ditulis ({why}); periksa folder dan izin tulisnya") from None
    out.write(f"Laporan kinerja tahun {tahun} ditulis: {target} ({year.all.publications} penerbitan)\n")
    return 0
