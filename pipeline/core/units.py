"""Sizes written the Indonesian way, shared by the site and the PR comment."""

from __future__ import annotations


def size_text(num_bytes: int) -> str:
    """Indonesian size: "850 B", "12 KB", "1,5 MB" (decimal comma, 1024-based)."""
    if num_bytes < 1024:
        return f"{num_bytes} B"
    for unit, factor in (("KB", 1024), ("MB", 1024**2), ("GB", 1024**3)):
        value = num_bytes / factor
        if value < 1024 or unit == "GB":
            text = f"{value:.1f}" if value < 10 else f"{value:.0f}"
            return f"{text.replace('.', ',').removesuffix(',0')} {unit}"
    raise AssertionError("unreachable")  # pragma: no cover
