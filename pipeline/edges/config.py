"""Reading sop.yml from the repository root (trusted: the default branch's copy)."""

from __future__ import annotations

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
