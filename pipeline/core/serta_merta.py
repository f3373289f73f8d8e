"""The eight sections a serta-merta notice must contain (Pasal 10 UU 14/2008), found as staff write them.

A heading counts when it differs from the required text only in case, numbering ("1.", "II.", "a)") or a
trailing colon. A heading that is close but different gets its own message on its own line, naming the
exact text required; only sections with no such heading are reported missing.
"""

from __future__ import annotations

import difflib
import re

from pipeline.core.announcement import SERTA_MERTA_SECTIONS
from pipeline.core.body import BodyIssue, lines_outside_code, parse_heading

_NUMBERING = re.compile(r"(?:\d{1,3}|[ivxlc]{1,6}|[a-z])[.)][ \t]*+", re.IGNORECASE)
_CLOSE = 0.75


def normalize(title: str) -> str:
    """Lower case, no leading numbering, no trailing colon, single spaces."""
    text = " ".join(title.split()).lower()
    numbering = _NUMBERING.match(text)
    if numbering and numbering.end() < len(text):
        text = text[numbering.end():]
    return text.rstrip(" :").strip()


_REQUIRED = {normalize(title): title for title in SERTA_MERTA_SECTIONS}


def serta_merta_issues(body: str) -> list[BodyIssue]:
    """Missing, misnamed, mis-levelled and empty required sections, each on the line to fix."""
    issues: list[BodyIssue] = []
    found: dict[str, tuple[int, list[str]]] = {}  # required title -> (heading line, text under it)
    addressed: set[str] = set()
    current: list[str] | None = None
    first_line = 0
    for number, line in lines_outside_code(body):
        if not first_line and line.strip():
            first_line = number
        heading = parse_heading(line)
        if heading is None:
            if current is not None:
                current.append(line)
            continue
        level, text = heading
        key = normalize(text)
        if level > 3 or (level == 3 and key not in _REQUIRED):
            if current is not None:
                current.append(line)
            continue
        current = None
        title = _REQUIRED.get(key)
        if title is not None and level != 2:
            issues.append(BodyIssue(number, "isi", f"judul bagian '{text}' harus bertingkat dua (dua tanda #): "
                                                   f"tulis '## {title}'"))
            addressed.add(title)
        elif title is not None:
            if title not in found:
                current = []
                found[title] = (number, current)
        else:
            missing = [k for k, t in _REQUIRED.items() if t not in found and t not in addressed]
            close = difflib.get_close_matches(key, missing, n=1, cutoff=_CLOSE) if len(key) <= 200 else []
            if close:
                title = _REQUIRED[close[0]]
                addressed.add(title)
                issues.append(BodyIssue(number, "isi", f"judul bagian '{text}' belum sesuai; pengumuman "
                                                       f"serta-merta wajib memakai judul persis '## {title}'"))
    for title in SERTA_MERTA_SECTIONS:
        if title in found:
            start, under = found[title]
            if not "\n".join(under).strip():
                issues.append(BodyIssue(start, "isi", f"bagian '## {title}' masih kosong; isi dengan keterangan "
                                                     "untuk masyarakat"))
        elif title not in addressed:
            issues.append(BodyIssue(first_line or 1, "isi", f"pengumuman serta-merta wajib memuat bagian "
                                                            f"'## {title}'; tambahkan judul bagian itu beserta "
                                                            "isinya"))
    return sorted(issues, key=lambda i: i.line)
