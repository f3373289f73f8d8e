"""The `ppid` MkDocs plugin; with mkdocs_build.py (`ppid build`) and mkdocs_serve.py (`ppid serve`), the only
MkDocs-specific modules.

Thin by design: content is validated by the same code as `ppid check` (a bad file stops the build with its
path and line), and every generated page comes from pipeline.site as plain values, added with File.generated.
Announcements and generated pages stay out of the navigation (a nav of N pages makes the build O(N²)).
"""

from __future__ import annotations

import gzip
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from pipeline.core.announcement import ALL_KEYS, LAMPIRAN_EXT, Announcement
from pipeline.core.body import headings
from pipeline.core.content_names import special_problem
from pipeline.core.page_meta import PAGE_KEYS
from pipeline.core.paths import join, kind_of
from pipeline.core.problems import Problem
from pipeline.core.proof import ChainReport, ProofRecord
from pipeline.core.proof_check import uncovered
from pipeline.core.report import format_text
from pipeline.core.sop import Sop
from pipeline.core.validate import CheckResult, split_front_matter
from pipeline.edges.archive import load_chain, read_published
from pipeline.edges.clock import now
from pipeline.edges.config import load_sop
from pipeline.edges.content import special_kind
from pipeline.edges.content_check import check_tree
from pipeline.edges.evidence_records import load_evidence
from pipeline.errors import ConfigError, PpidError
from pipeline.site import announcement_page, blocks, kinerja_page, proof_pages, sanitize, urls
from pipeline.site.evidence_section import EvidencePhoto
from pipeline.site.markup import RAW_HTML, esc
from pipeline.site.model import SiteInput, SiteSettings, StaticPage
from pipeline.site.pages import build_files, builders, lastmod
from pipeline.site.qr import QrCodes
from pipeline.site.search import default_stemmer

log = logging.getLogger("mkdocs.plugins.ppid")
Evidence = dict[str, tuple[EvidencePhoto, ...]]  # offline proof photos by announcement slug
THEME_DIR = Path(__file__).resolve().parents[1] / "assets" / "theme"
# Static files copied from content/: the attachment types, plus the archive's JSON proof records (inert data).
PUBLISHED_EXT = frozenset(LAMPIRAN_EXT)
# Material's search runs lunr in a web worker; the site uses its own Indonesian search, so these never load.
_UNUSED_THEME_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/")


@dataclass(frozen=True)
class BuildOptions:
    """What the caller of one build tells the plugin (MkDocs makes the plugin, so it cannot take arguments)."""

    prevalidated: CheckResult | None = None  # the content check the caller has just run; None: the plugin runs it
    publishing: bool = False  # `ppid build --terbit`: refuse content no proof record covers instead of a draft mark
    qr_workers: int = 0  # processes for QR codes (`ppid build` on a multi-core machine; serve has threads: never)


class PpidConfig(base.Config):  # type: ignore[no-untyped-call]
    enabled = c.Type(bool, default=True)
    today = c.Optional(c.Type(str))  # YYYY-MM-DD; default: today in the SOP's time zone (Asia/Pontianak)


