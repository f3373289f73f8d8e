"""`ppid baru`: create the skeleton of a new announcement with the next free `nomor`."""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path

from pipeline.commands import Subparsers
from pipeline.core.guides import STAFF_GUIDE
from pipeline.core.scaffold import Draft, Scaffold, ScaffoldError, build_scaffold, nomor_values, unfilled
from pipeline.core.sop import Sop
from pipeline.edges.clock import today_in, utc_now
from pipeline.edges.config import find_root, load_sop
from pipeline.edges.content import read_sources
from pipeline.edges.invocation import ppid_command
from pipeline.errors import PpidError, UsageError


# Where staff read how a file made on a laptop becomes a pull request.
def register(sub: Subparsers) -> None:
    parser = sub.add_parser(
        "baru", help="buat kerangka pengumuman baru dengan nomor berikutnya",
        description="Membuat berkas content/pengumuman/<tahun>/<slug>.md berisi front matter lengkap dengan nomor "
                    "berikutnya. Kolom yang tidak diberikan dibiarkan kosong untuk diisi; 'ppid check' "
                    "menunjukkan barisnya sampai semuanya terisi.")
    parser.add_argument("--judul", help="judul pengumuman (wajib)")
    parser.add_argument("--jenis", help="berkala, serta-merta atau setiap-saat (wajib)")
    parser.add_argument("--kategori", help="wajib untuk jenis berkala, misalnya program atau laporan-akses")
    parser.add_argument("--ringkasan", help="satu sampai tiga kalimat inti pengumuman")
    parser.add_argument("--unit", help="unit yang menguasai informasi")
    parser.add_argument("--penanggung-jawab", dest="penanggung_jawab", help="pejabat penanggung jawab")
    parser.add_argument("--retensi", help="jangka waktu penyimpanan, misalnya '5 Tahun'")
    parser.add_argument("--tanggal", help="YYYY-MM-DD (bawaan: hari ini, WIB)")
    parser.add_argument("--slug", help="nama berkas tanpa .md (bawaan: dari judul)")
    parser.add_argument("--dry-run", action="store_true", help="tampilkan hasilnya tanpa menulis berkas")
    parser.add_argument("--stdout", action="store_true", help="cetak isi berkas saja ke layar, tanpa menulis berkas")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = find_root()
    sop = load_sop(root)
    return create(root, sop, args, now=utc_now())


def create(root: Path, sop: Sop, args: argparse.Namespace, *, now: datetime) -> int:
    """Build the scaffold for ARGS at time NOW and write (or print) it."""
    if args.dry_run and args.stdout:
        raise UsageError("pilih salah satu: --dry-run atau --stdout, tidak keduanya")
    if not args.judul:
        raise UsageError("--judul wajib diisi, misalnya --judul \"Jadwal Layanan Informasi Publik 2026\"")
    if not args.jenis:
        raise UsageError("--jenis wajib diisi: berkala, serta-merta atau setiap-saat")
    draft = Draft(judul=args.judul, jenis=args.jenis, tanggal=_tanggal(args.tanggal, sop, now),
                  kategori=args.kategori, ringkasan=args.ringkasan, unit=args.unit,
                  penanggung_jawab=args.penanggung_jawab, retensi=args.retensi, slug=args.slug)
    sources, _, _ = read_sources(root, sop)
    try:
        scaffold = build_scaffold(draft, sop, nomor_values(sources, sop))
    except ScaffoldError as exc:
        raise UsageError(f"--{exc.field.replace('_', '-')}: {exc.detail}") from None
    target = root / scaffold.path
    if target.exists():
        raise PpidError(f"{scaffold.path} sudah ada dan tidak akan ditimpa; pilih --slug lain atau sunting "
                        "berkas itu langsung")
    if args.stdout:
        print(scaffold.text, end="")
        return 0
    if args.dry_run:
        print(f"Pratinjau (tidak ada berkas yang ditulis): {scaffold.path}\n")
        print(scaffold.text, end="")
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(scaffold.text)
    except FileExistsError:  # created between the check and now
        raise PpidError(f"{scaffold.path} sudah ada dan tidak akan ditimpa; pilih --slug lain") from None
    print(next_steps(scaffold, draft, sop, ppid_command()))
    return 0


def next_steps(scaffold: Scaffold, draft: Draft, sop: Sop, ppid: str = "ppid") -> str:
    """What to do after the file is created, in Bahasa Indonesia."""
    nomor = next(line.split(":", 1)[1].strip() for line in scaffold.text.splitlines() if line.startswith("nomor:"))
    steps = []
    missing = unfilled(draft)
    if missing:
        steps.append(f"Isi kolom yang masih kosong di front matter: {', '.join(missing)}.")
    if draft.jenis.strip().lower() == "serta-merta":
        steps.append("Isi kedelapan bagian pengumuman serta-merta (## Potensi Bahaya sampai ## Langkah Penanganan) "
                     "dan periksa berlaku_hingga. Informasi serta-merta harus segera diumumkan.")
    else:
        steps.append("Tulis isi pengumuman di bawah front matter, lalu hapus catatan panduannya.")
    steps.append(f"Bila ada lampiran, simpan di {sop.content.attachments.rstrip('/')}/{draft.tanggal.year}/ "
                 "dan cantumkan di kolom lampiran.")
    steps.append(f"Periksa hasilnya: {ppid} check {scaffold.path}")
    steps.append("Ajukan sebagai pull request agar diperiksa Kabid/Kasubag, Sekretaris dan Kepala Dinas "
                 f"(caranya: {STAFF_GUIDE}).")
    lines = [f"Berkas dibuat: {scaffold.path}", f"Nomor: {nomor}", "", "Langkah berikutnya:"]
    lines += [f"  {number}. {text}" for number, text in enumerate(steps, start=1)]
    return "\n".join(lines)


def _tanggal(given: str | None, sop: Sop, now: datetime) -> date:
    if not given:
        return today_in(now, sop.tz)
    try:
        if len(given) != 10:
            raise ValueError
        return date.fromisoformat(given)
    except ValueError:
        raise UsageError(f"--tanggal '{given}' bukan tanggal YYYY-MM-DD yang ada di kalender, "
                         "misalnya 2026-11-30") from None
