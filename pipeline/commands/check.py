"""`ppid check [PATHS]`: validate content; exit 0 valid, 1 problems, 2 usage."""

from __future__ import annotations

import argparse

from pipeline.core.report import format_github, format_json, format_text
from pipeline.edges.clock import now
from pipeline.edges.config import find_root, load_sop
from pipeline.edges.content_check import check_tree


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("check", help="periksa metadata dan isi pengumuman",
                            description="Memeriksa semua berkas di content/ (atau BERKAS yang disebut saja).")
    parser.add_argument("paths", nargs="*", metavar="BERKAS",
                        help="berkas atau folder yang diperiksa (bawaan: seluruh content/)")
    parser.add_argument("--format", choices=("text", "github", "json"), default="text",
                        help="bentuk keluaran: text (bawaan, untuk dibaca), github (anotasi GitHub Actions) atau json")
    parser.add_argument("--now", metavar="ISO", help="waktu pemeriksaan (bawaan: sekarang), misalnya "
                                                      "2025-08-05T09:00:00+07:00")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = find_root()
    today = now(args.now, load_sop(root).tz).date() if args.now else None
    result, checked = check_tree(root, args.paths or None, today)
    if args.format == "json":
        print(format_json(result.problems))
    elif args.format == "github":
        if result.problems:
            print(format_github(result.problems))
    else:
        print(format_text(result.problems, checked))
    return 0 if result.ok else 1
