"""What a PR changes: an announcement (content/ only), maintenance (nothing in content/) or both (refused).

A path counts as content when it matches sop.yml `content.announcement_paths`; a rename touches both its old
and its new path. Proof records under `content.archive` are append-only: adding one is fine, editing,
deleting or renaming an existing one is `archive_modified`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from pipeline.core.chain.snapshot import ChangedFile
from pipeline.core.sop import ContentConfig

ChangeKind = Literal["announcement", "maintenance", "mixed"]
_EDITS = frozenset({"modified", "removed", "changed"})


@lru_cache(maxsize=64)
def _glob(pattern: str) -> re.Pattern[str]:
    """`**` spans folders, `*` and `?` stay inside one path segment."""
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out))


def matches(path: str, patterns: Iterable[str]) -> bool:
    """Whether `path` (relative, forward slashes) matches any of the glob `patterns`."""
    return any(_glob(p).fullmatch(path) for p in patterns)


@dataclass(frozen=True)
class ChangeSet:
    """The PR's paths sorted into content and the rest, and the archive records it would alter."""

    content_paths: tuple[str, ...]
    other_paths: tuple[str, ...]
    archive_changes: tuple[ChangedFile, ...]

    @property
    def kind(self) -> ChangeKind:
        if self.content_paths and self.other_paths:
            return "mixed"
        return "announcement" if self.content_paths else "maintenance"


def _in_folder(path: str, folder: str) -> bool:
    folder = folder.rstrip("/")
    return path == folder or path.startswith(folder + "/")


def classify_changes(files: Iterable[ChangedFile], content: ContentConfig) -> ChangeSet:
    """Sort the PR's files by what they touch."""
    content_paths: list[str] = []
    other_paths: list[str] = []
    archive: list[ChangedFile] = []
    for item in files:
        if item.status == "unchanged":
            continue
        touched = [item.path] + ([item.previous_path] if item.previous_path else [])
        for path in touched:
            (content_paths if matches(path, content.announcement_paths) else other_paths).append(path)
        edits_existing = item.status in _EDITS and _in_folder(item.path, content.archive)
        moves_existing = (item.status == "renamed" and item.previous_path is not None
                          and _in_folder(item.previous_path, content.archive))
        if edits_existing or moves_existing:
            archive.append(item)
    return ChangeSet(tuple(dict.fromkeys(content_paths)), tuple(dict.fromkeys(other_paths)), tuple(archive))
