"""Reading sop.yml from the repository root (trusted: the default branch's copy)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from pipeline.core.sop import Sop, parse_sop
from pipeline.errors import ConfigError


def find_root(start: Path | None = None) -> Path:
    """The repository root: the nearest folder upwards that holds sop.yml."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "sop.yml").is_file():
            return folder
    raise ConfigError("sop.yml tidak ditemukan di folder ini atau di atasnya; jalankan ppid dari dalam repositori PPID")


def load_sop(root: Path) -> Sop:
    """Load and validate ROOT/sop.yml."""
    path = root / "sop.yml"
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(f"{path}: berkas sop.yml tidak ada") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}:1: (sop.yml): berkas bukan UTF-8; simpan ulang sebagai UTF-8") from None
    return parse_sop(text, str(path.relative_to(root)) if path.is_relative_to(root) else str(path))


_GITHUB_REMOTE = re.compile(r"^(?:https://(?:[^@/]+@)?github\.com/|git@github\.com:|ssh://git@github\.com/)"
                            r"([A-Za-z0-9-]+/[A-Za-z0-9._-]+?)(?:\.git)?/?$")


def origin_repo(root: Path) -> str | None:
    """OWNER/NAME of the `origin` remote when it is on github.com (a staff member's clone), else None."""
    try:
        found = subprocess.run(["git", "-C", str(root), "config", "--get", "remote.origin.url"],
                               capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    match = _GITHUB_REMOTE.match(found.stdout.strip())
    return match.group(1) if match else None
