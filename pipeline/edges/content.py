"""Reading the content tree from disk (the only file-system access of the content model)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from pipeline.core.catalog import kind_of
from pipeline.core.evidence import MAX_IMAGE_BYTES
from pipeline.core.sop import Sop
from pipeline.core.validate import SourceFile
from pipeline.errors import UsageError

_READ_KINDS = ("announcement", "page")


def special_kind(path: Path) -> str | None:
    """What a non-regular file is ('symlink', 'fifo', 'socket', 'device', 'other'), or None for a regular file.

    Uses lstat: a symbolic link is reported as a link, never followed (its target may lie outside content/).
    """
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return "other"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return "symlink"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "other"


def scan_content(root: Path, sop: Sop) -> tuple[list[str], dict[str, str]]:
    """Regular files under the content folder (sorted repository-relative POSIX paths) and every special
    file or linked folder found there (path -> kind). Linked folders are not entered."""
    base = root / sop.content.dir
    regular: list[str] = []
    special: dict[str, str] = {}
    for folder, dirs, files in os.walk(base):
        rel = Path(folder).relative_to(root).as_posix()
        kept = []
        for name in sorted(d for d in dirs if not d.startswith(".")):
            if os.path.islink(os.path.join(folder, name)):
                special[f"{rel}/{name}"] = "symlink"
            else:
                kept.append(name)
        dirs[:] = kept
        for name in files:
            if name.startswith("."):
                continue
            kind = special_kind(Path(folder, name))
            if kind is None:
                regular.append(f"{rel}/{name}")
            else:
                special[f"{rel}/{name}"] = kind
    return sorted(regular), special


def list_content(root: Path, sop: Sop) -> list[str]:
    """Every regular file under the content folder, as sorted repository-relative POSIX paths."""
    return scan_content(root, sop)[0]


def read_sources(root: Path, sop: Sop, paths: list[str] | None = None,
                 special: dict[str, str] | None = None) -> tuple[list[SourceFile], frozenset[str],
                                                                 frozenset[str] | None]:
    """Read every Markdown file under content/ (plus the named paths, which must exist).

    Returns the sources, every existing content path, and the paths to report on (None = all). Special files
    (symbolic links, FIFOs, devices) are never opened; when `special` is given they are added to it.
    """
    existing, found_special = scan_content(root, sop)
    report: frozenset[str] | None = None
    if paths:
        wanted: set[str] = set()
        for given in paths:
            unresolved = Path.cwd() / given
            if not unresolved.exists() and not unresolved.is_symlink():
                raise UsageError(f"{given}: berkas atau folder tidak ada")
            try:
                rel = (unresolved.parent.resolve() / unresolved.name).relative_to(root.resolve()).as_posix()
            except ValueError:
                raise UsageError(f"{given}: berada di luar repositori") from None
            rel = "." if rel in ("", ".") else rel.removesuffix("/.")
            if unresolved.is_dir() and not unresolved.is_symlink():
                prefix = rel.rstrip("/") + "/"
                wanted.update(p for p in (*existing, *found_special)
                              if p == rel or p.startswith(prefix) or rel == ".")
            else:
                wanted.add(rel)
                kind = special_kind(unresolved)
                if kind is not None:
                    found_special.setdefault(rel, kind)
        report = frozenset(wanted)
    if special is not None:
        special.update(found_special)
    names = [p for p in existing if kind_of(p, sop) in _READ_KINDS or (report is not None and p in report)
             or kind_of(p, sop) == "evidence"]
    if report is not None:
        names += sorted(p for p in report if p not in set(names) and p not in found_special)
    sources = []
    for name in names:
        file = root / name
        if special_kind(file) is not None:  # replaced between the listing and now: never open it
            continue
        size = file.stat().st_size
        # Never read more than needed to report "too big": a 1 GiB file must not fill memory.
        with file.open("rb") as handle:
            limit = MAX_IMAGE_BYTES if kind_of(name, sop) == "evidence" else 1024 * 1024
            data = handle.read(min(size, limit + 1))
        sources.append(SourceFile(name, data))
    return sources, frozenset(existing), report
