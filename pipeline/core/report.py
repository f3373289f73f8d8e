"""Pure renderers for problem lists: text, GitHub workflow annotations, JSON; and the one switch between them
that `ppid check`, `ppid verify` and `ppid build` share."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Literal

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
    """`::error file=…,line=…,title=…::message` lines for GitHub Actions (`::warning` for warnings, `col=` when
    the column is known)."""
    return "\n".join(
        f"::{p.level} file={_escape_property(p.path)},line={p.line}{f',col={p.column}' if p.column else ''},"
        f"title={_escape_property(p.field)}::{_escape_data(p.field + ': ' + p.message)}" for p in problems)


def format_json(problems: Sequence[Problem]) -> str:
    return json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2)


Format = Literal["text", "github", "json"]
FORMATS: tuple[Format, ...] = ("text", "github", "json")


def render(problems: Sequence[Problem], fmt: str, text: Callable[[Sequence[Problem]], str | None]) -> str | None:
    """PROBLEMS in FMT, or None when there is nothing to print: JSON is always a list, GitHub annotations only
    when there are problems, text as the command's own `text` renders it."""
    if fmt == "json":
        return format_json(problems)
    if fmt == "github":
        return format_github(problems) if problems else None
    return text(problems)
