"""Pure pieces of the snapshot: which issue a PR body names, when a PR became ready, what a PR changes."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, replace

import pytest

from pipeline.core.chain.changes import classify_changes
from pipeline.core.chain.evaluate import evaluate
from pipeline.core.chain.snapshot import ChangedFile, DraftEvent, disposisi_number
from pipeline.core.paths import matches
from pipeline.core.sop import Sop
from pipeline.edges.workcal import build_calendar
from tests.chain.snapshots import NOW, wib
from tests.chain.test_render import BASE


@pytest.mark.parametrize(("body", "number"), [
    ("Disposisi: #5", 5),
    ("disposisi:#5", 5),
    ("Closes #7", 7),
    ("closed #7", 7),
    ("Fixes: #8", 8),
    ("fixed #8", 8),
    ("Resolves #9\nDisposisi: #5", 5),  # Disposisi: wins
    ("Fixes #3 dan Closes #4", 3),
    ("Lihat #5", None),
    ("prefixes #5", None),
    ("Closes dinas/lain#5", None),
    ("<!-- Disposisi: #5 -->", None),
    ("<!-- petunjuk --> Closes #6", 6),
    ("", None),
])
def test_disposisi_number(body: str, number: int | None) -> None:
    assert disposisi_number(body) == number


@pytest.mark.parametrize(("draft", "events", "ready"), [
    (False, [], wib(5, 9, 0)),  # opened ready for review
    (True, [], None),  # still a draft
    (False, [("ready_for_review", wib(5, 11, 0))], wib(5, 11, 0)),  # opened as draft, then ready
    (True, [("convert_to_draft", wib(5, 10, 0))], wib(5, 9, 0)),  # opened ready, later back to draft
    (False, [("ready_for_review", wib(5, 12, 0)), ("convert_to_draft", wib(5, 11, 0)),
             ("ready_for_review", wib(5, 10, 0))], wib(5, 10, 0)),  # the first time counts
])
def test_ready_at(draft: bool, events: list[tuple[str, object]], ready: object) -> None:
    snapshot = replace(BASE, draft=draft, created_at=wib(5, 9, 0),
                       draft_events=tuple(DraftEvent(k, at) for k, at in events))  # type: ignore[arg-type]
    assert snapshot.ready_at == ready


@pytest.mark.parametrize(("files", "kind", "archive"), [
    ([("content/pengumuman/a.md", "added", None)], "announcement", []),
    ([("content/lampiran/a.pdf", "modified", None)], "announcement", []),
    ([("README.md", "modified", None)], "maintenance", []),
    ([], "maintenance", []),
    ([("content/a.md", "added", None), ("mkdocs.yml", "modified", None)], "mixed", []),
    ([("content/a.md", "renamed", "pipeline/a.md")], "mixed", []),
    ([("content/arsip/2024/1.yml", "added", None)], "announcement", ["content/arsip/2024/1.yml"]),
    ([("content/arsip/2024/1.yml", "modified", None)], "announcement", ["content/arsip/2024/1.yml"]),
    ([("content/arsip/2024/1.yml", "changed", None)], "announcement", ["content/arsip/2024/1.yml"]),
    ([("content/arsip/2024/2.yml", "renamed", "content/arsip/2024/1.yml")], "announcement",
     ["content/arsip/2024/2.yml"]),
    ([("content/arsip/2024/2.yml", "renamed", "content/pengumuman/x.yml")], "announcement",
     ["content/arsip/2024/2.yml"]),
    ([("content/arsip-lain/x.yml", "modified", None)], "announcement", []),
    ([("content/a.md", "unchanged", None)], "maintenance", []),
    ([("content/bukti/a/1.jpg", "added", None), ("content/bukti/a/1.yml", "added", None)], "evidence", []),
    ([("content/bukti/a/1.jpg", "added", None), ("README.md", "modified", None)], "evidence", []),
    ([("content/bukti/a/1.jpg", "added", None), ("content/pengumuman/a.md", "added", None)], "announcement", []),
    ([("content/bukti/a/1.jpg", "renamed", "content/pengumuman/a.jpg")], "announcement", []),
    ([("content/bukti-lain/x.jpg", "added", None)], "announcement", []),
])
def test_classify_changes(sop: Sop, files: list[tuple[str, str, str | None]], kind: str,
                          archive: list[str]) -> None:
    change = classify_changes([ChangedFile(*f) for f in files], sop.content)
    assert change.kind == kind
    assert [f.path for f in change.archive_changes] == archive


@pytest.mark.parametrize(("files", "changed"), [
    ([("content/bukti/a/1.jpg", "added", None)], []),
    ([("content/bukti/a/1.jpg", "modified", None)], ["content/bukti/a/1.jpg"]),
    ([("content/bukti/a/1.yml", "removed", None)], ["content/bukti/a/1.yml"]),
    ([("content/bukti/a/2.jpg", "renamed", "content/bukti/a/1.jpg")], ["content/bukti/a/2.jpg"]),
    ([("content/lampiran/1.jpg", "renamed", "content/bukti/a/1.jpg")], ["content/lampiran/1.jpg"]),
    ([("content/bukti/a/1.jpg", "renamed", "content/lampiran/1.jpg")], []),  # moving a file in is adding
    ([("content/bukti-lain/1.jpg", "modified", None)], []),
])
def test_evidence_is_append_only(sop: Sop, files: list[tuple[str, str, str | None]], changed: list[str]) -> None:
    change = classify_changes([ChangedFile(*f) for f in files], sop.content)
    assert [f.path for f in change.evidence_changes] == changed


def test_what_a_snapshot_changes_follows_its_files(sop: Sop) -> None:
    assert BASE.change == classify_changes(BASE.files, sop.content)
    assert BASE.change.kind == "announcement"
    maintenance = replace(BASE, files=(ChangedFile("README.md", "modified"),))
    assert maintenance.change.kind == "maintenance"
    assert maintenance.change.other_paths == ("README.md",)
    # Another content section sorts the same files afresh: README.md counts as content there.
    widened = replace(maintenance, content=sop.content.model_copy(update={"announcement_paths": ("**",)}))
    assert widened.change.kind == "announcement"


def test_what_a_snapshot_changes_cannot_be_given_or_replaced() -> None:
    evidence = classify_changes([ChangedFile("content/bukti/a/1.jpg", "added")], BASE.content)
    with pytest.raises(TypeError):
        replace(BASE, change=evidence)  # type: ignore[call-arg]
    with pytest.raises(FrozenInstanceError):
        BASE.change = evidence
    assert BASE.change.kind == "announcement"


def test_the_evaluator_refuses_a_snapshot_sorted_by_another_content_section(sop: Sop) -> None:
    other = replace(BASE, content=sop.content.model_copy(update={"evidence": "content/foto"}))
    with pytest.raises(ValueError, match=r"another sop\.yml content section"):
        evaluate(other, sop, build_calendar(sop, 2023, 2025), NOW)


@pytest.mark.parametrize(("path", "pattern", "hit"), [
    ("content/a/b.md", "content/**", True),
    ("content", "content/**", False),
    ("contents/a.md", "content/**", False),
    (".github/workflows/x.yml", ".github/**", True),
    ("sop.yml", "sop.yml", True),
    ("a/sop.yml", "sop.yml", False),
    ("docs/a.md", "docs/*.md", True),
    ("docs/x/a.md", "docs/*.md", False),
    ("content/a.md", "content/**/*.md", True),  # gitignore rules, as CODEOWNERS reads the same globs
    ("content/x/a.md", "content/**/*.md", True),
])
def test_glob(path: str, pattern: str, hit: bool) -> None:
    assert matches(path, [pattern]) is hit
