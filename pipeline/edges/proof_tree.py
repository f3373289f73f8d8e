"""Every proof check over a repository's tree (the chain, its git history, the content at each recorded commit,
content no record covers, optionally a built site): shared by `ppid verify` and the deploying `ppid build`."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from pipeline.core.problems import Problem
from pipeline.core.proof import ChainReport, ProofRecord, generation_start, verify_chain
from pipeline.core.proof_check import HEAD_FILE, check_contents, check_site, extends, parse_head, uncovered
from pipeline.core.sop import Sop
from pipeline.edges.archive import Git, read_published, read_records
from pipeline.errors import UsageError
from pipeline.site.urls import src_uri_of


def verify_tree(root: Path, sop: Sop, site: Path | None = None, expected_head: str | None = None,
                published_head: str | None = None) -> tuple[ChainReport, list[Problem], list[str]]:
    """All checks for the repository at ROOT: the chain report, every problem, and notes (not failures)."""
    tz = sop.tz
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
        site_path = src_uri_of(path, docs_dir)
        originals[site_path] = (root / path).read_bytes()
        copies[site_path] = (site / site_path).read_bytes() if (site / site_path).is_file() else None
    return check_site(report, site_head, pages, site.as_posix(), copies, originals)
