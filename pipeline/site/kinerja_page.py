"""The Kinerja Layanan page (`kinerja-layanan/`): SOP step times, the share that met the standard and the
send-backs, per year and jenis, from the proof records; charts as SVG files beside data tables.

Each chart is a `<figure>` whose `<img>` has a short alt text and whose caption says the table below holds every
number, so a screen reader reads the table instead of the picture. Values come from the records and sop.yml
and go through `esc()` like every generated page.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from pipeline.core.announcement import JENIS_LABEL
from pipeline.core.chain.words import STEP_NAME, standard_text
from pipeline.core.kinerja import (
    ALL_JENIS,
    GroupStats,
    SendBackStats,
    StepStats,
    YearStats,
    duration_text,
    kinerja,
    number_text,
    review_steps,
    share_text,
)
from pipeline.core.proof import ChainReport
from pipeline.core.sop import WEEKDAYS_ID, Sop
from pipeline.site import kinerja_svg as svg
from pipeline.site import markup, urls
from pipeline.site.markup import esc
from pipeline.site.model import GeneratedFile, SiteInput
from pipeline.site.pages import PageBuilder
from pipeline.site.proof_pages import DEMO_NOTE

BASE = "kinerja-layanan/"
TITLE = "Kinerja Layanan Pengumuman"
IMG_WIDTH = 480  # CSS px on wide screens; phones scale the picture down to the column (max-width: 100%)
JENIS_NAME = {ALL_JENIS: "semua jenis informasi", "berkala": "informasi berkala",
              "serta-merta": "informasi serta merta", "setiap-saat": "informasi tersedia setiap saat"}
TIME_LEGEND = (svg.LegendItem("solid", "Median"), svg.LegendItem("hatch", "Persentil ke-90"),
               svg.LegendItem("marker", "Standar SOP"))


def role_name(sop: Sop, role: str) -> str:
    found = sop.roles.get(role)  # type: ignore[call-overload]
    return found.nama if found else role


def step_name(step: StepStats, sop: Sop) -> str:
    """"3. Pemeriksaan (Kabid/Kasubag)"."""
    return f"{step.langkah}. {STEP_NAME.get(step.key, step.key)} ({role_name(sop, step.role)})"


def hours_text(sop: Sop) -> str:
    """The office hours of sop.yml in words: "Senin–Kamis 07.30–16.00, Jumat 07.30–16.30 WIB"."""
    runs: list[tuple[list[str], tuple[str, str]]] = []
    for day in WEEKDAYS_ID:
        span = sop.calendar.hours.get(day)
        if span is None:
            continue
        if runs and runs[-1][1] == span and WEEKDAYS_ID.index(runs[-1][0][-1]) == WEEKDAYS_ID.index(day) - 1:
            runs[-1][0].append(day)
        else:
            runs.append(([day], span))
    zone = datetime(2025, 1, 1, tzinfo=sop.tz).tzname() or sop.calendar.timezone
    parts = [f"{days[0].capitalize()}{'–' + days[-1].capitalize() if len(days) > 1 else ''} "
             f"{span[0].replace(':', '.')}–{span[1].replace(':', '.')}" for days, span in runs]
    return f"{', '.join(parts)} {zone}"


def standards_text(step: StepStats) -> str:
    return " / ".join(standard_text(s) for s in step.standards)


def met_text(step: StepStats) -> str:
    """"5 dari 6 (83%)", or "–" when nothing was measured."""
    return f"{step.met} dari {step.measured} ({share_text(step.share_met)})" if step.measured else "–"


def send_back_text(stats: SendBackStats) -> str:
    return number_text(stats.per_publication) if stats.per_publication is not None else "–"


# -- charts ------------------------------------------------------------------------------------------------------
def time_chart(group: GroupStats, sop: Sop) -> str:
    """Median and P90 of each step's working time, each step on its own scale with its standard as a line."""
    rows = []
    for step in group.steps:
        role = role_name(sop, step.role)
        standard = standards_text(step)
        if step.standard_minutes is None:
            standard += " (dinilai dari tenggat tiap catatan)"
        bars: tuple[svg.Bar, ...] = ()
        if step.measured:
            bars = (svg.Bar(step.median, duration_text(step.median), "Median"),
                    svg.Bar(step.p90, duration_text(step.p90), "P90", hatched=True))
        else:
            bars = (svg.Bar(None, "belum ada data terukur"),)
        rows.append(svg.Row(f"{step.langkah}. {STEP_NAME.get(step.key, step.key)}", bars,
                            note=f"{role} · standar {standard}", marker=step.standard_minutes))
    what = JENIS_NAME[group.jenis]
    return svg.chart(
        f"Lama tiap langkah SOP tahun {group.tahun}, {what}",
        f"Median dan persentil ke-90 waktu kerja tiap langkah dari {group.publications} penerbitan, dalam jam "
        "kerja; tiap langkah digambar dengan skalanya sendiri, garis putus-putus menandai standar waktu SOP.",
        rows, TIME_LEGEND)


