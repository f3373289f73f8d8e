"""`ppid verify [--site site/] [--kepala HASH]`: recompute the proof hash chain and the content hashes.

Exit 0 when everything holds, 1 when any record, content file or proof page breaks (each named).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from pipeline.core.problems import Problem
from pipeline.core.proof import GENESIS, ChainReport, ProofRecord, generation_start, verify_chain
from pipeline.core.proof_check import HEAD_FILE, check_contents, check_site, extends, parse_head, uncovered
from pipeline.core.report import format_github, format_json
from pipeline.core.sop import Sop
from pipeline.edges.archive import Git, read_published, read_records
from pipeline.edges.config import find_root, load_sop
from pipeline.errors import PpidError, UsageError

_HASH = re.compile(r"^[0-9a-f]{64}$")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("verify", help="periksa rantai hash bukti pengumuman",
                            description="Menghitung ulang rantai hash catatan bukti di content/arsip/ dan hash isi "
                                        "pengumuman pada commit yang tercatat atau di folder kerja.")
    parser.add_argument("--site", metavar="FOLDER", help="periksa juga situs yang sudah dibangun (misalnya site/)")
    parser.add_argument("--kepala", metavar="HASH",
                        help="kepala rantai yang diharapkan, misalnya dari /bukti/rantai.txt di situs resmi")
    parser.add_argument("--sejak", metavar="HASH|URL",
                        help="kepala rantai yang sudah diterbitkan (hash, atau alamat /bukti/rantai.txt situs yang "
                             "berjalan): rantai sekarang harus melanjutkannya")
    parser.add_argument("--format", choices=("text", "github", "json"), default="text",
                        help="bentuk keluaran: text (bawaan, untuk dibaca), github (anotasi GitHub Actions) atau json")
    parser.set_defaults(func=run)


def verify_tree(root: Path, sop: Sop, site: Path | None = None, expected_head: str | None = None,
                published_head: str | None = None) -> tuple[ChainReport, list[Problem], list[str]]:
    """All checks for the repository at ROOT: the chain report, every problem, and notes (not failures)."""
    tz = ZoneInfo(sop.calendar.timezone)
    report = verify_chain(read_records(root, sop), sop.content.archive, tz)
    problems = list(report.problems)
    notes: list[str] = []
    git = Git(root)
    at_commit: dict[tuple[str, str], bytes | None] = {}
    start = generation_start(report)
    if git.available():
        problems += git.archive_history(sop.content.archive, since=start.commits.merge if start else None)
        if start is not None:
            problems += replaced_chain(git, start, sop.content.archive, tz)
        problems += git.uncommitted(sop.content.archive)
        for _, record in report.records:
            if git.has_commit(record.commits.merge):
                for item in record.files:
                    at_commit[(record.commits.merge, item.path)] = git.show(record.commits.merge, item.path)
    else:
        notes.append("bukan repositori git: riwayat arsip dan isi pada commit tercatat tidak diperiksa")
    found, unchecked = check_contents(report.records, at_commit)
    problems += found
    if unchecked:
        notes.append(f"{unchecked} versi lama tidak dapat diperiksa karena commit-nya tidak ada di salinan ini "
                     "(ambil riwayat lengkap: git fetch --unshallow)")
    if expected_head is not None and expected_head != report.head:
        problems.append(Problem(sop.content.archive, 1, "kepala", f"kepala rantai {report.head[:12]}… berbeda dengan "
                                f"yang diharapkan {expected_head[:12]}…; riwayat bukti berubah", "arsip-kepala"))
    if published_head is not None:
        problems += extends(report, published_head, sop.content.archive)
    problems += uncovered(report.records, read_published(root, sop), sop.content.dir)
    if site is not None:
        problems += _site_problems(report, site, root, sop.content.dir)
    return report, sorted(problems), notes


def replaced_chain(git: Git, start: ProofRecord, archive: str, tz: ZoneInfo) -> list[Problem]:
    """The chain a new generation replaced, read from git just before it: it must end at the head the new
    generation names and hold demo records only (real history is never replaced)."""
    assert start.generation is not None
    if not git.has_commit(start.commits.base):
        return [Problem(archive, 1, "generation", f"commit {start.commits.base[:7]} sebelum arsip dimulai ulang tidak "
                        "ada di salinan ini; ambil riwayat lengkap (git fetch --unshallow)", "arsip-generasi")]
    old = verify_chain(git.files_at(start.commits.base, archive), archive, tz)
    problems = []
    if old.head != start.generation.previous_head:
        problems.append(Problem(archive, 1, "generation.previous_head", f"arsip yang diganti berakhir di "
                                f"{old.head[:12]}…, bukan {start.generation.previous_head[:12]}… seperti kata catatan "
                                "awal; catatan awal palsu", "arsip-generasi"))
    real = [path for path, record in old.records if not record.demo]
    if real:
        problems.append(Problem(archive, 1, "generation", f"arsip yang diganti berisi {len(real)} catatan sungguhan "
                                f"(misalnya {real[0]}); arsip sungguhan tidak boleh dimulai ulang", "arsip-generasi"))
    return problems


def _site_problems(report: ChainReport, site: Path, root: Path, docs_dir: str) -> list[Problem]:
    if not site.is_dir():
        raise UsageError(f"{site}: folder situs tidak ada; bangun dulu dengan 'ppid build'")
    head_file = site / "bukti" / HEAD_FILE
    site_head = parse_head(head_file.read_text(encoding="utf-8")) if head_file.is_file() else None
    pages: dict[str, str | None] = {}
    for _, record in report.records:
        for slug in record.slugs:
            page = site / "bukti" / slug / "index.html"
            pages[slug] = page.read_text(encoding="utf-8") if page.is_file() else None
    originals: dict[str, bytes] = {}
    copies: dict[str, bytes | None] = {}
    for path, _ in report.records:
        site_path = path.removeprefix(docs_dir.rstrip("/") + "/")
        originals[site_path] = (root / path).read_bytes()
        copies[site_path] = (site / site_path).read_bytes() if (site / site_path).is_file() else None
    return check_site(report, site_head, pages, site.as_posix().rstrip("/"), copies, originals)


def published_head(source: str) -> str:
    """The chain head already published: a hash as given, or read from a live `/bukti/rantai.txt`. An address
    that answers 404 means nothing was published there yet (GENESIS); any other failure stops (fail closed)."""
    if _HASH.match(source):
        return source
    if not source.startswith(("https://", "http://")):
        raise UsageError("--sejak harus 64 huruf heksadesimal atau alamat http(s) berkas /bukti/rantai.txt")
    import requests

    try:
        response = requests.get(source, timeout=30)
    except requests.RequestException as exc:
        raise PpidError(f"{source} tidak dapat dibaca ({type(exc).__name__}); kepala rantai yang sudah diterbitkan "
                        "tidak diketahui, jadi situs tidak diterbitkan. Coba lagi nanti") from None
    if response.status_code == 404:
        return GENESIS
    head = parse_head(response.text) if response.status_code == 200 else None
    if head is None:
        raise PpidError(f"{source} menjawab HTTP {response.status_code} tanpa baris 'kepala: <hash>'; kepala rantai "
                        "yang sudah diterbitkan tidak diketahui, jadi situs tidak diterbitkan")
    return head


def run(args: argparse.Namespace) -> int:
    if args.kepala is not None and not _HASH.match(args.kepala):
        raise UsageError("--kepala harus 64 huruf heksadesimal (baris 'kepala:' di /bukti/rantai.txt)")
    root = find_root()
    site = Path(args.site) if args.site else None
    published = published_head(args.sejak) if args.sejak else None
    report, problems, notes = verify_tree(root, load_sop(root), site, args.kepala, published)
    if args.format == "json":
        print(format_json(problems))
        return 1 if problems else 0
    if args.format == "github":
        if problems:
            print(format_github(problems))
    else:
        for problem in problems:
            print(problem.as_text())
    for note in notes:
        print(f"catatan: {note}")
    count = len(report.records)
    if problems:
        print(f"Bukti TIDAK utuh: {len(problems)} masalah di {len({p.path for p in problems})} berkas. "
              "Jangan terbitkan; laporkan kepada admin PPID.")
        return 1
    print(f"Bukti utuh: {count} catatan, kepala rantai {report.head}.")
    return 0
