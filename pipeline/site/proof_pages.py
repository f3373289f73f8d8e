"""Proof pages (bukti pengumuman) from proof records: `bukti/<slug>/` per announcement, `bukti/` listing them
all, and `bukti/rantai.txt`, the published head of the hash chain.

Like the other generators, pages are Markdown documents whose dynamic parts are raw HTML blocks and every
recorded value goes through `esc()`; links leave the site only to http(s) addresses from the records.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, tzinfo

from pipeline.core.chain.words import STEP_NAME, minutes_text, standard_text, when
from pipeline.core.proof import ChainReport, ProofRecord, generation_start
from pipeline.core.proof_check import HEAD_FILE, head_text
from pipeline.core.sop import Sop
from pipeline.site import markup, urls
from pipeline.site.evidence_section import EvidencePhoto, evidence_section
from pipeline.site.markup import esc
from pipeline.site.model import GeneratedFile, SiteInput
from pipeline.site.pages import PageBuilder

INDEX = "bukti/"
STATUS_LABEL = {"ok": "Sesuai standar", "late": "Melewati standar", "running": "Sedang berjalan",
                "overdue": "Melewati standar", "not_started": "Tidak tercatat"}

Versions = list[tuple[str, ProofRecord]]


def proof_slugs(records: Sequence[tuple[str, ProofRecord]]) -> frozenset[str]:
    """The slugs that have a proof page (for the link from the announcement page)."""
    return frozenset(slug for _, record in records for slug in record.slugs)


def by_slug(records: Sequence[tuple[str, ProofRecord]]) -> dict[str, Versions]:
    """Every record that published each slug, oldest first."""
    out: dict[str, Versions] = {}
    for path, record in records:
        for slug in record.slugs:
            out.setdefault(slug, []).append((path, record))
    return out


def _link(url: str, text: str, demo: bool = False) -> str:
    """An outside link only to http(s) addresses of a real record; anything else is shown as text."""
    if url.startswith(("https://", "http://")) and not demo:
        return f'<a href="{esc(url)}" rel="noopener">{text}</a>'
    return text


def _time(moment: datetime | None, tz: tzinfo, *, weekday: bool = True) -> str:
    if moment is None:
        return "–"
    return f'<time datetime="{moment.astimezone(tz).isoformat()}">{esc(when(moment, tz, weekday=weekday))}</time>'


def _span(start: datetime | None, end: datetime | None, tz: tzinfo) -> str:
    """"3 Januari 2025 14.00–14.10 WIB" within a day, else both ends in full."""
    if start is None or end is None:
        return _time(start or end, tz, weekday=False)
    if start.astimezone(tz).date() == end.astimezone(tz).date():
        local = end.astimezone(tz)
        return (f'{_time(start, tz, weekday=False).removesuffix(f" {local.tzname()}</time>")}</time>–'
                f'<time datetime="{local.isoformat()}">{local:%H.%M} {esc(local.tzname() or "")}</time>')
    return f"{_time(start, tz, weekday=False)} – {_time(end, tz, weekday=False)}"


def _code(text: str) -> str:
    return f"<code>{esc(text)}</code>"


def _table(caption: str, head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain table (Material styles unclassed tables), scrollable on narrow screens."""
    th = "".join(f'<th scope="col">{esc(h)}</th>' for h in head)
    body = "\n".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    # The scrolling region takes keyboard focus and has a name (WCAG 2.1.1), like the kinerja tables.
    return (f'<div class="md-typeset__scrollwrap" tabindex="0" role="region" aria-label="{esc(caption)}">'
            f'<div class="md-typeset__table"><table>\n'
            f"<caption>{esc(caption)}</caption>\n<thead><tr>{th}</tr></thead>\n<tbody>\n{body}\n</tbody>\n"
            "</table></div></div>")


def _who(login: str, name: str | None) -> str:
    return f"{esc(name)} (@{esc(login)})" if name else f"@{esc(login)}"


