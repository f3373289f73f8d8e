"""The skeleton of a new announcement: its path, the next free `nomor` and the Markdown text.

Pure: the date and the `nomor` values already in use are passed in. Used by `ppid baru` and by the
prefilled "new file" link on GitHub, so it returns plain values and never touches the disk.

Fields the staff must write themselves are left as empty text (`ringkasan: ""`), so `ppid check` points
at exactly those lines until they are filled; everything else in the skeleton already passes the check.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

import yaml

from pipeline.core.announcement import JENIS, KATEGORI, SERTA_MERTA_SECTIONS
from pipeline.core.messages import nearest
from pipeline.core.paths import join, kind_of
from pipeline.core.sop import Sop
from pipeline.core.validate import SourceFile, read_leniently
from pipeline.errors import ConfigError, UsageError

SLUG_MAX = 80
JUDUL_MIN, JUDUL_MAX, RINGKASAN_MAX = 5, 200, 300
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_NOMOR_LINE = re.compile(r"^nomor:[ \t]*[\"']?([^\"'#\n]*?)[\"']?[ \t]*(?:#.*)?$", re.MULTILINE)

# What staff write in each field left empty, shown as a YAML comment beside it.
_HINTS = {
    "ringkasan": "WAJIB DIISI: satu sampai tiga kalimat inti pengumuman (maksimal 300 karakter)",
    "unit": "WAJIB DIISI: unit yang menguasai informasi, misalnya Bidang Informasi dan Komunikasi Publik",
    "penanggung_jawab": "WAJIB DIISI: nama dan gelar pejabat yang bertanggung jawab",
    "retensi": "WAJIB DIISI: jangka waktu penyimpanan, misalnya 5 Tahun, Selama berlaku atau Permanen",
}
# What each serta-merta section must say (Pasal 10 UU 14/2008 and Perki 1/2021), for the note at the top.
_SECTION_HINTS = {
    "Potensi Bahaya": "bahaya yang mungkin terjadi dan seberapa besar",
    "Pihak dan Wilayah Terdampak": "siapa dan wilayah mana yang dapat terkena",
    "Prosedur dan Tempat Evakuasi": "cara dan tempat mengungsi, atau tulis bahwa evakuasi tidak diperlukan",
    "Cara Menghindari Bahaya": "apa yang perlu dilakukan masyarakat",
    "Cara Memperoleh Bantuan": "nomor darurat, posko dan layanan yang dapat dihubungi",
    "Pihak yang Wajib Mengumumkan": "instansi yang wajib menyampaikan pengumuman ini",
    "Tata Cara Penyampaian Pengumuman": "saluran yang dipakai dalam keadaan darurat",
    "Langkah Penanganan": "langkah yang sedang dilakukan pemerintah",
}


class ScaffoldError(UsageError):
    """A value given for the new announcement is not usable; `field` names it (front matter key)."""

    def __init__(self, field: str, detail: str) -> None:
        super().__init__(f"{field}: {detail}")
        self.field = field
        self.detail = detail


@dataclass(frozen=True)
class Draft:
    """What the staff member gave for a new announcement; None means 'leave for me to fill in'."""

    judul: str
    jenis: str
    tanggal: date
    kategori: str | None = None
    ringkasan: str | None = None
    unit: str | None = None
    penanggung_jawab: str | None = None
    retensi: str | None = None
    slug: str | None = None


class Scaffold(NamedTuple):
    """The new file: repository-relative POSIX path and its full text."""

    path: str
    text: str


def slugify(judul: str) -> str:
    """Lowercase ASCII words joined by hyphens, at most SLUG_MAX characters, cut at a word boundary."""
    ascii_text = unicodedata.normalize("NFKD", judul).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > SLUG_MAX:
        cut = slug[: SLUG_MAX + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:SLUG_MAX]
    return slug


def nomor_values(sources: Iterable[SourceFile], sop: Sop) -> list[str]:
    """Every `nomor` written in an announcement file, valid or not (a broken file still holds its number)."""
    found: list[str] = []
    for src in sources:
        if kind_of(src.path, sop) != "announcement":
            continue
        doc = read_leniently(src.path, src.data)
        if doc is None:
            continue
        if doc.body_line > 1:  # a data block was read: its `nomor`, if text, is the number
            value = doc.front_matter.get("nomor")
            if isinstance(value, str):
                found.append(value.strip())
            continue
        # No data block could be read, so the body is the whole text: fall back to the line itself.
        head = doc.body.split("\n---", 1)[0]
        match = _NOMOR_LINE.search(head)
        if match:
            found.append(match.group(1).strip())
    return found


def next_nomor(sop: Sop, existing: Iterable[str], tahun: int) -> str:
    """The highest sequence number used in `tahun` plus one, written per sop.yml `nomor.format`."""
    pattern = sop.nomor_re
    if "urut" not in pattern.groupindex:
        raise ConfigError("sop.yml: nomor.pattern harus memuat grup (?P<urut>...) untuk nomor urut")
    highest = 0
    for nomor in existing:
        match = pattern.match(nomor)
        if not match:
            continue
        if "tahun" in pattern.groupindex and match.group("tahun") != str(tahun):
            continue
        highest = max(highest, int(match.group("urut")))
    try:
        nomor = sop.nomor.format.format(urut=highest + 1, tahun=tahun)
    except (KeyError, IndexError, ValueError) as exc:
        raise ConfigError(f"sop.yml: nomor.format '{sop.nomor.format}' tidak dapat dipakai ({exc}); "
                          "tulis misalnya '{urut:03d}/PPID/DISKOMINFO/{tahun}'") from None
    if not pattern.match(nomor):
        raise ConfigError(f"sop.yml: nomor.format menghasilkan '{nomor}' yang tidak cocok dengan nomor.pattern; "
                          "samakan keduanya")
    return nomor


def unfilled(draft: Draft) -> tuple[str, ...]:
    """Front matter fields the staff still has to write, in file order."""
    return tuple(name for name in _HINTS if not _clean(getattr(draft, name)))


def build_scaffold(draft: Draft, sop: Sop, existing_nomor: Iterable[str]) -> Scaffold:
    """Validate the draft and return the new file's path and text; raises ScaffoldError for bad values."""
    judul = _clean(draft.judul)
    if len(judul) < JUDUL_MIN:
        raise ScaffoldError("judul", f"judul terlalu pendek ({len(judul)} karakter); tulis minimal {JUDUL_MIN} "
                                     "karakter, misalnya \"Jadwal Layanan Informasi Publik 2026\"")
    if len(judul) > JUDUL_MAX:
        raise ScaffoldError("judul", f"judul terlalu panjang ({len(judul)} karakter); maksimal {JUDUL_MAX} "
                                     "karakter, persingkat dan pindahkan rinciannya ke ringkasan")
    jenis = _choice("jenis", draft.jenis, JENIS)
    kategori = _choice("kategori", draft.kategori, KATEGORI) if _clean(draft.kategori) else None
    if jenis == "berkala" and kategori is None:
        raise ScaffoldError("kategori", "informasi berkala wajib punya kategori; pilih salah satu: "
                                        f"{', '.join(KATEGORI)}")
    ringkasan = _clean(draft.ringkasan)
    if len(ringkasan) > RINGKASAN_MAX:
        raise ScaffoldError("ringkasan", f"ringkasan terlalu panjang ({len(ringkasan)} karakter); maksimal "
                                         f"{RINGKASAN_MAX} karakter, pindahkan rinciannya ke isi pengumuman")
    slug = _slug(draft.slug, judul)
    tahun = draft.tanggal.year
    path = join(sop.content.announcements, str(tahun), f"{slug}.md")
    nomor = next_nomor(sop, existing_nomor, tahun)
    lines = ["---", f"judul: {_scalar(judul)}", f"nomor: {nomor}", f"jenis: {jenis}"]
    if kategori:
        lines.append(f"kategori: {kategori}")
    else:
        lines.append(f"# kategori: (bila sesuai) {', '.join(KATEGORI)}")
    lines.append(f"tanggal: {draft.tanggal.isoformat()}")
    if jenis == "serta-merta":
        until = draft.tanggal + timedelta(days=14)
        lines.append(f"berlaku_hingga: {until.isoformat()}  # sesuaikan: sampai kapan peringatan ini berlaku")
    for name in _HINTS:
        value = _clean(getattr(draft, name))
        lines.append(f"{name}: {_scalar(value)}" if value else f"{name}: \"\"  # {_HINTS[name]}")
    lines.append(f"tempat: {_scalar(sop.tempat)}")
    lines.append("bentuk: [softcopy]")
    channels = "website, papan-pengumuman, media-sosial" if jenis == "serta-merta" else "website, papan-pengumuman"
    lines.append(f"media: [{channels}]")
    lines += [
        f"# lampiran:  # hapus tanda # bila ada lampiran; simpan berkasnya di "
        f"{join(sop.content.attachments, str(tahun))}/",
        f"#   - berkas: {tahun}/nama-berkas.pdf",
        "#     judul: Judul lampiran",
        "---",
        "",
    ]
    lines += _body(jenis)
    return Scaffold(path, "\n".join(lines))


