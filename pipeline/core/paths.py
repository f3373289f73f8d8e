"""Path rules, in one place: whether a path lies in a folder, a path relative to a folder, a path joined onto a
folder, what kind of content file a path is, and sop.yml's path patterns (gitignore-style globs through
`pathspec`: `**` spans folders, `*` and `?` stay in one segment; every pattern is anchored at the repository
root). Paths are repository-relative, with forward slashes. A folder may be written with or without a trailing
slash; "" and "." name the repository root, so every path lies below them.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import pathspec

from pipeline.core.sop import Sop


def folder_prefix(folder: str) -> str:
    """What every path below FOLDER starts with: "content/arsip" and "content/arsip/" give "content/arsip/", the
    root gives "". Comparing against this prefix, never against FOLDER alone, keeps "content/arsip2" out of
    "content/arsip"."""
    stripped = folder.rstrip("/")
    if stripped == ".":
        return ""
    return stripped + "/" if stripped else folder[:1]  # "" stays "", the file system's root "/" stays "/"


def relative_to(path: str, folder: str) -> str | None:
    """PATH relative to FOLDER ("content/arsip/2025/a.json", "content/arsip" -> "2025/a.json"), or None when
    PATH does not lie below FOLDER (FOLDER itself included)."""
    prefix = folder_prefix(folder)
    return path[len(prefix):] if path.startswith(prefix) and len(path) > len(prefix) else None


def below(path: str, folder: str) -> bool:
    """Whether PATH lies below FOLDER (FOLDER itself excluded)."""
    return relative_to(path, folder) is not None


def in_folder(path: str, folder: str) -> bool:
    """Whether PATH is FOLDER itself or lies anywhere below it."""
    return path == folder.rstrip("/") or below(path, folder)


def join(folder: str, *parts: str) -> str:
    """PARTS joined below FOLDER with single slashes ("content/lampiran/", "2025", "a.pdf" ->
    "content/lampiran/2025/a.pdf"); the root adds nothing ("", "a.pdf" -> "a.pdf")."""
    return folder_prefix(folder) + "/".join(parts)


@lru_cache(maxsize=64)
def _spec(patterns: tuple[str, ...]) -> pathspec.PathSpec[pathspec.Pattern]:
    return pathspec.PathSpec.from_lines("gitignore", ("/" + p.lstrip("/") for p in patterns))


def matches(path: str, patterns: Iterable[str]) -> bool:
    """Whether PATH matches any of the glob PATTERNS."""
    return _spec(tuple(patterns)).match_file(path)


def kind_of(path: str, sop: Sop) -> str:
    """'announcement', 'page', 'attachment', 'archive', 'evidence' or 'asset' for a path under content/."""
    c = sop.content
    if below(path, c.archive):
        return "archive"
    if below(path, c.evidence):
        return "evidence"
    if below(path, c.attachments):
        return "attachment"
    if path.endswith(".md"):
        return "announcement" if below(path, c.announcements) else "page"
    return "asset"
