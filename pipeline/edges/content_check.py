"""The content check over a repository's tree: shared by `ppid check`, `ppid build`, the MkDocs plugin and the
commands that validate before they write (bukti, jadwal)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pipeline.core.catalog import check_sources
from pipeline.core.validate import CheckResult
from pipeline.edges.clock import now
from pipeline.edges.config import load_sop
from pipeline.edges.content import read_sources
from pipeline.site.urls import section_pages


def check_tree(root: Path, paths: list[str] | None = None, today: date | None = None) -> tuple[CheckResult, int]:
    """Validate the content tree under ROOT; returns the result and the number of files checked.

    `today` (in the SOP's time zone) defaults to the clock, read here at the edge.
    """
    sop = load_sop(root)
    special: dict[str, str] = {}
    sources, existing, report = read_sources(root, sop, paths, special)
    if today is None:
        today = now(None, sop.tz).date()
    result = check_sources(sources, sop, existing, report, special=special,
                           site_pages=section_pages(sop.content.dir), today=today)
    checked = len(report) if report is not None else len(existing) + len(special)
    return result, checked
