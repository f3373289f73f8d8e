"""`ppid check [PATHS]`: validate content; exit 0 valid, 1 problems, 2 usage."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from pipeline.core.catalog import check_sources
from pipeline.core.report import format_github, format_json, format_text
from pipeline.core.validate import CheckResult
from pipeline.edges.clock import now
from pipeline.edges.config import find_root, load_sop
from pipeline.edges.content import read_sources
from pipeline.edges.workcal import sop_timezone
from pipeline.site.urls import section_pages


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


def check_tree(root: Path, paths: list[str] | None = None, today: date | None = None) -> tuple[CheckResult, int]:
    """Validate the content tree under ROOT; returns the result and the number of files checked.

    `today` (in the SOP's time zone) defaults to the clock, read here at the edge.
    """
    sop = load_sop(root)
    special: dict[str, str] = {}
    sources, existing, report = read_sources(root, sop, paths, special)
    if today is None:
        today = now(None, sop_timezone(sop)).date()
    result = check_sources(sources, sop, existing, report, special=special,
                           site_pages=section_pages(sop.content.dir), today=today)
    checked = len(report) if report is not None else len(existing) + len(special)
    return result, checked


def run(args: argparse.Namespace) -> int:
    root = find_root()
    today = now(args.now, sop_timezone(load_sop(root))).date() if args.now else None
    result, checked = check_tree(root, args.paths or None, today)
    if args.format == "json":
        print(format_json(result.problems))
    elif args.format == "github":
        if result.problems:
            print(format_github(result.problems))
    else:
        print(format_text(result.problems, checked))
    return 0 if result.ok else 1
