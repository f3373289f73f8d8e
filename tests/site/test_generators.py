"""The page generators as plain functions: lists, pagination, home blocks, DIP files, feed, announcement page."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from openpyxl import load_workbook

from pipeline.core.sop import Sop
from pipeline.edges.config import load_sop
from pipeline.edges.content_check import check_tree
from pipeline.site import announcement_page, blocks, dip, feed, listing, markup
from pipeline.site.model import SiteInput, SiteSettings
from pipeline.site.qr import qr_svg
from tests.site import sitekit

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def sop(site_repo: Path) -> Sop:
    return load_sop(site_repo)


@pytest.fixture(scope="module")
def site(site_repo: Path) -> SiteInput:
    result, _ = check_tree(site_repo)
    assert result.ok, result.problems
    settings = SiteSettings(site_url="https://ppid.example.go.id/", site_name="PPID Uji", instansi="Dinas Uji",
                            tempat="Pontianak", today=sitekit.TODAY)
    return SiteInput(settings=settings, announcements=result.announcements,
                     attachment_sizes={"lampiran/2025/lkip-2024.pdf": 2048})


def _entries(markdown: str) -> list[str]:
    return re.findall(r'<h[23] class="ppid-entri__judul"><a href="([^"]+)">', markdown)


def test_jenis_lists_paginate_at_50_newest_first(site: SiteInput) -> None:
    files = {f.src_uri: f.content for f in listing.jenis_pages(site)}
    assert set(files) == {"informasi-berkala/index.md", "informasi-berkala/halaman/2/index.md",
                          "informasi-serta-merta/index.md", "informasi-setiap-saat/index.md"}
    first, second = files["informasi-berkala/index.md"], files["informasi-berkala/halaman/2/index.md"]
    assert isinstance(first, str) and isinstance(second, str)
    assert len(_entries(first)) == 50 and len(_entries(second)) == 6
    assert "Menampilkan 1–50 dari 56 pengumuman" in first and "Menampilkan 51–56 dari 56" in second
    dates = re.findall(r'<time datetime="([\d-]+)">', first + second)
    assert dates == sorted(dates, reverse=True)
    assert _entries(first)[0] == f"../pengumuman/2025/{sitekit.ATTACHMENT_SLUG}/"
    assert _entries(second)[0].startswith("../../../pengumuman/2024/")
    assert 'href="halaman/2/" rel="next"' in first and 'href="../../" rel="prev"' in second


def test_list_entries_show_indonesian_date_number_and_summary(site: SiteInput) -> None:
    text = next(f.content for f in listing.jenis_pages(site) if f.src_uri == "informasi-serta-merta/index.md")
    assert isinstance(text, str)
    assert '<time datetime="2025-08-04">4 Agustus 2025</time>' in text
    assert "Nomor 090/PPID/DISKOMINFO/2025" in text
    assert "Warga di bantaran Sungai Kapuas diminta bersiap mengungsi." in text


def test_archive_has_year_index_and_year_lists(site: SiteInput) -> None:
    files = {f.src_uri: f.content for f in listing.archive_pages(site)}
    assert set(files) == {"pengumuman/index.md", "pengumuman/2025/index.md", "pengumuman/2024/index.md",
                          "pengumuman/2024/halaman/2/index.md"}
    index = files["pengumuman/index.md"]
    assert isinstance(index, str)
    assert re.findall(r'<a href="(\d{4})/">Tahun \d{4}</a> <span class="ppid-jumlah">(\d+) pengumuman', index) == [
        ("2025", "4"), ("2024", "56")]


def test_hostile_text_is_escaped_in_lists(site: SiteInput) -> None:
    text = "".join(str(f.content) for f in listing.jenis_pages(site))
    assert "<script" not in text
    assert "Uji &lt;script&gt;alert(&quot;judul&quot;)&lt;/script&gt; &amp; &quot;kutip&quot;" in text


@pytest.mark.parametrize(("shift", "shown"), [
    (timedelta(days=0), True),     # from its date ...
    (timedelta(days=15), False),   # ... to berlaku_hingga (today + 14) only
    (timedelta(days=-2), False),   # not before it is dated
])
def test_serta_merta_alert_only_while_in_force(site: SiteInput, shift: timedelta, shown: bool) -> None:
    moved = replace(site, settings=replace(site.settings, today=sitekit.TODAY + shift))
    alert = blocks.serta_merta_alert(moved, "")
    assert ("Peringatan Dini Banjir di Kabupaten Sintang" in alert) is shown
    assert "Kabut Asap" not in alert


def test_alert_items_carry_their_last_day(site: SiteInput) -> None:
    for item in site.announcements:
        last = blocks.active_until(item)
        assert item.is_active(last) and not item.is_active(last + timedelta(days=1))
    alert = blocks.serta_merta_alert(site, "")
    assert '<li data-sampai="2025-08-19"><a href="pengumuman/2025/peringatan-dini-banjir-sintang/">' in alert


def test_home_blocks_replace_markers(site: SiteInput, sop: Sop) -> None:
    page = f"# Beranda\n\n{blocks.SERTA_MERTA}\n\nTeks.\n\n{blocks.LATEST}\n"
    out = blocks.expand(page, site, sop, "")
    assert blocks.SERTA_MERTA not in out and blocks.LATEST not in out
    assert out.index("ppid-sertamerta") < out.index("Teks.") < out.index("Pengumuman Terbaru")
    assert len(_entries(out)) == site.settings.latest
    assert 'href="pengumuman/">Lihat semua pengumuman di Arsip' in out


def test_sop_block_comes_from_sop_yml(sop: Sop, site: SiteInput) -> None:
    out = blocks.expand(blocks.SOP, site, sop, "tentang/")
    rows = re.findall(r"<tr><td>(\d)</td><td>([^<]+)</td><td>[^<]+</td><td>([^<]+)</td>", out)
    assert rows == [("1", "Kabid/Kasubag", "15 menit"), ("2", "Fungsional/Pelaksana", "1 hari kerja"),
                    ("3", "Kabid/Kasubag", "1 jam"), ("4", "Sekretaris", "1 jam"), ("5", "Kepala Dinas", "10 menit"),
                    ("6", "Fungsional/Pelaksana", "15 menit")]


def test_dip_page_csv_json_xlsx_agree(site: SiteInput) -> None:
    files = {f.src_uri: f.content for f in dip.dip_files(site)}
    page, raw_csv, raw_json, raw_xlsx = (files[f"daftar-informasi-publik/{n}"] for n in
                                         ("index.md", "dip.csv", "dip.json", "dip.xlsx"))
    assert isinstance(page, str) and isinstance(raw_csv, bytes) and isinstance(raw_json, bytes)
    assert isinstance(raw_xlsx, bytes)
    headers = re.findall(r'<th scope="col">([^<]+)</th>', page)
    assert headers == list(dip.COLUMNS.values())
    assert len(re.findall(r"<tr><td data-label=\"Nomor\">", page)) == len(site.announcements) == 60
    assert "Pontianak, <time datetime=\"2025-08-04\">4 Agustus 2025</time>" in page
    assert raw_csv.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw_csv.decode("utf-8-sig"))))
    data = json.loads(raw_json)["data"]
    sheet = load_workbook(io.BytesIO(raw_xlsx), read_only=True)["DIP"]
    xlsx = list(sheet.iter_rows(values_only=True))
    assert len(rows) == len(data) == len(xlsx) - 1 == 60
    assert [r["nomor"] for r in rows] == [d["nomor"] for d in data] == [r[1] for r in xlsx[1:]]
    first = data[0]
    assert first["waktu_tempat"] == f"Pontianak, {first['tanggal'][8:].lstrip('0')} Agustus 2025"
    assert first["tautan"].startswith("https://ppid.example.go.id/pengumuman/2025/")
    assert f'href="dip.csv" download>Unduh CSV <small>({markup.size(len(raw_csv))})</small>' in page


@pytest.mark.parametrize(("value", "cell"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+62 561", "'+62 561"), ("-", "'-"),
    ("@SUM(A1)", "'@SUM(A1)"), ("Biasa", "Biasa"),
])
def test_csv_cells_cannot_start_a_formula(site: SiteInput, value: str, cell: str) -> None:
    item = replace(site.announcements[0], retensi=value)
    changed = replace(site, announcements=(item,))
    (row,) = csv.DictReader(io.StringIO(dip.to_csv(dip.rows(changed)).decode("utf-8-sig")))
    assert row["retensi"] == cell
    sheet = load_workbook(io.BytesIO(dip.to_xlsx(dip.rows(changed), changed)))["DIP"]
    assert sheet["I1"].value == "Jangka waktu penyimpanan"
    assert sheet["I2"].value == value and sheet["I2"].data_type == "s"


def test_atom_feed_is_valid_xml_with_indonesian_dates(site: SiteInput) -> None:
    root = ET.fromstring(feed.atom(site))
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 50
    first = entries[0]
    assert first.findtext(f"{ATOM}title") == "Peringatan Dini Banjir di Kabupaten Sintang"
    assert first.findtext(f"{ATOM}summary", "").startswith("4 Agustus 2025 · Nomor 090/PPID/DISKOMINFO/2025 · ")
    assert first.findtext(f"{ATOM}updated") == "2025-08-04T00:00:00+07:00"
    link = first.find(f"{ATOM}link")
    assert link is not None and link.get("href") == f"https://ppid.example.go.id/pengumuman/2025/{sitekit.ACTIVE_SLUG}/"
    hostile = next(e for e in entries if "Uji" in (e.findtext(f"{ATOM}title") or ""))
    assert hostile.findtext(f"{ATOM}title") == sitekit.HOSTILE_TITLE


def test_feed_drops_characters_xml_cannot_carry(site: SiteInput) -> None:
    item = replace(site.announcements[0], judul="Judul\x01dengan\x0bkontrol")
    root = ET.fromstring(feed.atom(replace(site, announcements=(item,))))
    assert root.findtext(f"{ATOM}entry/{ATOM}title") == "Juduldengankontrol"


def test_announcement_page_panel_proof_link_and_print_parts(site: SiteInput, sop: Sop) -> None:
    item = next(a for a in site.announcements if a.slug == sitekit.ATTACHMENT_SLUG)
    url = f"https://ppid.example.go.id/pengumuman/2025/{item.slug}/"
    html = announcement_page.render(item, "<p>Isi</p>", site, sop, qr_svg(url))
    labels = re.findall(r"<dt>([^<]+)</dt>", html)
    assert labels == ["Nomor", "Jenis informasi", "Kategori", "Tanggal", "Unit yang menguasai informasi",
                      "Penanggung jawab", "Tempat pembuatan", "Bentuk informasi", "Jangka waktu penyimpanan"]
    assert "Bukti pengumuman" not in html
    assert '<a href="../../../lampiran/2025/lkip-2024.pdf" download>Laporan Kinerja 2024</a>' in html
    assert "(PDF, 2 KB)" in html
    assert "<p>Pontianak, 31 Juli 2025</p>" in html
    assert '<svg role="img" viewBox=' in html and url in html
    with_proof = announcement_page.render(item, "", replace(site, proof_slugs=frozenset({item.slug})), sop, "")
    assert '<a href="../../../bukti/laporan-kinerja-2024/">Lihat bukti pengumuman</a>' in with_proof
