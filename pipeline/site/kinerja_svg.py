"""Horizontal bar charts as static SVG (pure): no script, no web font, readable on a phone.

Each chart is a column of rows: a bold label line, an optional note line, then one line per bar with its name
on the left, the bar, and its value written after the bar. Nothing is told by colour alone: bars differ by
fill (solid or hatched) and are named, the standard is a dashed line named in the legend, and every value is
written out. The viewBox is 400 units wide with 16-18 unit text, about life size on a phone; the page shows
the file with `<img>` at up to 480 px, so text never shrinks below roughly 14 px on a 340 px wide screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from pipeline.site.markup import esc

WIDTH = 400
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif"
INK = "#1b1b1b"  # text and the standard line: 17:1 on white
BAR = "#1f4e79"  # bars: 8.9:1 on white
TRACK = "#e3e3e3"
LABEL_SIZE, TEXT_SIZE = 18, 16
# Average glyph widths in em of the sans-serif fallbacks, a little generous (for layout only).
CHAR, CHAR_BOLD = 0.56, 0.62
NAME_GAP, VALUE_GAP = 10, 6
BAR_HEIGHT, LINE = 16, 24

LegendKind = Literal["solid", "hatch", "marker", "track"]


@dataclass(frozen=True)
class Bar:
    """One bar: `text` is always written after it; `value` None draws no bar (nothing measured)."""

    value: float | None
    text: str
    name: str = ""
    hatched: bool = False


@dataclass(frozen=True)
class Row:
    """A labelled group of bars. `scale` is the value of a full-length bar (default: the row's largest value or
    marker, so each row has its own scale); `marker` draws a dashed line across the bars (the standard)."""

    label: str
    bars: tuple[Bar, ...]
    note: str = ""
    marker: float | None = None
    scale: float | None = None
    track: bool = False


@dataclass(frozen=True)
class LegendItem:
    kind: LegendKind
    text: str


def text_width(text: str, size: int = TEXT_SIZE, *, bold: bool = False) -> float:
    """An estimate of the rendered width, for layout (no font metrics at build time)."""
    return len(text) * size * (CHAR_BOLD if bold else CHAR)


def _num(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _text(x: float, y: float, text: str, *, size: int = TEXT_SIZE, bold: bool = False) -> str:
    weight = ' font-weight="700"' if bold else ""
    return f'<text x="{_num(x)}" y="{_num(y)}" font-size="{size}"{weight}>{esc(text)}</text>'


def _rect(x: float, y: float, w: float, h: float, fill: str, stroke: str = "") -> str:
    outline = f' stroke="{stroke}" stroke-width="1.5"' if stroke else ""
    return f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(w)}" height="{_num(h)}" fill="{fill}"{outline}/>'


def _bar_shape(x: float, y: float, w: float, hatched: bool) -> str:
    return _rect(x, y, w, BAR_HEIGHT, "url(#arsir)" if hatched else BAR, BAR if hatched else "")


def _marker(x: float, top: float, bottom: float) -> str:
    return (f'<line x1="{_num(x)}" y1="{_num(top)}" x2="{_num(x)}" y2="{_num(bottom)}" stroke="{INK}" '
            'stroke-width="2.5" stroke-dasharray="6 4"/>')


def _legend(items: Sequence[LegendItem], y: float) -> tuple[list[str], float]:
    """Legend items flowed left to right, wrapping at the chart's width; returns the parts and the next y."""
    parts: list[str] = []
    x = 0.0
    for item in items:
        width = 30 + text_width(item.text) + 16
        if x and x + width > WIDTH:
            x, y = 0.0, y + LINE
        swatch_y = y - 13
        if item.kind == "marker":
            parts.append(_marker(x + 11, swatch_y - 2, swatch_y + BAR_HEIGHT + 2))
        elif item.kind == "track":
            parts.append(_rect(x, swatch_y, 22, BAR_HEIGHT, TRACK))
        else:
            parts.append(_bar_shape(x, swatch_y, 22, item.kind == "hatch"))
        parts.append(_text(x + 30, y, item.text))
        x += width
    return parts, y + LINE + 6


def wrap(text: str, size: int = TEXT_SIZE, width: float = WIDTH, *, bold: bool = False) -> list[str]:
    """Words flowed into lines that fit `width` (a single over-long word keeps its own line)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size, bold=bold) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def _row(row: Row, y: float) -> tuple[list[str], float]:
    parts: list[str] = []
    for line in wrap(row.label, LABEL_SIZE, bold=True):
        parts.append(_text(0, y, line, size=LABEL_SIZE, bold=True))
        y += LINE
    for line in wrap(row.note) if row.note else []:
        parts.append(_text(0, y, line))
        y += LINE
    left = max((text_width(b.name) + NAME_GAP for b in row.bars if b.name), default=0.0)
    room = max(text_width(b.text) for b in row.bars) + VALUE_GAP if row.bars else 0.0
    length = max(WIDTH - left - room, 40.0)
    values = [b.value for b in row.bars if b.value is not None]
    scale = row.scale or max([*values, row.marker or 0.0], default=0.0)
    first_bar_top = y - 13
    for bar in row.bars:
        top = y - 13
        if bar.name:
            parts.append(_text(0, y, bar.name))
        if row.track:
            parts.append(_rect(left, top, length, BAR_HEIGHT, TRACK))
        end = left
        if bar.value is not None and scale > 0:
            width = length * min(bar.value / scale, 1.0)
            if width > 0:
                parts.append(_bar_shape(left, top, max(width, 2.0), bar.hatched))
            end = left + max(width, 0.0)
        if row.track:
            value_x = left + length + VALUE_GAP
        elif row.marker is not None and scale > 0:
            # Right after the bar when it fits before the standard line, else after the line: the dashed line
            # never runs through a value.
            line_x = left + length * min(row.marker / scale, 1.0)
            fits = end + VALUE_GAP + text_width(bar.text) < line_x - 4
            value_x = end + VALUE_GAP if fits else max(end, line_x + 3) + VALUE_GAP
        else:
            value_x = end + VALUE_GAP
        parts.append(_text(value_x, y, bar.text))
        y += LINE
    if row.marker is not None and scale > 0 and row.bars:
        x = left + length * min(row.marker / scale, 1.0)
        parts.append(_marker(x, first_bar_top - 4, y - LINE + BAR_HEIGHT - 9))
    return parts, y + 14


def chart(title: str, desc: str, rows: Sequence[Row], legend: Sequence[LegendItem] = ()) -> str:
    """A standalone SVG document: `title` and `desc` name it for assistive technology and image viewers."""
    body: list[str] = []
    y = 20.0
    if legend:
        parts, y = _legend(legend, y)
        body += parts
    for row in rows:
        parts, y = _row(row, y)
        body += parts
    height = int(y - 14 + 10)
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
        f'height="{height}" role="img" aria-labelledby="judul keterangan" font-family="{esc(FONT)}" '
        f'fill="{INK}">',
        f'<title id="judul">{esc(title)}</title>',
        f'<desc id="keterangan">{esc(desc)}</desc>',
        '<defs><pattern id="arsir" width="8" height="8" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="8" height="8" fill="#ffffff"/>'
        f'<line x1="0" y1="0" x2="0" y2="8" stroke="{BAR}" stroke-width="4"/></pattern></defs>',
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        *body,
        "</svg>",
        "",
    ])


def height_of(svg: str) -> int:
    """The chart's height in viewBox units (for the `<img>` size attributes)."""
    head = svg.split('viewBox="0 0 ', 1)[1]
    return int(head.split('"', 1)[0].split()[1])
