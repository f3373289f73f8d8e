"""`ppid check [PATHS] [--repo O/R (--pr N | --event PATH) [--utama DIR]]`: validate content; exit 0 valid,
1 problems, 2 usage, 3 GitHub unreadable.

With --repo the PR's own tree (the working directory: the PR's content/ next to the default branch's sop.yml)
is also compared with every other open PR and, with --utama, with the default branch's checkout: the same
`nomor`, slug or attachment path in two drafts is a clash (pipeline/core/clashes.py). GitHub unreadable is an
error, never a pass (fail closed).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING

from pipeline.commands import Subparsers, add_format_option
from pipeline.core import permissions
from pipeline.core.clashes import Holding, clashes, holding, told_by_clashes
from pipeline.core.paths import kind_of
from pipeline.core.problems import Problem
from pipeline.core.report import format_text, render
from pipeline.core.sop import Sop
from pipeline.core.validate import SourceFile
from pipeline.edges.clock import now
from pipeline.edges.config import find_root, load_sop
from pipeline.edges.content import read_sources
from pipeline.edges.content_check import check_tree
from pipeline.errors import UsageError

if TYPE_CHECKING:
    from pipeline.edges.github_client import GitHubSettings

COMMAND = "ppid check"


def register(sub: Subparsers) -> None:
    parser = sub.add_parser("check", help="periksa metadata dan isi pengumuman",
                            description="Memeriksa semua berkas di content/ (atau BERKAS yang disebut saja). Dengan "
                                        "--repo, isi PR juga dibandingkan dengan PR lain yang masih terbuka (dan "
                                        "dengan cabang utama bila --utama diberikan): nomor, nama berkas dan lampiran "
                                        "yang sama dilaporkan sebelum persetujuan. Perlu GITHUB_TOKEN.")
    parser.add_argument("paths", nargs="*", metavar="BERKAS",
                        help="berkas atau folder yang diperiksa (bawaan: seluruh content/)")
    add_format_option(parser)
    parser.add_argument("--now", metavar="ISO", help="waktu pemeriksaan (bawaan: sekarang), misalnya "
                                                      "2025-08-05T09:00:00+07:00")
    parser.add_argument("--repo", metavar="PEMILIK/NAMA",
                        help="repositori GitHub; bandingkan isi PR dengan PR lain yang masih terbuka")
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--pr", type=int, metavar="N", help="nomor PR yang isinya ada di folder kerja")
    target.add_argument("--event", type=Path, metavar="BERKAS",
                        help="berkas peristiwa pull_request_target ($GITHUB_EVENT_PATH) yang menyebut PR-nya")
    parser.add_argument("--utama", type=Path, metavar="FOLDER",
                        help="salinan cabang utama (misalnya $GITHUB_WORKSPACE) untuk dibandingkan dengan isi PR")
    parser.set_defaults(func=run)


@dataclass(frozen=True)
class DraftTarget:
    """Which PR the working directory holds, and where to compare it."""

    repo: str
    pr: int | None = None
    event: Path | None = None
    utama: Path | None = None


def run(args: argparse.Namespace) -> int:
    target = None
    if args.repo or args.pr is not None or args.event or args.utama:
        if not args.repo:
            raise UsageError("--pr, --event dan --utama hanya dipakai bersama --repo PEMILIK/NAMA")
        target = DraftTarget(args.repo, args.pr, args.event, args.utama)
    root = find_root()
    today = now(args.now, load_sop(root).tz).date() if args.now else None
    return check(root=root, paths=args.paths or None, fmt=args.format, target=target, env=os.environ, today=today)


def check(*, root: Path, paths: list[str] | None, fmt: str, target: DraftTarget | None, env: Mapping[str, str],
          settings: GitHubSettings | None = None, out: IO[str] | None = None, today: date | None = None) -> int:
    """Check the content under ROOT (and, with `target`, its clashes with other drafts); returns the exit code.
    `today` (in the SOP's time zone) defaults to the clock."""
    out = out or sys.stdout
    result, checked = check_tree(root, paths, today)
    if target is not None:
        found, mine, default = draft_clashes(root, load_sop(root), target, env=env, settings=settings)
        kept = told_by_clashes(result.problems, mine, default)
        result = replace(result, problems=tuple(sorted((*kept, *found))))
    shown = render(result.problems, fmt, lambda problems: format_text(problems, checked))
    if shown is not None:
        out.write(shown + "\n")
    return 0 if result.ok else 1


def draft_clashes(root: Path, sop: Sop, target: DraftTarget, *, env: Mapping[str, str],
                  settings: GitHubSettings | None = None) -> tuple[list[Problem], Holding, Holding | None]:
    """Clashes of the PR in ROOT with the other open PRs (and the default branch's checkout `target.utama`), with
    what the PR and the default branch hold."""
    # Imported here: a plain `ppid check` (the build's, a laptop's) never loads PyGithub.
    from pipeline.edges.event_file import read_event
    from pipeline.edges.github_client import GitHubSettings
    from pipeline.edges.github_drafts import DraftDesk

    if (target.pr is None) == (target.event is None):
        raise UsageError("dengan --repo, sebutkan tepat salah satu: --pr N atau --event BERKAS")
    if target.pr is not None and target.pr <= 0:
        raise UsageError(f"--pr {target.pr} bukan nomor PR; tulis bilangan bulat positif")
    if target.utama is not None and not (target.utama / sop.content.dir).is_dir():
        raise UsageError(f"--utama {target.utama}: tidak ada folder {sop.content.dir}/ di sana; berikan salinan "
                         "cabang utama repositori")
    number, branch = target.pr, None
    if target.event is not None:
        event = read_event(target.event)
        number, branch = event.number, event.default_branch
    if number is None:
        raise UsageError(f"--event {target.event}: bukan peristiwa pull request; `ppid check --event` "
                         "dijalankan oleh job Periksa isi saja")
    client = DraftDesk(settings or GitHubSettings.from_env(env, permissions.DRAFTS), target.repo, COMMAND)
    try:
        changed = client.pull_files(number)
        others = client.open_drafts(sop, branch=branch, skip=number)
    finally:
        client.close()
    mine_paths = [f.path for f in changed if f.status not in ("removed", "unchanged")
                  and kind_of(f.path, sop) in ("announcement", "attachment")]
    mine = holding(_read(root, mine_paths), sop, pr=number)
    default = holding(read_sources(target.utama, sop)[0], sop) if target.utama is not None else None
    return clashes(mine, default, others), mine, default


def _read(root: Path, paths: list[str]) -> list[SourceFile]:
    """The PR's files as the working directory holds them (a path that is not there has nothing to compare)."""
    out = []
    for path in paths:
        file = root / path
        if file.is_file() and not file.is_symlink():
            out.append(SourceFile(path, file.read_bytes()))
    return out
