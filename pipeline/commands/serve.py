"""`ppid serve`: preview the site with live reload (validates content on every rebuild)."""

from __future__ import annotations

import argparse

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
    from pipeline.edges.config import find_root
    from pipeline.edges.mkdocs_serve import parse_addr, serve_site

    addr = parse_addr(args.addr)
    root = find_root()
    try:
        serve_site(root, addr)
    except KeyboardInterrupt:  # Ctrl+C is how a preview ends
        print("Pratinjau dihentikan.")
    return 0
