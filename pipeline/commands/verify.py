"""`ppid verify [--site site/] [--kepala HASH]`: recompute the proof hash chain and the content hashes.

Exit 0 when everything holds, 1 when any record, content file or proof page breaks (each named).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import IO

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
    return verify(site=Path(args.site) if args.site else None, expected_head=args.kepala, since=args.sejak,
                  fmt=args.format)


def verify(*, site: Path | None, expected_head: str | None, since: str | None, fmt: str, root: Path | None = None,
           out: IO[str] | None = None) -> int:
    """Verify the proof of ROOT (and the built `site`): the chain ends at `expected_head` and extends the published
    head `since` (a hash, or the address of a live /bukti/rantai.txt) when given. Returns the exit code: 1 when
    anything breaks."""
    out = out or sys.stdout
    if expected_head is not None and not _HASH.match(expected_head):
        raise UsageError("--kepala harus 64 huruf heksadesimal (baris 'kepala:' di /bukti/rantai.txt)")
    root = root or find_root()
    published = published_head(since) if since else None
    report, problems, notes = verify_tree(root, load_sop(root), site, expected_head, published)
    shown = render(problems, fmt, lambda found: "\n".join(p.as_text() for p in found) or None)
    if shown is not None:
        out.write(shown + "\n")
    if fmt == "json":
        return 1 if problems else 0
    for note in notes:
        out.write(f"catatan: {note}\n")
    count = len(report.records)
    if problems:
        out.write(f"Bukti TIDAK utuh: {len(problems)} masalah di {len({p.path for p in problems})} berkas. "
                  "Jangan terbitkan; laporkan kepada admin PPID.\n")
        return 1
    out.write(f"Bukti utuh: {count} catatan, kepala rantai {report.head}.\n")
    return 0
