"""Reminders for berkala information: six months, month ends, leap years, the 31 March report."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from pipeline.core.announcement import Announcement
from pipeline.core.schedule import add_months, berkala_schedule

BASE = Announcement(
    path="content/pengumuman/2025/a.md", slug="a", judul="Judul contoh", nomor="001/PPID/DISKOMINFO/2025",
    jenis="berkala", tanggal=date(2025, 1, 6), ringkasan="r", unit="u", penanggung_jawab="p", retensi="1 Tahun",
    tempat="Pontianak", bentuk=("softcopy",), kategori="keuangan")


@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2025, 1, 6), 6, date(2025, 7, 6)),
    (date(2025, 8, 31), 6, date(2026, 2, 28)),
    (date(2023, 8, 31), 6, date(2024, 2, 29)),  # leap year
    (date(2024, 2, 29), 6, date(2024, 8, 29)),
    (date(2025, 10, 15), 6, date(2026, 4, 15)),
])
def test_add_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


def by_key(today: date, *items: Announcement) -> dict[str, tuple[bool, bool, date | None, date]]:
    return {i.key: (i.due, i.late, i.last, i.due_on) for i in berkala_schedule(items, today)}


@pytest.mark.parametrize(("today", "due", "late"), [
    (date(2025, 7, 5), False, False),
    (date(2025, 7, 6), True, False),  # exactly six months: due today
    (date(2025, 7, 7), True, True),
])
def test_six_months(today: date, due: bool, late: bool) -> None:
    assert by_key(today, BASE)["keuangan"] == (due, late, date(2025, 1, 6), date(2025, 7, 6))


def test_newest_version_counts_and_other_jenis_do_not() -> None:
    newer = replace(BASE, tanggal=date(2025, 6, 1), nomor="009/PPID/DISKOMINFO/2025")
    serta_merta = replace(BASE, jenis="serta-merta", kategori="program", tanggal=date(2025, 7, 1))
    result = by_key(date(2025, 7, 10), BASE, newer, serta_merta)
    assert result["keuangan"][:3] == (False, False, date(2025, 6, 1))
    assert result["program"] == (True, False, None, date(2025, 7, 10))


@pytest.mark.parametrize(("today", "published", "expected"), [
    (date(2026, 3, 30), None, (True, False)),
    (date(2026, 3, 31), None, (True, False)),  # the deadline day itself is not late
    (date(2026, 4, 1), None, (True, True)),
    (date(2026, 4, 1), date(2026, 3, 2), (False, False)),
    (date(2026, 4, 1), date(2025, 12, 20), (True, True)),  # last year's report does not count
    (date(2024, 2, 29), None, (True, False)),
])
def test_yearly_report_by_31_march(today: date, published: date | None, expected: tuple[bool, bool]) -> None:
    items = [replace(BASE, kategori="laporan-akses", tanggal=published)] if published else []
    result = by_key(today, *items)
    key = f"laporan-tahunan-{today.year - 1}"
    assert result[key][:2] == expected
    assert result[key][3] == date(today.year, 3, 31)
