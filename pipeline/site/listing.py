"""List pages: one list per `jenis` and one per year (Arsip), newest first, at most `per_page` entries a page."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from pipeline.core.announcement import JENIS, JENIS_LABEL, Announcement
from pipeline.site import markup, urls
from pipeline.site.markup import esc
from pipeline.site.model import GeneratedFile, SiteInput

JENIS_INTRO = {
    "berkala": "Informasi yang wajib diumumkan secara berkala, sekurang-kurangnya setiap enam bulan sekali "
               "(Pasal 9 Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik).",
    "serta-merta": "Informasi yang dapat mengancam hajat hidup orang banyak dan ketertiban umum, diumumkan "
                   "tanpa penundaan (Pasal 10 Undang-Undang Nomor 14 Tahun 2008).",
    "setiap-saat": "Informasi yang wajib tersedia setiap saat dan dapat diperoleh masyarakat kapan saja "
                   "(Pasal 11 Undang-Undang Nomor 14 Tahun 2008).",
}


def newest(items: Sequence[Announcement]) -> dict[str, str]:
    """The `tanggal` front matter of a page listing `items`: the newest one's date (the sitemap's lastmod)."""
    return {"tanggal": max(a.tanggal for a in items).isoformat()} if items else {}


def _chunks(items: Sequence[Announcement], size: int) -> list[Sequence[Announcement]]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [()]


def list_pages(base: str, title: str, intro: str, items: Sequence[Announcement], site: SiteInput, *,
               show_jenis: bool = True) -> Iterator[GeneratedFile]:
    """The pages of one list rooted at `base` (page 1 at base/, then base/halaman/N/)."""
    pages = _chunks(items, site.settings.per_page)
    dated = newest(items)
    for number, chunk in enumerate(pages, start=1):
        here = urls.list_url(base, number)
        heading = title if number == 1 else f"{title} (halaman {number} dari {len(pages)})"
        first = (number - 1) * site.settings.per_page + 1
        count = (f"Menampilkan {first}–{first + len(chunk) - 1} dari {len(items)} pengumuman, terbaru lebih dulu."
                 if chunk else "")
        parts = [
            markup.front_matter(heading, intro, **dated),
            f"# {esc(heading)}\n",
            markup.RAW_HTML,
            f'<div class="ppid-pengantar">\n<p>{esc(intro)}</p>\n'
            + (f'<p class="ppid-jumlah">{count}</p>\n' if count else "") + "</div>\n",
            markup.entries(chunk, here, site.settings.docs_dir, show_jenis=show_jenis) + "\n",
        ]
        nav = markup.pagination(base, number, len(pages))
        if nav:
            parts.append(nav + "\n")
        yield GeneratedFile(urls.list_src(base, number), "\n".join(parts))


def jenis_pages(site: SiteInput) -> Iterator[GeneratedFile]:
    """Informasi Berkala, Serta Merta, Setiap Saat."""
    for jenis in JENIS:
        items = [a for a in site.announcements if a.jenis == jenis]
        yield from list_pages(urls.JENIS_PATH[jenis], JENIS_LABEL[jenis], JENIS_INTRO[jenis], items, site,
                              show_jenis=False)


def archive_pages(site: SiteInput) -> Iterator[GeneratedFile]:
    """Arsip: the index of years, then one paginated list per year."""
    years: dict[int, list[Announcement]] = {}
    for item in site.announcements:
        years.setdefault(item.tahun, []).append(item)
    rows = "\n".join(
        f'<li><a href="{year}/">Tahun {year}</a> <span class="ppid-jumlah">{len(items)} pengumuman</span></li>'
        for year, items in sorted(years.items(), reverse=True))
    intro = "Semua pengumuman informasi publik yang pernah diterbitkan, dikelompokkan menurut tahun."
    body = f'<ul class="ppid-tahun">\n{rows}\n</ul>' if rows else '<p class="ppid-kosong">Belum ada pengumuman.</p>'
    yield GeneratedFile(f"{urls.ARCHIVE}/index.md", "\n".join([
        markup.front_matter("Arsip Pengumuman", intro), "# Arsip Pengumuman\n", markup.RAW_HTML,
        f'<div class="ppid-pengantar">\n<p>{esc(intro)}</p>\n</div>\n', body + "\n"]))
    for year, items in sorted(years.items(), reverse=True):
        yield from list_pages(f"{urls.ARCHIVE}/{year}", f"Arsip Pengumuman Tahun {year}",
                              f"Pengumuman informasi publik yang diterbitkan pada tahun {year}.", items, site)
