"""What passes `ppid check` publishes exactly as checked: real MkDocs builds of mutated announcements, and the
MkDocs plugin's own refusals (special files, page data keys) when content reaches it without the check."""

from __future__ import annotations

import html
import os
import re
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.core.validate import CheckResult
from pipeline.edges.content_check import check_tree
from pipeline.edges.mkdocs_build import BuildFailed, build_site
from tests.folderserver import serve_folder
from tests.site.sitekit import PDF, ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Dialog

TODAY = date(2025, 8, 5)
SLUG = "uji-pengumuman"
PATH = f"content/pengumuman/2025/{SLUG}.md"


def small_repo(root: Path) -> Path:
    """sop.yml, mkdocs.yml (today pinned), the two hand-written pages and one attachment."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "sop.yml", root / "sop.yml")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        config.replace("plugins:\n  - ppid\n", f'plugins:\n  - ppid:\n      today: "{TODAY.isoformat()}"\n'),
        encoding="utf-8")
    for page in ("content/index.md", "content/tentang/index.md"):
        (root / page).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / page, root / page)
    (root / "content/lampiran/2025").mkdir(parents=True)
    (root / "content/lampiran/2025/jadwal.pdf").write_bytes(PDF)
    (root / "content/pengumuman/2025").mkdir(parents=True)
    return root


# -- the property: check exit 0 => the build succeeds and the page shows judul, nomor, tanggal as written ------
_ALPHABET = st.sampled_from([*list("abcdeXYZ 0123456789#:'\"*_<>&[]()!@%{},|-~`“”\xa0\t"), "Paket", " #3", ": "])
_TEXT = st.lists(_ALPHABET, min_size=1, max_size=24).map("".join)
_MOSTLY = st.integers(0, 9).map(lambda n: n < 8)  # True about four times in five


def _scalar(value: str, style: str) -> str:
    if style == "double":
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    return value


@st.composite
def announcements(draw: st.DrawFn) -> tuple[str, str, str, str]:
    """(file text, judul, nomor, tanggal) as staff meant them, written in one of the ways staff write them."""
    judul = draw(st.one_of(_TEXT.map(lambda t: "Pengumuman " + t), st.sampled_from([
        "Pengumuman Lelang Paket #3 Tahun 2025", "Jadwal: Layanan Informasi", "“Jadwal Layanan”", "2025",
        "Pengumuman <b>Penting</b> & Mendesak", "Pengumuman [Lelang](x) Paket", "yes"])))
    # Mostly valid choices, so that many examples pass the check and reach the build; the rest are mistakes
    # staff make, which must either be refused or publish exactly as written.
    nomor = "017/PPID/DISKOMINFO/2025" if draw(_MOSTLY) else draw(st.sampled_from([
        "017/PPID/DISKOMINFO/2025 #baru", " 017/PPID/DISKOMINFO/2025", "17/PPID/DISKOMINFO/2025"]))
    tanggal = "2025-07-01" if draw(_MOSTLY) else draw(st.sampled_from([
        "2025-07-01 #x", "01-07-2025", "2025-7-1", "2025-08-06", "2025-02-30", "2025-08-05"]))
    styles = st.sampled_from(["plain", "plain", "double", "single"])
    good = st.sampled_from([
        "Isi pengumuman.", "[Jadwal](../../lampiran/2025/jadwal.pdf)", "[Tentang](../../tentang/index.md)",
        "**Penting** dan *miring*", "<b>tebal</b>", "[luar](https://kalbarprov.go.id)", "## Bagian",
        "[Berkala](../../informasi-berkala/index.md)", "`kode [x](y)`", "| A | B |\n|---|---|\n| 1 | 2 |",
    ])
    bad = st.sampled_from([
        "[Jadwal](../lampiran/2025/jadwal.pdf)", "![Foto](../../lampiran/2025/foto.jpg)", "[Tentang](../../tentang/)",
        "[Formulir](&#106;avascript&#58;alert(1))", "[Beranda](/index.md)", "![](https://example.com/a.png)",
        "[x](tidak-ada.md)", "[](" * 40,
    ])
    body = [draw(good) if draw(_MOSTLY) else draw(bad) for _ in range(draw(st.integers(0, 4)))]
    text = "\n".join([
        "---",
        f"judul: {_scalar(judul, draw(styles))}",
        f"nomor: {_scalar(nomor, draw(styles))}",
        "jenis: setiap-saat",
        f"tanggal: {_scalar(tanggal, draw(styles))}",
        "ringkasan: Ringkasan pengumuman uji.",
        "unit: Sekretariat",
        "penanggung_jawab: Sekretaris",
        "retensi: 1 Tahun",
        "---",
        *body, "",
    ])
    return text, judul, nomor, tanggal


@pytest.fixture(scope="module")
def property_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return small_repo(tmp_path_factory.mktemp("sifat"))


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(announcements())
def test_what_passes_the_check_publishes_as_written(property_repo: Path,
                                                   case: tuple[str, str, str, str]) -> None:
    text, judul, nomor, tanggal = case
    (property_repo / PATH).write_text(text, encoding="utf-8")
    result, _ = check_tree(property_repo, today=TODAY)
    if not result.ok:
        return
    site = property_repo / "site"
    build_site(property_repo, site, prevalidated=result)  # raises BuildFailed: the property is broken
    page = (site / f"pengumuman/2025/{SLUG}/index.html").read_text(encoding="utf-8")
    header = page.split('<header class="ppid-judul">', 1)[1]
    shown_judul = re.search(r"<h1>(.*?)</h1>", header, re.S)
    shown_nomor = re.search(r'Nomor: (.*?) · <time datetime="([^"]+)">', header)
    assert shown_judul and shown_nomor
    assert html.unescape(shown_judul.group(1)) == judul.strip()
    assert html.unescape(shown_nomor.group(1)) == nomor.strip()
    assert shown_nomor.group(2) == tanggal.strip()


# -- the plugin refuses on its own what reaches it without the check -----------------------------------------
def _validated(repo: Path) -> CheckResult:
    (repo / PATH).write_text("---\njudul: Pengumuman Uji Coba\nnomor: 017/PPID/DISKOMINFO/2025\njenis: setiap-saat\n"
                             "tanggal: 2025-07-01\nringkasan: Ringkasan.\nunit: Sekretariat\npenanggung_jawab: "
                             "Sekretaris\nretensi: 1 Tahun\n---\nIsi.\n", encoding="utf-8")
    result, _ = check_tree(repo, today=TODAY)
    assert result.ok, result.problems
    return result


SPECIAL = "ini adalah {}, bukan berkas biasa; situs hanya menerbitkan berkas biasa. Hapus lalu simpan salinan berkas " \
          "aslinya di tempat ini"


@pytest.mark.parametrize(("make", "line"), [
    (lambda repo: os.symlink(repo / "sop.yml", repo / "content/lampiran/2025/sop.pdf"),
     f"content/lampiran/2025/sop.pdf:1: (berkas): {SPECIAL.format('tautan simbolik (symlink)')}"),
    (lambda repo: os.symlink(repo / "content/lampiran", repo / "content/salinan"),
     f"content/salinan/2025/jadwal.pdf:1: (berkas): {SPECIAL.format('tautan simbolik (symlink)')}"),
    (lambda repo: os.mkfifo(repo / "content/lampiran/2025/antrean.pdf"),
     f"content/lampiran/2025/antrean.pdf:1: (berkas): {SPECIAL.format('pipa bernama (FIFO)')}"),
], ids=["symlink", "linked-folder", "fifo"])
def test_the_build_itself_refuses_special_files(tmp_path: Path, make: Any, line: str) -> None:
    repo = small_repo(tmp_path / "repo")
    result = _validated(repo)
    make(repo)  # after the check: the plugin is the last line
    with pytest.raises(BuildFailed) as failed:
        build_site(repo, repo / "site", prevalidated=result)
    assert line in str(failed.value)
    assert not (repo / "site").exists()


PAYLOAD_PAGE = """\
---
title: '</title><script>window.__ppid_ran = 1</script>'
description: '"><script>window.__ppid_ran = 2</script>'
template: redirect.html
location: '",window.__ppid_ran = 3,"'
author: '"><script>window.__ppid_ran = 4</script>'
icon: material/alert
status: new
---
# Halaman uji
"""


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site whose hand-written page carries theme payloads in its data block, built past the check."""
    repo = small_repo(tmp_path_factory.mktemp("muatan"))
    result = _validated(repo)
    (repo / "content/uji").mkdir()
    (repo / "content/uji/index.md").write_text(PAYLOAD_PAGE, encoding="utf-8")
    build_site(repo, repo / "site", prevalidated=result)
    return repo / "site"


