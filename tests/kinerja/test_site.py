"""The Kinerja Layanan page in the real built site of this repository, and in a phone-sized Chromium."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from tests.site.conftest import CHROMIUM, CHROMIUM_ARGS

PAGE = "kinerja-layanan/"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def html(sample_site: Path) -> str:
    return (sample_site / PAGE / "index.html").read_text(encoding="utf-8")


def test_the_page_is_built_with_its_charts_and_tables(sample_site: Path, html: str) -> None:
    sources = re.findall(r'<figure class="ppid-grafik">\s*<img [^>]*src="([^"]+\.svg)"', html)
    assert sorted(sources) == sorted(p.name for p in (sample_site / PAGE).glob("*.svg"))
    assert {"2025-ketepatan.svg", "2025-waktu-semua.svg", "2025-pengembalian.svg", "2026-waktu-serta-merta.svg"} \
        <= set(sources)
    for name in sources:
        root = ET.parse(sample_site / PAGE / name).getroot()
        assert root.tag == f"{SVG}svg" and root.find(f"{SVG}title") is not None
    assert html.count("<figure") == len(sources) and html.count("<figcaption>") == len(sources)
    # The summary, then per year one table per group with publications (both charts of "semua jenis" share one)
    # and the send-back table: 2026 has all three jenis, 2025 berkala and setiap saat.
    assert html.count("<table data-kartu>") == 1 + 5 + 4
    # The sample archive: 9 publications in 2025 (one made before send-backs were recorded), 5 in 2026.
    assert '<th scope="row">2025</th><td data-label="Penerbitan">9</td>' in html
    assert '<th scope="row">2026</th><td data-label="Penerbitan">5</td>' in html
    assert "Tidak ada penerbitan informasi serta merta pada tahun 2025." in html
    assert "1 catatan bukti tahun 2025 dibuat sebelum pengembalian konsep ikut dicatat" in html
    assert "Catatan contoh" in html


def test_the_page_is_in_the_navigation(sample_site: Path) -> None:
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="kinerja-layanan/"[^>]*>\s*Kinerja Layanan', home)


def _look_on_a_phone(url: str) -> dict[str, Any]:
    """Open the page in a phone-sized Chromium and measure it. Runs in its own thread with its own Playwright:
    Playwright's sync API allows one instance per thread, and tests/site keeps one open for the whole session."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True,
                                          device_scale_factor=2)
            page = context.new_page()
            errors: list[str] = []
            foreign: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))

            def only_local(route: Any) -> None:
                if urlparse(route.request.url).hostname == "127.0.0.1" or route.request.url.startswith("data:"):
                    route.continue_()
                else:
                    foreign.append(route.request.url)
                    route.abort()

            page.route("**/*", only_local)
            page.goto(url)
            page.wait_for_load_state("load")
            # Lazy images load as they scroll into view; ask for all of them now.
            images = page.evaluate("""async () => Promise.all([...document.querySelectorAll('figure img')].map(
                async img => {
                    img.loading = 'eager'; await img.decode();
                    const box = img.getBoundingClientRect();
                    return [img.naturalWidth, box.width, box.height,
                            img.getAttribute('height') / img.getAttribute('width')];
                }))""")
            width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
            tables = page.evaluate("""() => [...document.querySelectorAll('.md-content table')].map(
                t => [t.getBoundingClientRect().width, t.scrollWidth, window.innerWidth])""")
            violations = Axe().run(page).response["violations"]
            return {"images": images, "width": width, "tables": tables, "errors": errors, "foreign": foreign,
                    "axe": [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations
                            if v["impact"] in ("serious", "critical")]}
        finally:
            browser.close()


@pytest.fixture(scope="module")
def phone(sample_url: str) -> dict[str, Any]:
    with ThreadPoolExecutor(max_workers=1) as pool:
        report = pool.submit(_look_on_a_phone, sample_url + PAGE).result(timeout=180)
    assert report["errors"] == [] and report["foreign"] == [], "a script error or a request to another host"
    return report


@pytest.mark.browser
def test_on_a_phone_charts_render_fit_the_screen_and_stay_readable(phone: dict[str, Any]) -> None:
    assert len(phone["images"]) >= 8
    page_width, screen = phone["width"]
    assert page_width <= screen, f"page is {page_width}px wide on a {screen}px screen"
    for natural, shown, tall, ratio in phone["images"]:
        assert natural == 400  # the SVG decoded (viewBox width)
        assert 300 <= shown <= 360  # scaled to the column, never wider than the screen
        assert tall == pytest.approx(shown * ratio, abs=2)  # the aspect ratio holds
        # 16-unit text in a 400-unit picture: at least 12 CSS px on a 360 px phone.
        assert 16 * shown / natural >= 12


@pytest.mark.browser
def test_on_a_phone_every_table_fits_the_screen(phone: dict[str, Any]) -> None:
    assert len(phone["tables"]) >= 9
    for shown, content, screen in phone["tables"]:
        assert content <= shown <= screen, f"a table is {content}px wide on a {screen}px screen"


@pytest.mark.browser
def test_accessibility_no_serious_violations(phone: dict[str, Any]) -> None:
    assert phone["axe"] == []
