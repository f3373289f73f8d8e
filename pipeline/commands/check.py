"""`ppid check [PATHS]`: validate content; exit 0 valid, 1 problems, 2 usage."""

from __future__ import annotations

import argparse

from pipeline.commands import Subparsers, add_format_option
from pipeline.core.report import format_text, render
from pipeline.edges.clock import now
from pipeline.edges.config import find_root, load_sop
from pipeline.edges.content_check import check_tree


def register(sub: Subparsers) -> None:
    parser = sub.add_parser("check", help="periksa metadata dan isi pengumuman",
                            description="Memeriksa semua berkas di content/ (atau BERKAS yang disebut saja).")
    parser.add_argument("paths", nargs="*", metavar="BERKAS",
                        help="berkas atau folder yang diperiksa (bawaan: seluruh content/)")
    add_format_option(parser)
    parser.add_argument("--now", metavar="ISO", help="waktu pemeriksaan (bawaan: sekarang), misalnya "
                                                      "2025-08-05T09:00:00+07:00")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = find_root()
    today = now(args.now, load_sop(root).tz).date() if args.now else None
    result, checked = check_tree(root, args.paths or None, today)
    shown = render(result.problems, args.format, lambda problems: format_text(problems, checked))
    if shown is not None:
        print(shown)
    return 0 if result.ok else 1
