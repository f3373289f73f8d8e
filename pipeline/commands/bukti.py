"""`ppid bukti --pengumuman SLUG --media M --tanggal D --oleh NAMA FILE`: add offline proof (photo)."""

from __future__ import annotations

import argparse
import hashlib
from datetime import date
from pathlib import Path

from pipeline.commands import Subparsers
from pipeline.core.evidence import (
    EVIDENCE_MEDIA,
    EvidenceError,
    EvidenceRecord,
    clean_image,
    date_problem,
    photo_date,
    validate_request,
)
from pipeline.core.guides import STAFF_GUIDE
from pipeline.core.yamlsafe import load_mapping
from pipeline.edges.clock import now
from pipeline.edges.config import find_root, load_sop
from pipeline.edges.content_check import check_tree
from pipeline.errors import PpidError, UsageError


def register(sub: Subparsers) -> None:
    parser = sub.add_parser("bukti", help="tambahkan bukti pengumuman offline (foto papan/kliping)",
                            description="Menyimpan foto bukti pengumuman offline di content/bukti/<slug>/ "
                                        "beserta catatannya. Data lokasi (GPS) pada foto dihapus.")
    parser.add_argument("berkas", metavar="FOTO", help="foto JPEG atau PNG")
    parser.add_argument("--pengumuman", required=True, metavar="SLUG", help="nama berkas pengumuman tanpa .md")
    parser.add_argument("--media", required=True, choices=EVIDENCE_MEDIA,
                        help="tempat pengumuman dipasang atau diterbitkan")
    parser.add_argument("--tanggal", help="tanggal pemasangan/terbit YYYY-MM-DD (bawaan: hari ini, WIB)")
    parser.add_argument("--oleh", required=True, help="nama petugas yang mendokumentasikan")
    parser.add_argument("--keterangan", default="", help="keterangan singkat foto (untuk pembaca layar)")
    parser.add_argument("--now", metavar="ISO", help="waktu sekarang (bawaan: jam komputer), misalnya "
                                                      "2025-01-07T09:00:00+07:00")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = find_root()
    sop = load_sop(root)
    today = now(args.now, sop.tz).date()
    try:
        tanggal = date.fromisoformat(args.tanggal) if args.tanggal else today
    except ValueError:
        raise UsageError(f"--tanggal '{args.tanggal}' bukan tanggal YYYY-MM-DD") from None
    source = Path(args.berkas)
    if not source.is_file():
        raise UsageError(f"{args.berkas}: berkas tidak ada")
    result, _ = check_tree(root, today=today)
    slugs = frozenset(a.slug for a in result.announcements)
    try:
        validate_request(args.pengumuman, args.media, slugs, args.oleh)
        with source.open("rb") as handle:
            original = handle.read(64 * 1024 * 1024)
        clean = clean_image(original)
    except EvidenceError as exc:
        raise PpidError(f"{args.berkas}: {exc}") from None
    announced = next(a.tanggal for a in result.announcements if a.slug == args.pengumuman)
    problem = date_problem(tanggal, photo_date(original), announced, today)
    if problem:
        raise PpidError(f"{args.berkas}: {problem}")
    digest = hashlib.sha256(clean.data).hexdigest()
    for known in sorted((root / sop.content.evidence).glob("*/*.yml")):
        loaded = load_mapping(known.read_text(encoding="utf-8-sig"), what="catatan bukti")
        if loaded.data is not None and loaded.data.get("sha256") == digest:
            raise PpidError(f"{args.berkas}: foto yang sama sudah dicatat sebagai bukti di "
                            f"{known.relative_to(root).as_posix()}; satu foto cukup dicatat sekali")
    folder = root / sop.content.evidence / args.pengumuman
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{tanggal.isoformat()}-{args.media}"
    counter = 1
    while (folder / f"{stem}-{counter}.{clean.ext}").exists() or (folder / f"{stem}-{counter}.yml").exists():
        counter += 1
    name = f"{stem}-{counter}"
    record = EvidenceRecord(args.pengumuman, args.media, tanggal, args.oleh.strip(),
                            args.keterangan.strip() or f"Bukti pengumuman di {args.media.replace('-', ' ')}",
                            f"{name}.{clean.ext}", digest)
    (folder / record.berkas).write_bytes(clean.data)
    (folder / f"{name}.yml").write_text(record.to_yaml_text(), encoding="utf-8")
    photo = (folder / record.berkas).relative_to(root).as_posix()
    note = (folder / f"{name}.yml").relative_to(root).as_posix()
    gps = "; data lokasi GPS dihapus" if clean.had_location else ""
    print(f"Bukti disimpan dalam dua berkas:\n  foto:    {photo} ({clean.width}×{clean.height} piksel{gps})\n"
          f"  catatan: {note}")
    print("Langkah berikutnya: buat pull request yang hanya berisi kedua berkas ini (foto dan catatannya), tanpa "
          f"perubahan lain; seorang anggota tim Kabid/Kasubag selain Anda menyetujuinya. Caranya: {STAFF_GUIDE}.")
    return 0
