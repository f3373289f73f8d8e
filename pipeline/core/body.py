"""Checks on the Markdown body: script-capable HTML, unsafe links, and the serta-merta sections.

`ppid check` refuses these; the site also sanitises rendered HTML (defence in depth).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from posixpath import normpath

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_DANGEROUS_TAG = re.compile(
    r"<\s*/?\s*(script|iframe|frame|frameset|object|embed|applet|form|input|button|base|meta|link|style|svg|math"
    r"|template|portal)\b", re.IGNORECASE)
_HANDLER_ATTR = re.compile(r"(?:^|[\s\"'/{;])on[a-z]+\s*=", re.IGNORECASE)
_BAD_SCHEME = re.compile(r"\b(javascript|vbscript|data|file)\s*:", re.IGNORECASE)
_MD_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_REF_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
_HTML_URL = re.compile(r"\b(?:href|src|action|formaction|srcset|poster)\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)
_SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_INLINE_CODE = re.compile(r"`[^`]*`")
# Every check in body_issues needs one of these in the line; a line (or body) without any cannot have an issue.
_TRIGGERS = ("<", "{", "](", "]:", "=")


@dataclass(frozen=True)
class BodyIssue:
    line: int  # 1-based within the body
    field: str
    message: str


def _lines_outside_code(body: str) -> Iterator[tuple[int, str]]:
    fence: str | None = None
    for number, line in enumerate(body.split("\n"), start=1):
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


def _link_issue(url: str, body_dir: str) -> str | None:
    lowered = url.lower()
    if lowered.startswith(_SAFE_SCHEMES) or url.startswith("#"):
        return None
    if re.match(r"^[a-z][a-z0-9+.-]*:", lowered):
        return f"tautan '{url}' memakai skema yang tidak diizinkan; pakai https://, mailto: atau tautan di dalam situs"
    if url.startswith("/") or url.startswith("\\"):
        return (f"tautan '{url}' harus relatif terhadap halaman ini (tanpa '/' di depan), "
                "misalnya ../lampiran/berkas.pdf")
    target = normpath(f"{body_dir}/{url.split('#', 1)[0].split('?', 1)[0]}")
    if target.startswith("..") or not target.startswith("content"):
        return f"tautan '{url}' mengarah ke luar situs; tautan relatif harus tetap di dalam folder content/"
    return None


def body_issues(body: str, *, file_path: str) -> list[BodyIssue]:
    """Every unsafe construct in the body, with its line."""
    issues: list[BodyIssue] = []
    if not any(trigger in body for trigger in _TRIGGERS):
        return issues
    body_dir = file_path.rsplit("/", 1)[0] if "/" in file_path else "."
    for number, line in _lines_outside_code(body):
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
        urls = [m.group(1) for m in _MD_LINK.finditer(line)] + [m.group(1) for m in _HTML_URL.finditer(line)]
        ref = _REF_LINK.match(line)
        if ref:
            urls.append(ref.group(1))
        reported = False
        for url in urls:
            problem = _link_issue(url, body_dir)
            if problem:
                issues.append(BodyIssue(number, "isi", problem))
                reported = True
        if not reported and _BAD_SCHEME.search(line) and ("<" in line or "](" in line or "{" in line):
            issues.append(BodyIssue(number, "isi", "alamat javascript:, vbscript:, data: atau file: tidak diizinkan; "
                                    "pakai tautan https:// atau berkas di folder lampiran"))
    return issues


def sections(body: str) -> dict[str, tuple[int, str]]:
    """Second-level sections: title -> (line, text under it up to the next heading of level 1 or 2)."""
    found: dict[str, tuple[int, str]] = {}
    current: str | None = None
    start = 0
    buffer: list[str] = []
    for number, line in _lines_outside_code(body):
        match = _HEADING.match(line) if line.startswith("#") else None
        if match and len(match.group(1)) <= 2:
            if current is not None:
                found.setdefault(current, (start, "\n".join(buffer).strip()))
            current = match.group(2).strip() if len(match.group(1)) == 2 else None
            start, buffer = number, []
        elif current is not None:
            buffer.append(line)
    if current is not None:
        found.setdefault(current, (start, "\n".join(buffer).strip()))
    return found


def headings(body: str) -> tuple[str, ...]:
    """All heading texts (levels 1-3), for the search index."""
    out = []
    for _, line in _lines_outside_code(body):
        match = _HEADING.match(line) if line.startswith("#") else None
        if match and len(match.group(1)) <= 3:
            out.append(match.group(2).strip())
    return tuple(out)
