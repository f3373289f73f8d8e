"""Input that would make the site build (Python-Markdown) slow, refused before it reaches the build.

Python-Markdown looks for the end of a link from every '[' and '](' and for the end of a tag from every '<';
when they never close (`[](` repeated, `[[[[…`, `<a<a<a…`) each scan runs to the end of the paragraph and
the build takes quadratic time: 24 KB of `[](` took seconds. This module measures exactly that scanning work
in linear time and refuses a paragraph whose work exceeds a fixed multiple of its length, so the build stays
linear in the size of what passed `ppid check`. Measured by benchmarks/bench_pathological.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Work allowed per character of a paragraph. Ordinary text with links does about 1; `[](` repeated does
# thousands per character at a few KB.
WORK_PER_CHAR = 8
# Openers ('[' and '<') in one paragraph above which it is refused without measuring: no announcement needs
# that many, and measuring them one by one would cost more than the rest of the check.
MAX_OPENERS = 4096
MAX_HEADING = 300
MAX_COLUMNS = 64
# Emphasis and code markers cost Python-Markdown far more than plain text (`*a*a*a…` builds ~20 times slower
# than prose); one marker per 16 characters is well above what announcements use (about 1 per 60).
MARKERS_PER_CHAR = 1 / 16
MARKERS_FREE = 64
_SPECIAL = re.compile(r"[\[\]()<>]")
_NEW_UNIT = re.compile(r"[ ]{0,3}(?:[-*+>|#]|\d{1,9}[.)])")


@dataclass(frozen=True)
class BoundIssue:
    line: int  # 1-based within the text
    message: str
    last: int = 0  # the last line of the paragraph (0: the same as `line`); other checks skip these lines


def _units(text: str) -> Iterator[tuple[int, str]]:
    """Paragraphs as Python-Markdown's inline parser sees them (list items, table rows, headings and quotes
    start their own), with the line each starts on."""
    start, lines = 1, list[str]()
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            if lines:
                yield start, "\n".join(lines)
            start, lines = number + 1, []
            continue
        if lines and _NEW_UNIT.match(line):
            yield start, "\n".join(lines)
            start, lines = number, []
        if not lines:
            start = number
        lines.append(line)
    if lines:
        yield start, "\n".join(lines)


def scan_work(unit: str, budget: int) -> int:
    """The characters Python-Markdown scans looking for the ends of links and tags in `unit`, or a number
    above `budget` as soon as the work is known to exceed it."""
    size = len(unit)
    work = 0
    brackets: list[int] = []
    bracket_sum = 0
    parens: list[tuple[int, bool]] = []  # (position, opened by '](')
    link_open = link_sum = 0  # unclosed '](' openers: count and sum of positions
    angle_open = angle_sum = 0
    previous = ""
    for index, match in enumerate(_SPECIAL.finditer(unit)):
        char, pos = match.group(), match.start()
        if char == "[":
            brackets.append(pos)
            bracket_sum += pos
        elif char == "]":
            if brackets:
                opened = brackets.pop()
                bracket_sum -= opened
                work += pos - opened
        elif char == "(":
            is_link = previous == "]" and pos > 0 and unit[pos - 1] == "]"
            parens.append((pos, is_link))
            if is_link:
                link_open, link_sum = link_open + 1, link_sum + pos
        elif char == ")":
            if parens:
                opened, is_link = parens.pop()
                if is_link:
                    work += pos - opened
                    link_open, link_sum = link_open - 1, link_sum - opened
        elif char == "<":
            angle_open, angle_sum = angle_open + 1, angle_sum + pos
        else:  # ">"
            work += angle_open * pos - angle_sum
            angle_open = angle_sum = 0
        previous = char
        if index % 512 == 511:
            # What the still-open scans have already cost is a lower bound of the final work.
            bound = (work + link_open * pos - link_sum + angle_open * pos - angle_sum
                     + len(brackets) * pos - bracket_sum)
            if bound > budget:
                return bound
    work += len(brackets) * size - bracket_sum
    work += link_open * size - link_sum + angle_open * size - angle_sum
    return work


def bound_issues(text: str) -> list[BoundIssue]:
    """Paragraphs and headings the site build could not handle in time, each with the fix."""
    issues: list[BoundIssue] = []
    markers = text.count("*") + text.count("`")
    if markers > MARKERS_FREE + len(text) * MARKERS_PER_CHAR:
        densest = max(_units(text), key=lambda u: u[1].count("*") + u[1].count("`"))
        issues.append(BoundIssue(densest[0], f"isi memuat {markers} tanda '*' atau '`' (untuk huruf tebal, miring "
                                             f"dan kode), terlalu banyak untuk {len(text)} karakter; hapus tanda "
                                             "yang tidak perlu, misalnya deretan bintang sebagai garis pemisah"))
    if "[" not in text and "<" not in text and "#" not in text and "|" not in text:
        return issues
    for line, unit in _units(text):
        stripped = unit.lstrip(" ")
        last = line + unit.count("\n")
        if stripped.startswith("#") and "\n" not in unit and len(unit) > MAX_HEADING:
            issues.append(BoundIssue(line, f"judul bagian terlalu panjang ({len(unit)} karakter); maksimal "
                                           f"{MAX_HEADING} karakter. Persingkat judulnya dan hapus spasi berlebih"))
            continue
        if unit.count("|") > MAX_COLUMNS:
            widest = max(enumerate(unit.split("\n")), key=lambda row: row[1].count("|"))
            if widest[1].count("|") > MAX_COLUMNS + 1:
                issues.append(BoundIssue(line + widest[0], f"baris tabel ini memuat {widest[1].count('|') - 1} "
                                                           f"kolom; maksimal {MAX_COLUMNS} kolom. Pecah tabelnya "
                                                           "atau lampirkan sebagai berkas .xlsx atau .csv",
                                         last))
                continue
        openers = unit.count("[") + unit.count("<")
        if openers <= WORK_PER_CHAR:
            continue
        if openers > MAX_OPENERS:
            issues.append(BoundIssue(line, f"paragraf ini memuat {openers} tanda '[' atau '<'; maksimal "
                                           f"{MAX_OPENERS} per paragraf. Pecah menjadi beberapa paragraf atau "
                                           "pindahkan isinya ke lampiran", last))
            continue
        budget = WORK_PER_CHAR * len(unit)
        if scan_work(unit, budget) > budget:
            issues.append(BoundIssue(line, "paragraf ini memuat tanda '[', '(' atau '<' yang tidak ditutup "
                                           "(misalnya '[](' atau '[[[' berulang), sehingga situs tidak dapat "
                                           "dibangun dalam waktu wajar. Tutup setiap '[' dengan ']', setiap "
                                           "'(' dengan ')' dan setiap '<' dengan '>', atau hapus tanda yang "
                                           "tidak perlu", last))
    return issues