def test_check_refuses_the_payload_keys(tmp_path: Path) -> None:
    repo = small_repo(tmp_path / "repo")
    _validated(repo)
    (repo / "content/uji").mkdir()
    (repo / "content/uji/index.md").write_text(PAYLOAD_PAGE, encoding="utf-8")
    result, _ = check_tree(repo, today=TODAY)
    assert [(p.line, p.field) for p in result.problems] == [(4, "template"), (5, "location"), (6, "author"),
                                                           (7, "icon"), (8, "status")]


def test_the_build_drops_payload_keys_and_escapes_what_it_prints(payload_site: Path) -> None:
    page = (payload_site / "uji/index.html").read_text(encoding="utf-8")
    assert "window.__ppid_ran" not in page.replace("window.__ppid_ran = 1", "").replace(
        "window.__ppid_ran = 2", "")  # title and description stay, escaped (below)
    assert "<script>window.__ppid_ran" not in page
    assert "&lt;/title&gt;&lt;script&gt;window.__ppid_ran = 1&lt;/script&gt;" in page
    assert 'http-equiv="refresh"' not in page


@pytest.fixture
def payload_url(payload_site: Path) -> Iterator[str]:
    with serve_folder(payload_site) as url:
        yield url


@pytest.mark.browser
def test_page_data_payloads_never_run_in_chromium(chromium: Any, payload_url: str) -> None:
    context = chromium.new_context()
    page = context.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.route("**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort())
    try:
        page.goto(payload_url + "uji/")
        page.wait_for_load_state("load")
        assert page.evaluate("window.__ppid_ran === undefined")
        assert page.url == payload_url + "uji/"  # no redirect
        assert page.title().startswith("</title><script>window.__ppid_ran = 1</script>")
        assert dialogs == []
    finally:
        context.close()
