"""What a PR changes: an announcement (content/ only), offline evidence (only content.evidence), maintenance
(nothing in content/) or a mix (refused).

A path counts as content when it matches sop.yml `content.announcement_paths`; a rename touches both its old
and its new path. Proof records under `content.archive` are written only by the publish workflow
(`ppid arsip` after the merge, on the default branch): a PR that adds, edits, deletes or renames one is
`archive_modified`. Offline evidence under `content.evidence` is append-only (`evidence_modified`), and goes
in a PR of its own: a PR whose content paths are all evidence is `evidence`, whatever else it touches (the
evaluator then blocks the rest as `mixed_change`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pipeline.core.paths import in_folder, matches
from pipeline.core.sop import ContentConfig

if TYPE_CHECKING:
    # Named in annotations only: the snapshot module imports this one to classify its own files.
    from pipeline.core.chain.snapshot import ChangedFile

ChangeKind = Literal["announcement", "maintenance", "evidence", "mixed"]
_EDITS = frozenset({"modified", "removed", "changed"})


@dataclass(frozen=True)
class ChangeSet:
    """The PR's paths sorted into content and the rest, and the archive records and evidence it would alter."""

    content_paths: tuple[str, ...]
    other_paths: tuple[str, ...]
    archive_changes: tuple[ChangedFile, ...]
    evidence_paths: tuple[str, ...] = ()
    evidence_changes: tuple[ChangedFile, ...] = ()

    @property
    def kind(self) -> ChangeKind:
        if not self.content_paths:
            return "maintenance"
        if len(self.evidence_paths) == len(self.content_paths):
            return "evidence"
        return "mixed" if self.other_paths else "announcement"

    @property
    def non_evidence_paths(self) -> tuple[str, ...]:
        """Every touched path outside the evidence folder (content or not)."""
        evidence = set(self.evidence_paths)
        return tuple(p for p in (*self.content_paths, *self.other_paths) if p not in evidence)


def _alters(item: ChangedFile, folder: str) -> bool:
    """Whether the change edits, deletes or moves away a file that already exists in `folder`."""
    edits_existing = item.status in _EDITS and in_folder(item.path, folder)
    moves_existing = (item.status == "renamed" and item.previous_path is not None
                      and in_folder(item.previous_path, folder))
    return edits_existing or moves_existing


def classify_changes(files: Iterable[ChangedFile], content: ContentConfig) -> ChangeSet:
    """Sort the PR's files by what they touch."""
    content_paths: list[str] = []
    other_paths: list[str] = []
    evidence_paths: list[str] = []
    archive: list[ChangedFile] = []
    evidence: list[ChangedFile] = []
    for item in files:
        if item.status == "unchanged":
            continue
        touched = [item.path] + ([item.previous_path] if item.previous_path else [])
        for path in touched:
            is_content = matches(path, content.announcement_paths)
            (content_paths if is_content else other_paths).append(path)
            if is_content and in_folder(path, content.evidence):
                evidence_paths.append(path)
        if _alters(item, content.archive) or in_folder(item.path, content.archive):
            archive.append(item)  # a PR never writes proof records, not even new ones
        if _alters(item, content.evidence):
            evidence.append(item)
    return ChangeSet(tuple(dict.fromkeys(content_paths)), tuple(dict.fromkeys(other_paths)), tuple(archive),
                     tuple(dict.fromkeys(evidence_paths)), tuple(evidence))
