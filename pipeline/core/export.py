"""Spreadsheet downloads, one way for every table the office hands out (the DIP, the yearly performance report):
CSV with a BOM and XLSX, both with text that can never run as a formula.

Plain builders: rows in, bytes out; the same rows give the same bytes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

Cell = str | int | float | None
# A text cell that starts like a formula would run in a spreadsheet (CSV injection); a leading quote disarms it.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Bold:
    """A text cell written in bold (headings)."""

    text: str


@dataclass(frozen=True)
class Sheet:
    """One worksheet: a bold header row (none when empty), the rows, column widths from A, frozen header."""

    title: str
    header: Sequence[str]
    rows: Sequence[Sequence[Cell | Bold]]
    widths: Sequence[float] = ()
    freeze_header: bool = False


def csv_safe(value: Cell) -> Cell:
    """VALUE with a leading quote when it is text that starts like a formula."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """Comma-separated, CRLF, UTF-8 with a BOM (spreadsheet programs then read names and places with non-ASCII
    letters correctly); an empty cell is no value."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if cell is None else csv_safe(cell) for cell in row])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(sheets: Sequence[Sheet], *, title: str, creator: str, created: datetime) -> bytes:
    """A workbook of SHEETS; numbers stay numbers, text stays text (openpyxl would store "=…" as a formula).
    `created` is given, not read from the clock, so the same rows give the same file."""
    book = Workbook(write_only=True)
    book.properties.title = title
    book.properties.creator = creator
    book.properties.created = created
    for spec in sheets:
        sheet = book.create_sheet(spec.title)
        for column, width in enumerate(spec.widths, start=1):
            sheet.column_dimensions[get_column_letter(column)].width = width
        if spec.freeze_header:
            sheet.freeze_panes = "A2"
        if spec.header:
            sheet.append([_cell(sheet, Bold(label)) for label in spec.header])
        for row in spec.rows:
            sheet.append([_cell(sheet, value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(sheet: object, value: Cell | Bold) -> object:
    cell = WriteOnlyCell(sheet, value=value.text if isinstance(value, Bold) else value)
    if isinstance(value, Bold | str):
        cell.data_type = "s"
    if isinstance(value, Bold):
        cell.font = Font(bold=True)
    return cell
