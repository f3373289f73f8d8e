"""Input that would make the site build (Python-Markdown) slow, refused before it reaches the build.

Python-Markdown looks for the end of a link from every '[' and '](' and for the end of a tag from every '<';
when they never close (`[](` repeated, `[[[[…`, `<a<a<a…`) each scan runs to the end of the paragraph and
the build takes quadratic time: 24 KB of `[](` took seconds. This module measures exactly that scanning work
in linear time and refuses a paragraph whose work exceeds a fixed multiple of its length, so the build stays
linear in the size of what passed `ppid check`. Measured by benchmarks/bench_pathological.py.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate

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
_NEW_UNIT = re.compile(r"^[ ]{0,3}+(?:[-*+>|#]|\d{1,9}+[.)])", re.MULTILINE)
# Paragraphs reported as too costly per file; past this the rest of the file is not measured.
MAX_ISSUES = 50
# Headings with the same text per page. Python-Markdown's table of contents gives each repeat a new anchor by
# trying `_1`, `_2`, ... in turn, so N repeats cost N²/2 tries (100,000 empty '#' lines would take hours).
MAX_SAME_HEADING = 50


@dataclass(frozen=True)
class BoundIssue:
    line: int  # 1-based within the text
    message: str
    last: int = 0  # the last line of the paragraph (0: the same as `line`); other checks skip these lines


_BLANK = re.compile(r"\n[ \t]*+\n")
# Found by the regex engine, not a Python loop over lines: a heading line longer than allowed, a table row with
# more columns than allowed. Possessive quantifiers: each character is looked at once.
_HEADING_TEXT = re.compile(r"^[ ]{0,3}+#{1,6}+(?:[ \t]++([^\n]*+)|[ \t]*+)$", re.MULTILINE)
_LONG_HEADING = re.compile(rf"^[ ]{{0,3}}+#[^\n]{{{MAX_HEADING},}}+", re.MULTILINE)
_WIDE_ROW = re.compile(rf"^[^\n|]*+(?:\|[^\n|]*+){{{MAX_COLUMNS + 2},}}+", re.MULTILINE)


def _line_at(text: str, position: int, cache: list[int]) -> int:
    """1-based line of `position`; `cache` is [last position, its line] so increasing positions cost O(step)."""
    cache[1] += text.count("\n", cache[0], position)
    cache[0] = position
    return cache[1]


def _blocks(text: str) -> list[tuple[int, str]]:
    """Blank-line separated blocks with the line each starts on (comprehensions, not a loop per line: a body
    of a million newlines has half a million blocks)."""
    blocks = _BLANK.split(text)
    starts = list(accumulate((block.count("\n") + 2 for block in blocks), initial=1))
    return [(starts[index], block) for index, block in enumerate(blocks)]


def _busy_blocks(text: str) -> list[tuple[int, str]]:
    """Only the blocks with more than a few '[' or '<' (the others cannot be costly)."""
    blocks = _BLANK.split(text)
    busy = [i for i, block in enumerate(blocks) if ("[" in block or "<" in block)
            and block.count("[") + block.count("<") > WORK_PER_CHAR]
    if not busy:
        return []
    starts = list(accumulate((block.count("\n") + 2 for block in blocks[: busy[-1]]), initial=1))
    return [(starts[index], blocks[index]) for index in busy]


def _units(line: int, block: str) -> Iterator[tuple[int, str]]:
    """Parts of a block as Python-Markdown's inline parser sees them: list items, table rows, headings and
    quotes start their own."""
    starts = [m.start() for m in _NEW_UNIT.finditer(block) if m.start()]
    position = 0
    for end in (*starts, len(block)):
        yield line, block[position:end]
        line += block.count("\n", position, end)
        position = end


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


def _repeated_headings(text: str) -> list[BoundIssue]:
    """Headings whose text (ignoring case and closing '#') is used more than MAX_SAME_HEADING times."""
    counts = Counter(_HEADING_TEXT.findall(text))  # counted by C code: a flood of headings stays cheap
    totals: Counter[str] = Counter()
    first: dict[str, str] = {}
    for raw, count in counts.items():
        key = raw.strip(" \t").rstrip("#").strip(" \t").lower()
        totals[key] += count
        first.setdefault(key, raw)
    issues = []
    for key, count in totals.items():
        if count <= MAX_SAME_HEADING:
            continue
        raw = first[key]
        where = re.search(r"^[ ]{0,3}+#{1,6}+" + (r"[ \t]++" + re.escape(raw) if raw else r"[ \t]*+") + "$", text,
                          re.MULTILINE)
        line = text.count("\n", 0, where.start()) + 1 if where else 1
        if key:
            message = (f"judul bagian '{raw.strip()}' dipakai {count} kali; maksimal {MAX_SAME_HEADING} kali per "
                       "halaman karena setiap judul mendapat alamat sendiri. Beri judul yang berbeda atau hapus yang "
                       "tidak perlu")
        else:
            message = (f"ada {count} baris judul bagian tanpa teks (hanya tanda '#'); hapus baris '#' yang tidak "
                       "berisi judul")
        issues.append(BoundIssue(line, message, line))
    return issues


def bound_issues(text: str) -> list[BoundIssue]:
    """Paragraphs and headings the site build could not handle in time, each with the fix."""
    issues: list[BoundIssue] = []
    markers = text.count("*") + text.count("`")
    if markers > MARKERS_FREE + len(text) * MARKERS_PER_CHAR:
        densest = max(_blocks(text), key=lambda b: b[1].count("*") + b[1].count("`"))
        issues.append(BoundIssue(densest[0], f"isi memuat {markers} tanda '*' atau '`' (untuk huruf tebal, miring "
                                             f"dan kode), terlalu banyak untuk {len(text)} karakter; hapus tanda "
                                             "yang tidak perlu, misalnya deretan bintang sebagai garis pemisah"))
    position = [0, 1]
    if "#" in text and len(text) > MAX_HEADING and max(map(len, text.split("\n"))) > MAX_HEADING:
        for match in _LONG_HEADING.finditer(text):
            line = _line_at(text, match.start(), position)
            issues.append(BoundIssue(line, f"judul bagian terlalu panjang ({len(match.group())} karakter); maksimal "
                                           f"{MAX_HEADING} karakter. Persingkat judulnya dan hapus spasi berlebih",
                                     line))
    if text.count("#") > MAX_SAME_HEADING:
        issues += _repeated_headings(text)
    position = [0, 1]
    if text.count("|") > MAX_COLUMNS:
        for match in _WIDE_ROW.finditer(text):
            line = _line_at(text, match.start(), position)
            issues.append(BoundIssue(line, f"baris tabel ini memuat {match.group().count('|') - 1} kolom; maksimal "
                                           f"{MAX_COLUMNS} kolom. Pecah tabelnya atau lampirkan sebagai berkas .xlsx "
                                           "atau .csv", line))
    if text.count("[") + text.count("<") <= WORK_PER_CHAR:
        return issues
    for block_line, block in _busy_blocks(text):
        if len(issues) >= MAX_ISSUES:
            break
        for line, unit in _units(block_line, block):
            openers = unit.count("[") + unit.count("<")
            if openers <= WORK_PER_CHAR:
                continue
            last = line + unit.count("\n")
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
    return sorted(issues, key=lambda issue: issue.line)
