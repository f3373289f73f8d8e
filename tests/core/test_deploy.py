"""The deploy decisions (pipeline/core/deploy.py) as tables: paths, SHA256SUMS, chain extension, run and
artifact choice, rollback target and pruning."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pipeline.core.deploy import (
    ArtifactRef,
    Chain,
    DeployRefused,
    PublishRun,
    Release,
    ZipEntry,
    check_extends,
    check_members,
    check_sums,
    choose_artifact,
    choose_run,
    is_older,
    parse_sums,
    releases_to_remove,
    rollback_target,
    safe_path,
)
from pipeline.core.proof import ChainReport, GenerationRef, ProofRecord, next_record, parse_record, seal

ROOT = Path(__file__).resolve().parents[2]
T = datetime(2026, 9, 1, tzinfo=UTC)
A, B, C = "a" * 64, "b" * 64, "c" * 64


@pytest.mark.parametrize("name, expected", [
    ("index.html", "index.html"), ("./bukti/rantai.txt", "bukti/rantai.txt"), ("a/./b", "a/b"),
    ("../x", None), ("a/../../x", None), ("/etc/passwd", None), ("C:/x", None), ("a\\b", None), ("", None),
    ("./", None), ("a\0b", None),
])
def test_safe_path(name: str, expected: str | None) -> None:
    assert safe_path(name) == expected


def test_members_refused_for_links_duplicates_size_and_missing_sums() -> None:
    entries = [ZipEntry("a.html", False, False, 10), ZipEntry("a.html", False, False, 10),
               ZipEntry("tautan", False, True, 5), ZipEntry("d/", True, False, 0)]
    assert check_members(entries, max_total=20) == [
        "berkas ganda di arsip: a.html", "arsip memuat tautan simbolik: tautan",
        "isi arsip 25 bita, lebih dari batas 20 bita", "arsip tidak memuat SHA256SUMS"]
    assert check_members([ZipEntry("SHA256SUMS", False, False, 1)], max_total=20) == []


def test_sums_parsed_both_ways_and_checked_both_ways() -> None:
    sums, problems = parse_sums(f"{A}  ./index.html\n{B} *gambar.png\n\nrusak\n{A}  ./index.html\n{C}  ../x\n")
    assert sums == {"index.html": A, "gambar.png": B}
    assert problems == ["SHA256SUMS baris 4 tidak dapat dibaca: 'rusak'",
                        "SHA256SUMS baris 5: index.html disebut dua kali",
                        f"SHA256SUMS baris 6 tidak dapat dibaca: '{C}  ../x'"]
    assert check_sums(sums, {"index.html": C, "baru.html": A, "SHA256SUMS": B}) == [
        "baru.html tidak tercantum di SHA256SUMS", "gambar.png tercantum di SHA256SUMS tetapi tidak ada di arsip",
        f"index.html: hash {C[:12]}… berbeda dengan SHA256SUMS {A[:12]}…"]


def _records(count: int, *, rewrite: int | None = None, generation_of: str | None = None) -> list[ProofRecord]:
    """A sealed chain built from the repository's own records (optionally one rewritten, or the first starting
    a generation that replaces the chain with head `generation_of`)."""
    files = sorted((ROOT / "content" / "arsip").rglob("*.json"))
    parsed = sorted((r for r in (parse_record(str(f), f.read_bytes())[0] for f in files) if r), key=lambda r: r.seq)
    out: list[ProofRecord] = []
    for index, record in enumerate(parsed[:count]):
        changed = replace(record, merged_by="penyusup") if index == rewrite else record
        if index == 0 and generation_of is not None:
            changed = replace(changed, generation=GenerationRef(2, generation_of, 3, "arsip sungguhan"))
            out.append(seal(replace(changed, seq=1, prev_sha256=generation_of)))
            continue
        out.append(next_record(out[-1] if out else None, changed))
    return out


def _report(records: list[ProofRecord]) -> ChainReport:
    return ChainReport(tuple(("content/arsip/x.json", r) for r in records), records[-1].sha256, ())


def _chain(records: list[ProofRecord], demo_only: bool = False) -> Chain:
    return Chain(tuple(r.sha256 for r in records), demo_only)


@pytest.mark.parametrize("live, count, rewrite, fragment", [
    (0, 3, None, None),
    (2, 3, None, None),
    (3, 3, None, None),
    (3, 2, None, "lebih sedikit dari 3 catatan"),
    (3, 3, 2, "catatan bukti ke-3 di situs baru"),
    (3, 3, 0, "catatan bukti ke-1 di situs baru"),
])
def test_chain_extension(live: int, count: int, rewrite: int | None, fragment: str | None) -> None:
    new = _records(count, rewrite=rewrite)
    found = check_extends(_chain(_records(live)) if live else None, _report(new), "content/arsip")
    assert (found is None) if fragment is None else (fragment in (found or ""))


@pytest.mark.parametrize("demo_only, refused", [(True, False), (False, True)])
def test_a_new_generation_may_replace_only_a_live_chain_of_demo_records(demo_only: bool, refused: bool) -> None:
    live = _records(3)
    new = _records(2, generation_of=live[-1].sha256)
    found = check_extends(_chain(live, demo_only), _report(new), "content/arsip")
    assert (found is not None) == refused
    assert check_extends(_chain(live, True), _report(_records(2, generation_of="e" * 64)), "content/arsip")


def _run(run_id: int, hours: int = 0, **changes: object) -> PublishRun:
    values: dict[str, object] = dict(id=run_id, run_number=run_id, head_sha=f"{run_id:040x}", head_branch="main",
                                     event="push", status="completed", conclusion="success",
                                     path=".github/workflows/terbit.yml@refs/heads/main", repository="d/p",
                                     head_repository="d/p", created_at=T + timedelta(hours=hours), html_url="u")
    values.update(changes)
    return PublishRun(**values)  # type: ignore[arg-type]


def test_the_newest_good_run_is_chosen() -> None:
    runs = [_run(1), _run(3, 3, event="schedule"), _run(2, 2)]
    assert choose_run(runs, "D/P", "main") == runs[1]  # owner and name compare without case, as GitHub does
    assert choose_run([], "D/P", "main") is None


@pytest.mark.parametrize("changes", [
    {"head_branch": "fitur"},
    {"event": "pull_request"},
    {"event": "workflow_dispatch"},
    {"head_repository": "x/p"},  # a fork's commit
    {"repository": "x/p"},
    {"path": ".github/workflows/lain.yml"},
    {"conclusion": "cancelled"},
    {"status": "in_progress"},
    {"head_sha": "pendek"},
])
def test_a_newer_run_that_is_not_a_good_publish_is_passed_over(changes: dict[str, object]) -> None:
    good = _run(1)
    assert choose_run([good, _run(2, 2, **changes)], "d/p", "main") == good
    assert choose_run([_run(2, 2, **changes)], "d/p", "main") is None


def _artifact(run: PublishRun, **changes: object) -> ArtifactRef:
    values: dict[str, object] = dict(id=9, name=f"situs-ppid-{run.head_sha}", size=10, digest="sha256:" + A,
                                     expired=False, run_id=run.id, head_sha=run.head_sha)
    values.update(changes)
    return ArtifactRef(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize("changes, fragment", [
    ({"name": "situs-ppid-lain"}, "tidak punya tepat satu artefak"),
    ({"expired": True}, "sudah kedaluwarsa"),
    ({"run_id": 99}, "milik run 99"),
    ({"head_sha": "f" * 40}, "dibuat dari commit fffffff"),
    ({"digest": None}, "tidak menyebut digest sha256"),
])
def test_artifact_refusals(changes: dict[str, object], fragment: str) -> None:
    run = _run(1)
    with pytest.raises(DeployRefused, match=fragment):
        choose_artifact([_artifact(run, **changes)], run)
    assert choose_artifact([_artifact(run), _artifact(run, name="github-pages")], run).id == 9


def _release(label: str, hours: int) -> Release:
    return Release(sha=label * 40, run_id=hours, run_number=hours, run_url="u",
                   run_created_at=T + timedelta(hours=hours), artifact_id=1, digest="d", chain=Chain((), False),
                   unpacked_at=T, attestation="")


def test_rollback_target_pruning_and_age() -> None:
    one, two, three, four = _release("1", 1), _release("2", 2), _release("3", 3), _release("4", 4)
    releases = [three, one, four, two]
    assert rollback_target(releases, four.sha, []) == three
    assert rollback_target(releases, four.sha, [three.sha]) == two
    assert rollback_target(releases, one.sha, []) is None
    assert releases_to_remove(releases, 2, {four.sha, three.sha}) == [two.sha, one.sha]
    assert releases_to_remove(releases, 2, {two.sha}) == [one.sha]
    assert is_older(_run(1, 0), two) and not is_older(_run(1, 5), two) and not is_older(_run(1, 0), None)
