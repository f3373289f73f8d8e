"""The Content-Security-Policy in deploy/ against what the build emits: every inline script a page carries is
allowed by its hash, nothing else inline would run, no hash in the policy is stale, and a real browser loading the
site through nginx reports no violation (and gets compressed, cacheable assets)."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.deploy.kit import ROOT, T0, GitHubWorld, Nginx, Sites, deploy

SNIPPET = ROOT / "deploy" / "nginx" / "snippets" / "ppid-keamanan.conf"
_DATA_TYPES = {"application/json", "application/ld+json", "text/template", "text/x-template"}


def policy() -> dict[str, list[str]]:
    """The CSP header value in the nginx snippet, as directive -> sources."""
    match = re.search(r'add_header Content-Security-Policy "([^"]+)" always;', SNIPPET.read_text(encoding="utf-8"))
    assert match, "ppid-keamanan.conf sets Content-Security-Policy"
    out: dict[str, list[str]] = {}
    for part in match.group(1).split(";"):
        name, *sources = part.split()
        out[name] = sources
    return out


class _Inline(HTMLParser):
    """Collects what CSP judges on a page: inline script bodies, handler attributes, style attributes and
    elements, javascript: URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.handlers: list[str] = []
        self.style_attrs = 0
        self.style_elements = 0
        self.js_urls: list[str] = []
        self._in_script: bool | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.js_urls.append(f"<{tag} {name}={value}>")
        self.style_attrs += "style" in values
        self.style_elements += tag == "style"
        if tag == "script":
            kind = (values.get("type") or "").lower()
            self._in_script = "src" not in values and kind not in _DATA_TYPES
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_script is not None:
            if self._in_script:
                self.scripts.append("".join(self._text))
            self._in_script = None


def csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def blocked(html: str, rules: dict[str, list[str]]) -> list[str]:
    """What on this page the policy would block, and the inline script hashes it relies on."""
    page = _Inline()
    page.feed(html)
    problems = [f"skrip inline tanpa hash di CSP: {csp_hash(s)} {s[:60]!r}" for s in page.scripts
                if csp_hash(s) not in rules.get("script-src", [])]
    problems += [f"atribut event handler: {h}" for h in page.handlers]
    problems += [f"URL javascript: {u}" for u in page.js_urls]
    if page.style_attrs and "'unsafe-inline'" not in rules.get("style-src-attr", rules.get("style-src", [])):
        problems.append("atribut style tanpa style-src-attr 'unsafe-inline'")
    if page.style_elements and "'unsafe-inline'" not in rules.get("style-src", []):
        problems.append("elemen <style> tanpa izin di style-src")
    return problems


def used_hashes(html: str) -> set[str]:
    page = _Inline()
    page.feed(html)
    return {csp_hash(s) for s in page.scripts}


def test_every_page_of_the_built_site_passes_the_policy_and_every_hash_is_used(sites: Sites) -> None:
    rules = policy()
    problems: dict[str, list[str]] = {}
    used: set[str] = set()
    for page in sorted(sites.baru.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        found = blocked(html, rules)
        if found:
            problems[page.relative_to(sites.baru).as_posix()] = found
        used |= used_hashes(html)
    assert problems == {}, "perbarui hash di deploy/nginx/snippets/ppid-keamanan.conf"
    allowed = {s for s in rules["script-src"] if s.startswith("'sha256-")}
    assert allowed == used, "hash CSP yang tidak dipakai lagi oleh situs: hapus dari ppid-keamanan.conf"
    assert rules["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in rules["script-src"] and "'unsafe-eval'" not in rules["script-src"]


@pytest.mark.parametrize("html, expected", [
    ("<script>alert(1)</script>", "skrip inline tanpa hash di CSP"),
    ('<img src="x" onerror="alert(1)">', "atribut event handler: <img onerror>"),
    ('<a href="javascript:alert(1)">x</a>', "URL javascript: "),
    ("<style>p{color:red}</style>", "elemen <style> tanpa izin di style-src"),
])
def test_the_policy_check_catches_what_the_policy_would_block(html: str, expected: str) -> None:
    assert any(p.startswith(expected) for p in blocked(html, policy()))


def test_a_json_data_block_is_not_a_script() -> None:
    assert blocked('<script id="__config" type="application/json">{"a": 1}</script>', policy()) == []


# -- a real browser through nginx --------------------------------------------------------------------------------

PAGES = ["", "pengumuman/", "bukti/", "daftar-informasi-publik/", "kinerja-layanan/", "cari/", "tidak-ada/"]


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    from tests.site.conftest import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.skip("chromium tidak terpasang (paket Debian chromium); .ci/run memasangnya")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.mark.browser
def test_the_browser_reports_no_csp_violation_and_gets_compressed_cached_assets(
        chromium: Any, world: GitHubWorld, zips: dict[str, bytes], sites: Sites, tmp_path: Path, no_gh_path: str,
        nginx_for: Any) -> None:
    base = tmp_path / "srv"
    world.publish(zips["baru"], "baru", at=T0)
    assert deploy(world, base, path=no_gh_path).code == 0
    server: Nginx = nginx_for(base)
    context = chromium.new_context()
    page = context.new_page()
    page.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation', "
                         "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile))")
    console: list[str] = []
    responses: list[Any] = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("response", lambda r: responses.append(r))
    violations: dict[str, list[str]] = {}
    try:
        for path in PAGES:
            page.goto(f"{server.url}/{path}")
            page.wait_for_load_state("networkidle")
            found = page.evaluate("window.__csp")
            if found:
                violations[path] = found
    finally:
        context.close()
    assert violations == {}
    assert console == []
    text = [r for r in responses if r.url.startswith(server.url) and r.status == 200
            and r.headers.get("content-type", "").split(";")[0] in ("text/html", "text/css", "application/javascript")]
    assert text
    assert [r.url for r in text if r.headers.get("content-encoding") != "gzip"] == []
    hashed = [r for r in text if re.search(r"\.[0-9a-f]{8}\.min\.(js|css)$", r.url)]
    assert hashed
    assert {r.headers.get("cache-control") for r in hashed} == {"public, max-age=31536000, immutable"}
