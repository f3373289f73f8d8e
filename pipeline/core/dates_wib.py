"""Reading the clock happens at the edges; this module only parses and converts given instants (WIB)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

WIB = ZoneInfo("Asia/Pontianak")


def parse_instant(text: str) -> datetime:
    """An ISO 8601 instant; a naive value is read as WIB. Raises ValueError with an Indonesian message."""
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"waktu '{text}' bukan ISO 8601; tulis misalnya 2025-08-05T09:30:00+07:00") from None
    return value if value.tzinfo else value.replace(tzinfo=WIB)