class PpidPlugin(BasePlugin[PpidConfig]):  # type: ignore[no-untyped-call]
    """Validate content, generate the PPID pages, decorate announcements, sanitise HTML."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.options = BuildOptions()  # replaced by `ppid build` / `ppid serve` through mkdocs_build.use_options
        self._drafts: frozenset[str] = frozenset()  # src_uris of pages no proof record covers (preview only)
        self._qr = QrCodes(())
        self._root = Path()
        self._sop: Sop | None = None
        self._site: SiteInput | None = None
        self._by_src: dict[str, Announcement] = {}
        self._raw_html: dict[str, str] = {}  # generated pages' HTML tails, kept away from Python-Markdown

    # -- configuration --------------------------------------------------------------------------------------
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        self._root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        try:
            self._sop = load_sop(self._root)
        except ConfigError as exc:
            raise PluginError(str(exc)) from None
        expected = (self._root / self._sop.content.dir).resolve()
        if Path(config.docs_dir).resolve() != expected:
            raise PluginError(f"mkdocs.yml: docs_dir harus '{self._sop.content.dir}' (sesuai sop.yml content.dir)")
        if not config.use_directory_urls:
            raise PluginError("mkdocs.yml: plugin ppid memerlukan use_directory_urls: true")
        if not config.site_url:
            raise PluginError("mkdocs.yml: isi site_url (alamat kanonik situs; dipakai kode QR dan feed)")
        theme_dir = str(THEME_DIR)
        if theme_dir not in config.theme.dirs:
            # After a custom_dir (the site owner's overrides win), before Material's own templates.
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, theme_dir)
        return config

    def _today(self) -> date:
        if self.config.today:
            try:
                return date.fromisoformat(self.config.today)
            except ValueError:
                raise PluginError(f"mkdocs.yml: plugins.ppid.today '{self.config.today}' bukan YYYY-MM-DD") from None
        assert self._sop is not None
        return now(None, self._sop.tz).date()

    # -- files ----------------------------------------------------------------------------------------------
    @event_priority(-50)  # after other plugins added their files
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        assert self._sop is not None
        sop = self._sop
        today = self._today()
        result = self._checked_content(today)
        proof, evidence = self._proof_data(sop)
        drafts = self._unrecorded(proof.records, sop)
        due, waiting = self._due(result, today, sop)
        self._by_src = {urls.src_uri_of(a.path, sop.content.dir): a for a in due}
        _refuse_special_files(files, config.docs_dir, sop.content.dir)
        pages, sizes = self._sort_content_files(files, config.docs_dir, sop, waiting)
        settings = SiteSettings(site_url=_slash(config.site_url or ""), site_name=config.site_name,
                                instansi=sop.instansi, tempat=sop.tempat, today=today, docs_dir=sop.content.dir)
        self._site = SiteInput(settings=settings, announcements=due, attachment_sizes=sizes,
                               proof_slugs=proof_pages.proof_slugs(proof.records), pages=tuple(pages), drafts=drafts)
        self._drafts = frozenset(urls.src_uri_of(path, sop.content.dir) for path in drafts)
        self._add_generated_pages(files, config, self._site, proof, evidence, sop)
        self._start_qr_codes(files, settings)
        return files

    def _checked_content(self, today: date) -> CheckResult:
        """The content check `ppid build` has just run, or this build's own run of it; a problem stops the build."""
        if self.options.prevalidated is not None:
            return self.options.prevalidated
        try:
            result, checked = check_tree(self._root, today=today)
        except PpidError as exc:
            raise PluginError(str(exc)) from None
        if not result.ok:
            raise PluginError("Isi situs belum valid:\n" + format_text(result.problems, checked))
        return result

    def _proof_data(self, sop: Sop) -> tuple[ChainReport, Evidence]:
        """The proof chain and the offline proof photos shown on the proof pages."""
        try:
            return load_chain(self._root, sop), load_evidence(self._root, sop)
        except PpidError as exc:
            raise PluginError(str(exc)) from None

    @staticmethod
    def _due(result: CheckResult, today: date, sop: Sop) -> tuple[tuple[Announcement, ...], frozenset[str]]:
        """The announcements due by TODAY, and the src_uris of those dated ahead. A notice dated ahead
        (`dijadwalkan: ya`, approved and recorded early) appears on its date: the daily scheduled publish run
        rebuilds the site, so until then it is neither listed nor built."""
        due = tuple(a for a in result.announcements if a.tanggal <= today)
        waiting = frozenset(urls.src_uri_of(a.path, sop.content.dir) for a in result.announcements
                            if a.tanggal > today)
        return due, waiting

    def _sort_content_files(self, files: Files, docs_dir: str, sop: Sop,
                            waiting: frozenset[str]) -> tuple[list[StaticPage], dict[str, int]]:
        """Keep announcements out of the navigation, drop what the site does not publish (announcements dated
        ahead, the theme's unused search files); returns the hand-written pages (for search) and the attachments'
        sizes."""
        docs_abs = os.path.realpath(docs_dir)
        sizes: dict[str, int] = {}
        pages: list[StaticPage] = []
        for file in list(files):
            from_docs = file.generated_by is None and file.abs_src_path is not None and os.path.realpath(
                file.abs_src_path).startswith(docs_abs + os.sep)
            if not from_docs:
                if file.src_uri.startswith(_UNUSED_THEME_FILES):
                    files.remove(file)
                continue
            if file.src_uri in waiting:
                files.remove(file)
            elif file.src_uri in self._by_src:
                file.inclusion = InclusionLevel.NOT_IN_NAV
            elif file.is_documentation_page():
                pages.append(_static_page(file))
            elif file.src_uri.rsplit(".", 1)[-1].lower() not in PUBLISHED_EXT and not _is_proof_record(file, sop):
                if kind_of(join(sop.content.dir, file.src_uri), sop) != "evidence":  # evidence feeds proof pages
                    log.info("ppid: %s tidak disalin ke situs (jenis berkas tidak diizinkan)", file.src_uri)
                files.remove(file)
            elif kind_of(join(sop.content.dir, file.src_uri), sop) == "attachment":
                sizes[file.src_uri] = os.path.getsize(file.abs_src_path or "")
        return pages, sizes

    def _add_generated_pages(self, files: Files, config: MkDocsConfig, site: SiteInput, proof: ChainReport,
                             evidence: Evidence, sop: Sop) -> None:
        """Every page pipeline.site generates, added with File.generated; a content file at such an address stops
        the build."""
        stemmer, stop = default_stemmer()
        try:
            generated = build_files(site, (*builders(stemmer, stop), proof_pages.builder(proof, sop, evidence),
                                           kinerja_page.builder(proof, sop)))
        except ValueError as exc:
            raise PluginError(f"ppid: {exc}") from None
        for item in generated:
            if files.get_file_from_path(item.src_uri) is not None:
                raise PluginError(f"{join(sop.content.dir, item.src_uri)}: alamat ini dibuat otomatis oleh situs PPID; "
                                  "ganti nama berkas tersebut")
            files.append(File.generated(config, item.src_uri, content=item.content,
                                        inclusion=InclusionLevel.NOT_IN_NAV))

    def _start_qr_codes(self, files: Files, settings: SiteSettings) -> None:
        """QR codes in the order MkDocs will render the pages, so the workers stay ahead of it."""
        self._qr.close()
        self._qr = QrCodes([settings.absolute(urls.page_url(f.src_uri)) for f in files if f.src_uri in self._by_src],
                           workers=self.options.qr_workers)

    # -- pages ----------------------------------------------------------------------------------------------
    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled or self._site is None or self._sop is None:
            return markdown
        if page.file.generated_by is None:
            # Keys the theme would act on or print (template, author, …) never reach it; `ppid check` refuses them.
            allowed = PAGE_KEYS if page.file.src_uri not in self._by_src else (*PAGE_KEYS, *ALL_KEYS)
            for key in [k for k in page.meta if k not in allowed]:
                del page.meta[key]
        # The sitemap's <lastmod> (the theme's sitemap.xml): the page's own date, not the build date MkDocs gives
        # every page; MkDocs' update_date stays, it also dates the sitemap's gzip copy.
        page.meta["ppid_lastmod"] = lastmod(page.meta, self._by_src.get(page.file.src_uri), self._site,
                                            page.is_homepage)
        # The theme writes these into <head> unescaped: escape them once here.
        for key in ("title", "description"):
            if isinstance(page.meta.get(key), str):
                page.meta[key] = esc(page.meta[key])
        if page.file.generated_by is not None and RAW_HTML in markdown:
            head, self._raw_html[page.file.src_uri] = markdown.split(RAW_HTML, 1)
            return f"{head}\n\n{_RAW_TOKEN}\n"
        item = self._by_src.get(page.file.src_uri)
        if item is not None:
            page.meta["title"] = esc(item.judul)
            page.meta["description"] = esc(item.ringkasan)
            return markdown
        return blocks.expand(markdown, self._site, self._sop, page.url)

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled or self._site is None or self._sop is None:
            return html
        if page.file.generated_by is not None:
            # Generated from escaped values (and the search form, which nh3 would strip): not sanitised.
            tail = self._raw_html.pop(page.file.src_uri, None)
            return html if tail is None else html.replace(f"<p>{_RAW_TOKEN}</p>", tail, 1)
        clean = sanitize.clean(html)
        banner = DRAFT_BANNER if page.file.src_uri in self._drafts else ""
        item = self._by_src.get(page.file.src_uri)
        if item is None:
            return banner + clean
        url = self._site.settings.absolute(page.url)
        return banner + announcement_page.render(item, clean, self._site, self._sop, self._qr.get(url))

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        if self.config.enabled and page.file.src_uri in self._drafts:
            # Search engines must not index what has not been approved.
            return output.replace("<head>", '<head>\n<meta name="robots" content="noindex, nofollow">', 1)
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._qr.close()
        if self.config.enabled and self._drafts:
            _drop_from_sitemap(Path(config.site_dir), {urls.page_url(src) for src in self._drafts},
                               config.site_url or "")

    def _unrecorded(self, records: Sequence[tuple[str, ProofRecord]], sop: Sop) -> frozenset[str]:
        """Content no proof record covers: refused when publishing, a set of draft paths for a preview."""
        gaps = uncovered(records, read_published(self._root, sop), sop.content.dir)
        if gaps and self.options.publishing:
            raise PluginError("Situs TIDAK diterbitkan: isi berikut tidak tercakup catatan bukti (belum melalui "
                              "rantai persetujuan, atau diubah sesudahnya):\n" + "\n".join(p.as_text() for p in gaps)
                              + "\nAdmin PPID: kembalikan (revert) perubahan yang tidak disetujui, atau ajukan "
                              "lewat pull request agar disetujui dan dicatat.")
        return frozenset(p.path for p in gaps)

    def on_build_error(self, *, error: Exception) -> None:
        self._qr.close()


