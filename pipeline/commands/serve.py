"""`ppid serve`: preview the site with live reload (validates content on every rebuild)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import IO

from pipeline.commands import Subparsers


def register(sub: Subparsers) -> None:
    parser = sub.add_parser("serve", help="pratinjau situs di http://127.0.0.1:8000/",
                            description="Menjalankan pratinjau situs; halaman dimuat ulang saat berkas disimpan. "
                                        "Masalah isi ditampilkan di halaman pratinjau sampai diperbaiki.")
    parser.add_argument("--addr", default="127.0.0.1:8000", metavar="ALAMAT:PORT",
                        help="alamat pratinjau, misalnya 127.0.0.1:8000, localhost atau :8001 "
                             "(bawaan: 127.0.0.1:8000)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    return serve(addr=args.addr)


def serve(*, addr: str, root: Path | None = None, out: IO[str] | None = None) -> int:
    """Preview the site of ROOT at `addr` (as staff type it, e.g. `:8001`) until Ctrl+C; returns the exit code."""
    from pipeline.edges.config import find_root
    from pipeline.edges.mkdocs_serve import parse_addr, serve_site

    out = out or sys.stdout
    address = parse_addr(addr)
    root = root or find_root()
    try:
        serve_site(root, address, out)
    except KeyboardInterrupt:  # Ctrl+C is how a preview ends
        out.write("Pratinjau dihentikan.\n")
    return 0
