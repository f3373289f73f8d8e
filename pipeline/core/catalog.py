"""The whole content tree: which file is what, and the rules across files (unique `nomor`)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import date

from pipeline.core.announcement import LAMPIRAN_EXT, Announcement
from pipeline.core.body import body_issues
from pipeline.core.content_names import name_problems, special_problem
from pipeline.core.evidence import image_problems, record_problems
from pipeline.core.links import published
from pipeline.core.page_meta import page_meta_problems
from pipeline.core.paths import kind_of
from pipeline.core.problems import Problem
from pipeline.core.sop import Sop
from pipeline.core.validate import (
    CheckResult,
    Context,
    SourceFile,
    cut_problems,
    decode,
    parse_announcement,
    split_front_matter,
)
from pipeline.core.yamlsafe import load_mapping


def _page_problems(src: SourceFile, sop: Sop, ctx: Context) -> list[Problem]:
    text, problems = decode(src)
    if text is None:
        return problems
    doc, problems = split_front_matter(src.path, text, required=False, what="data halaman")
    if doc is None:
        return problems
    problems = cut_problems(src.path, doc)
    problems += [Problem(src.path, line + 0, field, message, "data-halaman")
                 for line, field, message in page_meta_problems(doc.front_matter, dict(doc.lines))]
    return problems + [Problem(src.path, doc.body_line + issue.line - 1, issue.field, issue.message, "isi")
                       for issue in body_issues(doc.body, file_path=src.path, docs_dir=sop.content.dir,
                                                attachments=sop.content.attachments, targets=ctx.targets)]


def _attachment_problems(path: str) -> list[Problem]:
    ext = path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else ""
    if ext in LAMPIRAN_EXT:
        return []
    return [Problem(path, 1, "(lampiran)", f"jenis berkas '.{ext}' tidak diizinkan di folder lampiran; yang boleh: "
                    f"{', '.join(LAMPIRAN_EXT)}. Simpan sebagai PDF bila ragu", "lampiran")]


def check_sources(sources: Iterable[SourceFile], sop: Sop, existing: frozenset[str],
                  report_paths: frozenset[str] | None = None, *, special: Mapping[str, str] | None = None,
                  site_pages: frozenset[str] = frozenset(), today: date | None = None) -> CheckResult:
    """Validate files; `report_paths` limits which files' problems are reported (all when None).

    Files outside `report_paths` are still read so that a duplicate `nomor` against them is found.
    `special` names non-regular files found under content/ (path -> kind); `site_pages` the repository paths
    of pages the site generates (links may point at them); `today` (in the SOP's time zone) refuses
    announcements dated later unless they are explicitly scheduled.
    """
    targets = frozenset(p for p in existing if published(p, sop.content.dir)) | site_pages
    ctx = Context(existing, targets, today)
    announcements: list[Announcement] = []
    problems: list[Problem] = []
    for path, kind in sorted((special or {}).items()):
        if report_paths is None or path in report_paths:
            problems.append(special_problem(path, kind))
    for path in sorted(existing if report_paths is None else existing & report_paths):
        problems += name_problems(path, sop)
    evidence: list[SourceFile] = []
    evidence_hashes: dict[str, str] = {}
    nomor_seen: dict[str, str] = {}
    slug_seen: dict[str, str] = {}
    for src in sources:
        kind = kind_of(src.path, sop)
        reported = report_paths is None or src.path in report_paths
        if kind == "announcement":
            item, found = parse_announcement(src, sop, ctx)
            if reported:
                problems += found
            if item is not None:
                announcements.append(item)
                problems += _uniqueness(item, line_of_nomor(src), nomor_seen, slug_seen, reported or (
                    report_paths is None))
        elif not reported:
            continue
        elif kind == "evidence" and src.path.endswith(".yml"):
            evidence.append(src)
        elif kind == "evidence":
            problems += [Problem(src.path, 1, "(foto)", message, "bukti") for message in image_problems(src.path,
                                                                                                    src.data)]
            evidence_hashes[src.path] = hashlib.sha256(src.data).hexdigest()
        elif kind == "page":
            problems += _page_problems(src, sop, ctx)
        elif kind == "attachment":
            problems += _attachment_problems(src.path)
    slugs = frozenset(a.slug for a in announcements)
    for src in evidence:
        problems += _evidence_problems(src, existing, slugs, evidence_hashes)
    announcements.sort(key=lambda a: (a.tanggal, a.nomor), reverse=True)
    return CheckResult(tuple(announcements), tuple(sorted(problems)))


def _evidence_problems(src: SourceFile, existing: frozenset[str], slugs: frozenset[str],
                       hashes: dict[str, str]) -> list[Problem]:
    text, problems = decode(src)
    if text is None:
        return problems
    loaded = load_mapping(text, what="catatan bukti")
    if loaded.data is None:
        return [Problem(src.path, i.line, i.field, i.message, "yaml") for i in loaded.issues]
    found = [Problem(src.path, line, field, message, "bukti")
             for line, field, message in record_problems(src.path, loaded.data, dict(loaded.lines), existing, slugs)]
    photo = f"{src.path.rsplit('/', 1)[0]}/{loaded.data.get('berkas')}"
    if photo in hashes and loaded.data.get("sha256") != hashes[photo]:
        found.append(Problem(src.path, loaded.lines.get(("sha256",), 1), "sha256", "sidik jari (SHA-256) foto tidak "
                             "cocok dengan catatannya: fotonya diganti setelah dicatat. Tambahkan foto lewat "
                             "'ppid bukti' sebagai bukti baru; bukti lama tidak diubah", "bukti"))
    return found


def _uniqueness(item: Announcement, nomor_line: int, nomor_seen: dict[str, str], slug_seen: dict[str, str],
                reported: bool) -> list[Problem]:
    """`nomor` and slug are unique across all announcements (proof pages are keyed by slug)."""
    problems = []
    first = nomor_seen.setdefault(item.nomor, item.path)
    if first != item.path and reported:
        problems.append(Problem(item.path, nomor_line, "nomor", f"nomor '{item.nomor}' sudah dipakai oleh {first}; "
                                "setiap pengumuman perlu nomor sendiri (jalankan 'ppid baru' untuk nomor berikutnya)",
                                "nomor-unik"))
    first = slug_seen.setdefault(item.slug, item.path)
    if first != item.path and reported:
        problems.append(Problem(item.path, 1, "(nama berkas)", f"nama berkas '{item.slug}.md' sudah dipakai oleh "
                                f"{first}; alamat halaman dan bukti pengumuman memakai nama berkas, jadi beri nama "
                                f"lain, misalnya '{item.slug}-{item.tahun}.md'", "slug-unik"))
    return problems


def line_of_nomor(src: SourceFile) -> int:
    """The line of the `nomor:` key (1 when there is none within the first 200 lines)."""
    for number, line in enumerate(src.data.split(b"\n")[:200], start=1):
        if line.lstrip(b"\xef\xbb\xbf").startswith(b"nomor:"):
            return number
    return 1