def share_chart(group: GroupStats, sop: Sop) -> str:
    """The share of measured steps that met the standard, 0-100% for every step."""
    rows = [svg.Row(step_name(step, sop),
                    (svg.Bar(step.share_met, met_text(step) if step.measured else "belum ada data terukur"),),
                    scale=1.0, track=True)
            for step in group.steps]
    return svg.chart(
        f"Langkah yang memenuhi standar waktu SOP, tahun {group.tahun}",
        f"Persentase penerbitan yang menyelesaikan tiap langkah dalam standar waktunya, dari {group.publications} "
        "penerbitan; bilah abu-abu penuh berarti 100 persen.",
        rows, (svg.LegendItem("solid", "Memenuhi standar"), svg.LegendItem("track", "100%")))


def send_back_chart(group: GroupStats) -> str:
    """How many publications were sent back never, once, twice or more."""
    stats = group.send_backs
    rows = [svg.Row(label, (svg.Bar(float(count), f"{count} penerbitan"),), scale=float(stats.recorded), track=True)
            for label, count in (("Tidak dikembalikan", stats.never), ("Dikembalikan 1 kali", stats.once),
                                 ("Dikembalikan 2 kali atau lebih", stats.more))]
    return svg.chart(
        f"Pengembalian konsep tahun {group.tahun}",
        f"Banyaknya penerbitan menurut berapa kali konsepnya dikembalikan untuk diperbaiki, dari {stats.recorded} "
        "penerbitan yang catatannya memuat data pengembalian.",
        rows, (svg.LegendItem("solid", "Penerbitan"), svg.LegendItem("track", f"{stats.recorded} (semua)")))


