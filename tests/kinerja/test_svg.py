"""The SVG charts: well-formed, titled and described, every value written out, nothing told by colour alone."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from pipeline.core.kinerja import kinerja
from pipeline.site import kinerja_page
from pipeline.site import kinerja_svg as svg
from tests.kinerja.kit import SOP, WIB, sample

NS = "{http://www.w3.org/2000/svg}"


def parse(document: str) -> ET.Element:
    root = ET.fromstring(document)
    assert root.tag == f"{NS}svg"
    return root


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{NS}text")]


def bars(root: ET.Element) -> list[ET.Element]:
    """Drawn bars: rectangles filled with the bar colour or the hatch (not the background or tracks)."""
    return [r for r in root.iter(f"{NS}rect") if r.get("fill") in (svg.BAR, "url(#arsir)")]


YEAR_2026, YEAR_2025 = kinerja(sample(), SOP, WIB)
CHARTS = {
    "waktu": kinerja_page.time_chart(YEAR_2025.all, SOP),
    "ketepatan": kinerja_page.share_chart(YEAR_2025.all, SOP),
    "pengembalian": kinerja_page.send_back_chart(YEAR_2025.all),
    "waktu-kosong": kinerja_page.time_chart(YEAR_2026.group("serta-merta"), SOP),
}


@pytest.mark.parametrize("name", list(CHARTS))
def test_charts_are_well_formed_titled_and_responsive(name: str) -> None:
    root = parse(CHARTS[name])
    first, second = list(root)[:2]
    assert first.tag == f"{NS}title" and (first.text or "").strip()
    assert second.tag == f"{NS}desc" and (second.text or "").strip()
    assert root.get("role") == "img" and root.get("aria-labelledby") == "judul keterangan"
    view = [int(v) for v in (root.get("viewBox") or "").split()]
    assert view[:3] == [0, 0, svg.WIDTH] and view[3] == svg.height_of(CHARTS[name]) == int(root.get("height") or 0)
    assert not list(root.iter(f"{NS}script")) and "javascript:" not in CHARTS[name] and "href" not in CHARTS[name]
    sizes = {int(t.get("font-size") or 0) for t in root.iter(f"{NS}text")}
    assert min(sizes) >= 16, "labels must stay large enough to read on a phone"


def test_time_chart_writes_every_median_and_p90_and_marks_standards() -> None:
    root = parse(CHARTS["waktu"])
    words = texts(root)
    for value in ("10 menit", "12 menit", "8 jam", "9 jam 20 menit", "30 menit", "1 jam 15 menit", "42,5 menit",
                  "1 jam 30 menit", "8 menit", "15 menit", "9,5 menit", "20 menit"):
        assert value in words
    assert words.count("Median") == 6 + 1 and words.count("P90") == 6  # + the legend
    assert "Kabid/Kasubag · standar 1 jam" in words
    # Median solid and P90 hatched: told apart by fill pattern and name, not colour alone.
    fills = [r.get("fill") for r in bars(root)]
    assert fills.count(svg.BAR) == 6 + 1 and fills.count("url(#arsir)") == 6 + 1  # + the legend swatches
    # A dashed standard line for the five minute/hour steps and the legend; step 2 (1 hari kerja) has none.
    dashed = [line for line in root.iter(f"{NS}line") if line.get("stroke-dasharray")]
    assert len(dashed) == 5 + 1
    assert any("dinilai dari tenggat" in w for w in words)


def test_bar_length_follows_the_value_on_the_row_scale() -> None:
    row = svg.Row("Uji", (svg.Bar(30, "30 menit", "Median"), svg.Bar(60, "60 menit", "P90", hatched=True)),
                  marker=120)
    root = parse(svg.chart("t", "d", [row]))
    widths = [float(r.get("width") or 0) for r in bars(root)]
    assert widths[1] == pytest.approx(2 * widths[0], abs=0.2)  # coordinates keep one decimal
    line = next(line for line in root.iter(f"{NS}line") if line.get("stroke-dasharray"))
    left = float(bars(root)[0].get("x") or 0)
    assert float(line.get("x1") or 0) - left == pytest.approx(4 * widths[0], abs=0.4)  # the standard at 120 = 4 x 30


def test_share_chart_has_a_full_track_per_step_and_writes_counts() -> None:
    root = parse(CHARTS["ketepatan"])
    words = texts(root)
    for value in ("3 dari 3 (100%)", "2 dari 3 (67%)", "3 dari 4 (75%)"):
        assert value in words
    tracks = [r for r in root.iter(f"{NS}rect") if r.get("fill") == svg.TRACK]
    assert len(tracks) == 6 + 1
    assert "3. Pemeriksaan (Kabid/Kasubag)" in words


def test_send_back_chart_counts_publications() -> None:
    words = texts(parse(CHARTS["pengembalian"]))
    assert words[-6:] == ["Tidak dikembalikan", "1 penerbitan", "Dikembalikan 1 kali", "1 penerbitan",
                          "Dikembalikan 2 kali atau lebih", "1 penerbitan"]


def test_a_group_without_measurements_says_so_and_draws_no_bar() -> None:
    root = parse(CHARTS["waktu-kosong"])
    assert texts(root).count("belum ada data terukur") == 6
    assert len(bars(root)) == 2  # the legend swatches only


def test_zero_value_draws_no_bar_but_writes_the_value() -> None:
    root = parse(svg.chart("t", "d", [svg.Row("Nol", (svg.Bar(0, "0 penerbitan"),), scale=3, track=True)]))
    assert bars(root) == [] and "0 penerbitan" in texts(root)


def test_text_is_escaped_not_markup() -> None:
    hostile = '<script>alert("x")</script> & "kutip"'
    root = parse(svg.chart(hostile, hostile, [svg.Row(hostile, (svg.Bar(1, hostile, hostile),), note=hostile)]))
    assert not list(root.iter(f"{NS}script"))
    assert root.find(f"{NS}title").text == hostile  # type: ignore[union-attr]
    assert " ".join(texts(root)).count("alert") >= 3


@pytest.mark.parametrize(("text", "size", "bold", "lines"), [
    ("Pendek", 18, True, ["Pendek"]),
    ("2. Menyusun konsep (Fungsional/Pelaksana)", 18, True, ["2. Menyusun konsep", "(Fungsional/Pelaksana)"]),
    ("Fungsional/Pelaksana · standar 1 hari kerja (dinilai dari tenggat tiap catatan)", 16, False,
     ["Fungsional/Pelaksana · standar 1 hari kerja", "(dinilai dari tenggat tiap catatan)"]),
    ("Satukatayangsangatpanjangsekalitanpaspasiyangtidakmuatdalamsatubarisgrafik", 18, True,
     ["Satukatayangsangatpanjangsekalitanpaspasiyangtidakmuatdalamsatubarisgrafik"]),
    ("", 16, False, [""]),
])
def test_wrap(text: str, size: int, bold: bool, lines: list[str]) -> None:
    assert svg.wrap(text, size, bold=bold) == lines


def test_legend_wraps_within_the_width() -> None:
    root = parse(svg.chart("t", "d", [], [svg.LegendItem("solid", "Median"), svg.LegendItem("hatch", "Persentil ke-90"),
                                          svg.LegendItem("marker", "Standar SOP")]))
    ys = sorted({float(t.get("y") or 0) for t in root.iter(f"{NS}text")})
    assert len(ys) == 2  # "Standar SOP" moves to a second line
    for t in root.iter(f"{NS}text"):
        assert float(t.get("x") or 0) + svg.text_width(t.text or "") <= svg.WIDTH
