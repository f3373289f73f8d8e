"""Problems are plain values (as yamllint's): where (path, line, column, field), what, which rule, how serious."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file. `message` is Bahasa Indonesia and says how to fix it."""

    path: str
    line: int
    field: str
    message: str
    rule: str = "content"
    # "error" fails the check; "warning" is shown (as a GitHub warning annotation) but passes.
    level: Level = "error"
    column: int = 0  # 1-based; 0 when only the line is known (the text form never shows it)

    def as_text(self) -> str:
        note = "peringatan: " if self.level == "warning" else ""
        return f"{self.path}:{self.line}: {self.field}: {note}{self.message}"

    def as_dict(self) -> dict[str, str | int]:
        return {"path": self.path, "line": self.line, "column": self.column, "field": self.field,
                "message": self.message, "rule": self.rule, "level": self.level}


def errors(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    """The problems that fail a check (warnings left out)."""
    return tuple(p for p in problems if p.level == "error")