_RAW_TOKEN = "PPIDRAWHTMLTAIL"
DRAFT_BANNER = ('<div class="admonition danger ppid-draf" role="note"><p class="admonition-title">DRAF — belum '
                'disetujui</p><p>Halaman ini hanya pratinjau. Isinya belum disetujui Kabid, Sekretaris dan Kepala '
                'Dinas dan belum tercatat sebagai bukti pengumuman, jadi tidak akan diterbitkan di situs resmi '
                'seperti ini.</p></div>\n')
_SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"


def _drop_from_sitemap(site_dir: Path, page_urls: set[str], site_url: str) -> None:
    """Remove draft pages from sitemap.xml (and its .gz twin): a preview never advertises unapproved pages."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return
    base = _slash(site_url)
    ET.register_namespace("", _SITEMAP)
    tree = ET.parse(sitemap)
    root = tree.getroot()
    for entry in list(root):
        loc = entry.findtext(f"{{{_SITEMAP}}}loc") or ""
        if loc.removeprefix(base) in page_urls:
            root.remove(entry)
    data = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    sitemap.write_bytes(data)
    with gzip.GzipFile(site_dir / "sitemap.xml.gz", "wb", mtime=0) as handle:
        handle.write(data)


def _slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def _is_proof_record(file: File, sop: Sop) -> bool:
    return file.src_uri.endswith(".json") and kind_of(join(sop.content.dir, file.src_uri), sop) == "archive"


def _refuse_special_files(files: Files, docs_dir: str, docs_name: str) -> None:
    """Content files that are symbolic links (or inside a linked folder), FIFOs or devices stop the build."""
    special = _special_files(files, docs_dir, docs_name)
    if special:
        raise PluginError("Isi situs belum valid:\n" + format_text(special, len(special)))


def _special_files(files: Files, docs_dir: str, docs_name: str) -> list[Problem]:
    """Content files that are symbolic links (or inside a linked folder), FIFOs or devices: never copied."""
    problems = []
    docs_real = os.path.realpath(docs_dir)
    for file in files:
        if file.generated_by is not None or file.abs_src_path is None:
            continue
        parts = file.src_uri.split("/")
        if os.path.normpath(file.abs_src_path) != os.path.normpath(os.path.join(docs_dir, *parts)):
            continue  # a theme file
        kind = special_kind(Path(file.abs_src_path))
        if kind is None and os.path.realpath(file.abs_src_path) != os.path.join(docs_real, *parts):
            kind = "symlink"
        if kind is not None:
            problems.append(special_problem(join(docs_name, file.src_uri), kind))
    return problems


def _static_page(file: File) -> StaticPage:
    """Title, description and headings of a hand-written page, for the search index."""
    doc, _ = split_front_matter(file.src_uri, file.content_string, required=False)
    meta: dict[str, Any] = doc.front_matter if doc else {}
    body = doc.body if doc else file.content_string
    found = headings(body)
    title = meta.get("title") if isinstance(meta.get("title"), str) else (found[0] if found else file.name)
    description = meta.get("description") if isinstance(meta.get("description"), str) else ""
    return StaticPage(url=urls.page_url(file.src_uri), title=str(title), description=str(description),
                      headings=found)
