"""Working time by the SOP's calendar: office hours per weekday, public holidays and cuti bersama.

Pure: the holiday dates and the time zone are passed in as data (see `pipeline.edges.workcal`, which reads
them from the `holidays` package and sop.yml). Every interval is half-open, [start, end): a moment exactly at
closing time is already outside working time, so 16:00 on a Monday counts nothing for that Monday and the
next working instant is 07:30 on the next working day. Moments are aware datetimes in any zone; the calendar
reads the clock in its own zone (WIB, Asia/Pontianak).

Time standards (sop.yml `standard`): `15m`/`1h` count working minutes; `1d` counts working days, ending at the
same clock time on the next working day (clamped to that day's closing time, e.g. Friday 16:15 -> Monday 16:00).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Literal

from pipeline.core.sop import WEEKDAYS_ID, Duration

StepStatus = Literal["ok", "late", "running", "overdue", "not_started"]

# A search for the next working day gives up after this many calendar days (a calendar without any working
# day in ten years is a configuration bug, not a long weekend).
_MAX_SCAN_DAYS = 3660


@dataclass(frozen=True)
class WorkingCalendar:
    """Office hours per weekday (Monday first; None = closed), holiday dates, and the years they cover."""

    tz: tzinfo
    hours: tuple[tuple[time, time] | None, ...]
    holidays: frozenset[date]
    first_year: int
    last_year: int

    def __post_init__(self) -> None:
        if len(self.hours) != 7:
            raise ValueError("hours must have seven entries, Monday to Sunday")
        for span in self.hours:
            if span is not None and not span[0] < span[1]:
                raise ValueError(f"opening time {span[0]} must be before closing time {span[1]}")

    # -- days -------------------------------------------------------------------------------------------

    def is_working_day(self, day: date) -> bool:
        """A weekday with office hours that is not a holiday or cuti bersama."""
        if not self.first_year <= day.year <= self.last_year:
            # Holiday data is loaded per year; answering outside it would silently treat holidays as work days.
            raise ValueError(f"calendar has holiday data for {self.first_year}-{self.last_year}, not {day.year}")
        return self.hours[day.weekday()] is not None and day not in self.holidays

    def office_hours(self, day: date) -> tuple[datetime, datetime] | None:
        """[opening, closing) of a working day as aware datetimes, or None when the office is closed."""
        if not self.is_working_day(day):
            return None
        span = self.hours[day.weekday()]
        assert span is not None  # is_working_day checked it
        return datetime.combine(day, span[0], self.tz), datetime.combine(day, span[1], self.tz)

    def _local(self, moment: datetime) -> datetime:
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError(f"naive datetime {moment.isoformat()}: pass an aware datetime")
        return moment.astimezone(self.tz)

    # -- durations ---------------------------------------------------------------------------------------

    def working_seconds_between(self, start: datetime, end: datetime) -> int:
        """Whole working seconds in [start, end); 0 when end is not after start."""
        a, b = self._local(start), self._local(end)
        if b <= a:
            return 0
        total = timedelta()
        day = a.date()
        while day <= b.date():
            span = self.office_hours(day)
            if span is not None:
                lo, hi = max(a, span[0]), min(b, span[1])
                if hi > lo:
                    total += hi - lo
            day += timedelta(days=1)
        return int(total.total_seconds())

    def working_minutes_between(self, start: datetime, end: datetime) -> int:
        """Whole working minutes in [start, end) (seconds are dropped)."""
        return self.working_seconds_between(start, end) // 60

    def next_working_instant(self, moment: datetime) -> datetime:
        """The first working instant at or after `moment` (itself when the office is open then)."""
        local = self._local(moment)
        day = local.date()
        for _ in range(_MAX_SCAN_DAYS):
            span = self.office_hours(day)
            if span is not None and local < span[1]:
                return max(local, span[0])
            day += timedelta(days=1)
        raise ValueError(f"no working day within {_MAX_SCAN_DAYS} days after {moment.isoformat()}")

    def add_working_minutes(self, start: datetime, minutes: int) -> datetime:
        """The moment when `minutes` working minutes have passed since `start`."""
        if minutes < 0:
            raise ValueError("minutes must not be negative")
        remaining = timedelta(minutes=minutes)
        local = self._local(start)
        day = local.date()
        for _ in range(_MAX_SCAN_DAYS):
            span = self.office_hours(day)
            if span is not None and local < span[1]:
                lo = max(local, span[0])
                available = span[1] - lo
                if remaining <= available:
                    return lo + remaining
                remaining -= available
            day += timedelta(days=1)
        raise ValueError(f"no working day within {_MAX_SCAN_DAYS} days after {start.isoformat()}")

    def add_working_days(self, start: datetime, days: int) -> datetime:
        """Same clock time `days` working days after the first working instant at or after `start`."""
        if days < 0:
            raise ValueError("days must not be negative")
        first = self.next_working_instant(start)
        clock = first.time()
        day = first.date()
        for _ in range(_MAX_SCAN_DAYS):
            if days == 0:
                break
            day += timedelta(days=1)
            if self.is_working_day(day):
                days -= 1
        else:
            raise ValueError(f"no working day within {_MAX_SCAN_DAYS} days after {start.isoformat()}")
        span = self.office_hours(day)
        assert span is not None  # the loop stops on a working day (or on `first`'s own working day)
        return min(max(datetime.combine(day, clock, self.tz), span[0]), span[1])

    def deadline(self, start: datetime, standard: Duration) -> datetime:
        """When a step that started at `start` must be finished to meet `standard`."""
        if standard.unit == "d":
            return self.add_working_days(start, standard.amount)
        return self.add_working_minutes(start, standard.minutes)


@dataclass(frozen=True)
class StepClock:
    """How one SOP step stands against its time standard."""

    status: StepStatus
    elapsed_minutes: int | None
    deadline: datetime | None


def step_status(calendar: WorkingCalendar, start: datetime | None, end: datetime | None, now: datetime,
                standard: Duration) -> StepClock:
    """ok/late when finished, running/overdue when started but not finished at `now`, else not_started.

    Minute and hour standards compare whole working minutes (a step of 15 min 40 s meets `15m`); day
    standards compare the finishing moment with the deadline.
    """
    if start is None:
        return StepClock("not_started", None, None)
    deadline = calendar.deadline(start, standard)
    stop = end if end is not None else max(now, start)
    elapsed = calendar.working_minutes_between(start, stop)
    breached = stop > deadline if standard.unit == "d" else elapsed > standard.minutes
    if end is not None:
        return StepClock("late" if breached else "ok", elapsed, deadline)
    return StepClock("overdue" if breached else "running", elapsed, deadline)


def parse_hours(hours: Mapping[str, tuple[str, str]]) -> tuple[tuple[time, time] | None, ...]:
    """sop.yml `calendar.hours` ({"senin": ("07:30", "16:00"), ...}) as seven spans, Monday first."""
    spans: list[tuple[time, time] | None] = []
    for name in WEEKDAYS_ID:
        span = hours.get(name)
        spans.append(None if span is None else (time.fromisoformat(span[0]), time.fromisoformat(span[1])))
    return tuple(spans)


def make_calendar(hours: Mapping[str, tuple[str, str]], tz: tzinfo, holidays: Iterable[date],
                  years: tuple[int, int]) -> WorkingCalendar:
    """A calendar from sop.yml's hours, a zone and the holiday dates loaded for `years` (inclusive)."""
    return WorkingCalendar(tz=tz, hours=parse_hours(hours), holidays=frozenset(holidays),
                           first_year=years[0], last_year=years[1])
