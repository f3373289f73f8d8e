"""`ppid status --repo OWNER/NAME --event PATH --hasil OUTCOME`: the content check's commit status on the PR.

The ruleset requires the content check (`ppid check` on the PR's content/) on the PR's head commit. A job run
by `pull_request_target` reports its check run on the base branch's commit, never the head commit, so a
required check named after the job would wait forever; the job's last step writes the commit status `ppid/isi`
on the head commit instead (GitHub Actions' own token, which the ruleset pins the status to). OUTCOME is the
check step's `steps.<id>.outcome`: only `success` writes success; anything else (failure, cancelled, skipped)
writes failure, so a step that never ran never counts as a pass.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import IO

from pipeline.commands import Subparsers
from pipeline.core import permissions
from pipeline.core.repo_setup import CONTENT_STATUS_CONTEXT
from pipeline.edges.event_file import read_event
from pipeline.edges.github import GitHubRepo
from pipeline.edges.github_client import GitHubSettings
from pipeline.errors import UsageError

OUTCOMES = ("success", "failure", "cancelled", "skipped")
PASSED = "Isi pengumuman lolos ppid check"
FAILED = "ppid check tidak lolos; lihat anotasi di job Periksa isi"


class StatusRepo(GitHubRepo):
    """The repository as `ppid status` writes to it (error messages name this command)."""

    command = "ppid status"


def register(sub: Subparsers) -> None:
    parser = sub.add_parser("status", help="tulis status ppid/isi (hasil ppid check) pada commit terakhir PR",
                            description="Menulis status commit ppid/isi pada commit terakhir PR dari peristiwa "
                                        "GitHub Actions: success bila langkah ppid check berhasil, failure bila "
                                        "tidak (termasuk bila langkah itu tidak berjalan).",
                            epilog=f"GITHUB_TOKEN: {permissions.STATUS}.")
    parser.add_argument("--repo", required=True, metavar="PEMILIK/NAMA", help="repositori GitHub")
    parser.add_argument("--event", required=True, type=Path, metavar="BERKAS",
                        help="berkas peristiwa pull_request_target ($GITHUB_EVENT_PATH)")
    parser.add_argument("--hasil", required=True, choices=OUTCOMES,
                        help="hasil langkah ppid check (steps.<id>.outcome)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    return status(repo=args.repo, event_path=args.event, outcome=args.hasil, env=os.environ)


def status(*, repo: str, event_path: Path, outcome: str, env: Mapping[str, str],
           settings: GitHubSettings | None = None, err: IO[str] | None = None) -> int:
    """Write `ppid/isi` on the head commit of the event's PR; returns the exit code (1 when the check failed)."""
    err = err or sys.stderr
    if outcome not in OUTCOMES:
        raise UsageError(f"--hasil '{outcome}' tidak dikenal; pilih salah satu: {', '.join(OUTCOMES)}")
    target = read_event(event_path)
    if target.number is None or target.pr_head_sha is None:
        raise UsageError(f"--event {event_path}: bukan peristiwa pull request dengan commit terakhir "
                         "(`pull_request.head.sha`); `ppid status` dijalankan oleh job Periksa isi saja")
    state = "success" if outcome == "success" else "failure"
    client = StatusRepo(settings or GitHubSettings.from_env(env, permissions.STATUS), repo)
    try:
        client.set_status(target.pr_head_sha, state, PASSED if state == "success" else FAILED,
                          CONTENT_STATUS_CONTEXT)
    finally:
        client.close()
    err.write(f"Status {CONTENT_STATUS_CONTEXT} pada {target.pr_head_sha[:7]} (PR #{target.number}): {state}\n")
    return 0 if state == "success" else 1
