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


def list_content(root: Path, sop: Sop) -> list[str]:
    """Every plain file under the content folder, as sorted repository-relative POSIX paths (symbolic links and
    special files are `special_files`: never read)."""
    return _walk(root, sop)[0]


def special_files(root: Path, sop: Sop) -> list[str]:
    """Symbolic links (to files or folders) and other files that are not plain files under the content folder:
    a link can bring anything on the machine into the site, so they are refused, never followed."""
    return _walk(root, sop)[1]


def _walk(root: Path, sop: Sop) -> tuple[list[str], list[str]]:
    plain: list[str] = []
    special: list[str] = []
    for folder, dirs, files in os.walk(root / sop.content.dir):
        here = Path(folder)
        rel = here.relative_to(root).as_posix()
        kept = []
        for name in sorted(d for d in dirs if not d.startswith(".")):
            if (here / name).is_symlink():
                special.append(f"{rel}/{name}")
            else:
                kept.append(name)
        dirs[:] = kept
        for name in files:
            if not name.startswith("."):
                regular = stat.S_ISREG((here / name).lstat().st_mode)
                (plain if regular else special).append(f"{rel}/{name}")
    return sorted(plain), sorted(special)


def read_sources(root: Path, sop: Sop, paths: list[str] | None = None) -> tuple[list[SourceFile], frozenset[str],
                                                                             frozenset[str] | None]:
    """Read every Markdown file under content/ (plus the named paths, which must exist).

    Returns the sources, every existing content path, and the paths to report on (None = all).
    """
    existing = list_content(root, sop)
    report: frozenset[str] | None = None
    if paths:
        wanted: set[str] = set()
        for given in paths:
            target = (Path.cwd() / given).resolve()
            if not target.exists():
                raise UsageError(f"{given}: berkas atau folder tidak ada")
            try:
                rel = target.relative_to(root.resolve()).as_posix()
            except ValueError:
                raise UsageError(f"{given}: berada di luar repositori") from None
            if target.is_dir():
                wanted.update(p for p in existing if p == rel or p.startswith(rel.rstrip("/") + "/") or rel == ".")
            else:
                wanted.add(rel)
        report = frozenset(wanted)
    names = [p for p in existing if kind_of(p, sop) in _READ_KINDS or (report is not None and p in report)
             or kind_of(p, sop) == "evidence"]
    if report is not None:
        names += sorted(p for p in report if p not in set(names))
    sources = []
    for name in names:
        file = root / name
        size = file.stat().st_size
        # Never read more than needed to report "too big": a 1 GiB file must not fill memory.
        with file.open("rb") as handle:
            limit = MAX_IMAGE_BYTES if kind_of(name, sop) == "evidence" else 1024 * 1024
            data = handle.read(min(size, limit + 1))
        sources.append(SourceFile(name, data))
    return sources, frozenset(existing), report
