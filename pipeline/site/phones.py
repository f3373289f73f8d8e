"""Telephone numbers in a serta-merta notice become `tel:` links, and the alert at the top of the notice links
to what a reader must do (help, evacuation, avoiding the danger) and to the numbers to call.

A person in an emergency reads on a phone: one tap should call 112, and the instructions should not be four
screens down. Applied to the sanitised body HTML of serta-merta notices only; text inside links, code and
preformatted blocks is left alone.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

# Indonesian emergency numbers (112 general, 110 police, 113 fire, 115 search and rescue, 118/119 ambulance,
# 129 disaster-relief line): linked only after a word that introduces a number, so "112 rumah" stays text.
_SHORT = r"(?:11[02359]|11[89]|129)"
_SHORT_CONTEXT = re.compile(r"(?:telepon|telp|tel|hubungi|nomor|no|call\s*center|darurat|panggil\w*|hotline|sms|wa"
                            r"|whatsapp)\W{0,12}$", re.IGNORECASE)
_NUMBER = re.compile(
    rf"(?<![\w/.,-])(?:(?P<short>{_SHORT})"
    r"|(?P<area>\(0\d{2,3}\)\s?\d{3,4}[\s.-]?\d{2,4})"
    r"|(?P<long>(?:\+62[\s-]?|0)\d{2,4}(?:[\s.-]?\d{2,4}){1,3}))(?![\w/]|[.,-]\d)")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>|<!--.*?-->", re.DOTALL)
_SKIP = frozenset({"a", "code", "pre", "script", "style"})


def tel_href(number: str) -> str:
    digits = re.sub(r"\D", "", number)
    return f"tel:+{digits}" if number.strip().startswith("+") else f"tel:{digits}"


def _link(match: re.Match[str]) -> str:
    number = match.group(0)
    return f'<a class="ppid-tel" href="{tel_href(number)}">{number}</a>'


def _in_text(text: str, before: str, found: list[str]) -> str:
    out, last = [], 0
    for match in _NUMBER.finditer(text):
        if match.group("short") and not _SHORT_CONTEXT.search(before + html.unescape(text[:match.start()])):
            continue
        if match.group("long") and not 8 <= len(re.sub(r"\D", "", match.group(0))) <= 14:
            continue
        out += [text[last:match.start()], _link(match)]
        found.append(match.group(0))
        last = match.end()
    out.append(text[last:])
    return "".join(out)


def link_phones(body_html: str) -> tuple[str, tuple[str, ...]]:
    """The body with phone numbers as tel: links, and the numbers linked (in order, once each)."""
    out: list[str] = []
    found: list[str] = []
    skipping: list[str] = []
    before = ""  # the plain text just before the current text node, for the context of short numbers
    last = 0
    for tag in _TAG.finditer(body_html):
        text = body_html[last:tag.start()]
        out.append(_in_text(text, before, found) if not skipping else text)
        before = (before + html.unescape(text))[-60:]
        out.append(tag.group(0))
        name = (tag.group(2) or "").lower()
        if name in _SKIP:
            if tag.group(1):
                if name in skipping:
                    skipping.remove(name)
            elif not tag.group(0).endswith("/>"):
                skipping.append(name)
        if name in ("p", "li", "h1", "h2", "h3", "h4", "td", "br"):
            before = ""  # a new block: "hubungi" in the previous item does not introduce this number
        last = tag.end()
    tail = body_html[last:]
    out.append(_in_text(tail, before, found) if not skipping else tail)
    return "".join(out), tuple(dict.fromkeys(found))


@dataclass(frozen=True)
class Shortcut:
    """A section of the notice a reader may need first: its id in the page and its title."""

    anchor: str
    title: str


_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
_H2 = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.DOTALL)
# In the order a person in danger needs them (titles from SERTA_MERTA_SECTIONS).
FIRST_NEEDED = ("Cara Memperoleh Bantuan", "Prosedur dan Tempat Evakuasi", "Cara Menghindari Bahaya")


def shortcuts(body_html: str, wanted: Sequence[str] = FIRST_NEEDED) -> tuple[Shortcut, ...]:
    """The wanted second-level sections present in the body, with their ids, in `wanted` order."""
    found: dict[str, str] = {}
    for match in _H2.finditer(body_html):
        inner = _PERMALINK.sub("", match.group(2))  # the "#" link the toc extension appends
        title = html.unescape(re.sub(r"<[^>]+>", "", inner)).strip()
        found.setdefault(title, match.group(1))
    return tuple(Shortcut(found[title], title) for title in wanted if title in found)
