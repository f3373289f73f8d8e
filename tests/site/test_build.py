"""`ppid build` for real (MkDocs + Material + the ppid plugin) on the fixture repository, and on this repository."""

from __future__ import annotations

import io
import json
import re
import shutil
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

from pipeline.cli import main
from pipeline.commands.build import build
from pipeline.edges.content_check import check_tree
from pipeline.edges.mkdocs_build import BuildFailed, build_site
from tests.site import sitekit
from tests.site.sitekit import ROOT


class _Refs(HTMLParser):
    """Every URL a page refers to, inline script texts, and event-handler attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.handlers: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.handlers.append(f"<{tag} {name}>")
            if name in ("href", "src") and value:
                self.urls.append(value)
        if tag == "script":
            self._in_script = True
            self.scripts.append(dict(attrs).get("src") or "")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False if tag == "script" else self._in_script

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def _refs(page: Path) -> _Refs:
    parser = _Refs()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_site_has_every_generated_page(built_site: Path) -> None:
    expected = [
        "index.html", "informasi-berkala/index.html", "informasi-berkala/halaman/2/index.html",
        "informasi-serta-merta/index.html", "informasi-setiap-saat/index.html", "pengumuman/index.html",
        "pengumuman/2025/index.html", "pengumuman/2024/halaman/2/index.html",
        f"pengumuman/2025/{sitekit.ACTIVE_SLUG}/index.html", "daftar-informasi-publik/index.html",
        "daftar-informasi-publik/dip.csv", "daftar-informasi-publik/dip.json", "daftar-informasi-publik/dip.xlsx",
        "feed.xml", "sitemap.xml", "robots.txt", "cari/index.html", "cari/indeks.json", "tentang/index.html",
        "lampiran/2025/lkip-2024.pdf", "assets/ppid/ppid.css", "assets/ppid/cari.js", "assets/ppid/logo.svg",
    ]
    assert [p for p in expected if not (built_site / p).is_file()] == []


@pytest.mark.parametrize("absent", ["halaman-lama.html", "assets/javascripts/lunr", "assets/javascripts/workers"])
def test_unsafe_or_unused_files_are_not_published(built_site: Path, absent: str) -> None:
    assert not (built_site / absent).exists()


def test_announcements_stay_out_of_the_navigation(built_site: Path) -> None:
    nav = (built_site / "index.html").read_text(encoding="utf-8").split("md-nav--primary")[1]
    nav = nav.split("</nav>")[0]
    assert "pengumuman/2025/" not in nav and "Ringkasan Program" not in nav


def test_sitemap_lists_announcements_and_lists(built_site: Path) -> None:
    text = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    for path in (f"pengumuman/2025/{sitekit.SEARCH_SLUG}/", "informasi-berkala/halaman/2/", "daftar-informasi-publik/"):
        assert f"<loc>https://ppid.diskominfo.kalbarprov.go.id/{path}</loc>" in text


def test_sitemap_lastmod_is_each_pages_own_date(built_site: Path) -> None:
    import xml.etree.ElementTree as ET

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    dates = {url.findtext("s:loc", namespaces=ns): url.findtext("s:lastmod", namespaces=ns)
             for url in ET.parse(built_site / "sitemap.xml").getroot().findall("s:url", ns)}
    base = "https://ppid.diskominfo.kalbarprov.go.id/"
    newest = (sitekit.TODAY - timedelta(days=1)).isoformat()  # the active serta-merta notice
    assert dates[f"{base}pengumuman/2025/{sitekit.SEARCH_SLUG}/"] == (sitekit.TODAY - timedelta(days=3)).isoformat()
    assert dates[base] == dates[f"{base}daftar-informasi-publik/"] == newest
    assert dates[f"{base}informasi-serta-merta/"] == newest
    assert dates[f"{base}tentang/"] is None  # no date of its own: no lastmod rather than the build date
    assert date.today().isoformat() not in dates.values()


def test_no_script_from_content_reaches_any_page(built_site: Path) -> None:
    """Only the theme's scripts: no inline handler, no script mentioning the hostile payloads."""
    for page in _pages(built_site):
        refs = _refs(page)
        assert refs.handlers == [], page
        for script in refs.scripts:
            assert "alert" not in script, (page, script[:80])
    hostile = (built_site / "pengumuman/2025" / sitekit.HOSTILE_SLUG / "index.html").read_text(encoding="utf-8")
    title = "Uji &lt;script&gt;alert(&quot;judul&quot;)&lt;/script&gt; &amp; &quot;kutip&quot; &lt;/title&gt;"
    assert f"<title>{title} - PPID Diskominfo Kalimantan Barat</title>" in hostile
    assert f"<h1>{title}</h1>" in hostile
    assert 'content="Ringkasan &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;' in hostile
    assert "Tim Uji &lt;b&gt;tebal&lt;/b&gt;" in hostile


def test_every_internal_link_resolves(built_site: Path) -> None:
    base = "http://situs.test/"
    missing = []
    for page in _pages(built_site):
        page_url = base + page.relative_to(built_site).as_posix()
        for ref in _refs(page).urls:
            target = urlparse(urljoin(page_url, ref))
            if target.netloc != "situs.test" or not target.path:
                continue
            path = built_site / unquote(target.path.lstrip("/"))
            if path.is_dir():
                path = path / "index.html"
            if not path.is_file():
                missing.append(f"{page.relative_to(built_site)} -> {ref}")
    assert missing == []


