"""The `ppid` MkDocs plugin and the MkDocs call of `ppid build`; with mkdocs_serve.py (`ppid serve`), the only
MkDocs-specific modules.

Thin by design: content is validated by the same code as `ppid check` (a bad file stops the build with its
path and line), and every generated page comes from pipeline.site as plain values, added with File.generated.
Announcements and generated pages stay out of the navigation (a nav of N pages makes the build O(N²)).
"""

from __future__ import annotations

import gzip
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET
from zoneinfo import ZoneInfo

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from pipeline.commands.check import check_tree
from pipeline.core.announcement import ALL_KEYS, LAMPIRAN_EXT, Announcement
from pipeline.core.body import headings
from pipeline.core.catalog import kind_of
from pipeline.core.content_names import special_problem
from pipeline.core.page_meta import PAGE_KEYS
from pipeline.core.problems import Problem
from pipeline.core.proof import ProofRecord
from pipeline.core.proof_check import uncovered
from pipeline.core.report import format_text
from pipeline.core.sop import Sop
from pipeline.core.validate import CheckResult, split_front_matter
from pipeline.edges.archive import load_chain, read_published
from pipeline.edges.config import load_sop
from pipeline.edges.content import special_kind
from pipeline.edges.evidence_records import load_evidence
from pipeline.edges.mkdocs_messages import WarningCollector
from pipeline.edges.mkdocs_messages import translate as translate_warning
from pipeline.errors import ConfigError, PpidError
from pipeline.site import announcement_page, blocks, kinerja_page, proof_pages, sanitize, urls
from pipeline.site.markup import RAW_HTML, esc
from pipeline.site.model import SiteInput, SiteSettings, StaticPage
from pipeline.site.pages import PageBuilder, build_files, builders, lastmod
from pipeline.site.qr import QrCodes
from pipeline.site.search import default_stemmer

log = logging.getLogger("mkdocs.plugins.ppid")
THEME_DIR = Path(__file__).resolve().parents[1] / "assets" / "theme"
# Static files copied from content/: the attachment types, plus the archive's JSON proof records (inert data).
PUBLISHED_EXT = frozenset(LAMPIRAN_EXT)
# From this many announcements `ppid build` makes QR codes in other processes (below, forking costs more).
QR_PARALLEL_FROM = 200
# Material's search runs lunr in a web worker; the site uses its own Indonesian search, so these never load.
_UNUSED_THEME_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/")


class PpidConfig(base.Config):  # type: ignore[no-untyped-call]
    enabled = c.Type(bool, default=True)
    today = c.Optional(c.Type(str))  # YYYY-MM-DD; default: today in the SOP's time zone (Asia/Pontianak)


