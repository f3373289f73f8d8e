"""Validation of content files: every problem in every file, with path, line, field and the fix.

Pure: takes file bytes and the list of files that exist, returns values. The file system is read at the edge
(pipeline/edges/content.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from pipeline.core.announcement import (
    ALL_KEYS,
    LAMPIRAN_EXT,
    SERTA_MERTA_SECTIONS,
    Announcement,
    FrontMatter,
    Lampiran,
)
from pipeline.core.body import body_issues, headings, sections
from pipeline.core.messages import nearest, translate
from pipeline.core.problems import Problem, errors
from pipeline.core.sop import Sop
from pipeline.core.yamlsafe import load_mapping

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


def split_front_matter(path: str, text: str, *, required: bool = True) -> tuple[Document | None, list[Problem]]:
    """Split `---` front matter from the body and load it safely."""
    if not text.startswith("---\n"):
        if not required:
            return Document({}, {}, text, 1), []
        return None, [Problem(path, 1, "(front matter)", "berkas harus diawali front matter: baris '---', lalu "
                              "judul, nomor, jenis, ... dan ditutup dengan baris '---'", "front-matter")]
    match = _CLOSING.search(text, 4)  # position 4 follows a newline, so '^' can match there
    if match is None:
        return None, [Problem(path, 1, "(front matter)", "front matter tidak ditutup; tambahkan baris '---' "
                              "setelah kolom terakhir", "front-matter")]
    end = match.start()
    yaml_text = text[4:end]
    newline = text.find("\n", end)
    closing = newline + 1 if newline >= 0 else len(text)
    body_line = text.count("\n", 0, closing) + 1
    loaded = load_mapping(yaml_text)
    if loaded.data is None:
        return None, [Problem(path, issue.line + 1, issue.field, issue.message, "yaml") for issue in loaded.issues]
    lines = {key: line + 1 for key, line in loaded.lines.items()}
    return Document(loaded.data, lines, text[closing:], body_line), []


def _line(doc: Document, loc: tuple[str | int, ...]) -> int:
    for cut in range(len(loc), 0, -1):
        if loc[:cut] in doc.lines:
            return doc.lines[loc[:cut]]
    return 2


def _field(loc: tuple[str | int, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _path_problems(path: str, sop: Sop) -> tuple[str | None, int | None, list[Problem]]:
    prefix = sop.content.announcements.rstrip("/") + "/"
    rest = path[len(prefix):] if path.startswith(prefix) else ""
    parts = rest.split("/")
    if len(parts) != 2 or not re.fullmatch(r"\d{4}", parts[0]) or not parts[1].endswith(".md"):
        where = f"{prefix}<tahun>/<slug>.md, misalnya {prefix}2025/jadwal-layanan.md"
        return None, None, [Problem(path, 1, "(lokasi)", f"pengumuman harus disimpan sebagai {where}", "path")]
    slug = parts[1][:-3]
    if not _SLUG.match(slug):
        suggestion = re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-") or "nama-pengumuman"
        return slug, int(parts[0]), [Problem(path, 1, "(nama berkas)", f"nama berkas '{slug}' hanya boleh huruf kecil, "
                                             f"angka dan tanda hubung; ganti menjadi '{suggestion}.md'", "path")]
    return slug, int(parts[0]), []


def _lampiran_problems(path: str, doc: Document, items: Iterable[Lampiran], sop: Sop,
                       existing: frozenset[str]) -> list[Problem]:
    problems = []
    base = sop.content.attachments.rstrip("/")
    for index, item in enumerate(items):
        where = ("lampiran", index, "berkas")
        line, name = _line(doc, where), f"lampiran[{index}].berkas"
        berkas = item.berkas
        ext = berkas.rsplit(".", 1)[-1].lower() if "." in berkas else ""
        if berkas.startswith(("/", "\\")) or "\\" in berkas or ".." in berkas.split("/") or ":" in berkas:
            problems.append(Problem(path, line, name, f"'{berkas}' harus berupa jalur di dalam {base}/ tanpa '/', '..' "
                                    "atau '\\' di depan, misalnya 2025/laporan.pdf", "lampiran"))
            continue
        if ext not in LAMPIRAN_EXT:
            problems.append(Problem(path, line, name, f"jenis berkas '.{ext}' tidak diizinkan; yang boleh: "
                                    f"{', '.join(LAMPIRAN_EXT)}", "lampiran"))
            continue
        if f"{base}/{berkas}" not in existing:
            hint = ""
            if berkas.startswith(("lampiran/", "content/")):
                hint = f"; tulis jalurnya relatif terhadap {base}/, misalnya '{berkas.split('lampiran/', 1)[-1]}'"
            else:
                close = nearest(f"{base}/{berkas}", [p for p in existing if p.startswith(base + "/")])
                hint = f"; mungkin maksud Anda '{close[len(base) + 1:]}'" if close else (
                    f"; simpan berkasnya di {base}/{berkas}")
            problems.append(Problem(path, line, name, f"berkas lampiran '{berkas}' tidak ditemukan{hint}", "lampiran"))
    return problems


def parse_announcement(src: SourceFile, sop: Sop,
                       existing: frozenset[str]) -> tuple[Announcement | None, list[Problem]]:
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
    for key in data:
        if key not in ALL_KEYS:
            guess = nearest(key, ALL_KEYS)
            tip = f"; mungkin maksud Anda '{guess}'" if guess else f"; kolom yang dikenal: {', '.join(ALL_KEYS)}"
            problems.append(Problem(path, _line(doc, (key,)), key, f"kolom '{key}' tidak dikenal{tip}", "unknown-key"))
    known = {k: v for k, v in data.items() if k in ALL_KEYS}
    fm: FrontMatter | None = None
    try:
        fm = FrontMatter.model_validate(known)
        problems += _rules(path, doc, fm, set(known), sop, folder_year, existing)
    except ValidationError as exc:
        bad = set()
        for error in exc.errors():
            loc = tuple(error["loc"])
            bad.add(loc[0])
            name = _field(loc)
            problems.append(Problem(path, _line(doc, loc), name, translate(dict(error), name), "schema"))
        # Still apply the cross-field rules to the fields that are fine, so staff see every problem at once.
        partial = FrontMatter.model_validate({**_PLACEHOLDER, **{k: v for k, v in known.items() if k not in bad}})
        problems += _rules(path, doc, partial, set(known) - bad, sop, folder_year, existing)
    for issue in body_issues(doc.body, file_path=path):
        problems.append(Problem(path, doc.body_line + issue.line - 1, issue.field, issue.message, "html"))
    if data.get("jenis") == "serta-merta":
        found = sections(doc.body)
        for title in SERTA_MERTA_SECTIONS:
            if title not in found:
                problems.append(Problem(path, doc.body_line, "isi", f"pengumuman serta-merta wajib memuat bagian "
                                        f"'## {title}'; tambahkan judul bagian itu beserta isinya", "serta-merta"))
            elif not found[title][1]:
                problems.append(Problem(path, doc.body_line + found[title][0] - 1, "isi", f"bagian '## {title}' "
                                        "masih kosong; isi dengan keterangan untuk masyarakat", "serta-merta"))
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
           existing: frozenset[str]) -> list[Problem]:
    """Rules across fields; `ok` names the fields that passed the schema (others are placeholders)."""
    problems: list[Problem] = []
    if "jenis" in ok and "kategori" not in ok and fm.jenis == "berkala" and "kategori" not in doc.front_matter:
        problems.append(Problem(path, _line(doc, ("jenis",)), "kategori", "informasi berkala wajib punya kategori; "
                                "tambahkan misalnya 'kategori: program' (pilihan: profil, program, kinerja, "
                                "keuangan, laporan-akses, regulasi, tata-cara, pengaduan, pengadaan, darurat)",
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
    problems += _lampiran_problems(path, doc, (Lampiran(i.berkas, i.judul) for i in fm.lampiran), sop, existing)
    return problems
