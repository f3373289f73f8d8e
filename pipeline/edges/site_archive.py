"""The proof chain a built site carries on its own: the copies of the records under arsip/, the chain head in
bukti/rantai.txt and the proof pages. A server holds only the site, so it checks the site against itself with the
same core checks `ppid verify --site` runs against the repository."""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.core.paths import join
from pipeline.core.problems import Problem
from pipeline.core.proof import ChainReport, verify_chain
from pipeline.core.proof_check import HEAD_FILE, check_site, parse_head
from pipeline.core.sop import Sop
from pipeline.site.urls import src_uri_of


def _site_archive(sop: Sop) -> str:
    """Where the site keeps its copies of the records (content/arsip -> arsip)."""
    return src_uri_of(sop.content.archive, sop.content.dir)


def read_site_records(site: Path, sop: Sop) -> list[tuple[str, bytes]]:
    """The site's record copies, named by their repository path (content/arsip/...) as the chain check expects."""
    folder = _site_archive(sop)
    base = site / folder
    out: list[tuple[str, bytes]] = []
    for here, dirs, files in os.walk(base):
        dirs.sort()
        for name in sorted(files):
            path = Path(here) / name
            rel = path.relative_to(site).as_posix()
            out.append((join(sop.content.dir, rel), path.read_bytes()))
    return out


def verify_site(site: Path, sop: Sop) -> tuple[ChainReport, list[Problem]]:
    """The site's chain (from its own record copies) and every problem with it, its head file and proof pages."""
    report = verify_chain(read_site_records(site, sop), sop.content.archive, sop.tz)
    head_file = site / "bukti" / HEAD_FILE
    site_head = parse_head(head_file.read_text(encoding="utf-8", errors="replace")) if head_file.is_file() else None
    pages: dict[str, str | None] = {}
    for _, record in report.records:
        for slug in record.slugs:
            page = site / "bukti" / slug / "index.html"
            pages[slug] = page.read_text(encoding="utf-8", errors="replace") if page.is_file() else None
    problems = list(report.problems)
    problems += check_site(report, site_head, pages, site.as_posix())
    return report, sorted(problems)
