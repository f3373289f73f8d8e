"""Citizens on a phone (390 px) and on a desktop: the Daftar Informasi Publik as cards or as the full table,
a serta-merta notice whose numbers are one tap away and whose instructions are reachable from the top, and a
header whose site name is not cut. Real headless Chromium on the built fixture site."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.site import sitekit
from tests.site.test_browser import Visitor

pytestmark = pytest.mark.browser

PHONE_390 = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
DIP = "daftar-informasi-publik/"
NOTICE = f"pengumuman/{sitekit.TODAY.year}/{sitekit.ACTIVE_SLUG}/"


@pytest.fixture
def phone390(chromium: Any, site_url: str) -> Iterator[Visitor]:
    context = chromium.new_context(viewport=PHONE_390, is_mobile=True, has_touch=True, device_scale_factor=3)
    guest = Visitor(context.new_page(), site_url)
    yield guest
    context.close()
    assert guest.foreign_requests() == [] and guest.errors == []


@pytest.fixture
def desktop(chromium: Any, site_url: str) -> Iterator[Visitor]:
    context = chromium.new_context(viewport=DESKTOP)
    guest = Visitor(context.new_page(), site_url)
    yield guest
    context.close()
    assert guest.foreign_requests() == [] and guest.errors == []


CARDS = """() => [...document.querySelectorAll('table.ppid-dip tbody tr')].map(tr => {
    const box = tr.getBoundingClientRect();
    const cells = [...tr.children].filter(td => td.offsetParent !== null)
        .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
    return {left: box.left, right: box.right, display: getComputedStyle(tr).display,
            first: cells[0].innerText.trim(), link: cells[0].querySelector('a') !== null,
            labels: cells.slice(1).map(td => getComputedStyle(td, '::before').content.replace(/^"|"$/g, ''))};
})"""


def test_dip_on_a_phone_is_one_card_per_item_link_first(phone390: Visitor) -> None:
    page = phone390.open(DIP)
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"the page is {width[0]} px wide on a {width[1]} px screen"
    cards = page.evaluate(CARDS)
    assert len(cards) == 60
    for card in cards:
        assert card["display"] == "flex" and card["left"] >= 0 and card["right"] <= PHONE_390["width"]
        assert card["link"] and card["first"].startswith("Buka "), card["first"]
        assert card["labels"] == ["Nomor", "Ringkasan isi informasi", "Pejabat atau unit yang menguasai informasi",
                                  "Penanggung jawab pembuatan atau penerbitan informasi",
                                  "Waktu dan tempat pembuatan informasi", "Bentuk informasi yang tersedia",
                                  "Jangka waktu penyimpanan", "Jenis informasi"]
    link = page.get_by_role("link", name="Buka Hasil Seleksi Calon Anggota Komisi Informasi")
    assert link.is_visible()
    box = link.bounding_box()
    assert box is not None and box["x"] + box["width"] <= PHONE_390["width"]
    link.click()
    page.wait_for_url(f"**/pengumuman/2025/{sitekit.SEARCH_SLUG}/")
    assert phone390.open(DIP).get_by_role("link", name="Unduh CSV").is_visible()


def test_dip_on_a_desktop_keeps_the_full_table_and_downloads(desktop: Visitor) -> None:
    page = desktop.open(DIP)
    assert page.evaluate("() => getComputedStyle(document.querySelector('table.ppid-dip')).display") == "table"
    headers = page.locator("table.ppid-dip thead th")
    assert headers.count() == 9 and all(headers.nth(n).is_visible() for n in range(9))
    name = page.locator(".ppid-dip__tautan .ppid-dip__nama").first
    box = name.bounding_box()
    assert box is not None and box["width"] <= 1  # visually "Buka": the title is in the row; screen readers
    assert name.inner_text().strip() == "Peringatan Dini Banjir di Kabupaten Sintang"  # hear it in the link
    for label in ("Unduh CSV", "Unduh JSON", "Unduh Excel"):
        assert page.get_by_role("link", name=label).is_visible()


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_serta_merta_numbers_are_tel_links_and_help_is_one_tap_away(request: pytest.FixtureRequest,
                                                                    size: str) -> None:
    guest: Visitor = request.getfixturevalue("phone390" if size == "phone" else "desktop")
    page = guest.open(NOTICE)
    body = page.locator(".ppid-isi")
    hrefs = body.locator("a[href^='tel:']").evaluate_all("links => links.map(a => [a.textContent, a.href])")
    assert hrefs == [["112", "tel:112"], ["(0565) 21234", "tel:056521234"], ["0812-5678-9012", "tel:081256789012"]]
    assert "Sebanyak 112 rumah" in body.inner_text()  # a count stays text
    alert = page.locator(".ppid-peringatan")
    top = alert.bounding_box()
    assert top is not None and top["y"] < page.viewport_size["height"], "the alert is on the first screen"
    assert alert.get_by_role("link", name="112").get_attribute("href") == "tel:112"
    shortcut = alert.get_by_role("link", name="Cara Memperoleh Bantuan")
    assert shortcut.is_visible()
    shortcut.click()
    page.wait_for_url("**#cara-memperoleh-bantuan")
    heading = page.locator("h2#cara-memperoleh-bantuan")
    assert heading.is_visible()
    assert page.evaluate("() => document.querySelector('h2#cara-memperoleh-bantuan').getBoundingClientRect().top"
                         ) < page.viewport_size["height"]


TITLE = """() => { const span = document.querySelector('.md-header__topic:first-child .md-ellipsis');
    const shown = [...span.children].find(el => getComputedStyle(el).display !== 'none' && el.offsetWidth > 1);
    return {text: shown ? shown.textContent.trim() : span.textContent.trim(),
            cut: span.scrollWidth > span.clientWidth,
            label: document.querySelector('.md-header__inner').getAttribute('aria-label')}; }"""


@pytest.mark.parametrize(("size", "name"), [("phone", "PPID Diskominfo Kalbar"),
                                            ("desktop", "PPID Diskominfo Kalimantan Barat")])
def test_header_site_name_is_never_cut(request: pytest.FixtureRequest, size: str, name: str) -> None:
    guest: Visitor = request.getfixturevalue("phone390" if size == "phone" else "desktop")
    page = guest.open(DIP)
    title = page.evaluate(TITLE)
    assert title == {"text": name, "cut": False, "label": "Kepala halaman"}


def test_screen_reader_words_and_404_are_indonesian(desktop: Visitor) -> None:
    page = desktop.open("")
    labels = page.evaluate(
        "() => [...document.querySelectorAll('[aria-label]')].map(e => e.getAttribute('aria-label'))")
    assert not {"Header", "Footer", "Tab", "Tabs"} & set(labels), labels
    assert "Menu utama" in labels
    missing = desktop.open("404.html")
    assert missing.locator("h1").inner_text() == "Halaman tidak ditemukan"
    assert "Not found" not in missing.content()
    assert missing.get_by_role("link", name="Kembali ke Beranda").is_visible()
