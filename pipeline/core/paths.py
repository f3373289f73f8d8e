"""Path rules, in one place: whether a path lies in a folder, what kind of content file a path is, and
sop.yml's path patterns (gitignore-style globs through `pathspec`: `**` spans folders, `*` and `?` stay in one
segment; every pattern is anchored at the repository root). Paths are repository-relative, with forward slashes.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import pathspec

from pipeline.core.sop import Sop


def in_folder(path: str, folder: str) -> bool:
    """Whether PATH is FOLDER itself or lies anywhere below it."""
    folder = folder.rstrip("/")
    return path == folder or path.startswith(folder + "/")


def below(path: str, folder: str) -> bool:
    """Whether PATH lies below FOLDER (FOLDER itself excluded)."""
    return path.startswith(folder.rstrip("/") + "/")


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
