"""The eight sections a serta-merta notice must contain (Pasal 10 UU 14/2008), found as staff write them.

A heading counts when it differs from the required text only in case, numbering ("1.", "II.", "a)") or a
trailing colon. A heading that is close but different gets its own message on its own line, naming the
exact text required; only sections with no such heading are reported missing.
"""

from __future__ import annotations

import difflib
import re

from pipeline.core.announcement import SERTA_MERTA_SECTIONS
from pipeline.core.body import BodyIssue, heading_lines, parse_heading

_NUMBERING = re.compile(r"(?:\d{1,3}|[ivxlc]{1,6}|[a-z])[.)][ \t]*+", re.IGNORECASE)
_CLOSE = 0.75
# Headings compared with the required titles per notice; enough for any real notice, and a file of half a
# million '#' lines stays linear.
_MAX_COMPARED = 200
MAX_HEADINGS = 1000


def normalize(title: str) -> str:
    """Lower case, no leading numbering, no trailing colon, single spaces."""
    text = " ".join(title.split()).lower()
    numbering = _NUMBERING.match(text)
    if numbering and numbering.end() < len(text):
        text = text[numbering.end():]
    return text.rstrip(" :").strip()


_REQUIRED = {normalize(title): title for title in SERTA_MERTA_SECTIONS}


def serta_merta_issues(body: str) -> list[BodyIssue]:
    """Missing, misnamed, mis-levelled and empty required sections, each on the line to fix.

    Only heading lines are visited (found by the regex engine); a section's text is the slice of the body up to
    the next heading of level 1 or 2.
    """
    issues: list[BodyIssue] = []
    found: dict[str, tuple[int, int]] = {}  # required title -> (heading line, offset where its text starts)
    ends: dict[str, int] = {}
    addressed: set[str] = set()
    open_title: str | None = None
    compared = 0
    for count, (number, start, end, line) in enumerate(heading_lines(body)):
        if count >= MAX_HEADINGS:
            return [BodyIssue(number, "isi", f"pengumuman ini memuat lebih dari {MAX_HEADINGS} judul bagian; "
                                             "pengumuman serta-merta cukup memuat delapan bagian wajib. Hapus baris "
                                             "'#' yang tidak perlu")]
        heading = parse_heading(line)
        if heading is None:
            continue
        level, text = heading
        key = normalize(text)
        if level > 3 or (level == 3 and key not in _REQUIRED):
            continue  # part of the open section's text
        if open_title is not None:
            ends[open_title] = start
            open_title = None
        title = _REQUIRED.get(key)
        if title is not None and level != 2:
            issues.append(BodyIssue(number, "isi", f"judul bagian '{text}' harus bertingkat dua (dua tanda #): "
                                                   f"tulis '## {title}'"))
            addressed.add(title)
        elif title is not None:
            if title not in found:
                found[title] = (number, end)
                open_title = title
        elif compared < _MAX_COMPARED:
            compared += 1
            missing = [k for k, t in _REQUIRED.items() if t not in found and t not in addressed]
            close = difflib.get_close_matches(key, missing, n=1, cutoff=_CLOSE) if len(key) <= 200 else []
            if close:
                title = _REQUIRED[close[0]]
                addressed.add(title)
                issues.append(BodyIssue(number, "isi", f"judul bagian '{text}' belum sesuai; pengumuman "
                                                       f"serta-merta wajib memakai judul persis '## {title}'"))
    if open_title is not None:
        ends[open_title] = len(body)
    stripped = body.lstrip()
    first_line = body.count("\n", 0, len(body) - len(stripped)) + 1 if stripped else 1
    for title in SERTA_MERTA_SECTIONS:
        if title in found:
            heading_line, after = found[title]
            if not body[after:ends[title]].strip():
                issues.append(BodyIssue(heading_line, "isi", f"bagian '## {title}' masih kosong; isi dengan keterangan "
                                                     "untuk masyarakat"))
        elif title not in addressed:
            issues.append(BodyIssue(first_line, "isi", f"pengumuman serta-merta wajib memuat bagian "
                                                       f"'## {title}'; tambahkan judul bagian itu beserta isinya"))
    return sorted(issues, key=lambda i: i.line)
