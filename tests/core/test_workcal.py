"""Working time by sop.yml's calendar: hours, weekends, holidays, cuti bersama, Friday's longer day."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.core.sop import Duration, Sop
from pipeline.core.workcal import WorkingCalendar, make_calendar, step_status
from pipeline.edges.workcal import build_calendar, holiday_dates

WIB = ZoneInfo("Asia/Pontianak")


def at(day: int, hour: int, minute: int = 0, month: int = 8, year: int = 2024) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=WIB)


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    from pipeline.edges.config import load_sop
    from tests.conftest import ROOT
    return build_calendar(load_sop(ROOT), 2023, 2025)


# 2024-08-02 Fri, 08-03 Sat, 08-05 Mon. 2024-05-08 Wed; 05-09 Thu Kenaikan Isa Almasih (public holiday);
# 05-10 Fri cuti bersama (GOVERNMENT category); 05-13 Mon.
@pytest.mark.parametrize(("start", "end", "minutes"), [
    (at(5, 8, 0), at(5, 8, 15), 15),
    (at(5, 7, 0), at(5, 7, 45), 15),  # before opening counts from 07:30
    (at(5, 15, 50), at(6, 7, 40), 20),  # overnight
    (at(5, 16, 0), at(5, 17, 0), 0),  # [start, end): closing time is outside working time
    (at(5, 7, 30), at(5, 7, 31), 1),
    (at(2, 16, 20), at(5, 7, 35), 15),  # Friday closes 16:30, weekend skipped
    (at(2, 16, 10), at(2, 16, 25), 15),  # Friday 16:10-16:25 is working time (Mon-Thu it would not be)
    (at(1, 16, 10), at(1, 16, 25), 0),  # Thursday closes 16:00
    (at(3, 9, 0), at(4, 15, 0), 0),  # weekend
    (at(8, 15, 50, month=5), at(13, 7, 40, month=5), 20),  # holiday + cuti bersama skipped
    (at(16, 16, 0), at(19, 7, 30), 30),  # Friday 16 Aug, then Independence Day on Saturday
    (at(5, 10, 0), at(5, 9, 0), 0),  # reversed interval
    (at(5, 7, 30), at(6, 7, 30), 510),  # a whole Monday
    (at(2, 7, 30), at(5, 7, 30), 540),  # a whole Friday
    (datetime(2024, 8, 5, 1, 0, tzinfo=UTC), datetime(2024, 8, 5, 2, 0, tzinfo=UTC), 60),  # UTC in: 08:00-09:00 WIB
])
def test_working_minutes_between(cal: WorkingCalendar, start: datetime, end: datetime, minutes: int) -> None:
    assert cal.working_minutes_between(start, end) == minutes


@pytest.mark.parametrize(("start", "minutes", "expected"), [
    (at(5, 8, 0), 15, at(5, 8, 15)),
    (at(2, 16, 20), 15, at(5, 7, 35)),
    (at(5, 15, 55), 10, at(6, 7, 35)),
    (at(5, 15, 50), 10, at(5, 16, 0)),
    (at(3, 10, 0), 60, at(5, 8, 30)),
    (at(8, 15, 30, month=5), 60, at(13, 8, 0, month=5)),
    (at(5, 16, 30), 0, at(6, 7, 30)),
])
def test_add_working_minutes(cal: WorkingCalendar, start: datetime, minutes: int, expected: datetime) -> None:
    assert cal.add_working_minutes(start, minutes) == expected


@pytest.mark.parametrize(("start", "days", "expected"), [
    (at(5, 10, 0), 1, at(6, 10, 0)),
    (at(2, 10, 0), 1, at(5, 10, 0)),  # Friday -> Monday
    (at(2, 16, 15), 1, at(5, 16, 0)),  # Friday 16:15 does not exist on Monday: Monday's closing time
    (at(3, 10, 0), 1, at(6, 7, 30)),  # Saturday starts counting Monday 07:30
    (at(5, 17, 0), 1, at(7, 7, 30)),  # after hours starts counting next morning
    (at(8, 10, 0, month=5), 1, at(13, 10, 0, month=5)),  # over the holiday and the cuti bersama
    (at(5, 10, 0), 0, at(5, 10, 0)),
    (at(5, 10, 0), 5, at(12, 10, 0)),
])
def test_add_working_days_same_clock_time(cal: WorkingCalendar, start: datetime, days: int,
                                          expected: datetime) -> None:
    assert cal.add_working_days(start, days) == expected


@pytest.mark.parametrize(("start", "end", "now", "standard", "status", "elapsed"), [
    (None, None, at(5, 9, 0), "15m", "not_started", None),
    (at(5, 8, 0), at(5, 8, 15), at(5, 9, 0), "15m", "ok", 15),
    (at(5, 8, 0), at(5, 8, 16), at(5, 9, 0), "15m", "late", 16),
    (at(5, 8, 0), None, at(5, 8, 10), "15m", "running", 10),
    (at(5, 8, 0), None, at(5, 8, 20), "15m", "overdue", 20),
    (at(2, 16, 0), at(5, 7, 55), at(5, 9, 0), "1h", "ok", 55),  # across the weekend
    (at(5, 10, 0), at(6, 10, 0), at(6, 11, 0), "1d", "ok", 510),
    (at(5, 10, 0), at(6, 10, 1), at(6, 11, 0), "1d", "late", 511),
    (at(5, 10, 0), None, at(6, 9, 0), "1d", "running", 450),
    (at(5, 10, 0), None, at(6, 10, 30), "1d", "overdue", 540),
    (at(8, 10, 0, month=5), None, at(13, 9, 0, month=5), "1d", "running", 450),  # holiday does not count
])
def test_step_status(cal: WorkingCalendar, start: datetime | None, end: datetime | None, now: datetime,
                     standard: str, status: str, elapsed: int | None) -> None:
    clock = step_status(cal, start, end, now, Duration.parse(standard))
    assert (clock.status, clock.elapsed_minutes) == (status, elapsed)


def test_holidays_include_public_cuti_bersama_and_sop_extras(sop: Sop) -> None:
    dates = holiday_dates("ID", [2024], extra=[date(2024, 10, 1)])
    assert date(2024, 5, 9) in dates  # Kenaikan Isa Almasih (public)
    assert date(2024, 5, 10) in dates  # cuti bersama (government)
    assert date(2024, 10, 1) in dates  # extra from sop.yml
    assert date(2024, 8, 5) not in dates
    cal = build_calendar(sop, 2024, 2024)
    assert all(not cal.is_working_day(h.tanggal) for h in sop.calendar.extra_holidays)


def test_calendar_refuses_years_without_holiday_data(cal: WorkingCalendar) -> None:
    with pytest.raises(ValueError, match="holiday data for 2023-2025, not 2026"):
        cal.working_minutes_between(at(5, 8, 0), at(5, 9, 0, year=2030))


def test_naive_datetimes_are_refused(cal: WorkingCalendar) -> None:
    with pytest.raises(ValueError, match="naive datetime"):
        cal.working_minutes_between(datetime(2024, 8, 5, 8, 0), at(5, 9, 0))


def test_hours_come_from_sop() -> None:
    cal = make_calendar({"senin": ("08:00", "12:00")}, WIB, [], (2024, 2024))
    assert cal.working_minutes_between(at(5, 7, 0), at(6, 13, 0)) == 240  # only Monday 08-12 is open


_moments = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2024, 12, 20),
                        timezones=st.just(WIB))


@settings(max_examples=150, deadline=None)
@given(start=_moments, minutes=st.integers(min_value=0, max_value=3000))
def test_adding_then_measuring_gives_back_the_minutes(cal: WorkingCalendar, start: datetime, minutes: int) -> None:
    start = start.replace(microsecond=0)
    end = cal.add_working_minutes(start, minutes)
    assert cal.working_seconds_between(start, end) == minutes * 60
    assert end >= start


@settings(max_examples=150, deadline=None)
@given(a=_moments, gap1=st.integers(0, 20000), gap2=st.integers(0, 20000))
def test_working_time_is_additive(cal: WorkingCalendar, a: datetime, gap1: int, gap2: int) -> None:
    a = a.replace(microsecond=0)  # GitHub timestamps are whole seconds
    b = a + timedelta(minutes=gap1)
    c = b + timedelta(minutes=gap2)
    assert (cal.working_seconds_between(a, b) + cal.working_seconds_between(b, c)
            == cal.working_seconds_between(a, c))
