"""`ppid baru`: create the skeleton of a new announcement with the next free `nomor`.

The next `nomor` is free across the working directory's content and every open PR's announcements (read through
the API with GITHUB_TOKEN; the repository from --repo, GITHUB_REPOSITORY or the `origin` remote). Without a token
or a repository it says plainly that open drafts were not seen and how to re-check; a token that cannot read
GitHub is an error (fail closed), never a silent fallback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING

from pipeline.commands import Subparsers
from pipeline.core import permissions
from pipeline.core.guides import STAFF_GUIDE
from pipeline.core.paths import join
from pipeline.core.scaffold import Draft, Scaffold, ScaffoldError, build_scaffold, nomor_values, unfilled
from pipeline.core.sop import Sop
from pipeline.edges.clock import day_option, today_in, utc_now
from pipeline.edges.config import find_root, load_sop, origin_repo
from pipeline.edges.content import read_sources
from pipeline.edges.invocation import ppid_command
from pipeline.errors import PpidError, UsageError

if TYPE_CHECKING:
    from pipeline.edges.github_client import GitHubSettings


def register(sub: Subparsers) -> None:
    parser = sub.add_parser(
        "baru", help="buat kerangka pengumuman baru dengan nomor berikutnya",
        description="Membuat berkas content/pengumuman/<tahun>/<slug>.md berisi front matter lengkap dengan nomor "
                    "berikutnya. Kolom yang tidak diberikan dibiarkan kosong untuk diisi; 'ppid check' "
                    "menunjukkan barisnya sampai semuanya terisi.")
    parser.add_argument("--judul", help="judul pengumuman (wajib)")
    parser.add_argument("--jenis", help="berkala, serta-merta atau setiap-saat (wajib)")
    parser.add_argument("--kategori", help="wajib untuk jenis berkala, misalnya program atau laporan-akses")
    parser.add_argument("--ringkasan", help="satu sampai tiga kalimat inti pengumuman")
    parser.add_argument("--unit", help="unit yang menguasai informasi")
    parser.add_argument("--penanggung-jawab", dest="penanggung_jawab", help="pejabat penanggung jawab")
    parser.add_argument("--retensi", help="jangka waktu penyimpanan, misalnya '5 Tahun'")
    parser.add_argument("--tanggal", help="YYYY-MM-DD (bawaan: hari ini, WIB)")
    parser.add_argument("--slug", help="nama berkas tanpa .md (bawaan: dari judul)")
    parser.add_argument("--repo", metavar="PEMILIK/NAMA",
                        help="repositori GitHub yang PR terbukanya ikut dihitung (bawaan: GITHUB_REPOSITORY atau "
                             "remote origin); perlu GITHUB_TOKEN")
    parser.add_argument("--dry-run", action="store_true", help="tampilkan hasilnya tanpa menulis berkas")
    parser.add_argument("--stdout", action="store_true", help="cetak isi berkas saja ke layar, tanpa menulis berkas")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    return create(judul=args.judul, jenis=args.jenis, kategori=args.kategori, ringkasan=args.ringkasan, unit=args.unit,
                  penanggung_jawab=args.penanggung_jawab, retensi=args.retensi, tanggal=args.tanggal, slug=args.slug,
                  repo=args.repo, dry_run=args.dry_run, to_stdout=args.stdout, env=os.environ)


def create(*, judul: str | None, jenis: str | None, kategori: str | None = None, ringkasan: str | None = None,
           unit: str | None = None, penanggung_jawab: str | None = None, retensi: str | None = None,
           tanggal: str | None = None, slug: str | None = None, repo: str | None = None, dry_run: bool = False,
           to_stdout: bool = False, env: Mapping[str, str], settings: GitHubSettings | None = None,
           root: Path | None = None, now: datetime | None = None, out: IO[str] | None = None,
           err: IO[str] | None = None) -> int:
    """Build the scaffold of a new announcement under ROOT and write it (or, with `dry_run` or `to_stdout`, print
    it); returns the exit code. `tanggal` (YYYY-MM-DD) defaults to the day of `now` (default: the clock) in the
    SOP's time zone; open PRs are read when `env` (or `settings`) gives a token."""
    out = out or sys.stdout
    err = err or sys.stderr
    root = root or find_root()
    sop = load_sop(root)
    now = now or utc_now()
    if dry_run and to_stdout:
        raise UsageError("pilih salah satu: --dry-run atau --stdout, tidak keduanya")
    if not judul:
        raise UsageError("--judul wajib diisi, misalnya --judul \"Jadwal Layanan Informasi Publik 2026\"")
    if not jenis:
        raise UsageError("--jenis wajib diisi: berkala, serta-merta atau setiap-saat")
    draft = Draft(judul=judul, jenis=jenis, tanggal=day_option(tanggal, today_in(now, sop.tz)), kategori=kategori,
                  ringkasan=ringkasan, unit=unit, penanggung_jawab=penanggung_jawab, retensi=retensi, slug=slug)
    sources, _, _ = read_sources(root, sop)
    drafts, note = open_draft_nomors(root, sop, repo, env, settings)
    try:
        scaffold = build_scaffold(draft, sop, [*nomor_values(sources, sop), *drafts])
    except ScaffoldError as exc:
        raise UsageError(f"--{exc.field.replace('_', '-')}: {exc.detail}") from None
    target = root / scaffold.path
    if target.exists():
        raise PpidError(f"{scaffold.path} sudah ada dan tidak akan ditimpa; pilih --slug lain atau sunting "
                        "berkas itu langsung")
    if to_stdout:
        out.write(scaffold.text)
        err.write(f"{note}\n")
        return 0
    if dry_run:
        out.write(f"Pratinjau (tidak ada berkas yang ditulis): {scaffold.path}\n\n{scaffold.text}\n{note}\n")
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(scaffold.text)
    except FileExistsError:  # created between the check and now
        raise PpidError(f"{scaffold.path} sudah ada dan tidak akan ditimpa; pilih --slug lain") from None
    out.write(next_steps(scaffold, draft, sop, ppid_command(path=env.get("PATH", "")), note) + "\n")
    return 0