# -- HTML pieces -------------------------------------------------------------------------------------------------
def _table(caption: str, head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A data table (first cell of each row is its header); on a phone each row is a card (see ppid.css)."""
    th = "".join(f'<th scope="col">{esc(h)}</th>' for h in head)
    labels = [esc(h) for h in head[1:]]
    body = "\n".join("<tr>" + f'<th scope="row">{row[0]}</th>'
                     + "".join(f'<td data-label="{label}">{cell}</td>'
                               for label, cell in zip(labels, row[1:], strict=True))
                     + "</tr>" for row in rows)
    # Wide tables scroll sideways on a phone: the scrolling region takes keyboard focus and has a name (WCAG 2.1.1).
    return (f'<div class="md-typeset__scrollwrap" tabindex="0" role="region" aria-label="{esc(caption)}">'
            f'<div class="md-typeset__table"><table data-kartu>\n'
            f"<caption>{esc(caption)}</caption>\n<thead><tr>{th}</tr></thead>\n<tbody>\n{body}\n</tbody>\n"
            "</table></div></div>")


def _figure(name: str, picture: str, alt: str, caption: str) -> str:
    height = round(svg.height_of(picture) * IMG_WIDTH / svg.WIDTH)
    return (f'<figure class="ppid-grafik">\n<img src="{esc(name)}" alt="{esc(alt)}" width="{IMG_WIDTH}" '
            f'height="{height}" loading="lazy">\n<figcaption>{esc(caption)} Angka lengkapnya ada pada tabel di '
            "bawah gambar.</figcaption>\n</figure>")


def step_table(group: GroupStats, sop: Sop) -> str:
    checking = set(review_steps(sop).values())
    rows = [[esc(step_name(step, sop)), esc(standards_text(step)), str(step.measured), esc(duration_text(step.median)),
             esc(duration_text(step.p90)), esc(met_text(step)),
             (str(step.send_backs) if step.send_backs is not None else "–") if step.langkah in checking else "–"]
            for step in group.steps]
    return _table(f"Lama tiap langkah tahun {group.tahun}, {JENIS_NAME[group.jenis]} ({group.publications} "
                  "penerbitan; waktu dalam jam kerja)",
                  ("Langkah", "Standar", "Diukur", "Median", "Persentil ke-90", "Memenuhi standar", "Dikembalikan"),
                  rows)


def send_back_table(year: YearStats) -> str:
    rows = []
    for group in year.groups:
        s = group.send_backs
        rows.append([esc(JENIS_LABEL.get(group.jenis, "Semua jenis")), str(s.publications), str(s.recorded),
                     str(s.never), str(s.once), str(s.more), str(s.total), esc(send_back_text(s))])
    return _table(f"Pengembalian konsep tahun {year.tahun} menurut jenis informasi",
                  ("Jenis", "Penerbitan", "Tercatat", "Tidak dikembalikan", "1 kali", "2 kali atau lebih",
                   "Jumlah pengembalian", "Per penerbitan"), rows)


# -- the page ----------------------------------------------------------------------------------------------------
def _chart(files: list[GeneratedFile], name: str, picture: str) -> str:
    files.append(GeneratedFile(f"{BASE}{name}", picture))
    return name


def _no_line(group: GroupStats) -> str:
    """Why some steps have no standard line (day standards, or a mix of standards)."""
    steps = [str(step.langkah) for step in group.steps if step.standard_minutes is None]
    if not steps:
        return ""
    which = steps[0] if len(steps) == 1 else f"{', '.join(steps[:-1])} dan {steps[-1]}"
    return f" Langkah {which} tidak bergaris karena standarnya dalam hari kerja; dinilai dari tenggat tiap catatan."


def _year(year: YearStats, sop: Sop, files: list[GeneratedFile]) -> list[str]:
    t = year.tahun
    every = year.all
    counts = ", ".join(f"{g.publications} {JENIS_NAME[g.jenis]}" for g in year.groups[1:] if g.publications)
    parts = ["", f"## Tahun {t}", "", f"<p>{every.publications} penerbitan: {esc(counts)}.</p>"]
    for group in year.groups:
        what = JENIS_NAME[group.jenis]
        parts += ["", f"### {'Semua jenis informasi' if group.jenis == ALL_JENIS else JENIS_LABEL[group.jenis]}", ""]
        if not group.publications:
            parts.append(f'<p class="ppid-kosong">Tidak ada penerbitan {esc(what)} pada tahun {t}.</p>')
            continue
        if group.jenis == ALL_JENIS:
            picture = share_chart(group, sop)
            name = _chart(files, f"{t}-ketepatan.svg", picture)
            parts += [_figure(name, picture, f"Grafik batang: persentase penerbitan tahun {t} yang menyelesaikan "
                              "tiap langkah SOP dalam standar waktunya.",
                              f"Ketepatan waktu: persentase penerbitan tahun {t} yang menyelesaikan tiap langkah "
                              "dalam standar waktu SOP."), ""]
        picture = time_chart(group, sop)
        name = _chart(files, f"{t}-waktu-{group.jenis}.svg", picture)
        parts += [_figure(name, picture, f"Grafik batang: median dan persentil ke-90 lama tiap langkah SOP, {what}, "
                          f"tahun {t}.",
                          f"Lama tiap langkah ({what}, tahun {t}): median dan persentil ke-90 dibanding standar SOP "
                          f"(garis putus-putus).{_no_line(group)}"),
                  "", step_table(group, sop)]
    parts += ["", "### Pengembalian konsep", ""]
    stats = every.send_backs
    if stats.recorded:
        picture = send_back_chart(every)
        name = _chart(files, f"{t}-pengembalian.svg", picture)
        parts += [_figure(name, picture, f"Grafik batang: banyaknya penerbitan tahun {t} menurut berapa kali "
                          "konsepnya dikembalikan.",
                          f"Rata-rata {send_back_text(stats)} pengembalian per penerbitan pada tahun {t} "
                          f"({stats.total} pengembalian dari {stats.recorded} penerbitan)."), ""]
    if stats.recorded < stats.publications:
        missing = stats.publications - stats.recorded
        parts += [f"<p>{missing} catatan bukti tahun {t} dibuat sebelum pengembalian konsep ikut dicatat; catatan "
                  "itu tidak dihitung dalam angka pengembalian (bukan berarti tidak pernah dikembalikan).</p>", ""]
    parts.append(send_back_table(year))
    return parts


def _method(sop: Sop) -> list[str]:
    return ["", "## Cara menghitung", "", "<ul>",
            "<li><strong>Penerbitan</strong>: satu pull request yang digabung setelah rantai persetujuan lengkap, "
            "dengan satu catatan bukti. Tahunnya adalah tahun penggabungan (WIB).</li>",
            f"<li><strong>Lama langkah</strong>: jam kerja menurut kalender kerja SOP ({esc(hours_text(sop))}, di luar "
            "hari libur nasional dan cuti bersama), seperti tercatat pada catatan bukti. "
            "Langkah tanpa waktu mulai yang tercatat tidak diukur.</li>",
            "<li><strong>Median</strong>: nilai tengah setelah diurutkan (rata-rata dua nilai tengah bila "
            "banyaknya genap). <strong>Persentil ke-90</strong>: metode peringkat terdekat, yaitu waktu tercatat "
            "terkecil yang tidak terlampaui oleh sekurang-kurangnya 90% dari semua waktu tercatat.</li>",
            "<li><strong>Memenuhi standar</strong>: hasil penilaian pada catatan bukti. Standar menit dan jam "
            "dibandingkan dengan menit kerja; standar hari kerja berarti selesai paling lambat pada jam yang sama di "
            "hari kerja berikutnya, sehingga dinilai dari tenggat tiap catatan, bukan dari jumlah menit.</li>",
            "<li><strong>Pengembalian</strong>: ulasan <em>Request changes</em> dari "
            f"{esc(sop.roles['kabid'].nama)}, {esc(sop.roles['sekretaris'].nama)} atau "
            f"{esc(sop.roles['kepala_dinas'].nama)} sebelum penggabungan (jawaban TIDAK pada SOP), dihitung pada "
            "langkah pemeriksaan peran itu.</li>",
            "</ul>"]


def page(years: Sequence[YearStats], sop: Sop) -> list[GeneratedFile]:
    """The page and its charts (years newest first)."""
    files: list[GeneratedFile] = []
    intro = (f"Berapa lama setiap langkah SOP {sop.nomor_sop} <em>{esc(sop.nama)}</em> dikerjakan dibanding "
             "standar waktunya, dan berapa kali konsep pengumuman dikembalikan untuk diperbaiki. Angka dihitung "
             "dari catatan bukti setiap pengumuman yang diterbitkan, setiap kali situs dibangun.")
    parts = [markup.front_matter(TITLE, "Waktu tiap langkah SOP pengumuman informasi publik dibanding standarnya, "
                                 "per tahun dan jenis informasi."),
             f'<header class="ppid-judul">\n<h1>{esc(TITLE)}</h1>\n</header>']
    if any(y.demo for y in years):
        parts.append(DEMO_NOTE)
    proofs = urls.relative(BASE, "bukti/")
    parts.append(f'<p>{intro} Rincian tiap pengumuman ada di <a href="{esc(proofs)}">bukti pengumuman</a>.</p>')
    if not years:
        parts += ['<p class="ppid-kosong">Belum ada catatan bukti; kinerja layanan dihitung setelah pengumuman '
                  "pertama diterbitkan.</p>", *_method(sop), ""]
        return [GeneratedFile(f"{BASE}index.md", "\n".join(parts))]
    summary = [[str(y.tahun), str(y.all.publications),
                f"{y.all.met} dari {y.all.measured} ({share_text(y.all.share_met)})",
                esc(send_back_text(y.all.send_backs))] for y in years]
    parts += ["", "## Ringkasan", "",
              _table("Ringkasan per tahun", ("Tahun", "Penerbitan", "Langkah memenuhi standar",
                                             "Pengembalian per penerbitan"), summary)]
    for year in years:
        parts += _year(year, sop, files)
    parts += [*_method(sop), ""]
    return [GeneratedFile(f"{BASE}index.md", "\n".join(parts)), *files]


def builder(report: ChainReport, sop: Sop) -> PageBuilder:
    """The page builder the plugin appends (the statistics do not depend on the announcements on the site)."""
    years = kinerja((record for _, record in report.records), sop, sop.tz)

    def build(site: SiteInput) -> list[GeneratedFile]:
        return page(years, sop)

    return build
