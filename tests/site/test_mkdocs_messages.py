"""MkDocs' warnings come back in Bahasa Indonesia, on the file and line they concern; never in English."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.core.report import format_github
from pipeline.edges.mkdocs_messages import translate

PAGE = "content/tentang/index.md"

ROWS = [
    ("Doc file 'tentang/index.md' contains a link 'tidak-ada.md', but the target is not found among documentation "
     "files.",
     f"{PAGE}:3: isi: tautan 'tidak-ada.md' tidak menemukan berkas yang dituju; periksa nama dan foldernya"),
    ("Doc file 'tentang/index.md' contains a link 'tidak-ada.md', but the target 'tentang/tidak-ada.md' is not "
     "found among documentation files. Did you mean 'ada.md'?",
     f"{PAGE}:3: isi: tautan 'tidak-ada.md' tidak menemukan berkas yang dituju; periksa nama dan foldernya; mungkin "
     "maksud Anda 'ada.md'"),
    ("Doc file 'tentang/index.md' contains an absolute link '/x.pdf', it was left as is.",
     f"{PAGE}:1: isi: tautan '/x.pdf' harus relatif terhadap halaman ini (tanpa '/' di depan)"),
    ("Doc file 'tentang/index.md' contains an unrecognized relative link 'lampiran/', it was left as is.",
     f"{PAGE}:1: isi: tautan 'lampiran/' tidak menunjuk ke berkas; tulis nama berkasnya lengkap"),
    ("Doc file 'tentang/index.md' contains a link to 'draf.md' which is excluded from the built site.",
     f"{PAGE}:1: isi: tautan 'draf.md' menunjuk ke berkas yang tidak diterbitkan"),
    ("Some future MkDocs warning nobody has seen yet.",
     "mkdocs.yml:1: (situs): pembangun situs memberi peringatan yang belum dikenal pipeline, sehingga situs tidak "
     "dibangun; minta admin PPID menjalankan 'ppid build' dan memeriksa lognya"),
]


@pytest.mark.parametrize(("warning", "expected"), ROWS)
def test_warning_in_bahasa_indonesia(tmp_path: Path, warning: str, expected: str) -> None:
    (tmp_path / "content/tentang").mkdir(parents=True)
    (tmp_path / PAGE).write_text("# Tentang\n\n[rusak](tidak-ada.md)\n", encoding="utf-8")
    problem = translate(warning, tmp_path, "content")
    assert problem.as_text() == expected
    annotation = format_github([problem])
    assert annotation.startswith("::error file=")
    for english in ("Doc file", "contains", "not found", "left as is", "Did you mean", "warning"):
        assert english not in annotation