def open_draft_nomors(root: Path, sop: Sop, repo: str | None, env: Mapping[str, str],
                      settings: GitHubSettings | None = None) -> tuple[list[str], str]:
    """The `nomor` values of every open PR's announcements, and the sentence saying what was seen."""
    recheck = ("Sebelum mengajukan, periksa ulang: isi GITHUB_TOKEN (token yang boleh membaca repositori) lalu "
               "jalankan 'ppid baru --dry-run' dengan judul yang sama, atau lihat pemeriksaan isi (ppid/isi) di "
               "pull request, yang membandingkan nomor dengan semua PR terbuka.")
    if settings is None and not env.get("GITHUB_TOKEN", "").strip():
        return [], ("Catatan: GITHUB_TOKEN tidak diisi, jadi draf lain yang masih terbuka sebagai pull request "
                    "TIDAK terlihat; nomor ini hanya dihitung dari berkas di folder ini dan bisa sama dengan "
                    f"nomor di draf orang lain. {recheck}")
    repo = repo or env.get("GITHUB_REPOSITORY", "").strip() or origin_repo(root)
    if not repo:
        return [], ("Catatan: repositori GitHub tidak diketahui (tidak ada --repo, GITHUB_REPOSITORY atau remote "
                    "origin di github.com), jadi draf lain yang masih terbuka sebagai pull request TIDAK terlihat; "
                    "nomor ini hanya dihitung dari berkas di folder ini. Jalankan lagi dengan --repo PEMILIK/NAMA.")
    # Imported here: without a token `ppid baru` works offline and never loads PyGithub.
    from pipeline.edges.github_client import GitHubSettings
    from pipeline.edges.github_drafts import DraftDesk, held_nomors

    client = DraftDesk(settings or GitHubSettings.from_env(env, permissions.DRAFTS), repo, "ppid baru")
    try:
        drafts = client.open_drafts(sop)
    finally:
        client.close()
    return held_nomors(drafts), (f"Nomor dihitung dari berkas di folder ini dan {len(drafts)} pull request yang "
                                 f"masih terbuka di {repo}.")


def next_steps(scaffold: Scaffold, draft: Draft, sop: Sop, ppid: str = "ppid", note: str = "") -> str:
    """What to do after the file is created, in Bahasa Indonesia."""
    nomor = next(line.split(":", 1)[1].strip() for line in scaffold.text.splitlines() if line.startswith("nomor:"))
    steps = []
    missing = unfilled(draft)
    if missing:
        steps.append(f"Isi kolom yang masih kosong di front matter: {', '.join(missing)}.")
    if draft.jenis.strip().lower() == "serta-merta":
        steps.append("Isi kedelapan bagian pengumuman serta-merta (## Potensi Bahaya sampai ## Langkah Penanganan) "
                     "dan periksa berlaku_hingga. Informasi serta-merta harus segera diumumkan.")
    else:
        steps.append("Tulis isi pengumuman di bawah front matter, lalu hapus catatan panduannya.")
    steps.append(f"Bila ada lampiran, simpan di {join(sop.content.attachments, str(draft.tanggal.year))}/ "
                 "dan cantumkan di kolom lampiran.")
    steps.append(f"Periksa hasilnya: {ppid} check {scaffold.path}")
    steps.append("Ajukan sebagai pull request agar diperiksa Kabid/Kasubag, Sekretaris dan Kepala Dinas "
                 f"(caranya: {STAFF_GUIDE}).")
    lines = [f"Berkas dibuat: {scaffold.path}", f"Nomor: {nomor}", *([note] if note else []), "",
             "Langkah berikutnya:"]
    lines += [f"  {number}. {text}" for number, text in enumerate(steps, start=1)]
    return "\n".join(lines)