def _summary(path: str, record: ProofRecord, slug: str, tz: tzinfo, docs_dir: str) -> str:
    pr = record.pull_request
    rows = [("Pull request",
             f"{_link(pr.url, f'#{pr.number}', record.demo)} {esc(pr.title)}, diajukan oleh @{esc(pr.author)}"
             if pr else "tidak ada (catatan awal arsip)")]
    if record.disposisi:
        d = record.disposisi
        text = f"{_link(d.url, f'#{d.number}', record.demo)}, dibuat {_time(d.created_at, tz)}"
        if d.assigned_at and d.assigned_by:
            text += f"; ditugaskan oleh @{esc(d.assigned_by)} {_time(d.assigned_at, tz)}"
        rows.append(("Disposisi", text))
    rows.append(("Digabung (diterbitkan)", f"{_time(record.merged_at, tz)} oleh @{esc(record.merged_by)}"))
    rows.append(("Commit merge", _code(record.commits.merge)))
    for ann in record.announcements:
        if ann.slug != slug:
            continue
        item = record.file_hash(ann.path)
        rows.append(("Berkas pengumuman", _code(ann.path)))
        if item is None:  # published again because an attachment it names changed
            rows.append(("SHA-256 isi", "tidak berubah pada merge ini (lampirannya diperbarui)"))
        else:
            rows.append(("SHA-256 isi", _code(item.sha256) if item.sha256 else "berkas dihapus (ditarik)"))
    own = {ann.path for ann in record.announcements}
    for item in record.files:
        if item.path not in own:
            state = _code(item.sha256) if item.sha256 else "berkas dihapus (ditarik)"
            rows.append(("Berkas lain dalam merge ini", f"{_code(item.path)}<br>SHA-256 {state}"))
    record_href = urls.relative(urls.proof_url(slug), urls.src_uri_of(path, docs_dir))
    rows.append(("Catatan bukti", f'<a href="{esc(record_href)}">{_code(path)}</a> (nomor urut {record.seq})'))
    rows.append(("SHA-256 catatan", _code(record.sha256)))
    rows.append(("SHA-256 catatan sebelumnya", _code(record.prev_sha256)))
    rows.append(("Versi pipeline", esc(record.pipeline_version)))
    items = "\n".join(f"<div><dt>{esc(label)}</dt><dd>{value}</dd></div>" for label, value in rows)
    return f'<section class="ppid-panel" aria-label="Ringkasan versi">\n<dl>\n{items}\n</dl>\n</section>'


def _approvals(record: ProofRecord, sop: Sop, tz: tzinfo) -> str:
    steps: dict[str, int] = {s.role: s.langkah for s in sop.steps if s.key != "disposisi"}
    rows = [[str(steps.get(a.role, "–")), esc(_role(sop, a.role)), _who(a.login, a.name),
             _time(a.submitted_at, tz, weekday=False),
             _link(a.url, f"Ulasan {a.review_id}", record.demo) + f" pada commit {_code(a.commit[:7])}"]
            for a in record.approvals]
    return _table("Persetujuan berurutan", ("Langkah", "Peran", "Disetujui oleh", "Waktu", "Ulasan"), rows)


def _send_backs(record: ProofRecord, sop: Sop, tz: tzinfo) -> list[str]:
    """The TIDAK answers of SOP steps 3-5 (drafts sent back for repair); nothing when none were recorded."""
    if not record.send_backs:
        return []
    rows = [[esc(_role(sop, b.role)), f"@{esc(b.login)}", _time(b.submitted_at, tz, weekday=False),
             _link(b.url, f"Ulasan {b.review_id}", record.demo) + f" pada commit {_code(b.commit[:7])}"]
            for b in record.send_backs]
    return ["", "### Dikembalikan untuk diperbaiki", "",
            _table("Konsep yang dikembalikan sebelum disetujui (jawaban TIDAK pada langkah pemeriksaan SOP)",
                   ("Peran", "Oleh", "Waktu", "Ulasan"), rows)]


def _role(sop: Sop, role: str) -> str:
    found = sop.roles.get(role)  # type: ignore[call-overload]
    return found.nama if found else role


def _timing(record: ProofRecord, sop: Sop, tz: tzinfo) -> str:
    rows = []
    for row in record.timing:
        elapsed = minutes_text(row.elapsed_minutes) if row.elapsed_minutes is not None else "–"
        rows.append([str(row.step), esc(f"{STEP_NAME.get(row.key, row.key)} ({_role(sop, row.role)})"),
                     esc(standard_text(row.standard)), _span(row.started_at, row.finished_at, tz),
                     esc(elapsed), esc(STATUS_LABEL.get(row.status, row.status))])
    return _table(f"Waktu tiap langkah dibanding standar SOP {sop.nomor_sop} (lama dihitung dalam jam kerja)",
                  ("Langkah", "Kegiatan", "Standar", "Mulai–selesai", "Lama", "Hasil"), rows)