def _body(jenis: str) -> list[str]:
    if jenis != "serta-merta":
        return [
            "<!-- Tulis isi pengumuman di bawah catatan ini: paragraf pendek dalam bahasa Indonesia yang baik,",
            "     subjudul dengan '## ', daftar dengan '- '. Hapus catatan ini sebelum mengajukan. -->",
            "",
        ]
    out = ["<!-- Pengumuman serta-merta wajib mengisi kedelapan bagian di bawah ini:"]
    out += [f"     {title}: {_SECTION_HINTS[title]}." for title in SERTA_MERTA_SECTIONS]
    out += ["     Tulis singkat dan jelas. Hapus catatan ini sebelum mengajukan. -->", ""]
    for title in SERTA_MERTA_SECTIONS:
        out += [f"## {title}", "", ""]
    return out


def _clean(value: str | None) -> str:
    """Collapse whitespace (a front matter value is one line)."""
    return " ".join(value.split()) if value else ""


def _choice(field: str, value: str | None, options: tuple[str, ...]) -> str:
    given = _clean(value).lower()
    if given in options:
        return given
    if not given:
        raise ScaffoldError(field, f"{field} wajib diisi; pilih salah satu: {', '.join(options)}")
    guess = nearest(given, options)
    tip = f"; mungkin maksud Anda '{guess}'" if guess else ""
    raise ScaffoldError(field, f"nilai '{_clean(value)}' tidak dikenal; pilih salah satu: {', '.join(options)}{tip}")


def _slug(given: str | None, judul: str) -> str:
    if given is not None:
        slug = given.strip().removesuffix(".md")
        if not _SLUG.match(slug):
            suggestion = slugify(slug) or slugify(judul) or "nama-pengumuman"
            raise ScaffoldError("slug", f"nama berkas '{slug}' hanya boleh huruf kecil, angka dan tanda hubung; "
                                        f"misalnya '{suggestion}'")
        return slug
    slug = slugify(judul)
    if not slug:
        raise ScaffoldError("slug", "judul tidak menghasilkan nama berkas (tidak ada huruf latin atau angka); "
                                    "tentukan sendiri, misalnya slug: peringatan-banjir")
    return slug


def _scalar(text: str) -> str:
    """One YAML scalar, quoted only when plain text would be read as something else."""
    dumped = yaml.safe_dump({"v": text}, allow_unicode=True, width=1_000_000, default_flow_style=False)
    return dumped[len("v: "):].rstrip("\n")
