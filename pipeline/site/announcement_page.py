"""An announcement's page around its (already sanitised) body: the metadata panel, attachments, the link to
its proof page, and what only the printout shows (letterhead, place and date, QR code to the page).
"""

from __future__ import annotations

from pipeline.core import dates_id
from pipeline.core.announcement import SERTA_MERTA_ALERT, Announcement
from pipeline.core.sop import Sop
from pipeline.site import markup, phones, urls
from pipeline.site.markup import esc
from pipeline.site.model import SiteInput


def _row(label: str, value: str) -> str:
    return f"<div><dt>{esc(label)}</dt><dd>{value}</dd></div>"


def panel(item: Announcement, site: SiteInput) -> str:
    """The metadata panel: nomor, jenis, kategori, tanggal, unit, penanggung jawab, retensi, ..."""
    here = urls.announcement_url(item, site.settings.docs_dir)
    jenis_href = urls.relative(here, f"{urls.JENIS_PATH[item.jenis]}/")
    rows = [
        _row("Nomor", esc(item.nomor)),
        _row("Jenis informasi", f'<a href="{jenis_href}">{esc(item.jenis_label)}</a>'),
    ]
    if item.kategori_label:
        rows.append(_row("Kategori", esc(item.kategori_label)))
    rows.append(_row("Tanggal", markup.time_tag(item)))
    if item.berlaku_hingga:
        rows.append(_row("Berlaku hingga", f'<time datetime="{item.berlaku_hingga.isoformat()}">'
                                           f"{dates_id.tanggal(item.berlaku_hingga)}</time>"))
    rows += [
        _row("Unit yang menguasai informasi", esc(item.unit)),
        _row("Penanggung jawab", esc(item.penanggung_jawab)),
        _row("Tempat pembuatan", esc(item.tempat)),
        _row("Bentuk informasi", esc(markup.bentuk(item))),
        _row("Jangka waktu penyimpanan", esc(item.retensi)),
    ]
    if item.media:
        rows.append(_row("Diumumkan melalui", esc(", ".join(markup.MEDIA_LABEL.get(m, m) for m in item.media))))
    if item.slug in site.proof_slugs:
        href = urls.relative(here, urls.proof_url(item.slug))
        rows.append(_row("Bukti pengumuman", f'<a href="{href}">Lihat bukti pengumuman</a>'))
    return ('<section class="ppid-panel" aria-labelledby="ppid-panel-judul">\n'
            '<h2 id="ppid-panel-judul" class="ppid-panel__judul">Keterangan informasi</h2>\n'
            f'<dl>\n{chr(10).join(rows)}\n</dl>\n</section>')


def attachments(item: Announcement, site: SiteInput, sop: Sop) -> str:
    if not item.lampiran:
        return ""
    here = urls.announcement_url(item, site.settings.docs_dir)
    entries = []
    for lampiran in item.lampiran:
        target = urls.attachment_url(lampiran.berkas, sop.content.attachments, site.settings.docs_dir)
        details = [markup.file_type(lampiran.berkas)]
        size = site.attachment_sizes.get(target)
        if size is not None:
            details.append(markup.size(size))
        entries.append(f'<li><a href="{esc(urls.relative(here, target))}" download>{esc(lampiran.judul)}</a> '
                       f'<span class="ppid-lampiran__info">({esc(", ".join(details))})</span></li>')
    return ('<section class="ppid-lampiran" aria-labelledby="ppid-lampiran-judul">\n'
            '<h2 id="ppid-lampiran-judul">Lampiran</h2>\n'
            f'<ul>\n{chr(10).join(entries)}\n</ul>\n</section>')


LOGO = "assets/ppid/logo.svg"


def letterhead(here: str, sop: Sop) -> str:
    """Printed only: the office's letterhead (kop)."""
    return ('<div class="ppid-kop" aria-hidden="true">\n'
            f'<img class="ppid-kop__logo" src="{urls.relative(here, LOGO)}" alt="">\n<div class="ppid-kop__teks">\n'
            f"<p>{esc(sop.pemerintah)}</p>\n"
            f"<p class=\"ppid-kop__instansi\">{esc(sop.instansi)}</p>\n"
            "<p>Pejabat Pengelola Informasi dan Dokumentasi (PPID)</p>\n"
            "</div>\n</div>")


def serta_merta_alert(body_html: str, numbers: tuple[str, ...]) -> str:
    """The box above a serta-merta notice: the warning, the numbers to call, links to what to do."""
    parts = [f"<p><strong>Informasi Serta Merta.</strong> {esc(SERTA_MERTA_ALERT)}</p>"]
    if numbers:
        calls = " · ".join(f'<a class="ppid-tel" href="{phones.tel_href(n)}">{esc(n)}</a>' for n in numbers[:3])
        parts.append(f'<p class="ppid-peringatan__telepon">Telepon: {calls}</p>')
    found = phones.shortcuts(body_html)
    if found:
        links = "".join(f'<li><a href="#{esc(s.anchor)}">{esc(s.title)}</a></li>' for s in found)
        parts.append(f'<nav aria-label="Yang harus dilakukan"><ul class="ppid-peringatan__pintas">{links}</ul></nav>')
    return '<div class="ppid-peringatan" role="note">\n' + "\n".join(parts) + "\n</div>\n"


def render(item: Announcement, body_html: str, site: SiteInput, sop: Sop, qr_svg: str) -> str:
    """The page content: title block, summary, body, attachments, panel, signature block and QR code.

    The body comes before the metadata panel: a reader (above all of a serta-merta notice) needs the
    message first; number and date are already in the title block."""
    here = urls.announcement_url(item, site.settings.docs_dir)
    url = site.settings.absolute(here)
    alert = ""
    if item.jenis == "serta-merta":
        body_html, numbers = phones.link_phones(body_html)
        alert = serta_merta_alert(body_html, numbers)
    place_date = dates_id.tempat_tanggal(item.tempat, item.tanggal)
    return "\n".join([
        letterhead(here, sop),
        '<header class="ppid-judul">',
        f'<p class="ppid-judul__jenis">Pengumuman · {esc(item.jenis_label)}</p>',
        f"<h1>{esc(item.judul)}</h1>",
        f'<p class="ppid-judul__nomor">Nomor: {esc(item.nomor)} · {markup.time_tag(item)}</p>',
        "</header>",
        alert + f'<p class="ppid-ringkasan">{esc(item.ringkasan)}</p>',
        f'<div class="ppid-isi">\n{body_html}\n</div>',
        attachments(item, site, sop),
        panel(item, site),
        '<footer class="ppid-ttd">',
        f"<p>{esc(place_date)}</p>",
        f"<p>{esc(item.penanggung_jawab)}</p>",
        "</footer>",
        '<div class="ppid-qr">',
        qr_svg,
        f'<p>Pindai kode QR untuk membuka pengumuman ini di situs PPID:<br><span class="ppid-qr__url">'
        f"{esc(url)}</span></p>",
        "</div>",
    ])
