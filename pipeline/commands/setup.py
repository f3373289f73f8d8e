"""`ppid setup --repo OWNER/NAME [--app-id ID | --tanpa-app] [--tanpa-pages] [--apply]`: the GitHub side of the
repository.

Shows (and with --apply makes) the teams of sop.yml with their access, the ruleset on the default branch
(pull request with code owners, required status ppid/persetujuan and the content check, no force push), the
Pages source and the environments that hold the token, then lists what a person must still do. Idempotent: a
second run changes nothing. Without a GitHub App the required status cannot be pinned to one app, so anyone
with write access could post it: --apply then refuses, unless --tanpa-app is given, and the plan says so.
Needs GITHUB_TOKEN of an organisation owner (pipeline.core.permissions.SETUP says exactly what).
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
from pipeline.core.chain.render import STATUS_CONTEXT
from pipeline.core.repo_setup import NO_APP_WARNING, manual_steps, plan, summary
from pipeline.edges.config import find_root, load_sop
from pipeline.edges.github_client import GitHubSettings
from pipeline.edges.github_setup import SetupGitHub
from pipeline.errors import UsageError

LABEL = {"ok": "[sudah]", "create": "[buat] ", "update": "[ubah] ", "note": "[catat]"}
DONE = {"create": "[dibuat]", "update": "[diubah]"}


def register(sub: Subparsers) -> None:
    parser = sub.add_parser("setup", help="siapkan tim, aturan cabang, Pages dan lingkungan di GitHub",
                            description="Menampilkan (dan dengan --apply membuat) pengaturan GitHub yang dibutuhkan "
                                        "alur PPID. Tanpa --apply tidak ada yang diubah.",
                            epilog=f"GITHUB_TOKEN: {permissions.SETUP}.")
    parser.add_argument("--repo", required=True, metavar="PEMILIK/NAMA", help="repositori GitHub")
    parser.add_argument("--app-id", type=int, metavar="ID",
                        help="App ID GitHub App PPID: status wajib hanya dari App ini, dan App boleh mendorong arsip")
    parser.add_argument("--tanpa-app", action="store_true",
                        help="terapkan tanpa GitHub App (tidak dianjurkan): status wajib tidak terikat pada App, "
                             "sehingga siapa pun yang punya akses tulis dapat menulisnya sendiri")
    parser.add_argument("--tanpa-pages", action="store_true",
                        help="jangan atur GitHub Pages (situs hanya dipasang di server dinas)")
    parser.add_argument("--apply", action="store_true", help="terapkan perubahan")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    return setup(repo=args.repo, app_id=args.app_id, pages=not args.tanpa_pages, apply=args.apply, env=os.environ,
                 without_app=args.tanpa_app)


def setup(*, repo: str, app_id: int | None, pages: bool, apply: bool, env: Mapping[str, str],
          without_app: bool = False, settings: GitHubSettings | None = None, root: Path | None = None,
          out: IO[str] | None = None) -> int:
    """Show or make the GitHub setup of `repo`; returns the exit code."""
    out = out or sys.stdout
    if app_id is not None and app_id <= 0:
        raise UsageError("--app-id harus bilangan bulat positif (lihat halaman pengaturan GitHub App)")
    if app_id is not None and without_app:
        raise UsageError("--app-id dan --tanpa-app tidak dapat dipakai bersama; pilih salah satu")
    if apply and app_id is None and not without_app:
        raise UsageError(
            f"--apply tanpa --app-id ditolak: tanpa GitHub App, status wajib {STATUS_CONTEXT} dapat ditulis sendiri "
            "oleh siapa pun yang punya akses tulis, sehingga aturan cabang hanya tampak melindungi. Buat GitHub App "
            f"PPID (PANDUAN-ADMIN.md bagian 3) lalu jalankan `ppid setup --repo {repo} --app-id ID --apply`; bila "
            "memang harus tanpa App (misalnya uji coba), tambahkan --tanpa-app dan baca peringatannya.")
    sop = load_sop(root or find_root())
    client = SetupGitHub(settings or GitHubSettings.from_env(env, permissions.SETUP), repo)
    try:
        observed = client.observe(sop)
        changes = plan(sop, repo, observed, app_id=app_id, pages=pages)
        todo, right = summary(changes)
        if app_id is None:
            out.write(f"{NO_APP_WARNING}\n\n")
        out.write(f"Penyiapan {repo} (cabang utama: {observed.default_branch}):\n")
        for change in changes:
            label = DONE.get(change.status, LABEL[change.status]) if apply else LABEL[change.status]
            if apply and change.status in DONE:
                client.apply(change)
            detail = f" ({change.detail})" if change.detail else ""
            out.write(f"  {label} {change.what}{detail}\n")
    finally:
        client.close()
    if apply:
        out.write(f"{todo} perubahan diterapkan, {right} sudah sesuai.\n" if todo
                  else f"Semua {right} butir sudah sesuai; tidak ada yang diubah.\n")
    else:
        out.write(f"{todo} perubahan diperlukan, {right} sudah sesuai. Jalankan lagi dengan --apply untuk "
                  "menerapkannya.\n" if todo else f"Semua {right} butir sudah sesuai.\n")
    out.write("\nMasih harus dilakukan oleh admin:\n")
    for number, step in enumerate(manual_steps(sop, repo, app_id), start=1):
        out.write(f"  {number}. {step}\n")
    return 0
