"""`ppid verify [--site site/] [--kepala HASH]`: recompute the proof hash chain and the content hashes.

Exit 0 when everything holds, 1 when any record, content file or proof page breaks (each named).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from pipeline.commands import Subparsers, add_format_option
from pipeline.core.report import render
from pipeline.edges.config import find_root, load_sop
from pipeline.edges.proof_tree import verify_tree
from pipeline.errors import UsageError

_HASH = re.compile(r"^[0-9a-f]{64}$")


def register(sub: Subparsers) -> None:
    parser = sub.add_parser("verify", help="periksa rantai hash bukti pengumuman",
                            description="Menghitung ulang rantai hash catatan bukti di content/arsip/ dan hash isi "
                                        "pengumuman pada commit yang tercatat atau di folder kerja.")
    parser.add_argument("--site", metavar="FOLDER", help="periksa juga situs yang sudah dibangun (misalnya site/)")
    parser.add_argument("--kepala", metavar="HASH",
                        help="kepala rantai yang diharapkan, misalnya dari /bukti/rantai.txt di situs resmi")
    parser.add_argument("--sejak", metavar="HASH|URL",
                        help="kepala rantai yang sudah diterbitkan (hash, atau alamat /bukti/rantai.txt situs yang "
                             "berjalan): rantai sekarang harus melanjutkannya")
    add_format_option(parser)
    parser.set_defaults(func=run)


def published_head(source: str) -> str:
    """The chain head already published: a hash as given, or read from a live `/bukti/rantai.txt`."""
    if _HASH.match(source):
        return source
    if not source.startswith(("https://", "http://")):
        raise UsageError("--sejak harus 64 huruf heksadesimal atau alamat http(s) berkas /bukti/rantai.txt")
    from pipeline.edges.live_head import fetch_published_head  # requests loads only when an address is given

    return fetch_published_head(source)


def run(args: argparse.Namespace) -> int:
    if args.kepala is not None and not _HASH.match(args.kepala):
        raise UsageError("--kepala harus 64 huruf heksadesimal (baris 'kepala:' di /bukti/rantai.txt)")
    root = find_root()
    site = Path(args.site) if args.site else None
    published = published_head(args.sejak) if args.sejak else None
    report, problems, notes = verify_tree(root, load_sop(root), site, args.kepala, published)
    shown = render(problems, args.format, lambda found: "\n".join(p.as_text() for p in found) or None)
    if shown is not None:
        print(shown)
    if args.format == "json":
        return 1 if problems else 0
    for note in notes:
        print(f"catatan: {note}")
    count = len(report.records)
    if problems:
        print(f"Bukti TIDAK utuh: {len(problems)} masalah di {len({p.path for p in problems})} berkas. "
              "Jangan terbitkan; laporkan kepada admin PPID.")
        return 1
    print(f"Bukti utuh: {count} catatan, kepala rantai {report.head}.")
    return 0
