"""Pure renderers for problem lists: text, GitHub workflow annotations, JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence

from pipeline.core.problems import Problem, errors


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_text(problems: Sequence[Problem], checked: int) -> str:
    lines = [p.as_text() for p in problems]
    failing = errors(problems)
    if failing:
        files = len({p.path for p in failing})
        lines.append(f"{len(failing)} masalah di {files} berkas (dari {checked} berkas yang diperiksa). "
                     "Perbaiki lalu jalankan 'ppid check' lagi.")
    else:
        lines.append(f"Semua {checked} berkas valid.")
    return "\n".join(lines)


def format_github(problems: Sequence[Problem]) -> str:
    """`::error file=…,line=…,title=…::message` lines for GitHub Actions (`::warning` for warnings)."""
    return "\n".join(
        f"::{p.level} file={_escape_property(p.path)},line={p.line},title={_escape_property(p.field)}::"
        f"{_escape_data(p.field + ': ' + p.message)}" for p in problems)


def format_json(problems: Sequence[Problem]) -> str:
    return json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2)
