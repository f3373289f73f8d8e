"""One click from a disposisi issue to a draft (pure): GitHub's "new file" link with the `ppid baru` scaffold.

    https://github.com/OWNER/REPO/new/BRANCH?filename=content/pengumuman/2025/slug.md&value=<scaffold>

The judul comes from the issue title (without the form's "Disposisi:" prefix); the jenis and, for berkala
information, the kategori from the issue form's answers (`### Jenis informasi`, `### Kategori informasi
berkala`). The issue is untrusted text: it only ever becomes YAML scalars chosen by the scaffold builder, and
what is missing or unusable becomes an empty field marked "WAJIB DIISI" that `ppid check` points at, exactly
like the fields `ppid baru` leaves for staff to write.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import quote

from pipeline.core.announcement import JENIS, JENIS_LABEL, KATEGORI
from pipeline.core.scaffold import JUDUL_MAX, JUDUL_MIN, Draft, ScaffoldError, build_scaffold
from pipeline.core.sop import Sop

MARKER = "<!-- ppid:disposisi -->"
FORM_JENIS = "Jenis informasi"
FORM_KATEGORI = "Kategori informasi berkala"
NO_RESPONSE = "_No response_"  # what GitHub writes for an empty optional form field
_TITLE_PREFIX = re.compile(r"^\s*disposisi\s*[:\-–—]\s*", re.IGNORECASE)
_HEADING = re.compile(r"^###[ \t]+(.+?)[ \t]*$", re.MULTILINE)
_JENIS_WORDS = {**{label.lower(): key for key, label in JENIS_LABEL.items()},
                **{key: key for key in JENIS}, "serta merta": "serta-merta", "setiap saat": "setiap-saat",
                "informasi tersedia setiap saat": "setiap-saat"}
# Stand-ins for the build (replaced by an empty, marked field in the text).
_STAND_IN = {"judul": "Judul pengumuman", "jenis": "setiap-saat", "kategori": "profil"}
_FILL = {
    "judul": "WAJIB DIISI: judul pengumuman (5 sampai 200 karakter)",
    "jenis": f"WAJIB DIISI: {', '.join(JENIS)}",
    "kategori": f"WAJIB DIISI untuk berkala: {', '.join(KATEGORI)}",
}


def form_answers(body: str | None) -> dict[str, str]:
    """The answers of an issue form body (`### Label` followed by its value), by label; empty ones left out."""
    text = (body or "").replace("\r\n", "\n")
    heads = list(_HEADING.finditer(text))
    out: dict[str, str] = {}
    for index, head in enumerate(heads):
        end = heads[index + 1].start() if index + 1 < len(heads) else len(text)
        value = text[head.end():end].strip()
        if value and value != NO_RESPONSE:
            out.setdefault(head.group(1).strip(), value)
    return out


def jenis_from(answer: str | None) -> str | None:
    """'Informasi Berkala' (the form's option), 'berkala' or 'serta merta' -> the front matter value."""
    if not answer:
        return None
    first = answer.strip().splitlines()[0].strip().lower()
    return _JENIS_WORDS.get(" ".join(first.split()))


def judul_from(title: str | None) -> str | None:
    """The issue title without "Disposisi:"; None when what is left cannot be a judul."""
    judul = " ".join(_TITLE_PREFIX.sub("", title or "").split())
    return judul if JUDUL_MIN <= len(judul) <= JUDUL_MAX else None


@dataclass(frozen=True)
class DisposisiDraft:
    """What the disposisi comment offers: the new-file link and the line for the PR description."""

    issue: int
    path: str
    text: str
    jenis: str | None
    judul: str | None
    to_fill: tuple[str, ...]

    @property
    def pr_line(self) -> str:
        return f"Disposisi: #{self.issue}"


def disposisi_draft(number: int, title: str, body: str, today: date, sop: Sop,
                    existing_nomor: Iterable[str]) -> DisposisiDraft:
    """The scaffold for disposisi issue `number` (title and body as GitHub returns them)."""
    answers = form_answers(body)
    judul = judul_from(title)
    jenis = jenis_from(answers.get(FORM_JENIS))
    kategori = (answers.get(FORM_KATEGORI) or "").strip().lower() or None
    kategori = kategori if kategori in KATEGORI else None
    missing: list[str] = []
    if judul is None:
        missing.append("judul")
    if jenis is None:
        missing.append("jenis")
    if jenis == "berkala" and kategori is None:
        missing.append("kategori")
    draft = Draft(judul=judul or _STAND_IN["judul"], jenis=jenis or _STAND_IN["jenis"], tanggal=today,
                  kategori=kategori or (_STAND_IN["kategori"] if "kategori" in missing else None),
                  slug=None if judul else f"disposisi-{number}")
    try:
        scaffold = build_scaffold(draft, sop, existing_nomor)
    except ScaffoldError:  # e.g. a title of only symbols: the slug falls back to the issue number
        scaffold = build_scaffold(replace(draft, slug=f"disposisi-{number}"), sop, existing_nomor)
    text = scaffold.text
    for field in missing:
        text = _blank(text, field)
    to_fill = tuple(f for f in ("judul", "jenis", "kategori", "ringkasan", "unit", "penanggung_jawab", "retensi")
                    if f in missing or re.search(rf"^{f}: \"\"", text, re.MULTILINE))
    return DisposisiDraft(number, scaffold.path, text, jenis, judul, to_fill)


def _blank(text: str, field: str) -> str:
    """Replace the stand-in value of `field` with an empty value marked for staff to fill."""
    pattern = re.compile(rf"^{field}: .*$", re.MULTILINE)
    return pattern.sub(lambda _m: f"{field}: \"\"  # {_FILL[field]}", text, count=1)


def new_file_url(html_url: str, branch: str, path: str, text: str) -> str:
    """GitHub's web editor on a new file at `path` on `branch`, prefilled with `text`."""
    return (f"{html_url.rstrip('/')}/new/{quote(branch, safe='')}?filename={quote(path, safe='/')}"
            f"&value={quote(text, safe='')}")


def disposisi_comment(draft: DisposisiDraft, url: str, assignees: Iterable[str], kabid: str,
                      guide_url: str = "") -> str:
    """The one comment on a disposisi issue: the link, the steps, the line for the PR description, and the
    staff guide at `guide_url` (for those who work on a laptop)."""
    who = ", ".join(f"@{login}" for login in assignees)
    fill = ", ".join(f"`{field}`" for field in draft.to_fill)
    lines = [MARKER, "### Mulai menulis konsep pengumuman", ""]
    if draft.jenis == "serta-merta":
        lines += ["🚨 **MENDESAK: informasi serta merta.** Umumkan tanpa penundaan (Pasal 10 UU 14/2008); isi "
                  "kedelapan bagian wajib dalam kerangka.", ""]
    lines += [
        f"Untuk Pelaksana yang ditugaskan{f' ({who})' if who else ''}: tautan di bawah membuka editor GitHub dengan "
        f"berkas baru `{draft.path}` yang sudah berisi kerangka pengumuman (nomor berikutnya, jenis dan tanggal "
        "hari ini). Tidak perlu memasang apa pun di komputer.",
        "",
        f"1. **[Buka kerangka pengumuman di editor GitHub]({url})**",
        f"2. Isi kolom bertanda `WAJIB DIISI`{f' ({fill})' if fill else ''}, lalu tulis isi pengumuman dan hapus "
        "catatan panduannya.",
        "3. Klik **Commit changes…**, pilih **Create a new branch for this commit and start a pull request**, lalu "
        "**Propose changes**.",
        "4. Tempelkan baris berikut di deskripsi pull request (tanpa baris ini rantai persetujuan tidak bisa "
        "dihitung):",
        "",
        "   ```",
        f"   {draft.pr_line}",
        "   ```",
        "",
        f"5. Klik **Create pull request**. Pemeriksaan otomatis menunjukkan kolom yang belum benar; setelah semuanya "
        f"beres, {kabid} memeriksa dan menyetujui.",
        "",
    ]
    if guide_url:
        lines += [f"📘 Panduan bergambar langkah demi langkah, juga untuk berkas yang dibuat di laptop (editor web "
                  f"GitHub atau GitHub Desktop): [Panduan Staf]({guide_url}).", ""]
    lines += [
        "<sub>Komentar ini dibuat otomatis oleh `ppid disposisi` saat issue ditugaskan dan diperbarui di tempat; "
        "nomor pengumuman dihitung dari cabang utama dan semua pull request yang masih terbuka saat komentar ini "
        "ditulis. Bila kemudian PR lain memakai nomor yang sama, pemeriksaan isi di pull request menyebut PR mana "
        "yang harus menggantinya, sebelum persetujuan diminta.</sub>",
    ]
    return "\n".join(lines) + "\n"
