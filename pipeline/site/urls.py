"""The site's URL scheme (directory URLs) and relative links between pages.

Site-relative URLs have no leading slash: "" is the home page, "pengumuman/2025/jadwal/" a page,
"daftar-informasi-publik/dip.csv" a file. Links are written relative so the site works under any base path.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache

from pipeline.core.announcement import Announcement
from pipeline.core.paths import join, relative_to

JENIS_PATH = {"berkala": "informasi-berkala", "serta-merta": "informasi-serta-merta",
              "setiap-saat": "informasi-setiap-saat"}
ARCHIVE = "pengumuman"
DIP = "daftar-informasi-publik"
SEARCH = "cari"
FEED = "feed.xml"
SEARCH_INDEX = f"{SEARCH}/indeks.json"


# Section pages the site generates (their first page); content may link to them like to any page.
SECTIONS = (*JENIS_PATH.values(), ARCHIVE, DIP, SEARCH, "kinerja-layanan", "bukti")


def section_pages(docs_dir: str) -> frozenset[str]:
    """Repository paths of the generated section pages ("content/informasi-berkala/index.md", ...)."""
    return frozenset(join(docs_dir, section, "index.md") for section in SECTIONS)


def page_url(src_uri: str) -> str:
    """The URL of a page source: "a/b.md" -> "a/b/", "a/index.md" -> "a/", "index.md" -> ""."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def src_uri_of(path: str, docs_dir: str) -> str:
    """A repository path under docs_dir, relative to docs_dir ("content/x/y.md" -> "x/y.md")."""
    rest = relative_to(path, docs_dir)
    return path if rest is None else rest


def announcement_url(item: Announcement, docs_dir: str) -> str:
    return page_url(src_uri_of(item.path, docs_dir))


def list_url(base: str, number: int) -> str:
    """Page `number` (1-based) of a paginated list rooted at `base` ("informasi-berkala/halaman/2/")."""
    return f"{base}/" if number == 1 else f"{base}/halaman/{number}/"


def list_src(base: str, number: int) -> str:
    return f"{list_url(base, number)}index.md"


def proof_url(slug: str) -> str:
    return f"bukti/{slug}/"


def attachment_url(berkas: str, attachments_dir: str, docs_dir: str) -> str:
    """The URL of an attachment given as in front matter ("2025/laporan.pdf")."""
    return src_uri_of(join(attachments_dir, berkas), docs_dir)


@lru_cache(maxsize=4096)  # pages share their few targets (lists, assets, the logo); relpath is slow
def relative(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url`, both site-relative."""
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    target = posixpath.relpath(to_url or ".", base.rstrip("/") or ".")
    if to_url.endswith("/") or not to_url:
        return "./" if target == "." else target + "/"
    return target
