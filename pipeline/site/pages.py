"""The list of page builders and the one call that runs them all."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial

from pipeline.core.announcement import Announcement
from pipeline.site.dip import dip_files
from pipeline.site.feed import feed_files
from pipeline.site.listing import archive_pages, jenis_pages
from pipeline.site.model import GeneratedFile, SiteInput
from pipeline.site.search import Stemmer, search_files

PageBuilder = Callable[[SiteInput], Iterable[GeneratedFile]]


def lastmod(meta: Mapping[str, object], item: Announcement | None, site: SiteInput, is_home: bool) -> str:
    """A page's own date for the sitemap's <lastmod>: an announcement's `tanggal`, a generated page's `tanggal`
    (its newest item), the home page's newest announcement; "" (no lastmod) rather than the build date."""
    if item is not None:
        return item.tanggal.isoformat()
    given = meta.get("tanggal")
    if isinstance(given, str) and len(given) == 10:
        return given
    if is_home and site.announcements:
        return max(a.tanggal for a in site.announcements).isoformat()
    return ""


def robots(site: SiteInput) -> Iterator[GeneratedFile]:
    yield GeneratedFile("robots.txt", f"User-agent: *\nAllow: /\nSitemap: {site.settings.absolute('sitemap.xml')}\n")


def published_only(build: PageBuilder) -> PageBuilder:
    """`build` run on the site without draft announcements (they never reach feeds or downloads)."""
    def run(site: SiteInput) -> Iterable[GeneratedFile]:
        return build(site.published_only())
    return run


def builders(stemmer: Stemmer, stop: frozenset[str]) -> tuple[PageBuilder, ...]:
    """The site's builders, in order; the plugin appends the proof and kinerja pages."""
    return (jenis_pages, archive_pages, dip_files, published_only(feed_files),
            partial(search_files, stemmer=stemmer, stop=stop), robots)


def build_files(site: SiteInput, page_builders: Sequence[PageBuilder]) -> list[GeneratedFile]:
    """Every generated file; raises ValueError when two builders claim the same path."""
    out: dict[str, GeneratedFile] = {}
    for build in page_builders:
        for file in build(site):
            if file.src_uri in out:
                raise ValueError(f"two generated files claim {file.src_uri}")
            out[file.src_uri] = file
    return list(out.values())

