"""`ppid pasang [--repo O/R] [--folder DIR]`: install the newest published site on the agency's own server.

Run by a systemd timer on the web server (it pulls; GitHub never connects to the server). Each run takes the
newest successful push run of the publish workflow on the default branch, downloads that run's site artifact by
id, checks the zip against the digest GitHub reports, every file against SHA256SUMS, the attestation (with `gh`,
when installed), and the site's proof chain, which must extend the live one; then unpacks it into
releases/<sha>/ and switches `current` atomically. Nothing live changes unless every check passes.
`--kembali` rolls back to the previous release; `--status` shows what is live.

Exit codes: 0 installed, already live or rolled back; 1 refused (the reason is printed, the live site is
unchanged) or another run holds the lock; 2 usage or configuration; 3 GitHub unreachable.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import IO
from zoneinfo import ZoneInfo

from pipeline.commands import Subparsers
from pipeline.core.deploy import (
    SUMS_FILE,
    Chain,
    DeployRefused,
    PublishRun,
    Release,
    artifact_digest,
    chain_of,
    check_extends,
    check_members,
    check_sums,
    choose_artifact,
    choose_run,
    is_older,
    parse_sums,
    releases_to_remove,
    rollback_target,
)
from pipeline.core.sop import Sop
from pipeline.edges.attestation import Mode, check_attestation
from pipeline.edges.clock import now as clock_now
from pipeline.edges.config import find_root, load_sop
from pipeline.edges.github_client import GitHubSettings
from pipeline.edges.github_deploy import DeployGitHub
from pipeline.edges.releases import (
    Layout,
    describe_os_error,
    free_bytes,
    hash_tree,
    locked,
    unpack,
    zip_entries,
)
from pipeline.edges.site_archive import verify_site
from pipeline.errors import PpidError, UsageError

DEFAULT_FOLDER = "/srv/ppid"
MAX_SITE_BYTES = 2 << 30  # an unpacked site larger than this is refused (a zip bomb, not a PPID site)
UNCHANGED = "Situs yang tayang tidak diubah."


def register(sub: Subparsers) -> None:
    parser = sub.add_parser(
        "pasang", help="pasang situs terbitan terbaru di server dinas (dijalankan timer systemd)",
        description="Mengambil artefak situs dari penerbitan terakhir yang berhasil di cabang utama (alur kerja "
                    "terbit.yml, dipicu push), memeriksa digest, SHA256SUMS, atestasi dan rantai bukti, lalu "
                    "memasangnya di FOLDER/releases/<sha> dan memindahkan FOLDER/current sekaligus. Kode keluar: 0 "
                    "terpasang atau sudah terbaru, 1 ditolak (situs yang tayang tidak diubah), 2 salah pakai, "
                    "3 GitHub tidak dapat dibaca.")
    parser.add_argument("--repo", metavar="PEMILIK/NAMA",
                        help="repositori GitHub (bawaan: GITHUB_REPOSITORY), misalnya diskominfo-kalbar/ppid")
    parser.add_argument("--folder", default=DEFAULT_FOLDER, metavar="FOLDER",
                        help=f"folder situs di server (bawaan: {DEFAULT_FOLDER}); nginx melayani FOLDER/current")
    parser.add_argument("--simpan", type=int, metavar="N",
                        help="jumlah rilis yang disimpan untuk dikembalikan (bawaan: pasang.simpan di sop.yml)")
    parser.add_argument("--tunggu", type=float, default=0.0, metavar="DETIK",
                        help="lama menunggu bila ppid pasang lain sedang berjalan (bawaan: 0, langsung berhenti)")
    parser.add_argument("--atestasi", choices=("otomatis", "wajib", "lewati"), default="otomatis",
                        help="periksa atestasi artefak dengan gh: otomatis (bila gh terpasang), wajib, atau lewati")
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--kembali", action="store_true",
                        help="kembalikan situs ke rilis sebelumnya; rilis yang sekarang tidak dipasang lagi otomatis")
    action.add_argument("--status", action="store_true", help="tampilkan rilis yang tayang, sejak kapan, dan riwayat")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    return pasang(repo=args.repo, folder=Path(args.folder), keep=args.simpan, wait=args.tunggu,
                  attestation=args.atestasi, rollback=args.kembali, status=args.status, env=os.environ)


def pasang(*, repo: str | None, folder: Path, keep: int | None = None, wait: float = 0.0,
           attestation: Mode = "otomatis", rollback: bool = False, status: bool = False,
           env: Mapping[str, str], settings: GitHubSettings | None = None, root: Path | None = None,
           now: datetime | None = None, out: IO[str] | None = None) -> int:
    """The whole command as a function of plain values (tests pass `settings` for the fake GitHub)."""
    out = out or sys.stdout
    sop = load_sop(root or find_root())
    tz = sop.tz
    keep = keep if keep is not None else sop.pasang.simpan
    if keep < 2:
        raise UsageError("--simpan harus paling sedikit 2 (rilis yang tayang dan satu untuk dikembalikan)")
    layout = Layout(folder.resolve())
    if status:
        print(status_text(layout, tz), file=out)
        return 0
    repo = repo or env.get("GITHUB_REPOSITORY", "").strip()
    if not repo:
        raise UsageError("--repo belum diisi (atau GITHUB_REPOSITORY); tulis misalnya --repo diskominfo-kalbar/ppid")
    with locked(layout, wait):
        live = layout.live_sha()
        try:
            layout.prepare()
            layout.check_current()
            if rollback:
                return _rollback(layout, keep, clock_now(None, tz) if now is None else now, out)
            client = DeployGitHub(settings or GitHubSettings.from_env(env), repo)
            try:
                return _deploy(client, layout, sop, repo, keep, attestation, env,
                               clock_now(None, tz) if now is None else now, out)
            finally:
                client.close()
        except OSError as exc:
            raise DeployRefused(f"{describe_os_error(exc)}. {_unchanged(live)}") from None
        except PpidError as exc:
            exc.args = (f"{exc} {_unchanged(live)}",)
            raise
        finally:
            _clean(layout)


def _unchanged(live: str | None) -> str:
    return f"{UNCHANGED[:-1]} ({live[:7]})." if live else "Tidak ada yang dipasang."


def _clean(layout: Layout) -> None:
    """Remove staging folders and downloads of this run, whatever happened."""
    with contextlib.suppress(OSError):  # a full disk or a vanished folder: the next run cleans up
        layout.prepare()


def _deploy(client: DeployGitHub, layout: Layout, sop: Sop, repo: str, keep: int, attestation: Mode,
            env: Mapping[str, str], now: datetime, out: IO[str]) -> int:
    branch = client.default_branch()
    run = choose_run(client.publish_runs(branch), repo, branch)
    if run is None:
        raise DeployRefused(f"belum ada penerbitan yang berhasil di cabang {branch} (alur kerja Terbitkan situs, "
                            "dipicu push); periksa tab Actions di GitHub.")
    live = layout.live_sha()
    live_release = layout.release(live) if live else None
    if run.head_sha == live:
        print(f"Situs sudah versi terbaru: commit {run.head_sha[:7]} (penerbitan #{run.run_number}). "
              "Tidak ada yang diubah.", file=out)
        return 0
    if run.head_sha in layout.withdrawn():
        print(f"Penerbitan terbaru (commit {run.head_sha[:7]}, #{run.run_number}) sudah ditarik dengan --kembali; "
              "tidak dipasang lagi. Menunggu penerbitan baru.", file=out)
        return 0
    if is_older(run, live_release):
        raise DeployRefused(f"penerbitan terbaru di GitHub (#{run.run_number}, commit {run.head_sha[:7]}) lebih lama "
                            f"dari situs yang tayang (#{live_release.run_number if live_release else '?'}); situs "
                            "tidak dimundurkan. Untuk mundur, pakai ppid pasang --kembali.")
    live_chain = live_release.chain if live_release else _chain_of_site(layout.current, sop) if live else None
    release = _fetch_and_check(client, layout, sop, repo, run, attestation, env, now, live_chain)
    layout.switch(release.sha)
    print(f"Situs terpasang: commit {release.sha[:7]} (penerbitan #{release.run_number}, {release.run_url}); "
          f"{len(release.chain.hashes)} catatan bukti, kepala rantai {release.chain_head}. "
          f"Atestasi: {release.attestation}.", file=out)
    _after_switch(out, lambda: layout.log({"waktu": now.isoformat(), "tindakan": "pasang", "sha": release.sha,
                                           "dari": live, "run": release.run_number}))
    _after_switch(out, lambda: _prune(layout, keep))
    return 0


def _after_switch(out: IO[str], step: Callable[[], object]) -> None:
    """Bookkeeping once the new release is live: a failure is reported, but the switch stands."""
    try:
        removed = step()
    except OSError as exc:
        print(f"Peringatan: situs sudah terpasang, tetapi pencatatan atau pembersihan gagal: {describe_os_error(exc)}.",
              file=out)
        return
    if isinstance(removed, list) and removed:
        print(f"Rilis lama dihapus: {', '.join(removed)}.", file=out)


def _chain_of_site(site: Path, sop: Sop) -> Chain:
    """The live site's chain read from its own record copies, when its release record is missing."""
    report, _problems = verify_site(site, sop)
    return chain_of(report)


