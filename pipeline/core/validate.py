"""Validation of content files: every problem in every file, with path, line, field and the fix.

Pure: takes file bytes and the list of files that exist, returns values. The file system is read at the edge
(pipeline/edges/content.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError

from pipeline.core.announcement import (
    ALL_KEYS,
    KATEGORI,
    LAMPIRAN_EXT,
    REQUIRED_KEYS,
    Announcement,
    FrontMatter,
    Lampiran,
)
from pipeline.core.body import body_issues, headings
from pipeline.core.messages import field_label, nearest, translate
from pipeline.core.paths import folder_prefix, join, relative_to
from pipeline.core.problems import Problem, errors
from pipeline.core.serta_merta import serta_merta_issues
from pipeline.core.sop import Sop
from pipeline.core.yamlsafe import CutValue, load_mapping

MAX_BYTES = 1024 * 1024
_PLACEHOLDER = {"judul": "-----", "nomor": "-", "jenis": "setiap-saat", "tanggal": "2000-01-01", "ringkasan": "-",
                "unit": "-", "penanggung_jawab": "-", "retensi": "-"}
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_CLOSING = re.compile(r"^(---|\.\.\.)[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class SourceFile:
    """A file as read from disk: repository-relative POSIX path and raw bytes."""

    path: str
    data: bytes


@dataclass(frozen=True)
class Document:
    """A Markdown file split into front matter and body (text already decoded, LF line ends)."""

    front_matter: dict[str, Any]
    lines: Mapping[tuple[str | int, ...], int]
    body: str
    body_line: int
    raw: Mapping[tuple[str | int, ...], str] = field(default_factory=dict)  # values as written, when not text
    cut: tuple[CutValue, ...] = ()


@dataclass(frozen=True)
class Context:
    """What a file is checked against besides its own bytes: the files that exist, the files the site will
    publish (links must point at one), and today's date in the SOP's time zone (None: dates are not compared
    with today)."""

    existing: frozenset[str]
    targets: frozenset[str] | None = None
    today: date | None = None


@dataclass(frozen=True)
class CheckResult:
    announcements: tuple[Announcement, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not errors(self.problems)


def decode(src: SourceFile) -> tuple[str | None, list[Problem]]:
    """UTF-8 text with LF line ends (a BOM and CRLF are fine), or a problem."""
    if len(src.data) > MAX_BYTES:
        return None, [Problem(src.path, 1, "(berkas)", f"berkas terlalu besar ({len(src.data) // 1024} KiB); "
                              "maksimal 1024 KiB. Pindahkan isi panjang ke lampiran PDF", "size")]
    try:
        text = src.data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = src.data[: exc.start].count(b"\n") + 1
        return None, [Problem(src.path, line, "(berkas)", "berkas bukan UTF-8 (ada byte yang tidak terbaca); "
                              "simpan ulang berkas dengan encoding UTF-8", "encoding")]
    if "\x00" in text:
        return None, [Problem(src.path, 1, "(berkas)", "berkas berisi karakter NUL; simpan ulang sebagai teks UTF-8",
                              "encoding")]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


EMPTY_ANNOUNCEMENT = ("bagian data di antara dua baris '---' masih kosong; tulis kolom wajib, satu per baris: "
                      f"{', '.join(REQUIRED_KEYS)} (dan kategori untuk informasi berkala), misalnya "
                      "'judul: Jadwal Layanan Informasi Publik'. Cara termudah: buat berkas dengan 'ppid baru'")


def split_front_matter(path: str, text: str, *, required: bool = True,
                       what: str = "data pengumuman") -> tuple[Document | None, list[Problem]]:
    """Split the `---` data block from the body and load it safely."""
    if not text.startswith("---\n"):
        if not required:
            return Document({}, {}, text, 1), []
        return None, [Problem(path, 1, f"({what})", "berkas harus diawali bagian data: baris '---', lalu "
                              "judul, nomor, jenis, ... dan ditutup dengan baris '---'", "front-matter")]
    match = _CLOSING.search(text, 4)  # position 4 follows a newline, so '^' can match there
    if match is None:
        return None, [Problem(path, 1, f"({what})", "bagian data tidak ditutup; tambahkan baris '---' "
                              "setelah kolom terakhir", "front-matter")]
    end = match.start()
    yaml_text = text[4:end]
    newline = text.find("\n", end)
    closing = newline + 1 if newline >= 0 else len(text)
    body_line = text.count("\n", 0, closing) + 1
    if not yaml_text.strip() and required:
        return None, [Problem(path, 2, f"({what})", EMPTY_ANNOUNCEMENT, "front-matter")]
    loaded = load_mapping(yaml_text, what=what)
    if loaded.data is None:
        return None, [Problem(path, issue.line + 1, issue.field, issue.message, "yaml") for issue in loaded.issues]
    lines = {key: line + 1 for key, line in loaded.lines.items()}
    cut = tuple(CutValue(c.path, c.line + 1, c.value, c.rest) for c in loaded.cut)
    return Document(loaded.data, lines, text[closing:], body_line, loaded.raw, cut), []


def read_leniently(path: str, data: bytes | None) -> Document | None:
    """An announcement as written, never judged: its front matter when a data block opens the file and loads,
    otherwise an empty one with the whole text as the body (starting on line 1). None when there is no file or
    it is not text (too big, not UTF-8, NUL). For readers that must take even a file `ppid check` refuses: the
    proof record keeps what was merged, approvers see what they approve, a broken file's number is still taken."""
    if data is None:
        return None
    text, _ = decode(SourceFile(path, data))
    if text is None:
        return None
    doc, _ = split_front_matter(path, text)
    return doc if doc is not None else Document({}, {}, text, 1)


