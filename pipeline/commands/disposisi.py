"""`ppid disposisi --repo OWNER/NAME --issue N [--tanggal YYYY-MM-DD]`: one click from a disposisi to a draft.

Comments on disposisi issue N (one comment, kept up to date in place) with a link that opens GitHub's web
editor on a new announcement file prefilled with the `ppid baru` scaffold, and the line `Disposisi: #N` to
paste into the pull request. The next `nomor` is free across the content in the working directory (the default
branch's checkout in the workflow `.github/workflows/disposisi.yml`) and every open PR's announcements, as
`ppid baru` reserves it. The issue's title and body are read as data only. Exit: 0 done; 2 usage or
configuration; 3 GitHub could not be read or written.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import IO
from urllib.parse import quote

from pipeline.commands import Subparsers
from pipeline.core import permissions
from pipeline.core.chain.words import role_name
from pipeline.core.disposisi_link import MARKER, disposisi_comment, disposisi_draft, new_file_url
from pipeline.core.guides import STAFF_GUIDE
from pipeline.core.scaffold import nomor_values
from pipeline.edges.clock import day_option, today_in, utc_now
from pipeline.edges.config import find_root, load_sop
from pipeline.edges.content import read_sources
from pipeline.edges.github_client import GitHubSettings
from pipeline.edges.github_drafts import DraftDesk, held_nomors
from pipeline.edges.github_issues import IssueDesk
from pipeline.errors import UsageError

COMMAND = "ppid disposisi"


def register(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "disposisi", help="beri issue disposisi tautan untuk mulai menulis konsep di editor GitHub",
        description="Menulis (atau memperbarui) satu komentar di issue disposisi berisi tautan yang membuka editor "
                    "GitHub pada berkas pengumuman baru dengan kerangka 'ppid baru' yang sudah terisi, dan baris "
                    "'Disposisi: #N' untuk deskripsi pull request.", epilog=f"GITHUB_TOKEN: {permissions.DISPOSISI}.")
    parser.add_argument("--repo", required=True, metavar="PEMILIK/NAMA", help="repositori GitHub")
    parser.add_argument("--issue", required=True, type=int, metavar="N", help="nomor issue disposisi")
    parser.add_argument("--tanggal", help="tanggal pengumuman YYYY-MM-DD (bawaan: hari ini, WIB)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    return disposisi(repo=args.repo, issue=args.issue, tanggal=args.tanggal, env=os.environ)


def disposisi(*, repo: str, issue: int, tanggal: str | None, env: Mapping[str, str],
              settings: GitHubSettings | None = None, root: Path | None = None, now: datetime | None = None,
              out: IO[str] | None = None) -> int:
    """Comment the draft link on disposisi issue `issue` of `repo`; returns the exit code."""
    out = out or sys.stdout
    if issue <= 0:
        raise UsageError(f"--issue {issue} bukan nomor issue; tulis bilangan bulat positif")
    root = root or find_root()
    sop = load_sop(root)
    day = day_option(tanggal, today_in(now or utc_now(), sop.tz))
    sources, _, _ = read_sources(root, sop)
    existing = nomor_values(sources, sop)
    settings = settings or GitHubSettings.from_env(env, permissions.DISPOSISI)
    desk = IssueDesk(settings, repo, COMMAND)
    drafts = DraftDesk(settings, repo, COMMAND, permissions.DISPOSISI)
    try:
        found = desk.issue(issue)
        if found.state != "open":
            out.write(f"Issue #{issue} sudah ditutup; tidak ada komentar yang dibuat.\n")
            return 0
        info = desk.repository()
        existing += held_nomors(drafts.open_drafts(sop, branch=info.default_branch))
        draft = disposisi_draft(issue, found.title, found.body, day, sop, existing)
        url = new_file_url(info.html_url, info.default_branch, draft.path, draft.text)
        guide = f"{info.html_url.rstrip('/')}/blob/{quote(info.default_branch, safe='')}/{STAFF_GUIDE}"
        body = disposisi_comment(draft, url, found.assignees, role_name(sop, "kabid"), guide)
        written = desk.upsert_comment(issue, body, MARKER, what="issue")
    finally:
        desk.close()
        drafts.close()
    words = {"created": "dibuat", "updated": "diperbarui", "unchanged": "tidak berubah"}
    out.write(f"Komentar disposisi {words[written.action]}: {written.html_url}\n"
              f"Berkas konsep: {draft.path}\n")
    return 0