def _fetch_and_check(client: DeployGitHub, layout: Layout, sop: Sop, repo: str, run: PublishRun,
                     attestation: Mode, env: Mapping[str, str], now: datetime, live: Chain | None) -> Release:
    """Download, check and unpack the run's site into releases/<sha>/ (not yet live)."""
    artifact = choose_artifact(client.artifacts(run.id), run)
    expected = artifact_digest(artifact) or ""
    archive = layout.downloads / f"{artifact.id}.zip"
    got = client.download(artifact, archive, max_bytes=artifact.size if artifact.size > 0 else MAX_SITE_BYTES)
    if got != expected:
        raise DeployRefused(f"arsip {artifact.name} (id {artifact.id}) tidak cocok dengan digest yang dilaporkan "
                            f"GitHub: sha256 unduhan {got[:16]}…, GitHub {expected[:16]}…; unduhan rusak atau "
                            "diubah.")
    attested = check_attestation(archive, repo, attestation, env)
    entries = zip_entries(archive)
    problems = check_members(entries, MAX_SITE_BYTES)
    if problems:
        raise DeployRefused(f"arsip {artifact.name} ditolak: " + "; ".join(problems[:10]) + ".")
    needed = sum(e.size for e in entries)
    if free_bytes(layout.releases) < needed + (64 << 20):
        raise DeployRefused(f"ruang disk tidak cukup: situs butuh {needed >> 20} MiB ditambah cadangan 64 MiB; "
                            "kosongkan ruang di server lalu jalankan ulang.")
    staging = layout.staging(run.head_sha)
    written = unpack(archive, staging)
    sums_text = (staging / SUMS_FILE).read_text(encoding="utf-8", errors="replace")
    sums, problems = parse_sums(sums_text)
    problems += check_sums(sums, written)
    if problems:
        raise DeployRefused(f"isi artefak tidak cocok dengan {SUMS_FILE}: " + "; ".join(problems[:10]) + ".")
    report, site_problems = verify_site(staging, sop)
    if site_problems:
        lines = "\n".join(p.as_text() for p in site_problems[:20])
        raise DeployRefused(f"ppid verify --site menolak situs baru ({len(site_problems)} masalah):\n{lines}\n")
    chain = chain_of(report)
    refusal = check_extends(live, report, sop.content.archive)
    if refusal:
        raise DeployRefused(f"rantai bukti ditolak: {refusal}. Jangan pasang situs ini; laporkan kepada admin PPID.")
    release = Release(sha=run.head_sha, run_id=run.id, run_number=run.run_number, run_url=run.html_url,
                      run_created_at=run.created_at, artifact_id=artifact.id, digest=artifact.digest or "",
                      chain=chain, unpacked_at=now, attestation=attested)
    layout.promote(staging, release)
    return release


