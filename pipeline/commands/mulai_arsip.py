"""`ppid mulai-arsip --repo OWNER/NAME --oleh LOGIN [--alasan TEKS] [--dorong CABANG]`: start the real archive.

A new repository holds sample content and a chain of demo records. Emptying them in a pull request cannot work:
a PR may not touch the archive, and the archive is append-only. This command, run by a workflow on an admin's
request (workflow_dispatch), makes two commits instead: one removes the sample announcements, attachments and
evidence (whose latest record is a demo record) and the demo records themselves; the next adds the first record
of a new generation. That
record links to the replaced chain's head, lists the removed files as withdrawn and the files kept as the starting
content, and names the admin who signed it off. It refuses an archive that holds any real record, so history that
counts can never be replaced; `ppid verify` checks the replaced chain in git for the same.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import IO

from pipeline import __version__
from pipeline.commands import Subparsers
from pipeline.core import permissions
from pipeline.core.paths import kind_of
from pipeline.core.proof import verify_chain
from pipeline.core.proof_draft import announcement_ref, genesis_record, sample_paths
from pipeline.edges.archive import Git, read_published, read_records, write_record
from pipeline.edges.clock import parse_now, utc_now
from pipeline.edges.config import find_root, load_sop
from pipeline.edges.github_archive import ArchiveGitHub
from pipeline.edges.github_client import GitHubSettings
from pipeline.edges.record_push import Remote, push_head
from pipeline.errors import PpidError

DEFAULT_REASON = "isi dan catatan contoh dihapus; arsip sungguhan dimulai"


def register(sub: Subparsers) -> None:
    parser = sub.add_parser("mulai-arsip", help="hapus isi dan arsip contoh, mulai arsip bukti sungguhan",
                            description="Menghapus isi contoh (berkas yang catatan terakhirnya catatan contoh) dan "
                                        "arsip contoh, lalu menulis catatan awal generasi arsip baru yang "
                                        "ditandatangani admin. Ditolak bila arsip sudah berisi catatan sungguhan.",
                            epilog=f"GITHUB_TOKEN: {permissions.MULAI_ARSIP}.")
    parser.add_argument("--repo", required=True, metavar="PEMILIK/NAMA", help="repositori GitHub")
    parser.add_argument("--oleh", required=True, metavar="AKUN",
                        help="akun GitHub admin yang meminta (harus anggota tim admin PPID)")
    parser.add_argument("--alasan", default=DEFAULT_REASON, metavar="TEKS", help="alasan, dicatat di catatan awal")
    parser.add_argument("--tautan", default="", metavar="URL", help="tautan run workflow yang menjalankannya")
    parser.add_argument("--now", metavar="ISO8601", help="waktu (bawaan: sekarang)")
    parser.add_argument("--dorong", metavar="CABANG", help="dorong kedua commit ke CABANG")
    parser.add_argument("--remote", metavar="URL", help="tujuan dorongan (bawaan: repositori di GitHub)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    remote = None
    if args.dorong:
        remote = (Remote(args.remote, args.dorong) if args.remote
                  else Remote.for_github(args.repo, args.dorong, os.environ))
    return start_archive(repo=args.repo, by=args.oleh, reason=args.alasan, url=args.tautan, now_text=args.now,
                         env=os.environ, root=find_root(), remote=remote)


def start_archive(*, repo: str, by: str, reason: str, url: str, now_text: str | None, env: Mapping[str, str],
                  root: Path, remote: Remote | None = None, settings: GitHubSettings | None = None,
                  out: IO[str] | None = None) -> int:
    """Replace the demo archive by a new generation; returns the exit code (refusals raise PpidError)."""
    out = out or sys.stdout
    sop = load_sop(root)
    tz = sop.tz
    at = (parse_now(now_text, tz) or utc_now()).replace(microsecond=0)
    report = verify_chain(read_records(root, sop), sop.content.archive, tz)
    if not report.ok:
        raise PpidError("arsip bukti rusak; arsip baru tidak dimulai. Jalankan 'ppid verify' dan laporkan kepada "
                        "admin PPID")
    real = [path for path, record in report.records if not record.demo]
    if real:
        raise PpidError(f"arsip sudah berisi {len(real)} catatan sungguhan (misalnya {real[0]}); arsip yang "
                        "sungguhan tidak pernah dimulai ulang. Untuk menarik pengumuman, hapus berkasnya lewat pull "
                        "request dengan rantai persetujuan")
    git = Git(root)
    if not git.available() or git.uncommitted_any():
        raise PpidError("jalankan di salinan repositori git yang bersih (tanpa perubahan yang belum di-commit)")
    admin_team = sop.team("admin")
    client = ArchiveGitHub(settings or GitHubSettings.from_env(env, permissions.MULAI_ARSIP), repo, "ppid mulai-arsip")
    try:
        if not client.in_team(admin_team, by):
            raise PpidError(f"@{by} bukan anggota tim {admin_team}; hanya admin PPID yang boleh memulai arsip baru")
    finally:
        client.close()
    current = read_published(root, sop)
    removed = sample_paths(report.records, current, sop)
    base_sha = git.head() or ""
    for path in removed:
        (root / path).unlink()
    for path, _ in report.records:
        (root / path).unlink()
    _commit(root, f"Mulai arsip baru: hapus {len(removed)} berkas contoh dan {len(report.records)} catatan contoh")
    start_sha = git.head() or ""
    kept = [(path, data) for path, data in sorted(read_published(root, sop).items()) if data is not None]
    announcements = [announcement_ref(path, data, sop) for path, data in kept if kind_of(path, sop) == "announcement"]
    previous = report.records[0][1].generation.number if report.records and report.records[0][1].generation else 1
    record = genesis_record(repo=repo, previous=report, generation=previous + 1, removed=removed, kept=kept,
                            announcements=announcements, base_sha=base_sha, start_sha=start_sha, by=by, at=at,
                            url=url, reason=reason, version=__version__)
    path = write_record(root, sop, record, tz)
    _commit(root, f"Arsip bukti: catatan awal generasi {previous + 1}", path)
    out.write(f"Arsip baru dimulai: {path}\n  {len(removed)} berkas contoh dan {len(report.records)} catatan contoh "
              f"dihapus; {len(kept)} berkas dipertahankan sebagai isi awal; hash {record.sha256}\n")
    if remote is not None:
        push_head(root, remote)
        out.write(f"Kedua commit didorong ke {remote.branch}.\n")
    return 0


def _commit(root: Path, message: str, *paths: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": os.environ.get("GIT_AUTHOR_NAME", "ppid-bot"),
           "GIT_AUTHOR_EMAIL": os.environ.get("GIT_AUTHOR_EMAIL", "ppid-bot@users.noreply.github.com")}
    env.setdefault("GIT_COMMITTER_NAME", env["GIT_AUTHOR_NAME"])
    env.setdefault("GIT_COMMITTER_EMAIL", env["GIT_AUTHOR_EMAIL"])
    add = ["git", "-C", str(root), "add", "-A", "--", *(paths or ("content",))]
    for argv in (add, ["git", "-C", str(root), "commit", "-q", "-m", message]):
        done = subprocess.run(argv, capture_output=True, env=env, check=False, timeout=60)
        if done.returncode != 0:
            raise PpidError(f"git gagal ({' '.join(argv[3:5])}): {done.stderr.decode(errors='replace').strip()}")
