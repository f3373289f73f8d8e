"""`ppid arsip --repo OWNER/NAME --sha SHA [--now ISO] [--demo] [--dorong CABANG]`: write proof records.

For every merge on the first-parent line up to SHA since the last archived point (see `pending`): finds the PR
merged as that commit, judges its approval chain as it stood at the merge, and appends a record to
content/arsip/ (hash-chained to the previous one). Refuses, loudly and with exit 1, a merge that bypassed the
chain. Running it again changes nothing. `--dorong` commits and pushes the records (retrying on a race). Needs
the repository checked out with full history and GITHUB_TOKEN as pipeline.core.permissions.ARSIP says.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import IO

from pipeline import __version__
from pipeline.commands import Subparsers
from pipeline.core import permissions
from pipeline.core.chain.evaluate import evaluate
from pipeline.core.chain.snapshot import calendar_years
from pipeline.core.paths import below, kind_of, matches
from pipeline.core.proof import AnnouncementRef, next_record, verify_chain
from pipeline.core.proof_draft import (
    NO_SLUG,
    MergeInfo,
    announcement_ref,
    content_paths,
    draft_record,
    lampiran_of,
    refusal,
)
from pipeline.core.sop import Sop
from pipeline.edges.archive import Git, read_records, write_record
from pipeline.edges.clock import parse_now, utc_now
from pipeline.edges.config import find_root, load_sop
from pipeline.edges.github_archive import ArchiveGitHub
from pipeline.edges.github_client import GitHubSettings
from pipeline.edges.record_push import Remote, push_records
from pipeline.edges.workcal import build_calendar
from pipeline.errors import PpidError, UsageError

_SHA = re.compile(r"^[0-9a-fA-F]{40}$")


class MergeRefused(PpidError):
    """The merge bypassed the approval chain: no record, no publication."""


def register(sub: Subparsers) -> None:
    parser = sub.add_parser("arsip", help="arsipkan bukti pengumuman untuk sebuah merge",
                            description="Menulis catatan bukti (content/arsip/) untuk PR yang digabung sebagai "
                                        "MERGE_SHA, setelah memastikan rantai persetujuannya lengkap. Kode keluar: "
                                        "0 ditulis atau sudah ada, 1 merge melanggar aturan atau arsip rusak, "
                                        "2 salah pakai, 3 GitHub tidak dapat dibaca.",
                            epilog=f"GITHUB_TOKEN: {permissions.ARSIP}.")
    parser.add_argument("--repo", required=True, metavar="PEMILIK/NAMA", help="repositori GitHub")
    parser.add_argument("--sha", required=True, metavar="MERGE_SHA", help="commit hasil merge (40 huruf heksadesimal)")
    parser.add_argument("--now", metavar="ISO8601", help="waktu pengarsipan (bawaan: sekarang)")
    parser.add_argument("--demo", action="store_true",
                        help="tandai catatan sebagai contoh (bukan merge sungguhan), misalnya untuk situs demo")
    parser.add_argument("--dorong", metavar="CABANG",
                        help="commit catatan baru lalu dorong ke CABANG (workflow terbit); bila ditolak karena ada "
                             "merge baru, ambil ulang cabang dan arsipkan lagi")
    parser.add_argument("--remote", metavar="URL", help="tujuan dorongan (bawaan: repositori di GitHub)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = find_root()
    remote = None
    if args.dorong:
        remote = (Remote(args.remote, args.dorong) if args.remote
                  else Remote.for_github(args.repo, args.dorong, os.environ))
    return archive_pending(repo=args.repo, sha=args.sha, now_text=args.now, demo=args.demo, env=os.environ,
                           root=root, remote=remote)


def archive_pending(*, repo: str, sha: str, now_text: str | None, demo: bool, env: Mapping[str, str],
                    settings: GitHubSettings | None = None, root: Path, remote: Remote | None = None,
                    out: IO[str] | None = None) -> int:
    """Archive every merge on the first-parent line up to `sha` (and on to the checkout's HEAD when it contains
    `sha`) that has no record yet (a cancelled or failed publish run is healed by the next), then push the records
    when `remote` is given. A merge that bypassed
    the chain gets no record; the others are still archived, and the refusal is raised at the end."""
    out = out or sys.stdout
    if not _SHA.match(sha):
        raise UsageError(f"--sha '{sha}' harus sha commit lengkap (40 huruf heksadesimal)")
    refusals: list[str] = []

    def catch_up(head: str) -> None:
        refusals.clear()
        for commit in pending(root, head):
            try:
                archive(repo=repo, sha=commit, now_text=now_text, demo=demo, env=env, settings=settings, root=root,
                        out=out)
            except MergeRefused as exc:
                refusals.append(str(exc))

    # The records are committed on the checkout's HEAD, and a commit that only adds records marks everything before
    # it as archived (see `pending`). The publish workflow checks out the branch, which may already hold later
    # merges than the one that started the run: archive those too, or the record commit would hide them for good.
    git = Git(root)
    head = git.head()
    target = head if head is not None and git.is_ancestor(sha.lower(), head) else sha.lower()
    catch_up(target)
    if remote is not None:
        sop = load_sop(root)
        pushed = push_records(root, sop.content.archive, remote, catch_up,
                              f"Arsip bukti pengumuman sampai {target[:7]}")
        out.write("Catatan bukti didorong ke " + remote.branch + ".\n" if pushed
                  else "Tidak ada catatan bukti baru untuk didorong.\n")
    if refusals:
        raise MergeRefused("\n\n".join(refusals))
    return 0


# How far back the catch-up looks for the last archived point; a new repository has none.
CATCH_UP_LIMIT = 200


def pending(root: Path, sha: str) -> list[str]:
    """The first-parent commits up to `sha` since the last archived point, oldest first.

    The last archived point is the newest commit that a record names as its merge, or that only added records
    and is not a merge (the publish workflow's own record commit); a repository before its first record goes back
    to its first commit. Commits that are not merges of a PR are judged too: a direct push that changed content is
    refused."""
    sop = load_sop(root)
    git = Git(root)
    report = verify_chain(read_records(root, sop), sop.content.archive, sop.tz)
    recorded = {record.commits.merge for _, record in report.records}
    out: list[str] = []
    line = git.first_parent(sha, CATCH_UP_LIMIT + 1)
    for commit in line[:CATCH_UP_LIMIT]:
        if commit in recorded:
            return out[::-1]
        changed = git.changed_paths(commit)
        # A merge that only adds records is a PR forging them (the chain blocks that, a shared status may not): it
        # is judged like any merge, never taken as the publish workflow's record commit.
        if changed and all(below(p, sop.content.archive) for p in changed) and len(git.parents(commit)) <= 1:
            return out[::-1]
        out.append(commit)
    if len(line) > CATCH_UP_LIMIT:
        raise PpidError(f"tidak ada catatan bukti untuk {CATCH_UP_LIMIT} commit terakhir sebelum {sha[:7]}; arsip "
                        "tertinggal terlalu jauh atau belum dimulai. Admin PPID: lihat PANDUAN-ADMIN.md (memulai "
                        "arsip) sebelum menerbitkan lagi")
    return out[::-1]


def archive(*, repo: str, sha: str, now_text: str | None, demo: bool, env: Mapping[str, str],
            settings: GitHubSettings | None = None, root: Path | None = None, out: IO[str] | None = None) -> int:
    """Archive the merge `sha` of `repo`; returns the exit code (refusals raise PpidError)."""
    out = out or sys.stdout
    if not _SHA.match(sha):
        raise UsageError(f"--sha '{sha}' harus sha commit lengkap (40 huruf heksadesimal)")
    sha = sha.lower()
    root = root or find_root()
    sop = load_sop(root)
    tz = sop.tz
    archived_at = parse_now(now_text, tz) or utc_now()
    report = verify_chain(read_records(root, sop), sop.content.archive, tz)
    done = next((path for path, record in report.records if record.commits.merge == sha), None)
    if done is not None:
        out.write(f"Merge {sha[:7]} sudah diarsipkan di {done}; tidak ada yang berubah.\n")
        return 0
    if not report.ok:
        raise PpidError("arsip bukti rusak, catatan baru tidak ditambahkan:\n"
                        + "\n".join(p.as_text() for p in report.problems) + "\nJalankan 'ppid verify' dan laporkan "
                        "kepada admin PPID.")
    git = Git(root)
    if not git.available() or not git.has_commit(sha):
        raise PpidError(f"commit {sha[:7]} tidak ada di repositori lokal {root}; jalankan di salinan repositori "
                        "dengan riwayat lengkap (git fetch --unshallow, atau fetch-depth: 0 di workflow)")
    client = ArchiveGitHub(settings or GitHubSettings.from_env(env, permissions.ARSIP), repo)
    try:
        merge = client.merged_pull(sha)
        if merge is None:
            return _not_a_merge(git, sha, sop, out, env)
        snapshot = client.fetch_snapshot(merge.number, sop)
        # Judge the PR as it stood when merged: a review given afterwards cannot approve what was published.
        snapshot = replace(snapshot, reviews=tuple(r for r in snapshot.reviews
                                                   if r.submitted_at is None or r.submitted_at <= merge.merged_at))
        calendar = build_calendar(sop, *calendar_years(snapshot, merge.merged_at))
        verdict = evaluate(snapshot, sop, calendar, merge.merged_at)
        why = refusal(verdict, sop, tz)
        if why is not None:
            _annotate(env, f"PR #{merge.number} digabung tanpa rantai persetujuan yang lengkap")
            raise MergeRefused(why)
        names = client.profile_names(a.login for a in verdict.approvals)
    finally:
        client.close()
    # A maintenance merge is recorded too, with the paths it changed: every merge has its record, so nothing on
    # the default branch is unaccounted for and the catch-up below always finds where it stopped.
    paths = (sorted(snapshot.change.other_paths) if verdict.kind == "maintenance"
             else content_paths(snapshot, sop))
    files = [(path, git.show(sha, path)) for path in paths]
    record = next_record(report.records[-1][1] if report.records else None, draft_record(
        repo=repo, merge=merge, snapshot=snapshot, verdict=verdict, files=files,
        announcements=_announcements(git, merge, files, sop), names=names, archived_at=archived_at,
        version=__version__, demo=demo))
    path = write_record(root, sop, record, tz)
    slugs = ", ".join(record.slugs) or ("pemeliharaan" if verdict.kind == "maintenance" else NO_SLUG)
    out.write(f"Catatan bukti ditulis: {path}\n  PR #{merge.number} ({slugs}), nomor urut {record.seq}, "
              f"hash {record.sha256}\n")
    return 0


def _announcements(git: Git, merge: MergeInfo, files: list[tuple[str, bytes | None]],
                   sop: Sop) -> list[AnnouncementRef]:
    """The announcements a merge published: changed ones, and those whose attachments changed."""
    refs: dict[str, AnnouncementRef] = {}
    for path, data in files:
        if kind_of(path, sop) != "announcement":
            continue
        # A removed announcement keeps the identity it had before the merge.
        before = data if data is not None else git.show(f"{merge.merge_sha}^1", path)
        refs[path] = announcement_ref(path, before or b"", sop)
    changed_attachments = {path for path, _ in files if kind_of(path, sop) == "attachment"}
    if changed_attachments:
        for path in git.list_files(merge.merge_sha, sop.content.announcements):
            if path in refs or not path.endswith(".md"):
                continue
            data = git.show(merge.merge_sha, path) or b""
            if changed_attachments & set(lampiran_of(data, path, sop)):
                refs[path] = announcement_ref(path, data, sop)
    return [refs[path] for path in sorted(refs)]


def _not_a_merge(git: Git, sha: str, sop: Sop, out: IO[str], env: Mapping[str, str]) -> int:
    changed = [p for p in git.changed_paths(sha)
               if matches(p, sop.content.announcement_paths) and kind_of(p, sop) != "archive"]
    if changed:
        _annotate(env, f"commit {sha[:7]} mengubah isi situs tanpa pull request")
        raise MergeRefused(f"PERINGATAN: commit {sha[:7]} mengubah isi situs tanpa pull request yang disetujui "
                           f"({', '.join(changed[:5])}{' …' if len(changed) > 5 else ''}); aturan cabang dilewati. "
                           "Catatan bukti TIDAK dibuat dan situs tidak diterbitkan. Admin PPID: kembalikan (revert) "
                           "commit ini, lalu ajukan perubahannya lewat pull request.")
    out.write(f"Commit {sha[:7]} bukan merge pull request dan tidak mengubah isi; tidak ada yang diarsipkan.\n")
    return 0


def _annotate(env: Mapping[str, str], title: str) -> None:
    """In GitHub Actions, also raise an error annotation so the bypass shows on the run's summary."""
    if env.get("GITHUB_ACTIONS") == "true":
        print(f"::error title=Merge melanggar SOP::{title}", file=sys.stderr)
