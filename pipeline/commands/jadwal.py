"""`ppid jadwal [--now ISO] [--json] [--buka-disposisi --repo OWNER/NAME]`: which berkala information is due.

With --buka-disposisi it also opens one disposisi issue per due item on GitHub (GITHUB_TOKEN, GITHUB_API_URL),
never a second one while the first is still open, assigned to the Kabid team's members; the weekly workflow
`.github/workflows/jadwal.yml` runs it. Exit: 0 done; 1 content invalid; 2 usage or configuration; 3 GitHub
could not be read or written.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

from pipeline.commands import Subparsers
from pipeline.core import permissions
from pipeline.core.chain.words import role_name
from pipeline.core.reminder import LABEL_STYLE, LABELS, file_url, open_reminders, reminder_issue
from pipeline.core.schedule import DueItem, berkala_schedule
from pipeline.core.sop import Sop
from pipeline.edges.clock import now
from pipeline.edges.config import find_root, load_sop
from pipeline.edges.content_check import check_tree
from pipeline.edges.github_client import GitHubSettings
from pipeline.edges.github_issues import IssueDesk
from pipeline.errors import PpidError, UsageError

COMMAND = "ppid jadwal --buka-disposisi"


def register(sub: Subparsers) -> None:
    parser = sub.add_parser("jadwal", help="daftar informasi berkala yang perlu diperbarui",
                            description="Menampilkan, per kategori informasi berkala, tanggal terbit terakhir "
                                        "dan apakah sudah waktunya diperbarui (lebih dari enam bulan). Dengan "
                                        "--buka-disposisi, membuka satu issue disposisi di GitHub per butir yang "
                                        "jatuh tempo (tidak pernah ganda selama issue itu masih terbuka).",
                            epilog=f"GITHUB_TOKEN: {permissions.JADWAL}.")
    parser.add_argument("--now", metavar="ISO8601", help="waktu acuan ISO 8601 (bawaan: sekarang, WIB)")
    parser.add_argument("--json", action="store_true", help="keluaran JSON")
    parser.add_argument("--buka-disposisi", action="store_true", dest="buka_disposisi",
                        help="buka issue disposisi untuk setiap butir yang jatuh tempo (perlu --repo dan "
                             "GITHUB_TOKEN)")
    parser.add_argument("--repo", metavar="PEMILIK/NAMA", help="repositori GitHub untuk --buka-disposisi")
    parser.set_defaults(func=run)


@dataclass(frozen=True)
class Opened:
    """The disposisi issue of one due item: opened now, or already open."""

    key: str
    action: Literal["opened", "open"]
    number: int
    title: str
    html_url: str


def render_text(items: tuple[DueItem, ...]) -> str:
    lines = []
    for item in items:
        status = "TERLAMBAT" if item.late else ("PERLU DIPERBARUI" if item.due else "aman")
        last = item.last.isoformat() if item.last else "belum pernah"
        lines.append(f"{status:<17} {item.judul} — terakhir: {last}; batas: {item.due_on.isoformat()}")
    due = sum(1 for i in items if i.due)
    lines.append(f"{due} butir perlu disposisi." if due else "Semua informasi berkala masih berlaku.")
    return "\n".join(lines)


def as_json(items: tuple[DueItem, ...], opened: Mapping[str, Opened] | None = None) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for i in items:
        row: dict[str, object] = {"key": i.key, "judul": i.judul, "last": i.last.isoformat() if i.last else None,
                                  "last_path": i.last_path, "due_on": i.due_on.isoformat(), "due": i.due,
                                  "late": i.late}
        if opened is not None:
            found = opened.get(i.key)
            row["disposisi"] = ({"action": found.action, "number": found.number, "url": found.html_url}
                                if found else None)
        out.append(row)
    return out


def run(args: argparse.Namespace) -> int:
    return jadwal(now_text=args.now, as_json_output=args.json, buka=args.buka_disposisi, repo=args.repo,
                  env=os.environ)


def jadwal(*, now_text: str | None, as_json_output: bool, buka: bool, repo: str | None, env: Mapping[str, str],
           settings: GitHubSettings | None = None, root: Path | None = None, out: IO[str] | None = None) -> int:
    """List the schedule; with `buka`, open the missing disposisi issues on `repo`. Returns the exit code."""
    out = out or sys.stdout
    if buka and not repo:
        raise UsageError("--buka-disposisi memerlukan --repo PEMILIK/NAMA, misalnya --repo diskominfo-kalbar/ppid")
    if repo and not buka:
        raise UsageError("--repo hanya dipakai bersama --buka-disposisi")
    root = root or find_root()
    sop = load_sop(root)
    today = now(now_text, sop.tz).date()  # a bad --now is a usage error before anything is read
    result, _ = check_tree(root)
    if not result.ok:
        raise PpidError("konten belum valid; jalankan 'ppid check' dan perbaiki dulu masalahnya")
    items = berkala_schedule(result.announcements, today, sop.berkala_bulan)
    opened: dict[str, Opened] | None = None
    if buka and repo:
        desk = IssueDesk(settings or GitHubSettings.from_env(env, permissions.JADWAL), repo, COMMAND)
        try:
            opened = {o.key: o for o in open_disposisi(desk, items, sop)}
        finally:
            desk.close()
    if as_json_output:
        out.write(json.dumps(as_json(items, opened), ensure_ascii=False, indent=2) + "\n")
        return 0
    out.write(render_text(items) + "\n")
    if opened is not None:
        out.write(_opened_text(items, opened))
    return 0


def open_disposisi(desk: IssueDesk, items: tuple[DueItem, ...], sop: Sop) -> list[Opened]:
    """One open disposisi issue per due item: reuse the open one (found by its marker), else open it."""
    due = [item for item in items if item.due]
    if not due:
        return []
    existing = open_reminders(desk.open_issues(LABELS))
    missing = [item for item in due if item.key not in existing]
    made: dict[str, Opened] = {}
    if missing:
        info = desk.repository()
        team = sop.team("kabid")
        members = sorted(desk.members("kabid", team))
        for name in LABELS:
            desk.ensure_label(name, *LABEL_STYLE[name])
        for item in missing:
            last_url = file_url(info.html_url, info.default_branch, item.last_path) if item.last_path else None
            wanted = reminder_issue(item, org=desk.owner, team=team, kabid=role_name(sop, "kabid"),
                                    members=members, last_url=last_url)
            issue = desk.create_issue(wanted.title, wanted.body, wanted.labels, wanted.assignees)
            made[item.key] = Opened(item.key, "opened", issue.number, issue.title, issue.html_url)
    out = []
    for item in due:
        if item.key in made:
            out.append(made[item.key])
        else:
            found = existing[item.key]
            out.append(Opened(item.key, "open", found.number, found.title, found.html_url))
    return out


def _opened_text(items: tuple[DueItem, ...], opened: Mapping[str, Opened]) -> str:
    if not opened:
        return "Tidak ada issue disposisi yang perlu dibuka.\n"
    lines = []
    for item in items:
        found = opened.get(item.key)
        if found is None:
            continue
        what = "dibuka" if found.action == "opened" else "masih terbuka, tidak dibuka ulang"
        lines.append(f"Disposisi #{found.number} {what}: {found.title} {found.html_url}")
    fresh = sum(1 for o in opened.values() if o.action == "opened")
    lines.append(f"{fresh} issue disposisi baru dibuka.")
    return "\n".join(lines) + "\n"
