"""What the site generators take in and give out: plain frozen values."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from types import MappingProxyType

from pipeline.core.announcement import Announcement

PER_PAGE = 50
LATEST = 10
FEED_ENTRIES = 50


@dataclass(frozen=True)
class SiteSettings:
    """Site-wide values from mkdocs.yml and sop.yml; `today` is passed in (the core never reads the clock)."""

    site_url: str  # absolute, ends with "/"
    site_name: str
    instansi: str
    tempat: str
    today: date
    docs_dir: str = "content"  # repository-relative, as in sop.yml `content.dir`
    per_page: int = PER_PAGE
    latest: int = LATEST

    def absolute(self, url: str) -> str:
        """The canonical URL of a site-relative URL."""
        return self.site_url + url


@dataclass(frozen=True)
class StaticPage:
    """A hand-written page (Tentang PPID, ...), for the search index."""

    url: str
    title: str
    description: str = ""
    headings: tuple[str, ...] = ()


@dataclass(frozen=True)
class SiteInput:
    """Everything the generators need. `announcements` are valid and sorted newest first."""

    settings: SiteSettings
    announcements: tuple[Announcement, ...]
    attachment_sizes: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    proof_slugs: frozenset[str] = frozenset()  # announcements with a proof page at bukti/<slug>/
    pages: tuple[StaticPage, ...] = ()
    # Content paths no proof record covers (a preview build only; the deploying build refuses them).
    drafts: frozenset[str] = frozenset()

    def published_only(self) -> SiteInput:
        """The same input without draft announcements: what the feed and the DIP downloads may carry."""
        if not self.drafts:
            return self
        return replace(self, announcements=tuple(a for a in self.announcements if a.path not in self.drafts))


@dataclass(frozen=True)
class GeneratedFile:
    """A file the site gains: `src_uri` as if it were under docs_dir (pages end in .md)."""

    src_uri: str
    content: str | bytes