def cut_problems(path: str, doc: Document) -> list[Problem]:
    """Values a '#' cut short: what would be published, and how to keep the whole text."""
    problems = []
    for cut in doc.cut:
        name = field_label(cut.path)
        whole = f"{cut.value}{cut.rest}".strip()
        quoted = '"' + whole.replace("\\", "\\\\").replace('"', '\\"') + '"'
        if cut.value:
            message = (f"tanda '#' setelah spasi membuat sisa baris dianggap catatan, sehingga yang terbit hanya "
                       f"'{cut.value}'; apit seluruh nilai dengan tanda kutip lurus: {name}: {quoted}")
        else:
            message = (f"nilai diawali '#', sehingga dianggap catatan dan kolom ini kosong; apit seluruh nilai "
                       f"dengan tanda kutip lurus: {name}: {quoted}")
        problems.append(Problem(path, cut.line, name, message, "tanda-pagar"))
    return problems


def _line(doc: Document, loc: tuple[str | int, ...]) -> int:
    for cut in range(len(loc), 0, -1):
        if loc[:cut] in doc.lines:
            return doc.lines[loc[:cut]]
    return 2


def _path_problems(path: str, sop: Sop) -> tuple[str | None, int | None, list[Problem]]:
    parts = (relative_to(path, sop.content.announcements) or "").split("/")
    if len(parts) != 2 or not re.fullmatch(r"\d{4}", parts[0]) or not parts[1].endswith(".md"):
        where = (f"{join(sop.content.announcements, '<tahun>', '<slug>.md')}, misalnya "
                 f"{join(sop.content.announcements, '2025', 'jadwal-layanan.md')}")
        return None, None, [Problem(path, 1, "(lokasi)", f"pengumuman harus disimpan sebagai {where}", "path")]
    slug = parts[1][:-3]
    if not _SLUG.match(slug):
        suggestion = re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-") or "nama-pengumuman"
        return slug, int(parts[0]), [Problem(path, 1, "(nama berkas)", f"nama berkas '{slug}' hanya boleh huruf kecil, "
                                             f"angka dan tanda hubung; ganti menjadi '{suggestion}.md'", "path")]
    return slug, int(parts[0]), []