def _how_to_verify(versions: Versions, here: str) -> str:
    path, last = versions[-1]
    ann = next(a for a in last.announcements if last.file_hash(a.path))
    head_href = urls.relative(here, f"{INDEX}{HEAD_FILE}")
    lines = [
        "## Cara memeriksa bukti ini", "",
        "<p>Siapa pun dapat memeriksa bahwa isi pengumuman dan catatan persetujuannya tidak diubah setelah "
        "diterbitkan. Di salinan (clone) repositori PPID:</p>",
        "<ol>",
        f"<li>Hitung hash isi pengumuman pada commit merge; hasilnya harus sama dengan <em>SHA-256 isi</em> di atas:"
        f"<pre><code>git show {esc(last.commits.merge)}:{esc(ann.path)} | sha256sum</code></pre></li>",
        "<li>Hitung hash catatan bukti tanpa kolom <code>sha256</code>-nya (JSON kanonik: kunci terurut, tanpa "
        "spasi); hasilnya harus sama dengan <em>SHA-256 catatan</em>, dan <code>prev_sha256</code> setiap catatan "
        f"harus sama dengan hash catatan sebelumnya:<pre><code>jq -jcS 'del(.sha256)' {esc(path)} | sha256sum"
        "</code></pre></li>",
        f'<li>Bandingkan kepala rantai dengan yang diterbitkan di <a href="{esc(head_href)}">{esc(HEAD_FILE)}</a>, '
        "atau periksa semuanya sekaligus:<pre><code>ppid verify --kepala &lt;kepala dari rantai.txt&gt;</code></pre>"
        "</li>",
        "</ol>",
        "<p>Bila ada satu bita saja yang berubah, catatan dihapus atau urutannya ditukar, <code>ppid verify</code> "
        "menyebut catatan yang rusak dan berakhir dengan kode 1.</p>",
    ]
    return "\n".join(lines)


DEMO_NOTE = ('<div class="admonition warning">\n<p class="admonition-title">Catatan contoh</p>\n'
             "<p>Catatan bukti ini dibuat untuk demonstrasi dengan GitHub tiruan: repositori, pull request, disposisi "
             "dan ulasan di dalamnya bukan kejadian sungguhan, dan tautannya tidak aktif. Hash isi pengumuman dan "
             "rantai hash tetap dapat diperiksa seperti catatan sungguhan.</p>\n</div>")


def proof_page(slug: str, versions: Versions, sop: Sop, tz: tzinfo, docs_dir: str,
               live: frozenset[str] = frozenset(), evidence: Sequence[EvidencePhoto] = ()) -> GeneratedFile:
    """The proof page of one announcement: every published version, newest first, then its offline evidence.
    `live` holds the repository paths of announcements on the site (linked back)."""
    here = urls.proof_url(slug)
    latest = versions[-1][1]
    ann = next(a for a in latest.announcements if a.slug == slug)
    parts = [markup.front_matter(f"Bukti pengumuman: {ann.judul}",
                                 f"Persetujuan, waktu SOP dan hash isi setiap versi pengumuman {ann.nomor}."),
             '<header class="ppid-judul">',
             '<p class="ppid-judul__jenis">Bukti pengumuman</p>',
             f"<h1>{esc(ann.judul)}</h1>",
             f'<p class="ppid-judul__nomor">Nomor: {esc(ann.nomor)} · {len(versions)} versi diterbitkan</p>',
             "</header>"]
    if any(record.demo for _, record in versions):
        parts.append(DEMO_NOTE)
    intro = ("<p>Halaman ini mencatat setiap versi pengumuman ini yang diterbitkan: siapa yang menyetujuinya "
             f"sesuai SOP {esc(sop.nomor_sop)} <em>{esc(sop.nama)}</em>, kapan, dan hash isinya. Catatan dibuat "
             "otomatis saat pengumuman digabung (merge) dan dirangkai dengan hash, sehingga perubahan di kemudian "
             "hari akan ketahuan.")
    if ann.path in live:
        href = urls.relative(here, urls.page_url(urls.src_uri_of(ann.path, docs_dir)))
        intro += f' <a href="{esc(href)}">Baca pengumuman</a>.'
    parts.append(intro + "</p>")
    for number, (path, record) in reversed(list(enumerate(versions, start=1))):
        parts += ["", f"## Versi {number} · diterbitkan {when(record.merged_at, tz, weekday=True)}",
                  "", _summary(path, record, slug, tz, docs_dir), "", "### Persetujuan", "",
                  _approvals(record, sop, tz), *_send_backs(record, sop, tz), "", "### Waktu menurut SOP", "",
                  _timing(record, sop, tz)]
    if evidence:
        parts += ["", evidence_section(evidence, sop.roles["kabid"].nama)]
    parts += ["", _how_to_verify(versions, here), ""]
    return GeneratedFile(f"{here}index.md", "\n".join(parts))


