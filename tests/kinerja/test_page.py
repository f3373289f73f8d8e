"""The Kinerja Layanan page builder: golden files, one figure per chart with a table after it, empty states.

To accept an intended change, run with PPID_UPDATE_GOLDEN=1 and review the diff of tests/kinerja/golden/.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.core.kinerja import kinerja
from pipeline.site.kinerja_page import BASE, hours_text, page
from pipeline.site.proof_pages import DEMO_NOTE
from tests.kinerja.kit import SOP, WIB, chain, record, sample, wib

GOLDEN = Path(__file__).parent / "golden"
FILES = {f.src_uri: f.content for f in page(kinerja(sample(), SOP, WIB), SOP)}


@pytest.mark.parametrize(("src_uri", "golden"), [
    (f"{BASE}index.md", "kinerja-layanan.md"),
    (f"{BASE}2025-waktu-semua.svg", "2025-waktu-semua.svg"),
])
def test_golden(src_uri: str, golden: str) -> None:
    content = FILES[src_uri]
    assert isinstance(content, str)
    if os.environ.get("PPID_UPDATE_GOLDEN"):
        (GOLDEN / golden).write_text(content, encoding="utf-8")
    assert content == (GOLDEN / golden).read_text(encoding="utf-8")


def test_files_are_the_page_and_its_charts() -> None:
    assert sorted(FILES) == [f"{BASE}{name}" for name in (
        "2025-ketepatan.svg", "2025-pengembalian.svg", "2025-waktu-berkala.svg", "2025-waktu-semua.svg",
        "2025-waktu-serta-merta.svg", "2025-waktu-setiap-saat.svg", "2026-ketepatan.svg", "2026-pengembalian.svg",
        "2026-waktu-berkala.svg", "2026-waktu-semua.svg", "index.md")]


def test_every_chart_is_a_figure_with_alt_caption_and_a_table_after_it() -> None:
    text = str(FILES[f"{BASE}index.md"])
    figures = re.findall(r'<figure class="ppid-grafik">\n<img src="([^"]+)" alt="([^"]+)" width="480" '
                         r'height="(\d+)" loading="lazy">\n<figcaption>([^<]+)</figcaption>\n</figure>', text)
    charts = sorted(uri.removeprefix(BASE) for uri in FILES if uri.endswith(".svg"))
    assert sorted(src for src, *_ in figures) == charts
    for src, alt, _, caption in figures:
        assert alt.startswith("Grafik batang: ") and caption.endswith("tabel di bawah gambar.")
        section = re.split(r"\n#", text.split(f'<img src="{src}"', 1)[1], maxsplit=1)[0]
        assert "<table data-kartu>" in section, f"{src}: no data table before the next heading"
    assert text.count("<caption>") == text.count("<table data-kartu>") and 'scope="row"' in text


def test_empty_jenis_and_send_back_limitation_are_stated() -> None:
    text = str(FILES[f"{BASE}index.md"])
    assert "Tidak ada penerbitan informasi serta merta pada tahun 2026." in text
    assert "1 catatan bukti tahun 2025 dibuat sebelum pengembalian konsep ikut dicatat" in text
    assert DEMO_NOTE in text


def test_a_year_without_send_back_data_draws_no_send_back_chart() -> None:
    files = {f.src_uri for f in page(kinerja(chain([record(1, wib(2025, 3, 3), send_backs=None)]), SOP, WIB), SOP)}
    assert f"{BASE}2025-pengembalian.svg" not in files and f"{BASE}2025-ketepatan.svg" in files


def test_without_records_the_page_says_so() -> None:
    (only,) = page((), SOP)
    assert only.src_uri == f"{BASE}index.md"
    text = str(only.content)
    assert "Belum ada catatan bukti" in text and "## Cara menghitung" in text and "<img" not in text
    assert DEMO_NOTE not in text


def test_real_records_get_no_demo_note() -> None:
    records = chain([replace(record(1, wib(2025, 3, 3)), demo=False)])
    assert DEMO_NOTE not in str(page(kinerja(records, SOP, WIB), SOP)[0].content)


def test_office_hours_come_from_sop_yml() -> None:
    assert hours_text(SOP) == "Senin–Kamis 07.30–16.00, Jumat 07.30–16.30 WIB"
    hours = {"senin": ("08:00", "15:00"), "selasa": ("08:00", "15:00"), "kamis": ("08:00", "15:00"),
             "sabtu": ("08:00", "12:00")}
    changed = SOP.model_copy(update={"calendar": SOP.calendar.model_copy(update={"hours": hours})})
    assert hours_text(changed) == "Senin–Selasa 08.00–15.00, Kamis 08.00–15.00, Sabtu 08.00–12.00 WIB"
