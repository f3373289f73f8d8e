"""`ppid codeowners [--org ORG] [--check]`: write CODEOWNERS from sop.yml, or check it is in step."""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from pipeline.commands import Subparsers
from pipeline.core.codeowners import render_codeowners, valid_org
from pipeline.edges.config import find_root, load_sop
from pipeline.errors import UsageError


def register(sub: Subparsers) -> None:
    parser = sub.add_parser("codeowners", help="tulis CODEOWNERS dari sop.yml",
                            description="Menulis CODEOWNERS dari peran dan jalur terlindung di sop.yml.")
    parser.add_argument("--org", help="organisasi GitHub pemilik tim (bawaan: dari GITHUB_REPOSITORY atau "
                        "CODEOWNERS yang ada)")
    parser.add_argument("--check", action="store_true", help="jangan menulis; gagal bila CODEOWNERS tertinggal")
    parser.set_defaults(func=run)


def _org(given: str | None, existing: str | None) -> str:
    if given:
        org = given
    elif os.environ.get("GITHUB_REPOSITORY", "").count("/") == 1:
        org = os.environ["GITHUB_REPOSITORY"].split("/")[0]
    elif existing and (found := re.search(r"^\*\s+@([^/\s]+)/", existing, re.M)):
        org = found.group(1)
    else:
        raise UsageError("organisasi GitHub belum diketahui; jalankan 'ppid codeowners --org NAMA-ORGANISASI'")
    if not valid_org(org):
        raise UsageError(f"'{org}' bukan nama organisasi GitHub yang valid")
    return org


def run(args: argparse.Namespace) -> int:
    root = find_root()
    path = root / "CODEOWNERS"
    existing = path.read_text(encoding="utf-8") if path.is_file() else None
    text = render_codeowners(load_sop(root), _org(args.org, existing))
    if args.check:
        if existing == text:
            print("CODEOWNERS sesuai dengan sop.yml.")
            return 0
        print("CODEOWNERS: tidak sesuai dengan sop.yml; jalankan 'ppid codeowners' lalu sertakan perubahannya "
              "dalam pull request pemeliharaan.", file=sys.stderr)
        return 1
    if existing == text:
        print("CODEOWNERS sudah sesuai; tidak ada perubahan.")
        return 0
    Path(path).write_text(text, encoding="utf-8")
    print(f"CODEOWNERS ditulis ({text.count(chr(10))} baris).")
    return 0