def index_page(groups: Mapping[str, Versions], report: ChainReport, tz: tzinfo) -> GeneratedFile:
    """`bukti/`: every announcement with proof, latest publication first, and the chain head."""
    rows = []
    order = sorted(groups.items(), key=lambda item: item[1][-1][1].seq, reverse=True)
    for slug, versions in order:
        latest = versions[-1][1]
        ann = next(a for a in latest.announcements if a.slug == slug)
        href = urls.relative(INDEX, urls.proof_url(slug))
        rows.append([f'<a href="{esc(href)}">{esc(ann.judul)}</a>', esc(ann.nomor), str(len(versions)),
                     _time(latest.merged_at, tz)])
    table = (_table("Pengumuman yang diterbitkan beserta buktinya", ("Pengumuman", "Nomor", "Versi",
                                                                     "Terakhir diterbitkan"), rows)
             if rows else '<p class="ppid-kosong">Belum ada bukti pengumuman.</p>')
    head_href = urls.relative(INDEX, f"{INDEX}{HEAD_FILE}")
    text = "\n".join([
        markup.front_matter("Bukti pengumuman", "Bukti persetujuan dan penerbitan setiap pengumuman informasi publik."),
        '<header class="ppid-judul">\n<h1>Bukti pengumuman</h1>\n</header>',
        "<p>Setiap pengumuman yang diterbitkan punya catatan bukti: siapa yang menyetujuinya, kapan, waktu tiap "
        "langkah SOP dan hash isinya. Semua catatan dirangkai dengan hash SHA-256.</p>",
        table,
        f'<p>Kepala rantai hash saat ini ({len(report.records)} catatan): {_code(report.head)} '
        f'(<a href="{esc(head_href)}">{esc(HEAD_FILE)}</a>).</p>',
        *filter(None, [_generation_note(report, tz)]),
        ""])
    return GeneratedFile(f"{INDEX}index.md", text)


def _generation_note(report: ChainReport, tz: tzinfo) -> str:
    start = generation_start(report)
    if start is None or start.generation is None:
        return ""
    g = start.generation
    return (f'<p class="ppid-generasi">Arsip ini dimulai {_time(start.merged_at, tz)} oleh @{esc(start.merged_by)} '
            f"(generasi {g.number}: {esc(g.reason)}). Rantai sebelumnya ({g.previous_count} catatan) berakhir di "
            f"{_code(g.previous_head)} dan tetap tersimpan di riwayat git repositori.</p>")


def builder(report: ChainReport, sop: Sop,
            evidence: Mapping[str, Sequence[EvidencePhoto]] | None = None) -> PageBuilder:
    """The page builder the plugin appends: proof pages linked to the announcements on the site, with the
    offline evidence of each announcement (content/bukti/, read by pipeline.edges.evidence_records)."""
    tz = sop.tz

    def build(site: SiteInput) -> list[GeneratedFile]:
        live = frozenset(item.path for item in site.announcements)
        return proof_files(report, sop, tz, site.settings.docs_dir, live, evidence)

    return build


def proof_files(report: ChainReport, sop: Sop, tz: tzinfo, docs_dir: str, live: frozenset[str] = frozenset(),
                evidence: Mapping[str, Sequence[EvidencePhoto]] | None = None) -> list[GeneratedFile]:
    """Every generated file: one page per slug, the index, and the chain head text file."""
    groups = by_slug(report.records)
    photos = evidence or {}
    files = [proof_page(slug, versions, sop, tz, docs_dir, live, photos.get(slug, ()))
             for slug, versions in sorted(groups.items())]
    files.append(index_page(groups, report, tz))
    files.append(GeneratedFile(f"{INDEX}{HEAD_FILE}", head_text(report)))
    return files
