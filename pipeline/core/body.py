"""Checks on the Markdown body: script-capable HTML, unsafe and broken links, input too costly to build.

`ppid check` refuses these; the site also sanitises rendered HTML (defence in depth).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.core.bounds import bound_issues
from pipeline.core.links import link_problem, links_in_line

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
# Possessive quantifiers (Python 3.11+): a run of spaces after '<' is taken once, never re-split on failure.
_DANGEROUS_TAG = re.compile(
    r"<\s*+/?\s*+(script|iframe|frame|frameset|object|embed|applet|form|input|button|base|meta|link|style|svg|math"
    r"|template|portal)\b", re.IGNORECASE)
_HANDLER_ATTR = re.compile(r"(?:^|[\s\"'/{;])on[a-z]++\s*+=", re.IGNORECASE)
_BAD_SCHEME = re.compile(r"\b(javascript|vbscript|data|file)\s*+:", re.IGNORECASE)
_INLINE_CODE = re.compile(r"`[^`]*+`")
# Every check in body_issues needs one of these in the line; a line (or body) without any cannot have an issue.
_TRIGGERS = ("<", "{", "](", "]:", "=")
# Problems reported from one body; past this the check stops looking (a file full of one mistake needs one fix).
MAX_ISSUES = 50
# Headings kept per page for the search index.
MAX_HEADINGS = 200


@dataclass(frozen=True)
class BodyIssue:
    line: int  # 1-based within the body
    field: str
    message: str


# Candidate lines, found by the regex engine instead of a Python loop over every line (a 1 MiB body can have
# half a million lines). Each also matches fence lines, so code blocks are still followed.
_TRIGGER_LINE = re.compile(r"[<{=`~]|\][(:]")
_HEADING_LINE = re.compile(r"^#|```|~~~", re.MULTILINE)


# Below this many lines a plain loop over the lines is faster than searching; above it, searching keeps a
# body of half a million short lines from costing a Python step per line.
_SEARCH_FROM_LINES = 2000


def _spans(body: str, candidates: re.Pattern[str]) -> Iterator[tuple[int, int, int]]:
    """(line number, start, end) of each line holding a match of `candidates`, once per line (of every line
    when the body is short: callers test the line themselves)."""
    if body.count("\n") < _SEARCH_FROM_LINES:
        start = 0
        for number, line in enumerate(body.split("\n"), start=1):
            yield number, start, start + len(line)
            start += len(line) + 1
        return
    number, counted, position = 1, 0, 0
    while True:
        match = candidates.search(body, position)
        if match is None:
            return
        start = body.rfind("\n", 0, match.start()) + 1
        end = body.find("\n", match.start())
        end = len(body) if end < 0 else end
        number += body.count("\n", counted, start)
        counted = start
        yield number, start, end
        position = end + 1


def _numbered(body: str, candidates: re.Pattern[str]) -> Iterator[tuple[int, str]]:
    if body.count("\n") < _SEARCH_FROM_LINES:
        yield from enumerate(body.split("\n"), start=1)
        return
    for number, start, end in _spans(body, candidates):
        yield number, body[start:end]


def heading_lines(body: str) -> Iterator[tuple[int, int, int, str]]:
    """(line number, start offset, end offset, text) of every line starting with '#' outside fenced code."""
    fence: str | None = None
    for number, start, end in _spans(body, _HEADING_LINE):
        line = body[start:end]
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            continue
        opening = _FENCE.match(line) if "`" in line or "~" in line else None
        if opening:
            fence = opening.group(1)[0] * 3
        elif line.startswith("#"):  # a short body yields every line: only headings go on
            yield number, start, end, line


def lines_outside_code(body: str, candidates: re.Pattern[str]) -> Iterator[tuple[int, str]]:
    """Lines outside fenced code (inline code blanked), with their numbers: the lines `candidates` finds (every
    line of a short body, so callers still test each line)."""
    fence: str | None = None
    for number, line in _numbered(body, candidates):
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            continue
        # The `in` tests only skip regex calls that cannot match (a fence needs ` or ~): same result, faster.
        match = _FENCE.match(line) if "`" in line or "~" in line else None
        if match:
            fence = match.group(1)[0] * 3
            continue
        yield number, _INLINE_CODE.sub("``", line) if "`" in line else line  # inline code is shown, never run


def body_issues(body: str, *, file_path: str, docs_dir: str = "content", attachments: str = "content/lampiran",
                targets: frozenset[str] | None = None) -> list[BodyIssue]:
    """Every unsafe construct and broken link in the body, with its line.

    `targets` are the files the site publishes (repository paths); None skips the check that links resolve.
    """
    bounds = bound_issues(body)
    issues = [BodyIssue(b.line, "isi", b.message) for b in bounds]
    if not any(trigger in body for trigger in _TRIGGERS):
        return issues
    # A paragraph refused as too costly is reported once, not once per unclosed link in it.
    skip = sorted((b.line, b.last) for b in bounds if b.last)
    next_skip = 0
    for number, line in lines_outside_code(body, _TRIGGER_LINE):
        if len(issues) >= MAX_ISSUES:
            issues.append(BodyIssue(number, "isi", f"masih ada masalah lain di isi setelah baris ini (lebih dari "
                                                   f"{MAX_ISSUES}); perbaiki yang di atas lalu jalankan 'ppid check' "
                                                   "lagi"))
            break
        while next_skip < len(skip) and skip[next_skip][1] < number:
            next_skip += 1
        if next_skip < len(skip) and skip[next_skip][0] <= number:
            continue
        if not any(trigger in line for trigger in _TRIGGERS):
            continue
        tag = _DANGEROUS_TAG.search(line)
        if tag:
            issues.append(BodyIssue(number, "isi", f"tag HTML <{tag.group(1).lower()}> tidak diizinkan karena dapat "
                                    "menjalankan skrip atau menyisipkan halaman lain; hapus tag itu dan tulis "
                                    "isinya dengan Markdown biasa"))
        if _HANDLER_ATTR.search(line) and ("<" in line or "{" in line):
            issues.append(BodyIssue(number, "isi", "atribut on...= (misalnya onclick, onerror) tidak diizinkan "
                                    "karena menjalankan skrip; hapus atribut itu"))
        reported = False
        for link in links_in_line(line):
            if len(issues) > MAX_ISSUES:
                break
            problem = link_problem(link.url, image=link.image, page_path=file_path, docs_dir=docs_dir,
                                   attachments=attachments, targets=targets)
            if problem:
                issues.append(BodyIssue(number, "isi", problem))
                reported = True
        plain = html.unescape(line) if "&" in line else line
        if not reported and _BAD_SCHEME.search(plain) and ("<" in line or "](" in line or "{" in line):
            issues.append(BodyIssue(number, "isi", "alamat javascript:, vbscript:, data: atau file: tidak diizinkan; "
                                    "pakai tautan https:// atau berkas di folder lampiran"))
    return issues


def parse_heading(line: str) -> tuple[int, str] | None:
    """(level, text) of an ATX heading line ("## Judul ##" -> (2, "Judul")), in linear time."""
    if not line.startswith("#"):
        return None
    level = len(line) - len(line.lstrip("#"))
    rest = line[level:]
    if level > 6 or (rest and rest[0] not in " \t"):
        return None
    text = rest.strip(" \t")
    closed = text.rstrip("#")
    if closed != text and (not closed or closed[-1] in " \t"):
        text = closed.rstrip(" \t")
    return level, text


def headings(body: str) -> tuple[str, ...]:
    """All heading texts (levels 1-3), for the search index."""
    out: list[str] = []
    for _, line in lines_outside_code(body, _HEADING_LINE):
        heading = parse_heading(line) if line.startswith("#") else None
        if heading and heading[0] <= 3:
            out.append(heading[1])
            if len(out) >= MAX_HEADINGS:
                break
    return tuple(out)
