"""The clock, read only here at the edge: `--now` when given (tests, reruns), else the current time."""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo
from zoneinfo import ZoneInfo

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


def now(text: str | None, tz: tzinfo) -> datetime:
    """--now when given, else the clock; always aware, in `tz`."""
    return (parse_now(text, tz) or datetime.now(UTC)).astimezone(tz)


def today_in(now: datetime, timezone: str) -> date:
    """The calendar date at `now` in the SOP's time zone (Asia/Pontianak: WIB)."""
    return now.astimezone(ZoneInfo(timezone)).date()
