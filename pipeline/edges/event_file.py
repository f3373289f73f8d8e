"""Reading the GitHub Actions event file (`--event "$GITHUB_EVENT_PATH"`) of `ppid chain` and `ppid status`."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.core.chain.event import EventError, EventTarget, event_target
from pipeline.errors import UsageError


def read_event(path: Path) -> EventTarget:
    """The PR (or head commit) named by a GitHub Actions event file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"--event {path}: berkas peristiwa tidak dapat dibaca sebagai JSON ({type(exc).__name__}); "
                         "berikan \"$GITHUB_EVENT_PATH\" dari alur kerja GitHub Actions") from None
    try:
        return event_target(data)
    except EventError as exc:
        raise UsageError(f"--event {path}: {exc}") from None