def _lampiran_problems(path: str, doc: Document, items: Iterable[Lampiran], sop: Sop,
                       existing: frozenset[str]) -> list[Problem]:
    """Each attachment must be a file of an allowed type inside the attachments folder."""
    problems = []
    folder = sop.content.attachments
    base = folder_prefix(folder)
    for index, item in enumerate(items):
        where = ("lampiran", index, "berkas")
        line, name = _line(doc, where), field_label(where)
        berkas = item.berkas
        ext = berkas.rsplit(".", 1)[-1].lower() if "." in berkas else ""
        if berkas.startswith(("/", "\\")) or "\\" in berkas or ".." in berkas.split("/") or ":" in berkas:
            problems.append(Problem(path, line, name, f"'{berkas}' harus berupa jalur di dalam {base} tanpa '/', '..' "
                                    "atau '\\' di depan, misalnya 2025/laporan.pdf", "lampiran"))
            continue
        if ext not in LAMPIRAN_EXT:
            problems.append(Problem(path, line, name, f"jenis berkas '.{ext}' tidak diizinkan; yang boleh: "
                                    f"{', '.join(LAMPIRAN_EXT)}", "lampiran"))
            continue
        if join(folder, berkas) not in existing:
            hint = ""
            if berkas.startswith(("lampiran/", "content/")):
                hint = f"; tulis jalurnya relatif terhadap {base}, misalnya '{berkas.split('lampiran/', 1)[-1]}'"
            else:
                # Compared without the shared folder prefix, so only genuinely close names are offered.
                close = nearest(berkas, [rest for p in existing if (rest := relative_to(p, folder)) is not None],
                                cutoff=0.8)
                hint = f"; mungkin maksud Anda '{close}'" if close else (
                    f"; simpan berkasnya di {join(folder, berkas)}")
            problems.append(Problem(path, line, name, f"berkas lampiran '{berkas}' tidak ditemukan{hint}", "lampiran"))
    return problems


def parse_announcement(src: SourceFile, sop: Sop, ctx: Context) -> tuple[Announcement | None, list[Problem]]:
    """Validate one announcement file; returns the Announcement when it has no problems."""
    path = src.path
    text, problems = decode(src)
    if text is None:
        return None, problems
    slug, folder_year, problems = _path_problems(path, sop)
    doc, fm_problems = split_front_matter(path, text)
    problems += fm_problems
    if doc is None:
        return None, problems
    data = doc.front_matter
    if data.get("jenis") == "dikecualikan":
        problems.append(Problem(path, _line(doc, ("jenis",)), "jenis", "informasi yang dikecualikan (Pasal 17 "
                                "UU 14/2008) tidak boleh diumumkan; jangan terbitkan berkas ini. Pilih berkala, "
                                "serta-merta atau setiap-saat bila informasinya terbuka", "dikecualikan"))
        return None, problems
    problems += cut_problems(path, doc)
    for key in data:
        if key not in ALL_KEYS:
            guess = nearest(key, ALL_KEYS)
            tip = f"; mungkin maksud Anda '{guess}'" if guess else f"; kolom yang dikenal: {', '.join(ALL_KEYS)}"
            problems.append(Problem(path, _line(doc, (key,)), key, f"kolom '{key}' tidak dikenal{tip}", "unknown-key"))
    known = {k: v for k, v in data.items() if k in ALL_KEYS}
    fm: FrontMatter | None = None
    try:
        fm = FrontMatter.model_validate(known)
        problems += _rules(path, doc, fm, set(known), sop, folder_year, ctx)
    except ValidationError as exc:
        bad = set()
        for error in exc.errors():
            loc = tuple(error["loc"])
            bad.add(loc[0])
            name = field_label(loc)
            problems.append(Problem(path, _line(doc, loc), name, translate(dict(error), name, doc.raw.get(loc)),
                                    "schema"))
        # Still apply the cross-field rules to the fields that are fine, so staff see every problem at once.
        partial = FrontMatter.model_validate({**_PLACEHOLDER, **{k: v for k, v in known.items() if k not in bad}})
        problems += _rules(path, doc, partial, set(known) - bad, sop, folder_year, ctx)
    for issue in body_issues(doc.body, file_path=path, docs_dir=sop.content.dir,
                             attachments=sop.content.attachments, targets=ctx.targets):
        problems.append(Problem(path, doc.body_line + issue.line - 1, issue.field, issue.message, "isi"))
    if data.get("jenis") == "serta-merta":
        for issue in serta_merta_issues(doc.body):
            problems.append(Problem(path, doc.body_line + issue.line - 1, issue.field, issue.message, "serta-merta"))
    if problems or fm is None or slug is None:
        return None, problems
    return Announcement(
        path=path, slug=slug, judul=fm.judul, nomor=fm.nomor, jenis=fm.jenis, tanggal=fm.tanggal,
        ringkasan=fm.ringkasan, unit=fm.unit, penanggung_jawab=fm.penanggung_jawab, retensi=fm.retensi,
        tempat=fm.tempat or sop.tempat, bentuk=tuple(fm.bentuk), kategori=fm.kategori,
        lampiran=tuple(Lampiran(item.berkas, item.judul) for item in fm.lampiran),
        berlaku_hingga=fm.berlaku_hingga, media=tuple(fm.media), tags=tuple(fm.tags),
        body=doc.body, body_line=doc.body_line, headings=headings(doc.body),
    ), []