def _prune(layout: Layout, keep: int) -> list[str]:
    live = layout.live_sha()
    releases = layout.all_releases()
    target = rollback_target(releases, live, layout.withdrawn())
    gone = releases_to_remove(releases, keep, {s for s in (live, target.sha if target else None) if s})
    for sha in gone:
        layout.remove(sha)
    return [sha[:7] for sha in gone]


def _rollback(layout: Layout, keep: int, now: datetime, out: IO[str]) -> int:
    live = layout.live_sha()
    if live is None:
        raise DeployRefused("belum ada situs yang tayang di folder ini; tidak ada yang dapat dikembalikan.")
    target = rollback_target(layout.all_releases(), live, layout.withdrawn())
    if target is None:
        raise DeployRefused("tidak ada rilis sebelumnya yang tersimpan untuk dikembalikan (lihat ppid pasang "
                            "--status).")
    folder = layout.release_dir(target.sha)
    sums, problems = parse_sums((folder / SUMS_FILE).read_text(encoding="utf-8", errors="replace")
                                if (folder / SUMS_FILE).is_file() else "")
    problems += check_sums(sums, hash_tree(folder))
    if problems:
        raise DeployRefused(f"rilis {target.sha[:7]} di server tidak lagi cocok dengan {SUMS_FILE} (diubah di "
                            "server?): " + "; ".join(problems[:10]) + ".")
    # Withdrawn first: if the switch then failed, the timer would still not reinstall what the admin pulled.
    layout.withdraw(live, f"ditarik {now.isoformat()} dengan ppid pasang --kembali")
    layout.switch(target.sha)
    _after_switch(out, lambda: layout.log({"waktu": now.isoformat(), "tindakan": "kembali", "sha": target.sha,
                                           "dari": live, "run": target.run_number}))
    print(f"Situs dikembalikan ke commit {target.sha[:7]} (penerbitan #{target.run_number}). Commit {live[:7]} "
          "ditarik: timer tidak akan memasangnya lagi; penerbitan baru berikutnya dipasang seperti biasa.", file=out)
    return 0


