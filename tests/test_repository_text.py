"""Tracked text files carry no leftover merge-conflict markers: a merge commit can carry them into prose (README.md,
the guides) that no other test reads line by line."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MARKER = re.compile(r"^(<{7}|>{7}|={7}$|\|{7})( |$)", re.M)


def test_no_conflict_markers_in_tracked_files() -> None:
    names = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, check=True).stdout
    found = []
    for name in (n.decode() for n in names.split(b"\0") if n):
        path = ROOT / name
        if not path.is_file() or path.suffix in {".png", ".jpg", ".jpeg", ".pdf", ".xlsx", ".zip"}:
            continue
        text = path.read_bytes().decode("utf-8", "replace")
        found += [f"{name}:{text.count(chr(10), 0, m.start()) + 1}" for m in MARKER.finditer(text)]
    assert found == []
