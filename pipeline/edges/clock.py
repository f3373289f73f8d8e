"""The clock, read only here at the edge: `--now` when given (tests, reruns), else the current time."""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo

from pipeline.errors import UsageError


def parse_now(text: str | None, tz: tzinfo) -> datetime | None:
    """--now as an aware datetime (naive values are read in the SOP's zone); None when not given."""
    if text is None:
        return None
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"--now '{text}' bukan waktu ISO 8601; tulis misalnya 2024-08-05T09:30:00+07:00") from None
    return value if value.tzinfo else value.replace(tzinfo=tz)


def utc_now() -> datetime:
    """The current time, aware, in UTC: the only read of the system clock."""
    return datetime.now(UTC)


def now(text: str | None, tz: tzinfo) -> datetime:
    """--now when given, else the clock; always aware, in `tz`."""
    return (parse_now(text, tz) or utc_now()).astimezone(tz)


def today_in(moment: datetime, tz: tzinfo) -> date:
    """The calendar date at `moment` in the SOP's time zone (Asia/Pontianak: WIB)."""
    return moment.astimezone(tz).date()


def day_option(text: str | None, today: date) -> date:
    """--tanggal as a real calendar day written YYYY-MM-DD (2026-02-30 and 30-11-2026 are refused); `today` when
    not given."""
    if not text:
        return today
    try:
        if len(text) != 10:
            raise ValueError  # date.fromisoformat also takes 20261130, which staff would not mean
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--tanggal '{text}' bukan tanggal YYYY-MM-DD yang ada di kalender, misalnya 2026-11-30") \
            from None
