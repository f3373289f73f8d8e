"""`ppid check [PATHS]`: validate content; exit 0 valid, 1 problems, 2 usage."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from pipeline.core.catalog import check_sources
from pipeline.core.problems import Problem
from pipeline.core.report import format_github, format_json, format_text
from pipeline.core.validate import CheckResult
from pipeline.edges.config import find_root, load_sop
from pipeline.edges.content import read_sources, special_files


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("check", help="periksa metadata dan isi pengumuman",
                            description="Memeriksa semua berkas di content/ (atau BERKAS yang disebut saja).")
    parser.add_argument("paths", nargs="*", metavar="BERKAS",
                        help="berkas atau folder yang diperiksa (bawaan: seluruh content/)")
    parser.add_argument("--format", choices=("text", "github", "json"), default="text",
                        help="bentuk keluaran: text (bawaan, untuk dibaca), github (anotasi GitHub Actions) atau json")
    parser.set_defaults(func=run)


def check_tree(root: Path, paths: list[str] | None = None) -> tuple[CheckResult, int]:
    """Validate the content tree under ROOT; returns the result and the number of files checked."""
    sop = load_sop(root)
    sources, existing, report = read_sources(root, sop, paths)
    result = check_sources(sources, sop, existing, report)
    checked = len(report) if report is not None else len(existing)
    if report is None:  # a full check (the build's and the PR check's) also judges what is not a plain file
        links = [Problem(path, 1, "(berkas)", "tautan simbolik (symlink) atau berkas khusus tidak diizinkan: isinya "
                         "bisa diambil dari luar repositori. Ganti dengan berkas biasa", "berkas-khusus")
                 for path in special_files(root, sop)]
        if links:
            result = replace(result, problems=tuple(sorted((*result.problems, *links))))
            checked += len(links)
    return result, checked


def run(args: argparse.Namespace) -> int:
    result, checked = check_tree(find_root(), args.paths or None)
    if args.format == "json":
        print(format_json(result.problems))
    elif args.format == "github":
        if result.problems:
            print(format_github(result.problems))
    else:
        print(format_text(result.problems, checked))
    return 0 if result.ok else 1
