"""MkDocs' own warnings, in Bahasa Indonesia, as problems on the file and line they concern.

`ppid check` is meant to catch everything the strict build refuses; whatever still reaches MkDocs is reported
here so that staff never read MkDocs' English. Unknown warnings get a plain message for the admin.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from pipeline.core.paths import join
from pipeline.core.problems import Problem

_NOT_FOUND = re.compile(r"Doc file '(?P<src>[^']+)' contains a link '(?P<url>[^']*)', but the target"
                        r"(?: '[^']*')? is not found among documentation files\.(?: Did you mean '(?P<hint>[^']*)'\?)?")
_ABSOLUTE = re.compile(r"Doc file '(?P<src>[^']+)' contains an absolute link '(?P<url>[^']*)'")
_UNRECOGNIZED = re.compile(r"Doc file '(?P<src>[^']+)' contains an unrecognized relative link '(?P<url>[^']*)'")
_EXCLUDED = re.compile(r"Doc file '(?P<src>[^']+)' contains a link to '(?P<url>[^']*)' which is excluded")
_ANCHOR = re.compile(r"Doc file '(?P<src>[^']+)' contains a link '(?P<url>[^']*)', but the doc '[^']*' does not "
                     r"contain an anchor")


class WarningCollector(logging.Handler):
    """Keeps MkDocs' warnings of one build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []  # warnings: each aborts a strict build
        self.errors: list[str] = []  # errors MkDocs logs before aborting (the plugin's own are Indonesian)

    def emit(self, record: logging.LogRecord) -> None:
        (self.messages if record.levelno == logging.WARNING else self.errors).append(record.getMessage())


def _line_of(root: Path, path: str, url: str) -> int:
    try:
        text = (root / path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return 1
    for number, line in enumerate(text.split("\n"), start=1):
        if url and url in line:
            return number
    return 1


def translate(message: str, root: Path, docs_dir: str) -> Problem:
    """One MkDocs warning as a problem in Bahasa Indonesia."""
    for pattern, advice in ((_NOT_FOUND, "tidak menemukan berkas yang dituju; periksa nama dan foldernya"),
                            (_ABSOLUTE, "harus relatif terhadap halaman ini (tanpa '/' di depan)"),
                            (_UNRECOGNIZED, "tidak menunjuk ke berkas; tulis nama berkasnya lengkap"),
                            (_EXCLUDED, "menunjuk ke berkas yang tidak diterbitkan"),
                            (_ANCHOR, "menunjuk ke bagian halaman yang tidak ada; periksa teks setelah '#'")):
        match = pattern.match(message)
        if match:
            path = join(docs_dir, match.group("src"))
            url = match.group("url")
            hint = match.groupdict().get("hint")
            text = f"tautan '{url}' {advice}" + (f"; mungkin maksud Anda '{hint}'" if hint else "")
            return Problem(path, _line_of(root, path, url), "isi", text, "situs")
    return Problem("mkdocs.yml", 1, "(situs)", "pembangun situs memberi peringatan yang belum dikenal pipeline, "
                                               "sehingga situs tidak dibangun; minta admin PPID menjalankan "
                                               "'ppid build' dan memeriksa lognya", "situs")