class PpidPlugin(BasePlugin[PpidConfig]):  # type: ignore[no-untyped-call]
    """Validate content, generate the PPID pages, decorate announcements, sanitise HTML."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.prevalidated: CheckResult | None = None  # set by `ppid build`, which has just run the check
        # Set by `ppid build --terbit`: refuse any content no proof record covers, instead of marking it a draft.
        self.publishing = False
        self._drafts: frozenset[str] = frozenset()  # src_uris of pages no proof record covers (preview only)
        self.extra_builders: tuple[PageBuilder, ...] = ()
        self.qr_workers = 0  # `ppid build` sets this on a multi-core machine (serve has threads: never fork there)
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
        return datetime.now(ZoneInfo(self._sop.calendar.timezone)).date()

    # -- files ----------------------------------------------------------------------------------------------
    @event_priority(-50)  # after other plugins added their files
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        assert self._sop is not None
        sop = self._sop
        result = self.prevalidated
        if result is None:
            try:
                result, checked = check_tree(self._root, today=self._today())
            except PpidError as exc:
                raise PluginError(str(exc)) from None
            if not result.ok:
                raise PluginError("Isi situs belum valid:\n" + format_text(result.problems, checked))
        try:
            proof = load_chain(self._root, sop)
            evidence = load_evidence(self._root, sop)  # offline proof photos shown on the proof pages
        except PpidError as exc:
            raise PluginError(str(exc)) from None
        docs_dir = sop.content.dir
        drafts = self._unrecorded(proof.records, sop)
        # A notice dated ahead (`dijadwalkan: ya`, approved and recorded early) appears on its date: the daily
        # scheduled publish run rebuilds the site, so until then it is neither listed nor built.
        today = self._today()
        due = tuple(a for a in result.announcements if a.tanggal <= today)
        waiting = {urls.src_uri_of(a.path, docs_dir) for a in result.announcements if a.tanggal > today}
        self._by_src = {urls.src_uri_of(a.path, docs_dir): a for a in due}
        docs_abs = os.path.realpath(config.docs_dir)
        special = _special_files(files, config.docs_dir, docs_dir)
        if special:
            raise PluginError("Isi situs belum valid:\n" + format_text(special, len(special)))
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
                if kind_of(f"{docs_dir}/{file.src_uri}", sop) != "evidence":  # evidence records feed proof pages
                    log.info("ppid: %s tidak disalin ke situs (jenis berkas tidak diizinkan)", file.src_uri)
                files.remove(file)
            elif kind_of(f"{docs_dir}/{file.src_uri}", sop) == "attachment":
                sizes[file.src_uri] = os.path.getsize(file.abs_src_path or "")
        settings = SiteSettings(site_url=_slash(config.site_url or ""), site_name=config.site_name,
                                instansi=sop.instansi, tempat=sop.tempat, today=today, docs_dir=docs_dir)
        self._site = SiteInput(settings=settings, announcements=due, attachment_sizes=sizes,
                               proof_slugs=proof_pages.proof_slugs(proof.records), pages=tuple(pages), drafts=drafts)
        self._drafts = frozenset(urls.src_uri_of(path, docs_dir) for path in drafts)
        stemmer, stop = default_stemmer()
        try:
            generated = build_files(self._site, (*builders(stemmer, stop),
                                                 proof_pages.builder(proof, sop, evidence),
                                                 kinerja_page.builder(proof, sop),
                                                 *self.extra_builders))
        except ValueError as exc:
            raise PluginError(f"ppid: {exc}") from None
        for item in generated:
            if files.get_file_from_path(item.src_uri) is not None:
                raise PluginError(f"{docs_dir}/{item.src_uri}: alamat ini dibuat otomatis oleh situs PPID; "
                                  "ganti nama berkas tersebut")
            files.append(File.generated(config, item.src_uri, content=item.content,
                                        inclusion=InclusionLevel.NOT_IN_NAV))
        # QR codes in the order MkDocs will render the pages, so the workers stay ahead of it.
        self._qr.close()
        self._qr = QrCodes([settings.absolute(urls.page_url(f.src_uri)) for f in files if f.src_uri in self._by_src],
                           workers=self.qr_workers)
        return files

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
        if gaps and self.publishing:
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
    return file.src_uri.endswith(".json") and kind_of(f"{sop.content.dir}/{file.src_uri}", sop) == "archive"


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
            problems.append(special_problem(f"{docs_name}/{file.src_uri}", kind))
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


# -- `ppid build` and `ppid serve` -------------------------------------------------------------------------
class BuildFailed(PpidError):
    """MkDocs refused to build (a warning in strict mode, a broken link, a bad mkdocs.yml).

    `problems` holds MkDocs' warnings in Bahasa Indonesia, on the file and line they concern.
    """

    def __init__(self, message: str, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems


def build_site(root: Path, site_dir: Path, prevalidated: CheckResult | None = None, *, publishing: bool = False
               ) -> None:
    """Build the site strictly into a fresh folder, then swap it in: a failed build leaves no half-built site.
    `publishing` refuses content without a proof record; otherwise such content is built as a marked draft."""
    _quiet_mkdocs()
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".ppid-build-", dir=site_dir.parent))
    collector = WarningCollector()
    logging.getLogger("mkdocs").addHandler(collector)
    try:
        try:
            config = _load(root, site_dir=str(staging), strict=True)
            plugin = config.plugins.get("ppid")
            if isinstance(plugin, PpidPlugin):
                plugin.prevalidated = prevalidated
                plugin.publishing = publishing
                many = prevalidated is not None and len(prevalidated.announcements) >= QR_PARALLEL_FROM
                plugin.qr_workers = max(0, (os.cpu_count() or 1) - 1) if many else 0
            mkdocs_build(config)
        except (Abort, ConfigurationError, PluginError) as exc:
            problems = tuple(translate_warning(m, root, _docs_name(root)) for m in collector.messages)
            if problems:
                raise BuildFailed(f"situs gagal dibangun: {len(problems)} peringatan, lihat di atas. Isi "
                                  f"{site_dir.name}/ tidak diubah.", problems) from None
            reason = "\n".join(collector.errors) if isinstance(exc, Abort) and collector.errors else str(exc)
            raise BuildFailed(f"situs gagal dibangun ({reason.rstrip('.!')}); perbaiki pesan di atas. "
                              f"Isi {site_dir.name}/ tidak diubah.") from None
        old = None
        if site_dir.exists():
            old = site_dir.with_name(f"{staging.name}-lama")
            site_dir.rename(old)
        staging.rename(site_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        logging.getLogger("mkdocs").removeHandler(collector)
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _docs_name(root: Path) -> str:
    try:
        return load_sop(root).content.dir
    except PpidError:
        return "content"


def _load(root: Path, **overrides: Any) -> MkDocsConfig:
    from mkdocs.config import load_config

    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        raise ConfigError(f"{config_file}: berkas mkdocs.yml tidak ada")
    loaded: MkDocsConfig = load_config(str(config_file), **overrides)
    return loaded


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever sys.stderr is at the time (the CLI may run many times in one process)."""

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


def _quiet_mkdocs(level: int = logging.WARNING) -> None:
    """MkDocs' own messages (warnings by default) on stderr, prefixed so staff know where they come from."""
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(h, _StderrHandler) for h in logger.handlers):
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("mkdocs: %(levelname)s: %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
    logger.setLevel(level)
