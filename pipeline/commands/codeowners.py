"""`ppid codeowners [--org ORG] [--check]`: write CODEOWNERS from sop.yml, or check it is in step."""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import IO

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


def run(args: argparse.Namespace) -> int:
    return codeowners(org=args.org, check_only=args.check, env=os.environ)


def codeowners(*, org: str | None, check_only: bool, env: Mapping[str, str], root: Path | None = None,
               out: IO[str] | None = None, err: IO[str] | None = None) -> int:
    """Write ROOT/CODEOWNERS from sop.yml for the organisation `org` (default: from GITHUB_REPOSITORY in `env`, then
    from the file itself), or with `check_only` only say whether it is in step; returns the exit code."""
    out = out or sys.stdout
    err = err or sys.stderr
    root = root or find_root()
    path = root / "CODEOWNERS"
    existing = path.read_text(encoding="utf-8") if path.is_file() else None
    text = render_codeowners(load_sop(root), _org(org, existing, env))
    if check_only:
        if existing == text:
            out.write("CODEOWNERS sesuai dengan sop.yml.\n")
            return 0
        err.write("CODEOWNERS: tidak sesuai dengan sop.yml; jalankan 'ppid codeowners' lalu sertakan perubahannya "
                  "dalam pull request pemeliharaan.\n")
        return 1
    if existing == text:
        out.write("CODEOWNERS sudah sesuai; tidak ada perubahan.\n")
        return 0
    path.write_text(text, encoding="utf-8")
    out.write(f"CODEOWNERS ditulis ({text.count(chr(10))} baris).\n")
    return 0


def _org(given: str | None, existing: str | None, env: Mapping[str, str]) -> str:
    repository = env.get("GITHUB_REPOSITORY", "")
    if given:
        org = given
    elif repository.count("/") == 1:
        org = repository.split("/")[0]
    elif existing and (found := re.search(r"^\*\s+@([^/\s]+)/", existing, re.M)):
        org = found.group(1)
    else:
        raise UsageError("organisasi GitHub belum diketahui; jalankan 'ppid codeowners --org NAMA-ORGANISASI'")
    if not valid_org(org):
        raise UsageError(f"'{org}' bukan nama organisasi GitHub yang valid")
    return org
