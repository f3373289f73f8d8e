"""The spreadsheet downloads: formula guard, CSV with a BOM, XLSX with text kept text and columns past Z."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from openpyxl import load_workbook

from pipeline.core.export import Bold, Sheet, csv_safe, to_csv, to_xlsx

CREATED = datetime(2025, 12, 31)


@pytest.mark.parametrize(("value", "expected"), [
    ("=1+1", "'=1+1"), ("+62 561", "'+62 561"), ("-", "'-"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("Pontianak", "Pontianak"), (7, 7), (None, None), (-1.5, -1.5),
])
def test_formula_guard(value: str | int | float | None, expected: str | int | float | None) -> None:
    assert csv_safe(value) == expected


def test_csv_has_a_bom_crlf_and_no_value_for_none() -> None:
    data = to_csv(("a", "b"), [("=x", None), ("é", 2)])
    assert data == "\ufeffa,b\r\n'=x,\r\né,2\r\n".encode()


def test_xlsx_keeps_text_text_and_sets_widths_past_column_z() -> None:
    widths = tuple(float(n) for n in range(10, 38))  # 28 columns: A..Z, AA, AB
    sheet = Sheet("Data", ["h"] * 28, [("=1+1", 3, None, Bold("tebal"))], widths=widths, freeze_header=True)
    book = load_workbook(io.BytesIO(to_xlsx((sheet,), title="T", creator="Dinas", created=CREATED)))
    data = book["Data"]
    assert [data.cell(2, c).value for c in range(1, 5)] == ["=1+1", 3, None, "tebal"]
    assert data.cell(2, 1).data_type == "s" and data.cell(1, 1).font.b and data.cell(2, 4).font.b
    assert (data.column_dimensions["Z"].width, data.column_dimensions["AB"].width) == (35.0, 37.0)
    assert data.freeze_panes == "A2"
    assert book.properties.creator == "Dinas"


def test_the_same_rows_give_the_same_bytes() -> None:
    sheet = Sheet("Data", ["a"], [("x",)])
    assert to_xlsx((sheet,), title="T", creator="D", created=CREATED) == to_xlsx((sheet,), title="T", creator="D",
                                                                                created=CREATED)
