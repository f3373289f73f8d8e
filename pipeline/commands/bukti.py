"""`ppid bukti --pengumuman SLUG --media M --tanggal D --oleh NAMA FILE`: add offline proof (photo)."""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path
from typing import IO

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
from pipeline.edges.clock import day_option, now
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
    return bukti(photo=args.berkas, slug=args.pengumuman, media=args.media, tanggal=args.tanggal, by=args.oleh,
                 caption=args.keterangan, now_text=args.now)


def bukti(*, photo: str, slug: str, media: str, tanggal: str | None, by: str, now_text: str | None,
          caption: str = "", root: Path | None = None, out: IO[str] | None = None) -> int:
    """Store the cleaned `photo` (its path as typed, so messages name it the same way) as offline proof of the
    announcement `slug`, with its record; returns the exit code (refusals raise PpidError). `tanggal` (YYYY-MM-DD)
    defaults to today at `now_text` (ISO 8601; default: the clock) in the SOP's time zone."""
    out = out or sys.stdout
    root = root or find_root()
    sop = load_sop(root)
    today = now(now_text, sop.tz).date()
    day = day_option(tanggal, today)
    source = Path(photo)
    if not source.is_file():
        raise UsageError(f"{photo}: berkas tidak ada")
    result, _ = check_tree(root, today=today)
    slugs = frozenset(a.slug for a in result.announcements)
    try:
        validate_request(slug, media, slugs, by)
        with source.open("rb") as handle:
            original = handle.read(64 * 1024 * 1024)
        clean = clean_image(original)
    except EvidenceError as exc:
        raise PpidError(f"{photo}: {exc}") from None
    announced = next(a.tanggal for a in result.announcements if a.slug == slug)
    problem = date_problem(day, photo_date(original), announced, today)
    if problem:
        raise PpidError(f"{photo}: {problem}")
    digest = hashlib.sha256(clean.data).hexdigest()
    for known in sorted((root / sop.content.evidence).glob("*/*.yml")):
        loaded = load_mapping(known.read_text(encoding="utf-8-sig"), what="catatan bukti")
        if loaded.data is not None and loaded.data.get("sha256") == digest:
            raise PpidError(f"{photo}: foto yang sama sudah dicatat sebagai bukti di "
                            f"{known.relative_to(root).as_posix()}; satu foto cukup dicatat sekali")
    folder = root / sop.content.evidence / slug
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{day.isoformat()}-{media}"
    counter = 1
    while (folder / f"{stem}-{counter}.{clean.ext}").exists() or (folder / f"{stem}-{counter}.yml").exists():
        counter += 1
    name = f"{stem}-{counter}"
    record = EvidenceRecord(slug, media, day, by.strip(),
                            caption.strip() or f"Bukti pengumuman di {media.replace('-', ' ')}",
                            f"{name}.{clean.ext}", digest)
    (folder / record.berkas).write_bytes(clean.data)
    (folder / f"{name}.yml").write_text(record.to_yaml_text(), encoding="utf-8")
    stored = (folder / record.berkas).relative_to(root).as_posix()
    note = (folder / f"{name}.yml").relative_to(root).as_posix()
    gps = "; data lokasi GPS dihapus" if clean.had_location else ""
    out.write(f"Bukti disimpan dalam dua berkas:\n  foto:    {stored} ({clean.width}×{clean.height} piksel{gps})\n"
              f"  catatan: {note}\n")
    out.write("Langkah berikutnya: buat pull request yang hanya berisi kedua berkas ini (foto dan catatannya), tanpa "
              "perubahan lain; seorang anggota tim Kabid/Kasubag selain Anda menyetujuinya. Caranya: "
              f"{STAFF_GUIDE}.\n")
    return 0
