"""Reminders for periodic (berkala) information: what is due, by category.

UU 14/2008 Pasal 9 asks for berkala information at least every six months (sop.yml `berkala_bulan`), and
the yearly information-service report (laporan layanan informasi publik) for year Y-1 by 31 March of year Y.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from pipeline.core.announcement import KATEGORI, KATEGORI_LABEL, Announcement

REPORT_KATEGORI = "laporan-akses"


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 Aug + 6 = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class DueItem:
    """One reminder line: a category (or the yearly report) and whether it must be refreshed now."""

    key: str  # kategori, or "laporan-tahunan-<year>"
    judul: str
    last: date | None
    last_path: str | None
    due_on: date
    due: bool  # must be worked on now (no version yet, or the deadline has come)
    late: bool  # the deadline has passed


def berkala_schedule(announcements: Iterable[Announcement], today: date, months: int = 6) -> tuple[DueItem, ...]:
    """Per kategori: the newest berkala announcement and whether it is older than `months` months."""
    all_items = tuple(announcements)
    newest: dict[str, Announcement] = {}
    for item in all_items:
        if item.jenis == "berkala" and item.kategori:
            current = newest.get(item.kategori)
            if current is None or (item.tanggal, item.nomor) > (current.tanggal, current.nomor):
                newest[item.kategori] = item
    items = []
    for kategori in KATEGORI:
        last = newest.get(kategori)
        due_on = add_months(last.tanggal, months) if last else today
        items.append(DueItem(kategori, KATEGORI_LABEL[kategori], last.tanggal if last else None,
                             last.path if last else None, due_on, due_on <= today, due_on < today))
    items.append(_yearly_report(all_items, today))
    return tuple(items)


def _yearly_report(announcements: Iterable[Announcement], today: date) -> DueItem:
    year = today.year
    reports = [a for a in announcements
               if a.jenis == "berkala" and a.kategori == REPORT_KATEGORI and a.tanggal >= date(year, 1, 1)]
    deadline = date(year, 3, 31)
    latest = max(reports, key=lambda a: a.tanggal, default=None)
    judul = f"Laporan tahunan layanan informasi publik {year - 1} (paling lambat 31 Maret {year})"
    if latest is not None:
        return DueItem(f"laporan-tahunan-{year - 1}", judul, latest.tanggal, latest.path, deadline, False, False)
    return DueItem(f"laporan-tahunan-{year - 1}", judul, None, None, deadline, True, today > deadline)