def status_text(layout: Layout, tz: ZoneInfo) -> str:
    """What is live, since when, and the releases kept (Bahasa Indonesia)."""
    live = layout.live_sha()
    if live is None:
        return f"Belum ada situs yang tayang di {layout.base} (FOLDER/current belum ada)."
    release = layout.release(live)
    since = next((e.get("waktu") for e in reversed(layout.history()) if e.get("sha") == live), None)
    lines = [f"Tayang: commit {live}"]
    if since:
        lines.append(f"Sejak: {_local(since, tz)}")
    if release:
        lines += [f"Penerbitan: #{release.run_number} {release.run_url}",
                  f"Artefak: id {release.artifact_id}, {release.digest}",
                  f"Rantai bukti: {len(release.chain.hashes)} catatan, kepala {release.chain_head}",
                  f"Atestasi: {release.attestation}"]
    withdrawn = layout.withdrawn()
    lines.append("Rilis tersimpan:")
    for item in sorted(layout.all_releases(), key=lambda r: (r.run_created_at, r.run_number), reverse=True):
        mark = " (tayang)" if item.sha == live else " (ditarik)" if item.sha in withdrawn else ""
        lines.append(f"  {item.sha[:7]}  penerbitan #{item.run_number}, dipasang {_local(item.unpacked_at, tz)}{mark}")
    return "\n".join(lines)


def _local(moment: str | datetime, tz: ZoneInfo) -> str:
    value = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    return value.astimezone(tz).strftime("%Y-%m-%d %H:%M %Z")
