"""`ppid chain --repo OWNER/NAME (--pr N | --event PATH) [--now ISO8601] [--json] [--report]`: where a PR stands in
the chain.

`--event "$GITHUB_EVENT_PATH"` takes the PR from the GitHub Actions event that started the workflow (see
pipeline.core.chain.event): a `pull_request_target` event names it; for a `workflow_run` it is the open PR
whose head is the run's head commit (PRs from forks are not listed in the event), found in the same list of
open PRs the snapshot reads anyway.

Reads the PR from GitHub (GITHUB_TOKEN, GITHUB_API_URL), evaluates it against sop.yml (the default branch's
copy in the working directory) and prints a summary in Bahasa Indonesia, or JSON with --json. With --report
it also keeps the one PR comment up to date and sets the commit status `ppid/persetujuan` on the head commit;
a serta-merta PR also gets the label `serta-merta` (created when missing) and is marked MENDESAK.
Exit: 0 approved; 1 not approved (waiting, returned or blocked); 2 usage or configuration; 3 GitHub could not
be read (fail closed: never approved).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping
from dataclasses import replace
from datetime import tzinfo
from pathlib import Path
from typing import IO

from pipeline.commands import Subparsers
from pipeline.core import permissions
from pipeline.core.chain.evaluate import evaluate
from pipeline.core.chain.event import EventTarget, pick_pull
from pipeline.core.chain.preview import COMMENT_LIMIT, preview_markdown
from pipeline.core.chain.render import (
    STATUS_CONTEXT,
    comment_markdown,
    status_description,
    status_state,
    summary_text,
    verdict_json,
)
from pipeline.core.chain.snapshot import PrSnapshot, calendar_years
from pipeline.core.chain.urgency import LABEL, LABEL_COLOR, LABEL_DESCRIPTION
from pipeline.core.chain.verdict import Verdict
from pipeline.core.sop import Sop
from pipeline.edges.clock import parse_now, utc_now
from pipeline.edges.config import find_root, load_sop
from pipeline.edges.event_file import read_event
from pipeline.edges.github_client import GitHubSettings
from pipeline.edges.github_preview import PreviewGitHub
from pipeline.edges.workcal import build_calendar
from pipeline.errors import UsageError


def register(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "chain", help="periksa rantai persetujuan sebuah PR (urutan, pengembalian, waktu SOP)",
        description="Memeriksa di mana sebuah PR berada dalam rantai persetujuan SOP: Kabid/Kasubag, Sekretaris, "
                    "lalu Kepala Dinas, serta waktu tiap langkah dibanding standar SOP (jam kerja). "
                    "Kode keluar: 0 disetujui, 1 belum disetujui, 2 salah pakai/konfigurasi, 3 GitHub tidak "
                    "dapat dibaca.", epilog=f"GITHUB_TOKEN: {permissions.CHAIN}.")
    parser.add_argument("--repo", required=True, metavar="PEMILIK/NAMA", help="repositori GitHub")
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--pr", type=int, metavar="N", help="nomor pull request")
    target.add_argument("--event", type=Path, metavar="BERKAS",
                        help="berkas peristiwa GitHub Actions ($GITHUB_EVENT_PATH): PR diambil dari peristiwa "
                             "pull_request_target, atau dicari dari commit peristiwa workflow_run")
    parser.add_argument("--now", metavar="ISO8601",
                        help="waktu pemeriksaan (bawaan: sekarang); tanpa zona waktu dibaca sebagai WIB")
    parser.add_argument("--json", action="store_true", help="cetak hasil sebagai satu objek JSON")
    parser.add_argument("--report", action="store_true",
                        help="tulis status commit ppid/persetujuan dan perbarui satu komentar di PR")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    return chain(repo=args.repo, pr=args.pr, event_path=args.event, now_text=args.now, as_json=args.json,
                 report=args.report, env=os.environ)


def chain(*, repo: str, pr: int | None, now_text: str | None, as_json: bool, report: bool,
          env: Mapping[str, str], event_path: Path | None = None, settings: GitHubSettings | None = None,
          root: Path | None = None, out: IO[str] | None = None, err: IO[str] | None = None) -> int:
    """Evaluate PR `pr` of `repo` (or the PR of the event in `event_path`), print the verdict, optionally report it
    on GitHub; returns the exit code."""
    out = out or sys.stdout
    err = err or sys.stderr
    if (pr is None) == (event_path is None):
        raise UsageError("sebutkan tepat salah satu: --pr N atau --event BERKAS")
    if pr is not None and pr <= 0:
        raise UsageError(f"--pr {pr} bukan nomor PR; tulis bilangan bulat positif")
    target = read_event(event_path) if event_path is not None else EventTarget(number=pr)
    sop = load_sop(root or find_root())
    parse_now(now_text, sop.tz)  # a bad --now is a usage error before any request
    settings = settings or GitHubSettings.from_env(env, permissions.CHAIN)
    client = PreviewGitHub(settings, repo)
    try:
        number = target.number
        if number is None:
            assert target.head_sha is not None  # event_target gives one or the other
            number = pick_pull(target.head_sha, client.open_pulls(), target.default_branch)
            if number is None:
                err.write(f"Tidak ada PR terbuka dengan commit {target.head_sha[:7]} (peristiwa {target.name}); "
                          "tidak ada yang diperiksa dan tidak ada status yang ditulis.\n")
                return 1
            err.write(f"PR #{number} diperiksa: PR terbuka dengan commit {target.head_sha[:7]} "
                      f"(peristiwa {target.name}).\n")
        snapshot = client.fetch_snapshot(number, sop)
        now = parse_now(now_text, sop.tz) or utc_now()
        calendar = build_calendar(sop, *calendar_years(snapshot, now))
        verdict = evaluate(snapshot, sop, calendar, now)
        if as_json:
            out.write(json.dumps(verdict_json(verdict), ensure_ascii=False, indent=2) + "\n")
        else:
            out.write(summary_text(verdict, sop, calendar.tz))
        out.flush()
        if report:
            _report(client, verdict, snapshot, sop, calendar.tz, err)
            if verdict.approved and snapshot.merged_at is None:
                # Another PR with this head commit may have been opened while we judged this one; its own run
                # writes failure, but could finish before our success. Look again after writing: either this
                # sees it, or that PR opened later and its run writes after us.
                recheck = replace(snapshot, open_pulls=client.open_pulls(refresh=True))
                if recheck.sharing_head:
                    verdict = evaluate(recheck, sop, calendar, now)
                    err.write("PR lain dengan commit yang sama dibuka selama pemeriksaan; hasil ditulis ulang:\n"
                              + summary_text(verdict, sop, calendar.tz))
                    _report(client, verdict, recheck, sop, calendar.tz, err)
    finally:
        client.close()
    return 0 if verdict.approved else 1


def _report(client: PreviewGitHub, verdict: Verdict, snapshot: PrSnapshot, sop: Sop, tz: tzinfo,
            err: IO[str]) -> None:
    if verdict.urgent and LABEL.lower() not in {name.lower() for name in snapshot.labels}:
        # The label is added, never removed: once a PR was urgent, people may filter on it; a human can remove it.
        client.ensure_label(LABEL, LABEL_COLOR, LABEL_DESCRIPTION)
        client.add_labels(verdict.pr, [LABEL])
        err.write(f"Label {LABEL} ditambahkan pada PR #{verdict.pr} (MENDESAK)\n")
    written = client.upsert_comment(verdict.pr, _comment(client, verdict, snapshot, sop, tz))
    state = status_state(verdict)
    client.set_status(verdict.head_sha, state, status_description(verdict, sop), STATUS_CONTEXT,
                      written.html_url or None)
    words = {"created": "dibuat", "updated": "diperbarui", "unchanged": "tidak berubah"}
    err.write(f"Komentar PR {words[written.action]}: {written.html_url}\n"
              f"Status {STATUS_CONTEXT} pada {verdict.head_sha[:7]}: {state}\n")


def _comment(client: PreviewGitHub, verdict: Verdict, snapshot: PrSnapshot, sop: Sop, tz: tzinfo) -> str:
    """The chain comment, with the approvers' preview of an announcement PR in the room GitHub leaves."""
    chain_only = comment_markdown(verdict, sop, tz)
    if verdict.kind != "announcement":
        return chain_only
    room = COMMENT_LIMIT - len(chain_only) - 2
    preview = preview_markdown(snapshot, client.preview_sources(snapshot, sop), sop, room) if room > 0 else ""
    return comment_markdown(verdict, sop, tz, preview=preview) if preview else chain_only
