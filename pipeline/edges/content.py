"""Reading the content tree from disk (the only file-system access of the content model)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from pipeline.core.evidence import MAX_IMAGE_BYTES
from pipeline.core.paths import in_folder, kind_of
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
    file or linked folder found there (path -> kind). Linked folders are not entered; dot files are skipped."""
    regular: list[str] = []
    special: dict[str, str] = {}
    pending = [sop.content.dir.strip("/")]
    while pending:
        rel = pending.pop()
        try:
            entries = list(os.scandir(root / rel))
        except OSError:
            continue
        for entry in entries:  # scandir's file types come with the listing: no extra system call per file
            if entry.name.startswith("."):
                continue
            path = f"{rel}/{entry.name}"
            if entry.is_symlink():
                special[path] = "symlink"
            elif entry.is_dir(follow_symlinks=False):
                pending.append(path)
            elif entry.is_file(follow_symlinks=False):
                regular.append(path)
            else:
                special[path] = special_kind(Path(entry.path)) or "other"
    return sorted(regular), special


def read_regular(file: Path, limit: int) -> bytes | None:
    """At most `limit` bytes of a regular file, or None when it is not one (never follows a link, never waits
    on a FIFO)."""
    try:
        fd = os.open(file, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            return None
        return handle.read(min(info.st_size, limit))


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
                wanted.update(p for p in (*existing, *found_special) if in_folder(p, rel))
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
        # Never read more than needed to report "too big": a 1 GiB file must not fill memory.
        limit = MAX_IMAGE_BYTES if kind_of(name, sop) == "evidence" else 1024 * 1024
        data = read_regular(root / name, limit + 1)
        if data is not None:  # None: replaced by a link or FIFO since the listing, and never opened as one
            sources.append(SourceFile(name, data))
    return sources, frozenset(existing), report
