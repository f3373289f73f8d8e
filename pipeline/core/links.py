"""Links and images in content: where they point and whether the strict site build will find the target.

Mirrors what MkDocs does with a link (mkdocs/structure/pages.py, `_RelativePathTreeprocessor.path_to_url`):
a URL with a scheme or host is left alone; one starting with '/' is an absolute link (a warning, so the strict
build fails); otherwise the path is percent-decoded, joined to the page's folder and must name a file the site
publishes. Every pattern here is linear: no quantifier can backtrack over text another one already took.
"""

from __future__ import annotations

import difflib
import html
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from pipeline.core.announcement import LAMPIRAN_EXT
from pipeline.core.paths import below, join

# `](` then the destination: <...>, or text without spaces or brackets, allowing one level of (...) as
# Python-Markdown does for names like "laporan(1).pdf". Possessive quantifiers: nothing is scanned twice.
_DESTINATION = re.compile(r"\]\([ \t]*+(<[^<>\n]*+>|(?:[^\s()<>\[\]]++|\([^\s()<>\[\]]*+\))++)")
_IMAGE_START = re.compile(r"!\[[^\[\]\n]*+\]\(")
_REF_DEF = re.compile(r"^[ ]{0,3}\[[^\]\n]++\]:[ \t]*+(<[^<>\n]*+>|\S++)")
_HTML_URL = re.compile(r"\b(href|src|action|formaction|srcset|poster|data|xlink:href)[ \t]*+=[ \t]*+"
                       r"(?:\"([^\"]*+)\"|'([^']*+)'|([^\"'\s>]++))", re.IGNORECASE)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*+:")
_SAFE_SCHEMES = ("http", "https", "mailto", "tel")
_MARKDOWN_EXT = ("md",)


@dataclass(frozen=True)
class Link:
    url: str
    image: bool


def links_in_line(line: str) -> Iterator[Link]:
    """Every link destination on one line: Markdown links and images, reference definitions, HTML attributes."""
    if "](" in line:
        images = {m.end() - 2 for m in _IMAGE_START.finditer(line)} if "![" in line else set()
        for match in _DESTINATION.finditer(line):
            url = match.group(1)
            yield Link(url[1:-1] if url.startswith("<") else url, match.start() in images)
    if "]:" in line:
        ref = _REF_DEF.match(line)
        if ref:
            url = ref.group(1)
            yield Link(url[1:-1] if url.startswith("<") else url, False)
    if "=" in line:
        img = "<img" in line.lower()
        for match in _HTML_URL.finditer(line):
            value = match.group(2) if match.group(2) is not None else (match.group(3) if match.group(3) is not None
                                                                        else match.group(4))
            yield Link(value, img and match.group(1).lower() in ("src", "srcset"))


def published(path: str, docs_dir: str) -> bool:
    """Whether the site publishes this content file (pages, attachments and proof records; not other types)."""
    if not below(path, docs_dir):
        return False
    ext = path.rsplit(".", 1)[-1] if "." in path.rsplit("/", 1)[-1] else ""
    return ext in _MARKDOWN_EXT or ext.lower() in LAMPIRAN_EXT or ext == "json"


def _relative(target: str, page_dir: str) -> str:
    return posixpath.relpath(target, page_dir)


def _suggest(target: str, page_dir: str, targets: frozenset[str]) -> str | None:
    """Advice for a missing target: the relative path to a file of the same name elsewhere, or a genuinely
    close name in the same folder."""
    name = target.rsplit("/", 1)[-1]
    same = sorted(p for p in targets if p.rsplit("/", 1)[-1] == name)
    if not same:
        same = sorted(p for p in targets if p.rsplit("/", 1)[-1].lower() == name.lower())
    if same:
        return f"berkas itu ada di {same[0]}; dari halaman ini tulis '{_relative(same[0], page_dir)}'"
    folder = target.rsplit("/", 1)[0]
    names = [p.rsplit("/", 1)[-1] for p in targets if p.rsplit("/", 1)[0] == folder]
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.8)
    return f"mungkin maksud Anda '{_relative(f'{folder}/{close[0]}', page_dir)}'" if close else None