def test_no_page_loads_anything_from_another_host(built_site: Path) -> None:
    outside = []
    for page in _pages(built_site):
        text = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:link|script|img|iframe|source)\b[^>]*>", text):
            if re.search(r'(?:src|href)="(?:https?:)?//', tag) and 'rel="canonical"' not in tag:
                outside.append(f"{page.relative_to(built_site)}: {tag}")
    assert outside == []


def test_search_index_finds_diumumkan_by_its_stem(built_site: Path) -> None:
    index = json.loads((built_site / "cari/indeks.json").read_text(encoding="utf-8"))
    urls = [doc[0] for doc in index["docs"]]
    target = urls.index(f"pengumuman/2025/{sitekit.SEARCH_SLUG}/")
    value, docs = 0, set()
    for delta in index["terms"]["umum"]:
        value += delta
        docs.add(value >> 2)
    assert target in docs
    assert "yang" in index["stop"] and "yang" not in index["terms"]
    assert "tentang/" in urls  # hand-written pages are searchable too


@pytest.mark.parametrize(("fmt", "reported"), [
    ("text", "content/pengumuman/2025/rusak.md:4: jenis: nilai 'berkla' tidak dikenal"),
    ("github", "::error file=content/pengumuman/2025/rusak.md,line=4,title=jenis::jenis: nilai 'berkla' "
               "tidak dikenal"),
])
def test_failed_build_reports_file_and_line_and_keeps_the_old_site(tmp_path: Path, fmt: str, reported: str) -> None:
    repo = sitekit.write_repo(tmp_path / "repo")
    old = repo / "site"
    old.mkdir()
    (old / "index.html").write_text("situs lama", encoding="utf-8")
    bad = repo / "content/pengumuman/2025/rusak.md"
    bad.write_text("---\njudul: Pengumuman Rusak\nnomor: 1/X\njenis: berkla\n---\nIsi.\n", encoding="utf-8")
    said = io.StringIO()
    assert build(site_dir=Path("site"), fmt=fmt, publishing=False, root=repo, out=said) == 1
    out = said.getvalue()
    assert reported in out
    assert out.endswith("\nSitus tidak dibangun. Perbaiki masalah di atas lalu jalankan 'ppid build' lagi.\n")
    assert (old / "index.html").read_text(encoding="utf-8") == "situs lama"
    assert sorted(p.name for p in repo.iterdir()) == ["content", "mkdocs.yml", "site", "sop.yml"]


def test_mkdocs_failure_leaves_no_half_built_site(tmp_path: Path) -> None:
    """A strict-mode warning aborts the build after MkDocs has written files; the warning comes back in Bahasa
    Indonesia on its file and line. (`ppid check` catches this link, so the page changes after the check.)"""
    repo = sitekit.write_repo(tmp_path / "repo")
    checked, _ = check_tree(repo)
    (repo / "content/tentang/index.md").write_text("# Tentang\n\n[rusak](tidak-ada.md)\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build_site(repo, repo / "site", prevalidated=checked)
    assert [p.as_text() for p in failed.value.problems] == [
        "content/tentang/index.md:3: isi: tautan 'tidak-ada.md' tidak menemukan berkas yang dituju; periksa nama "
        "dan foldernya"]
    assert str(failed.value) == "situs gagal dibangun: 1 peringatan, lihat di atas. Isi site/ tidak diubah."
    assert sorted(p.name for p in repo.iterdir()) == ["content", "mkdocs.yml", "sop.yml"]


def test_this_repository_builds(tmp_path: Path) -> None:
    """What `make site` does on a fresh clone: the project's own content and mkdocs.yml, strict, offline."""
    repo = tmp_path / "clone"
    shutil.copytree(ROOT / "content", repo / "content")
    for name in ("sop.yml", "mkdocs.yml"):
        shutil.copy(ROOT / name, repo / name)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(repo)
        assert main(["build"]) == 0
    assert (repo / "site/index.html").is_file()


@pytest.mark.parametrize(("change", "message"), [
    (("docs_dir: content", "docs_dir: docs"), "docs_dir harus 'content' (sesuai sop.yml content.dir)"),
    (("use_directory_urls: true", "use_directory_urls: false"), "plugin ppid memerlukan use_directory_urls: true"),
    (("site_url: https://ppid.diskominfo.kalbarprov.go.id/\n", ""), "isi site_url"),
    (('today: "2025-08-05"', 'today: "5 Agustus"'), "plugins.ppid.today '5 Agustus' bukan YYYY-MM-DD"),
])
def test_misconfigured_site_fails_with_a_clear_message(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], change: tuple[str, str], message: str) -> None:
    repo = sitekit.write_repo(tmp_path / "repo")
    (repo / "docs").mkdir()
    config = repo / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert change[0] in text
    config.write_text(text.replace(change[0], change[1]), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(repo)
        assert main(["build"]) == 1
    assert message in capsys.readouterr().err
    assert not (repo / "site").exists()


def test_serve_is_a_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--help"]) == 0
    assert "--addr ALAMAT:PORT" in capsys.readouterr().out
