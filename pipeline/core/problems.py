"""Problems are plain values: where (path, line, field), what, and which rule."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file. `message` is Bahasa Indonesia and says how to fix it."""

    path: str
    line: int
    field: str
    message: str
    rule: str = "content"

    def as_text(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"

    def as_dict(self) -> dict[str, str | int]:
        return {"path": self.path, "line": self.line, "field": self.field,
                "message": self.message, "rule": self.rule}
