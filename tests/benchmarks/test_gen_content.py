"""The benchmark's content generator writes valid, varied and reproducible announcements (no timing here)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from benchmarks.gen_content import generate, main
from pipeline.edges.content_check import check_tree

# The generator dates announcements up to the end of its last year; check as of that day, not the clock's.
LAST_DAY = date(2025, 12, 31)


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(("n", "seed"), [(1, 0), (40, 0), (40, 7)])
def test_generated_content_passes_check(tmp_path: Path, n: int, seed: int) -> None:
    paths = generate(tmp_path, n, seed)
    assert len(paths) == n
    result, checked = check_tree(tmp_path, today=LAST_DAY)
    assert result.problems == ()
    assert len(result.announcements) == n
    assert checked == n + len(list((tmp_path / "content" / "lampiran").rglob("*.pdf")))


def test_generated_content_varies(tmp_path: Path) -> None:
    generate(tmp_path, 80, seed=3)
    result, _ = check_tree(tmp_path, today=LAST_DAY)
    items = result.announcements
    assert {a.jenis for a in items} == {"berkala", "serta-merta", "setiap-saat"}
    assert len({a.kategori for a in items}) >= 6
    assert len({a.tahun for a in items}) >= 3
    assert any(a.lampiran for a in items)
    assert all(a.berlaku_hingga for a in items if a.jenis == "serta-merta")


def test_same_seed_same_files(tmp_path: Path) -> None:
    generate(tmp_path / "a", 25, seed=5)
    generate(tmp_path / "b", 25, seed=5)
    generate(tmp_path / "c", 25, seed=6)
    assert tree(tmp_path / "a") == tree(tmp_path / "b")
    assert tree(tmp_path / "a") != tree(tmp_path / "c")


def test_cli_refuses_a_folder_that_is_not_empty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "out"), "--n", "3"]) == 0
    assert main([str(tmp_path / "out"), "--n", "3"]) == 2
    assert "is not empty" in capsys.readouterr().err
