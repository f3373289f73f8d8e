"""Problems as values with a column and a level; the text form stays `path:line: field: message`."""

from __future__ import annotations

import json

import pytest

from pipeline.core.problems import Problem
from pipeline.core.report import format_github, format_json, format_text, render

PLAIN = Problem("content/a.md", 4, "jenis", "nilai 'x' tidak dikenal", "schema")
PLACED = Problem("content/a.md", 7, "judul", "terlalu pendek", "schema", column=8, level="warning")


def test_text_never_shows_the_column() -> None:
    assert PLACED.as_text() == "content/a.md:7: judul: peringatan: terlalu pendek"


def test_github_annotation_carries_level_and_column_when_known() -> None:
    assert format_github([PLAIN, PLACED]).splitlines() == [
        "::error file=content/a.md,line=4,title=jenis::jenis: nilai 'x' tidak dikenal",
        "::warning file=content/a.md,line=7,col=8,title=judul::judul: terlalu pendek",
    ]


def test_json_has_every_field() -> None:
    assert json.loads(format_json([PLACED])) == [{
        "path": "content/a.md", "line": 7, "column": 8, "field": "judul", "message": "terlalu pendek",
        "rule": "schema", "level": "warning"}]


@pytest.mark.parametrize(("fmt", "problems", "expected"), [
    ("json", [], "[]"),
    ("github", [], None),
    ("github", [PLAIN], "::error file=content/a.md,line=4,title=jenis::jenis: nilai 'x' tidak dikenal"),
    ("text", [PLAIN], "content/a.md:4: jenis: nilai 'x' tidak dikenal\n1 masalah di 1 berkas (dari 3 berkas yang "
                      "diperiksa). Perbaiki lalu jalankan 'ppid check' lagi."),
])
def test_one_switch_for_every_format(fmt: str, problems: list[Problem], expected: str | None) -> None:
    assert render(problems, fmt, lambda found: format_text(found, 3)) == expected
