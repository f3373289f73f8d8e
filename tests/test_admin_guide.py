"""PANDUAN-ADMIN.md keeps up with the code: every chain problem code and every workflow is explained."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest

from pipeline.core.chain.verdict import BLOCKING, ProblemCode

ROOT = Path(__file__).resolve().parents[1]
GUIDE = (ROOT / "PANDUAN-ADMIN.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("code", get_args(ProblemCode))
def test_every_problem_code_is_explained(code: str) -> None:
    assert f"| `{code}` |" in GUIDE


def test_blocking_codes_come_first() -> None:
    rows = [line.split("`")[1] for line in GUIDE.splitlines() if line.startswith("| `") and line.split("`")[1]
            in get_args(ProblemCode)]
    assert set(rows[:len(BLOCKING)]) == BLOCKING
    words = ["Lima", "Enam", "Tujuh", "Delapan", "Sembilan", "Sepuluh", "Sebelas", "Dua belas", "Tiga belas"]
    assert f"{words[len(BLOCKING) - 5]} kode pertama **memblokir**" in GUIDE


@pytest.mark.parametrize("workflow", sorted(p.name for p in (ROOT / ".github" / "workflows").glob("*.yml")))
def test_every_workflow_is_described(workflow: str) -> None:
    assert f"`.github/workflows/{workflow}`" in GUIDE


def test_the_guide_says_what_setup_says_about_running_without_an_app() -> None:
    text = " ".join(line.removeprefix(">").strip() for line in GUIDE.splitlines())
    assert ("siapa pun yang punya akses tulis (*write*) ke repositori** (termasuk setiap anggota tim Pelaksana, "
            "Kabid/Kasubag, Sekretaris dan Kepala Dinas) dapat menulis sendiri status `ppid/persetujuan: success` "
            "lewat API GitHub") in text
    assert "`ppid setup --apply` **menolak** berjalan tanpa `--app-id`; hanya dengan `--tanpa-app`" in text
