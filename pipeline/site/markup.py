"""Small HTML pieces shared by the generators: escaping, labels, sizes, one list entry, pagination.

Generated pages are Markdown documents whose dynamic parts are raw HTML blocks: every staff-written value
goes through `esc()`, and Markdown leaves raw HTML blocks alone, so no value is ever read as Markdown.

A page may end with the `RAW_HTML` marker line followed only by HTML: any Markdown tool renders it as usual
(the marker is an HTML comment), and the MkDocs plugin skips Markdown for that tail, whose parsing is slow in
Python-Markdown (a few seconds for the list pages of 3,000 announcements).
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence

from pipeline.core import dates_id
from pipeline.core.announcement import Announcement
from pipeline.core.units import size_text
from pipeline.site import urls

RAW_HTML = "<!-- ppid:html -->"
BENTUK_LABEL = {"softcopy": "Softcopy", "hardcopy": "Hardcopy"}
MEDIA_LABEL = {"website": "Situs web", "papan-pengumuman": "Papan pengumuman", "media-sosial": "Media sosial",
               "media-massa": "Media massa"}
FILE_TYPE_LABEL = {"pdf": "PDF", "png": "Gambar PNG", "jpg": "Gambar JPEG", "jpeg": "Gambar JPEG",
                   "xlsx": "Lembar kerja Excel (XLSX)", "docx": "Dokumen Word (DOCX)", "csv": "Data CSV",
                   "odt": "Dokumen teks (ODT)", "ods": "Lembar kerja (ODS)"}


def esc(text: str) -> str:
    """Text for HTML element content or a double-quoted attribute."""
    return html.escape(text, quote=True)


def front_matter(title: str, description: str = "", **extra: str) -> str:
    """A YAML front matter block; JSON strings are valid YAML scalars, so any text is quoted safely."""
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}"]
    if description:
        lines.append(f"description: {json.dumps(description, ensure_ascii=False)}")
    lines += [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in extra.items()]
    return "\n".join([*lines, "---", ""])


def file_type(berkas: str) -> str:
    ext = berkas.rsplit(".", 1)[-1].lower()
    return FILE_TYPE_LABEL.get(ext, ext.upper())


def size(num_bytes: int) -> str:
    """Indonesian size: "850 B", "12 KB", "1,5 MB" (decimal comma, 1024-based)."""
    return size_text(num_bytes)


def bentuk(item: Announcement) -> str:
    return ", ".join(BENTUK_LABEL.get(b, b) for b in item.bentuk)


def time_tag(item: Announcement) -> str:
    return f'<time datetime="{item.tanggal.isoformat()}">{dates_id.tanggal(item.tanggal)}</time>'


def entry(item: Announcement, from_url: str, docs_dir: str, *, heading: str = "h2", show_jenis: bool = True) -> str:
    """One announcement in a list: title link, date, number, jenis, summary."""
    href = urls.relative(from_url, urls.announcement_url(item, docs_dir))
    meta = [time_tag(item), f'<span class="ppid-nomor">Nomor {esc(item.nomor)}</span>']
    if show_jenis:
        meta.append(f'<span class="ppid-label ppid-label--{item.jenis}">{esc(item.jenis_label)}</span>')
    elif item.kategori_label:
        meta.append(f"<span>{esc(item.kategori_label)}</span>")
    return (f'<article class="ppid-entri">\n'
            f'<{heading} class="ppid-entri__judul"><a href="{esc(href)}">{esc(item.judul)}</a></{heading}>\n'
            f'<p class="ppid-entri__meta">{" · ".join(meta)}</p>\n'
            f'<p class="ppid-entri__ringkasan">{esc(item.ringkasan)}</p>\n'
            f"</article>")


def entries(items: Sequence[Announcement], from_url: str, docs_dir: str, *, heading: str = "h2",
            show_jenis: bool = True) -> str:
    if not items:
        return '<div class="ppid-daftar"><p class="ppid-kosong">Belum ada pengumuman.</p></div>'
    body = "\n".join(entry(a, from_url, docs_dir, heading=heading, show_jenis=show_jenis) for a in items)
    return f'<div class="ppid-daftar">\n{body}\n</div>'


def pagination(base: str, number: int, count: int) -> str:
    """Links between the pages of a list; empty when there is only one page."""
    if count <= 1:
        return ""
    here = urls.list_url(base, number)
    links = []
    if number > 1:
        links.append(f'<a class="ppid-halaman__prev" href="{urls.relative(here, urls.list_url(base, number - 1))}" '
                     f'rel="prev">‹ Sebelumnya</a>')
    shown = sorted({1, count, *range(max(1, number - 2), min(count, number + 2) + 1)})
    previous = 0
    for n in shown:
        if n > previous + 1:
            links.append('<span class="ppid-halaman__celah">…</span>')
        previous = n
        if n == number:
            links.append(f'<span aria-current="page">{n}</span>')
        else:
            links.append(f'<a href="{urls.relative(here, urls.list_url(base, n))}" '
                         f'aria-label="Halaman {n}">{n}</a>')
    if number < count:
        links.append(f'<a class="ppid-halaman__next" href="{urls.relative(here, urls.list_url(base, number + 1))}" '
                     f'rel="next">Berikutnya ›</a>')
    return f'<nav class="ppid-halaman" aria-label="Halaman daftar">\n{" ".join(links)}\n</nav>'