def _rules(path: str, doc: Document, fm: FrontMatter, ok: set[str], sop: Sop, folder_year: int | None,
           ctx: Context) -> list[Problem]:
    """Rules across fields; `ok` names the fields that passed the schema (others are placeholders)."""
    problems: list[Problem] = []
    if "jenis" in ok and "kategori" not in ok and fm.jenis == "berkala" and "kategori" not in doc.front_matter:
        problems.append(Problem(path, _line(doc, ("jenis",)), "kategori", "informasi berkala wajib punya kategori; "
                                "tambahkan misalnya 'kategori: program' (pilihan: "
                                f"{', '.join(KATEGORI)})",
                                "kategori"))
    match = sop.nomor_re.match(fm.nomor) if "nomor" in ok else None
    if "nomor" not in ok:
        pass
    elif not match:
        problems.append(Problem(path, _line(doc, ("nomor",)), "nomor", f"nomor '{fm.nomor}' tidak sesuai pola; "
                                f"tulis seperti {sop.nomor.contoh}", "nomor"))
    elif "tanggal" in ok and "tahun" in match.groupdict() and match.group("tahun") != str(fm.tanggal.year):
        problems.append(Problem(path, _line(doc, ("nomor",)), "nomor", f"tahun pada nomor ({match.group('tahun')}) "
                                f"berbeda dengan tahun tanggal ({fm.tanggal.year}); samakan keduanya", "nomor"))
    if "tanggal" in ok and folder_year is not None and folder_year != fm.tanggal.year:
        problems.append(Problem(path, _line(doc, ("tanggal",)), "tanggal", f"tanggal {fm.tanggal.isoformat()} "
                                f"tidak cocok dengan folder tahun {folder_year}; pindahkan berkas ke folder "
                                f"{fm.tanggal.year} atau perbaiki tanggalnya", "tanggal"))
    if {"tanggal", "berlaku_hingga"} <= ok and fm.berlaku_hingga is not None and fm.berlaku_hingga < fm.tanggal:
        problems.append(Problem(path, _line(doc, ("berlaku_hingga",)), "berlaku_hingga", f"berlaku_hingga "
                                f"({fm.berlaku_hingga.isoformat()}) tidak boleh sebelum tanggal "
                                f"({fm.tanggal.isoformat()})", "tanggal"))
    if "tanggal" in ok and ctx.today is not None and fm.tanggal > ctx.today and fm.dijadwalkan is None:
        problems.append(Problem(path, _line(doc, ("tanggal",)), "tanggal", f"tanggal {fm.tanggal.isoformat()} belum "
                                f"tiba (hari ini {ctx.today.isoformat()} {sop.calendar.timezone}); pengumuman yang "
                                "terbit hari ini memakai tanggal hari ini. Perbaiki tanggalnya, atau bila pengumuman "
                                "ini memang bertanggal maju tambahkan baris 'dijadwalkan: ya'", "tanggal"))
    problems += _lampiran_problems(path, doc, (Lampiran(i.berkas, i.judul) for i in fm.lampiran), sop, ctx.existing)
    return problems