def link_problem(raw: str, *, image: bool, page_path: str, docs_dir: str, attachments: str,
                 targets: frozenset[str] | None) -> str | None:
    """What is wrong with one link on the page at `page_path` (None when the build will accept it)."""
    if not image and raw.startswith(("https://", "http://", "mailto:", "#")) and raw.isprintable() \
            and "&" not in raw and " " not in raw:
        return None  # the common case, decided without decoding
    url = html.unescape(raw).strip()
    # Browsers drop tabs and newlines inside URLs and ignore control characters: "java\tscript:" runs.
    squashed = re.sub(r"[\x00-\x20]", "", url).lower()
    if squashed.startswith("#") or not url:
        return None
    scheme = _SCHEME.match(squashed)
    page_dir = page_path.rsplit("/", 1)[0]
    example = _relative(join(attachments, "<tahun>", "berkas.pdf"), page_dir)
    if scheme and scheme.group(0)[:-1] not in _SAFE_SCHEMES:
        return (f"tautan '{raw}' memakai alamat {scheme.group(0)} yang tidak diizinkan karena dapat menjalankan "
                "skrip; pakai https://, mailto: atau tautan ke berkas di situs ini")
    if (raw != url or any(ch in raw for ch in "\t\n\r")) and scheme:
        return (f"tautan '{raw}' ditulis dengan kode karakter (&...;) atau spasi tersembunyi; tulis alamatnya "
                "dengan huruf biasa")
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("//"):
        if image:
            return (f"gambar dari situs lain ('{raw}') tidak diizinkan: situs PPID tidak memuat apa pun dari "
                    f"alamat lain agar pengunjung tidak terlacak. Unduh gambarnya, simpan di {attachments}/<tahun>/ "
                    f"lalu tautkan, misalnya ![Keterangan]({example.replace('berkas.pdf', 'foto.jpg')})")
        return None
    if url.startswith(("/", "\\")):
        guess = posixpath.normpath(join(docs_dir, unquote(parts.path).lstrip("/")))
        if targets is not None and guess in targets:
            fix = f"tulis '{_relative(guess, page_dir)}'"
        else:
            fix = f"misalnya {example}"
        return f"tautan '{raw}' harus relatif terhadap halaman ini (tanpa '/' di depan); {fix}"
    if not parts.path:
        return None
    target = posixpath.normpath(posixpath.join(page_dir, unquote(parts.path)))
    if not below(target, docs_dir):
        return f"tautan '{raw}' mengarah ke luar situs; tautan relatif harus tetap di dalam folder {docs_dir}/"
    if targets is None or target in targets:
        return None
    what = "gambar" if image else "tautan"
    if not posixpath.splitext(parts.path)[1]:
        index = f"{target}/index.md"
        if index in targets:
            return f"{what} '{raw}' menunjuk ke folder; tulis '{_relative(index, page_dir)}'"
        return (f"{what} '{raw}' tidak menunjuk ke berkas; tulis nama berkasnya lengkap, misalnya "
                f"{example}")
    if not published(target, docs_dir):
        ext = target.rsplit(".", 1)[-1].lower()
        return (f"{what} '{raw}' menunjuk ke berkas .{ext}, yang tidak diterbitkan di situs; yang boleh: halaman .md "
                f"dan lampiran {', '.join(LAMPIRAN_EXT)}")
    suggestion = _suggest(target, page_dir, targets)
    if suggestion is not None:
        return f"{what} '{raw}' tidak menemukan berkas {target}; {suggestion}"
    return f"{what} '{raw}' tidak menemukan berkas {target}; simpan berkasnya di sana atau perbaiki jalurnya"
