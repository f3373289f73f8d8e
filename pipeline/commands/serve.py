"""`ppid serve`: preview the site with live reload (validates content on every rebuild)."""

from __future__ import annotations

import argparse

from pipeline.edges.config import find_root


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("serve", help="pratinjau situs di http://127.0.0.1:8000/",
                            description="Menjalankan pratinjau situs; halaman dimuat ulang saat berkas berubah.")
    parser.add_argument("--addr", default="127.0.0.1:8000", metavar="HOST:PORT",
                        help="alamat pratinjau (bawaan: 127.0.0.1:8000)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pipeline.edges.mkdocs_plugin import serve_site

    print(f"Pratinjau di http://{args.addr}/ (hentikan dengan Ctrl+C)")
    serve_site(find_root(), args.addr)
    return 0
