"""The built site as a visitor sees it: headless Chromium (Debian's) driven by Playwright, served on localhost."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from tests.site import sitekit

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
CANONICAL = "https://ppid.diskominfo.kalbarprov.go.id/"
ANNOUNCEMENT = f"pengumuman/2025/{sitekit.SEARCH_SLUG}/"
PAGES = {"beranda": "", "daftar": "informasi-berkala/", "pengumuman": ANNOUNCEMENT, "dip": "daftar-informasi-publik/"}


class Visitor:
    """A browser tab that records every request it makes and refuses any that leaves localhost."""

    def __init__(self, page: Any, site_url: str) -> None:
        self.page = page
        self.site_url = site_url
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.route("**/*", self._only_local)

    @staticmethod
    def _only_local(route: Any) -> None:
        if urlparse(route.request.url).hostname in ("127.0.0.1", None):
            route.continue_()
        else:
            route.abort()

    def open(self, path: str) -> Any:
        self.page.goto(self.site_url + path)
        self.page.wait_for_load_state("load")
        return self.page

    def foreign_requests(self) -> list[str]:
        return [url for url in self.requests if urlparse(url).hostname != "127.0.0.1" and not url.startswith("data:")]


@pytest.fixture
def visitor(chromium: Any, site_url: str) -> Iterator[Visitor]:
    context = chromium.new_context(viewport=DESKTOP, accept_downloads=True)
    guest = Visitor(context.new_page(), site_url)
    yield guest
    context.close()
    assert guest.foreign_requests() == [], "a page asked another host for something"
    assert guest.errors == [], "a page raised a script error"


@pytest.fixture
def phone(chromium: Any, site_url: str) -> Iterator[Visitor]:
    context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    guest = Visitor(context.new_page(), site_url)
    yield guest
    context.close()
    assert guest.foreign_requests() == []


def test_home_shows_the_serta_merta_alert_first(visitor: Visitor) -> None:
    visitor.page.clock.set_fixed_time(datetime(2025, 8, 5, 9, 0))  # the day the fixture site was built
    page = visitor.open("")
    alert = page.locator(".ppid-sertamerta")
    assert alert.is_visible()
    assert "Peringatan Dini Banjir di Kabupaten Sintang" in alert.inner_text()
    assert "Kabut Asap" not in alert.inner_text()  # expired last year
    order = page.evaluate("""() => [...document.querySelectorAll('.md-content h2')].map(h => h.textContent.trim())""")
    assert order[:2] == ["Informasi Serta Merta yang sedang berlaku", "Pengumuman Terbaru"]


def test_home_hides_a_notice_that_expired_after_the_build(visitor: Visitor) -> None:
    visitor.page.clock.set_fixed_time(datetime(2025, 8, 20, 9, 0))  # berlaku_hingga was 19 August
    page = visitor.open("")
    assert page.locator(".ppid-sertamerta").count() == 1
    assert not page.locator(".ppid-sertamerta").is_visible()
    assert page.get_by_role("heading", name="Pengumuman Terbaru").is_visible()


def test_from_a_list_to_an_announcement(visitor: Visitor) -> None:
    page = visitor.open("")
    page.get_by_role("link", name="Informasi Setiap Saat", exact=True).first.click()
    page.wait_for_url("**/informasi-setiap-saat/")
    assert page.locator("h1").inner_text().startswith("Informasi Tersedia Setiap Saat")
    page.get_by_role("link", name="Hasil Seleksi Calon Anggota Komisi Informasi").click()
    page.wait_for_url(f"**/{ANNOUNCEMENT}")
    assert page.locator("h1").inner_text() == "Hasil Seleksi Calon Anggota Komisi Informasi"
    panel = page.locator(".ppid-panel")
    assert "080/PPID/DISKOMINFO/2025" in panel.inner_text()
    assert "2 Agustus 2025" in panel.inner_text()


def test_paginated_list_links_to_page_two(visitor: Visitor) -> None:
    page = visitor.open("informasi-berkala/")
    assert page.locator(".ppid-entri").count() == 50
    page.get_by_role("link", name="Berikutnya ›").click()
    page.wait_for_url("**/informasi-berkala/halaman/2/")
    assert page.locator(".ppid-entri").count() == 6


@pytest.mark.parametrize(("query", "expected"), [
    ("pengumuman", "Hasil Seleksi Calon Anggota Komisi Informasi"),   # the summary says "diumumkan"
    ("mengungsi", "Peringatan Dini Banjir di Kabupaten Sintang"),     # the summary says "mengungsi"
    ("pengungsian", "Peringatan Dini Banjir di Kabupaten Sintang"),   # same root, another form
    ("080/PPID/DISKOMINFO/2025", "Hasil Seleksi Calon Anggota Komisi Informasi"),
    ("wawancara", "Hasil Seleksi Calon Anggota Komisi Informasi"),    # a heading of the body
    ("kinerj", "Ringkasan Laporan Kinerja Tahun 2024"),               # half-typed
])
def test_search_finds_announcements_by_indonesian_words(visitor: Visitor, query: str, expected: str) -> None:
    page = visitor.open("")
    box = page.get_by_role("searchbox", name="Cari pengumuman")
    box.fill(query)
    box.press("Enter")
    page.wait_for_url("**/cari/?q=*")
    first = page.locator("#ppid-cari-hasil .ppid-entri__judul a").first
    first.wait_for()
    titles = page.locator("#ppid-cari-hasil .ppid-entri__judul a").all_inner_texts()
    assert expected in titles[:3], titles
    page.get_by_role("link", name=expected).first.click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == expected


def test_search_says_so_when_nothing_matches(visitor: Visitor) -> None:
    page = visitor.open("cari/?q=zzzqqq")
    status = page.locator("#ppid-cari-status")
    status.filter(has_text="Tidak ada hasil").wait_for()
    assert page.locator("#ppid-cari-hasil .ppid-entri").count() == 0


def test_dip_table_columns_and_csv_download(visitor: Visitor, tmp_path: Path) -> None:
    page = visitor.open("daftar-informasi-publik/")
    headers = page.locator("table thead th").all_inner_texts()
    assert headers == ["Nomor", "Ringkasan isi informasi", "Pejabat atau unit yang menguasai informasi",
                       "Penanggung jawab pembuatan atau penerbitan informasi", "Waktu dan tempat pembuatan informasi",
                       "Bentuk informasi yang tersedia", "Jangka waktu penyimpanan", "Jenis informasi", "Tautan"]
    assert page.locator("table tbody tr").count() == 60
    with page.expect_download() as info:
        page.get_by_role("link", name="Unduh CSV").click()
    target = tmp_path / "dip.csv"
    info.value.save_as(target)
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 60
    assert rows[0]["nomor"] == "090/PPID/DISKOMINFO/2025"
    assert rows[0]["waktu_tempat"] == "Pontianak, 4 Agustus 2025"


@pytest.mark.parametrize("path", [*PAGES.values(), "cari/?q=informasi", "tentang/", "pengumuman/2025/"
                                  f"{sitekit.ATTACHMENT_SLUG}/"])
def test_phone_has_no_horizontal_scroll(phone: Visitor, path: str) -> None:
    page = phone.open(path)
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{path}: page is {width[0]}px wide on a {width[1]}px screen"


TABLE_PAGE = f"pengumuman/2025/{sitekit.ATTACHMENT_SLUG}/"  # has a Markdown table staff wrote


@pytest.mark.parametrize("size", ["desktop", "phone"])
@pytest.mark.parametrize("path", [*PAGES.values(), "cari/?q=pengumuman", "tentang/", "pengumuman/", TABLE_PAGE])
def test_accessibility_no_serious_violations(request: pytest.FixtureRequest, path: str, size: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    # On a phone, wide tables scroll inside their own box, which must then take keyboard focus.
    guest: Visitor = request.getfixturevalue("phone" if size == "phone" else "visitor")
    page = guest.open(path)
    if path.startswith("cari/"):
        page.locator("#ppid-cari-hasil .ppid-entri").first.wait_for()
    results = Axe().run(page)
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
           for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == []


def test_print_shows_letterhead_number_place_and_date(visitor: Visitor) -> None:
    page = visitor.open(ANNOUNCEMENT)
    assert not page.locator(".ppid-kop").is_visible()
    assert not page.locator(".ppid-qr__kode").is_visible()
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-tabs", ".md-footer", ".ppid-cari-header", ".md-sidebar--secondary"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert "DINAS KOMUNIKASI DAN INFORMATIKA" in page.locator(".ppid-kop").inner_text()
    assert page.locator(".ppid-ttd").inner_text().startswith("Pontianak, 2 Agustus 2025")
    assert "Nomor: 080/PPID/DISKOMINFO/2025" in page.locator(".ppid-judul").inner_text()
    assert page.locator(".ppid-qr__kode").is_visible()
    pdf = page.pdf(format="A4", print_background=False)
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert pdf.startswith(b"%PDF") and pages == 1, pages  # a short notice fits one A4 sheet


def test_printed_qr_code_decodes_to_the_canonical_url(visitor: Visitor) -> None:
    zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp (a QR decoder) is not installed")
    from PIL import Image

    page = visitor.open(ANNOUNCEMENT)
    page.emulate_media(media="print")
    image = Image.open(io.BytesIO(page.locator(".ppid-qr__kode").screenshot()))
    decoded = [result.text for result in zxingcpp.read_barcodes(image)]
    assert decoded == [CANONICAL + ANNOUNCEMENT]
