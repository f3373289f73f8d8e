"""A notice dated ahead (`dijadwalkan: ya`, approved and recorded early) appears on the site on its date: before
it, the page is not built and no list, feed or download names it; the daily scheduled publish run brings it."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

from pipeline.commands.build import build
from tests.recordkit import record_content
from tests.site.sitekit import TODAY, write_repo

SLUG = "jadwal-layanan-libur-akhir-tahun"
PATH = f"content/pengumuman/{TODAY.year}/{SLUG}.md"
DATED = TODAY + timedelta(days=10)
TEXT = f"""---
judul: Jadwal Layanan Libur Akhir Tahun
nomor: 095/PPID/DISKOMINFO/{TODAY.year}
jenis: setiap-saat
kategori: tata-cara
tanggal: {DATED.isoformat()}
dijadwalkan: ya
ringkasan: Meja informasi tutup selama cuti bersama akhir tahun.
unit: Bidang Informasi dan Komunikasi Publik
penanggung_jawab: Drs. Andi Pratama, M.Si.
retensi: 1 Tahun
---
Layanan daring tetap buka.
"""


def _pin_today(root: Path, day: str) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start = text.index("today: ")
    end = text.index("\n", start)
    config.write_text(f'{text[:start]}today: "{day}"{text[end:]}', encoding="utf-8")


def _build(root: Path) -> Path:
    """`ppid build --terbit`, as the scheduled publish run does; returns the site folder."""
    assert build(site_dir=Path("site"), fmt="text", publishing=True, root=root, out=io.StringIO()) == 0
    return root / "site"


def test_a_notice_dated_ahead_appears_on_its_date(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo", recorded=False)
    (root / PATH).write_text(TEXT, encoding="utf-8")
    record_content(root)
    site = _build(root)
    page = site / "pengumuman" / str(TODAY.year) / SLUG / "index.html"
    assert not page.exists()
    for listed in ("index.html", "feed.xml", "daftar-informasi-publik/dip.json", "sitemap.xml",
                   f"pengumuman/{TODAY.year}/index.html"):
        assert f"{TODAY.year}/{SLUG}" not in (site / listed).read_text(encoding="utf-8"), listed
    # The proof page exists (the record does) but does not link to a page that is not there yet.
    proof = (site / "bukti" / SLUG / "index.html").read_text(encoding="utf-8")
    assert "Baca pengumuman" not in proof
    _pin_today(root, DATED.isoformat())
    site = _build(root)
    assert page.is_file()
    assert SLUG in (site / "feed.xml").read_text(encoding="utf-8")
    assert "Baca pengumuman" in (site / "bukti" / SLUG / "index.html").read_text(encoding="utf-8")
