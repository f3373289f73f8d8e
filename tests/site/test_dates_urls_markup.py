"""Pure helpers: Indonesian dates, the URL scheme, sizes and escaping."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.core import dates_id
from pipeline.site import markup, urls


@pytest.mark.parametrize(("day", "text", "with_day"), [
    (date(2024, 8, 5), "5 Agustus 2024", "Senin, 5 Agustus 2024"),
    (date(2025, 1, 1), "1 Januari 2025", "Rabu, 1 Januari 2025"),
    (date(2025, 2, 28), "28 Februari 2025", "Jumat, 28 Februari 2025"),
    (date(2024, 12, 31), "31 Desember 2024", "Selasa, 31 Desember 2024"),
    (date(2026, 5, 10), "10 Mei 2026", "Minggu, 10 Mei 2026"),
    (date(2026, 3, 7), "7 Maret 2026", "Sabtu, 7 Maret 2026"),
    (date(2026, 10, 15), "15 Oktober 2026", "Kamis, 15 Oktober 2026"),
])
def test_indonesian_dates(day: date, text: str, with_day: str) -> None:
    assert dates_id.tanggal(day) == text
    assert f"{dates_id.HARI[day.weekday()]}, {dates_id.tanggal(day)}" == with_day
    assert dates_id.tempat_tanggal("Pontianak", day) == f"Pontianak, {text}"


@pytest.mark.parametrize(("src", "url"), [
    ("index.md", ""),
    ("tentang/index.md", "tentang/"),
    ("pengumuman/2025/jadwal.md", "pengumuman/2025/jadwal/"),
    ("informasi-berkala/halaman/2/index.md", "informasi-berkala/halaman/2/"),
])
def test_page_url(src: str, url: str) -> None:
    assert urls.page_url(src) == url


@pytest.mark.parametrize(("origin", "target", "link"), [
    ("", "pengumuman/2025/a/", "pengumuman/2025/a/"),
    ("informasi-berkala/", "pengumuman/2025/a/", "../pengumuman/2025/a/"),
    ("pengumuman/2025/a/", "", "../../../"),
    ("pengumuman/2025/a/", "lampiran/2025/x.pdf", "../../../lampiran/2025/x.pdf"),
    ("informasi-berkala/halaman/2/", "informasi-berkala/", "../../"),
    ("daftar-informasi-publik/", "daftar-informasi-publik/dip.csv", "dip.csv"),
    ("tentang/", "tentang/", "./"),
])
def test_relative_links(origin: str, target: str, link: str) -> None:
    assert urls.relative(origin, target) == link


@pytest.mark.parametrize(("number", "url"), [(1, "arsip-x/"), (2, "arsip-x/halaman/2/"), (12, "arsip-x/halaman/12/")])
def test_list_urls(number: int, url: str) -> None:
    assert urls.list_url("arsip-x", number) == url
    assert urls.list_src("arsip-x", number) == url + "index.md"


@pytest.mark.parametrize(("size", "text"), [
    (0, "0 B"), (1023, "1023 B"), (1024, "1 KB"), (1536, "1,5 KB"), (10 * 1024, "10 KB"), (350_000, "342 KB"),
    (1024 * 1024, "1 MB"), (int(1.25 * 1024 * 1024), "1,2 MB"), (5 * 1024**3, "5 GB"),
])
def test_sizes_in_indonesian(size: int, text: str) -> None:
    assert markup.size(size) == text


@pytest.mark.parametrize(("raw", "escaped"), [
    ("<script>", "&lt;script&gt;"),
    ('a "b" & c', "a &quot;b&quot; &amp; c"),
    ("'x'", "&#x27;x&#x27;"),
])
def test_escape(raw: str, escaped: str) -> None:
    assert markup.esc(raw) == escaped


def test_front_matter_quotes_any_text() -> None:
    import yaml

    text = markup.front_matter('Judul: "a" #b', "deskripsi\nbaris", ppid_cari="true")
    loaded = yaml.safe_load(text.split("---")[1])
    assert loaded == {"title": 'Judul: "a" #b', "description": "deskripsi\nbaris", "ppid_cari": "true"}


@pytest.mark.parametrize(("number", "count", "current", "links"), [
    (1, 1, None, None),
    (1, 3, "1", ["2", "3", "Berikutnya ›"]),
    (2, 3, "2", ["‹ Sebelumnya", "1", "3", "Berikutnya ›"]),
    (6, 60, "6", ["‹ Sebelumnya", "1", "4", "5", "7", "8", "60", "Berikutnya ›"]),
])
def test_pagination(number: int, count: int, current: str | None, links: list[str] | None) -> None:
    import re

    html = markup.pagination("x", number, count)
    if current is None:
        assert html == ""
        return
    assert re.findall(r'<span aria-current="page">(\d+)</span>', html) == [current]
    assert re.findall(r"<a [^>]*>([^<]+)</a>", html) == links
