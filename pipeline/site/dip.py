"""The Daftar Informasi Publik (DIP): one table with the seven required columns plus jenis and a link,
and the same rows as CSV, JSON and XLSX downloads.

Required columns (UU 14/2008 Pasal 11 ayat 1 huruf a; Perki 1/2021): nomor; ringkasan isi informasi; pejabat
atau unit yang menguasai informasi; penanggung jawab pembuatan atau penerbitan; waktu dan tempat pembuatan;
bentuk informasi yang tersedia; jangka waktu penyimpanan (retensi).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict, astuple, dataclass
from datetime import datetime

from pipeline.core import dates_id, export
from pipeline.core.announcement import Announcement
from pipeline.site import markup, urls
from pipeline.site.listing import newest
from pipeline.site.markup import esc
from pipeline.site.model import GeneratedFile, SiteInput

BASE = urls.DIP
CSV_NAME, JSON_NAME, XLSX_NAME = "dip.csv", "dip.json", "dip.xlsx"

# Machine key -> column label, in table order (the first seven are the required DIP columns).
COLUMNS = {
    "nomor": "Nomor",
    "ringkasan": "Ringkasan isi informasi",
    "unit": "Pejabat atau unit yang menguasai informasi",
    "penanggung_jawab": "Penanggung jawab pembuatan atau penerbitan informasi",
    "waktu_tempat": "Waktu dan tempat pembuatan informasi",
    "bentuk": "Bentuk informasi yang tersedia",
    "retensi": "Jangka waktu penyimpanan",
    "jenis": "Jenis informasi",
    "tautan": "Tautan",
}
_CELL_CLASS = {"ringkasan": ' class="ppid-dip__ringkasan"', "tautan": ' class="ppid-dip__tautan"'}


@dataclass(frozen=True)
class DipRow:
    nomor: str
    judul: str
    ringkasan: str
    unit: str
    penanggung_jawab: str
    tanggal: str  # YYYY-MM-DD
    tempat: str
    waktu_tempat: str  # "Pontianak, 5 Agustus 2024"
    bentuk: str
    retensi: str
    jenis: str
    jenis_label: str
    kategori: str
    tautan: str  # canonical URL


def rows(site: SiteInput) -> list[DipRow]:
    def row(item: Announcement) -> DipRow:
        return DipRow(
            nomor=item.nomor, judul=item.judul, ringkasan=item.ringkasan, unit=item.unit,
            penanggung_jawab=item.penanggung_jawab, tanggal=item.tanggal.isoformat(), tempat=item.tempat,
            waktu_tempat=dates_id.tempat_tanggal(item.tempat, item.tanggal), bentuk=markup.bentuk(item),
            retensi=item.retensi, jenis=item.jenis, jenis_label=item.jenis_label, kategori=item.kategori or "",
            tautan=site.settings.absolute(urls.announcement_url(item, site.settings.docs_dir)))
    return [row(item) for item in site.announcements]


def page(site: SiteInput, table_rows: list[DipRow], sizes: dict[str, int]) -> str:
    here = f"{BASE}/"
    settings = site.settings
    intro = ("Daftar seluruh informasi publik yang berada di bawah penguasaan "
             f"{settings.instansi}, tidak termasuk informasi yang dikecualikan.")
    downloads = " ".join(
        f'<a class="md-button" href="{name}" download>{label} <small>({markup.size(sizes[name])})</small></a>'
        for name, label in ((CSV_NAME, "Unduh CSV"), (JSON_NAME, "Unduh JSON"), (XLSX_NAME, "Unduh Excel")))
    body = []
    docs_dir = settings.docs_dir
    for item, row in zip(site.announcements, table_rows, strict=True):
        href = urls.relative(here, urls.announcement_url(item, docs_dir))
        cells = (esc(row.nomor), f'<strong class="ppid-dip__judul">{esc(row.judul)}</strong><br>{esc(row.ringkasan)}',
                 esc(row.unit), esc(row.penanggung_jawab), f"{esc(row.tempat)}, {markup.time_tag(item)}",
                 esc(row.bentuk), esc(row.retensi), esc(row.jenis_label),
                 f'<a href="{esc(href)}">Buka<span class="ppid-dip__nama"> {esc(row.judul)}</span></a>')
        # Each cell names its column: on a phone the rows become cards, the link first (see ppid.css).
        body.append("<tr>" + "".join(f'<td data-label="{esc(label)}"{_CELL_CLASS.get(key, "")}>{cell}</td>'
                                     for (key, label), cell in zip(COLUMNS.items(), cells, strict=True)) + "</tr>")
    head = "".join(f'<th scope="col">{esc(label)}</th>' for label in COLUMNS.values())
    table = (f'<div class="ppid-tabel" role="region" aria-label="Tabel Daftar Informasi Publik" tabindex="0">\n'
             f'<table class="ppid-dip" data-kartu>\n<thead><tr>{head}</tr></thead>\n<tbody>\n'
             + ("\n".join(body) or f'<tr><td colspan="{len(COLUMNS)}">Belum ada informasi.</td></tr>')
             + "\n</tbody>\n</table>\n</div>\n")
    return "\n".join([
        markup.front_matter("Daftar Informasi Publik", intro, **newest(site.announcements)),
        "# Daftar Informasi Publik\n",
        markup.RAW_HTML,
        f'<div class="ppid-pengantar">\n<p>{esc(intro)}</p>\n'
        f'<p class="ppid-jumlah">{len(table_rows)} informasi · diperbarui {dates_id.tanggal(settings.today)}</p>\n'
        f'<p class="ppid-unduh">{downloads}</p>\n</div>\n',
        table,
    ])


def to_csv(table_rows: list[DipRow]) -> bytes:
    return export.to_csv(list(DipRow.__dataclass_fields__), [astuple(row) for row in table_rows])


def to_json(table_rows: list[DipRow], site: SiteInput) -> bytes:
    document = {
        "judul": "Daftar Informasi Publik",
        "badan_publik": site.settings.instansi,
        "diperbarui": site.settings.today.isoformat(),
        "jumlah": len(table_rows),
        "kolom": COLUMNS,
        "data": [asdict(row) for row in table_rows],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def to_xlsx(table_rows: list[DipRow], site: SiteInput) -> bytes:
    today = datetime(site.settings.today.year, site.settings.today.month, site.settings.today.day)
    labels = ["No.", "Nomor", "Judul", "Ringkasan isi informasi", *list(COLUMNS.values())[2:]]
    cells = [(index, row.nomor, row.judul, row.ringkasan, row.unit, row.penanggung_jawab, row.waktu_tempat, row.bentuk,
              row.retensi, row.jenis_label, row.tautan) for index, row in enumerate(table_rows, start=1)]
    sheet = export.Sheet("DIP", labels, cells, widths=(6, 26, 40, 60, 30, 30, 26, 20, 18, 22, 50))
    return export.to_xlsx((sheet,), title="Daftar Informasi Publik", creator=site.settings.instansi, created=today)


def dip_files(site: SiteInput) -> Iterator[GeneratedFile]:
    table_rows = rows(site)
    # Downloads carry only recorded announcements: a preview shows drafts on the page (marked), never in a file
    # that could be passed on as the official register.
    public = site.published_only()
    public_rows = table_rows if public is site else rows(public)
    downloads = {CSV_NAME: to_csv(public_rows), JSON_NAME: to_json(public_rows, public),
                 XLSX_NAME: to_xlsx(public_rows, public)}
    yield GeneratedFile(f"{BASE}/index.md", page(site, table_rows, {k: len(v) for k, v in downloads.items()}))
    for name, data in downloads.items():
        yield GeneratedFile(f"{BASE}/{name}", data)

