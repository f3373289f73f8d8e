"""Generated blocks inside hand-written pages, placed by an HTML comment marker in the Markdown.

`<!-- ppid:serta-merta -->` (home page, first): the serta-merta notices in force, as an alert.
`<!-- ppid:terbaru -->` (home page): the latest announcements.
`<!-- ppid:sop -->` (Tentang PPID): the SOP's six steps, read from sop.yml so the page never drifts from it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from pipeline.core import dates_id
from pipeline.core.announcement import Announcement
from pipeline.core.sop import Sop
from pipeline.site import markup, urls
from pipeline.site.markup import esc
from pipeline.site.model import SiteInput

SERTA_MERTA = "<!-- ppid:serta-merta -->"
LATEST = "<!-- ppid:terbaru -->"
SOP = "<!-- ppid:sop -->"

_DURATION_WORDS = {"m": "menit", "h": "jam", "d": "hari kerja"}


def active_until(item: Announcement) -> date:
    """The last day `Announcement.is_active` holds: berlaku_hingga, else 30 days after the date."""
    return item.berlaku_hingga or item.tanggal + timedelta(days=30)


def serta_merta_alert(site: SiteInput, from_url: str) -> str:
    """The active serta-merta notices, or nothing.

    The site is static: each item carries its last day (`data-sampai`) and a small script on the home page
    hides what has expired since the build, so an old warning never reads as "sedang berlaku"."""
    active = [a for a in site.announcements if a.jenis == "serta-merta" and a.is_active(site.settings.today)]
    if not active:
        return ""
    items = []
    for item in active:
        href = urls.relative(from_url, urls.announcement_url(item, site.settings.docs_dir))
        until = (f" · berlaku hingga {dates_id.tanggal(item.berlaku_hingga)}" if item.berlaku_hingga else "")
        items.append(f'<li data-sampai="{active_until(item).isoformat()}"><a href="{esc(href)}">{esc(item.judul)}</a>\n'
                     f'<span class="ppid-entri__meta">{markup.time_tag(item)} · Nomor {esc(item.nomor)}{until}'
                     f"</span>\n<span>{esc(item.ringkasan)}</span></li>")
    return ('<section class="ppid-sertamerta" aria-labelledby="ppid-sertamerta-judul">\n'
            '<h2 id="ppid-sertamerta-judul">Informasi Serta Merta yang sedang berlaku</h2>\n'
            "<p>Informasi yang menyangkut keselamatan masyarakat. Bacalah dan ikuti petunjuknya.</p>\n"
            f'<ul>\n{chr(10).join(items)}\n</ul>\n</section>\n')


def latest_block(site: SiteInput, from_url: str = "") -> str:
    latest = site.announcements[: site.settings.latest]
    archive = urls.relative(from_url, f"{urls.ARCHIVE}/")
    return ('<section class="ppid-terbaru" aria-labelledby="ppid-terbaru-judul">\n'
            '<h2 id="ppid-terbaru-judul">Pengumuman Terbaru</h2>\n'
            + markup.entries(latest, from_url, site.settings.docs_dir, heading="h3")
            + f'\n<p class="ppid-semua"><a href="{archive}">Lihat semua pengumuman di Arsip ›</a></p>\n</section>\n')


def sop_block(sop: Sop) -> str:
    rows = []
    for step in sop.steps:
        role = sop.roles[step.role].nama
        waktu = f"{step.standard.amount} {_DURATION_WORDS[step.standard.unit]}"
        rows.append(f"<tr><td>{step.langkah}</td><td>{esc(role)}</td><td>{esc(step.kegiatan)}</td>"
                    f"<td>{esc(waktu)}</td><td>{esc(step.output)}</td></tr>")
    return (f'<div class="ppid-tabel" role="region" aria-label="Langkah SOP" tabindex="0">\n<table class="ppid-sop">\n'
            f"<caption>SOP Nomor {esc(sop.nomor_sop)}: {esc(sop.nama)}</caption>\n"
            "<thead><tr><th>No.</th><th>Pelaksana</th><th>Kegiatan</th><th>Waktu</th><th>Keluaran</th></tr>"
            "</thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n</div>\n")


def expand(markdown: str, site: SiteInput, sop: Sop, page_url: str) -> str:
    """Replace every known marker in a page's Markdown with its generated block."""
    blocks: dict[str, Callable[[], str]] = {
        SERTA_MERTA: lambda: serta_merta_alert(site, page_url),
        LATEST: lambda: latest_block(site, page_url),
        SOP: lambda: sop_block(sop),
    }
    for marker, build in blocks.items():
        if marker in markdown:
            markdown = markdown.replace(marker, "\n" + build() + "\n")
    return markdown
