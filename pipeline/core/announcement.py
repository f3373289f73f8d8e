"""The announcement model: front matter schema (Bahasa Indonesia keys) and the frozen Announcement value."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from pipeline.core.dates_id import IsoDate

Jenis = Literal["berkala", "serta-merta", "setiap-saat"]
JENIS: tuple[str, ...] = get_args(Jenis)
Kategori = Literal["profil", "program", "kinerja", "keuangan", "laporan-akses", "regulasi", "tata-cara",
                   "pengaduan", "pengadaan", "darurat"]
KATEGORI: tuple[str, ...] = get_args(Kategori)
KATEGORI_LABEL = {
    "profil": "Profil badan publik",
    "program": "Program dan kegiatan",
    "kinerja": "Ringkasan kinerja",
    "keuangan": "Ringkasan laporan keuangan",
    "laporan-akses": "Laporan akses informasi publik",
    "regulasi": "Peraturan dan kebijakan",
    "tata-cara": "Hak dan tata cara memperoleh informasi",
    "pengaduan": "Tata cara pengaduan",
    "pengadaan": "Pengadaan barang dan jasa",
    "darurat": "Prosedur peringatan dini dan evakuasi",
}
JENIS_LABEL = {"berkala": "Informasi Berkala", "serta-merta": "Informasi Serta Merta",
               "setiap-saat": "Informasi Tersedia Setiap Saat"}
LAMPIRAN_EXT = ("pdf", "png", "jpg", "jpeg", "xlsx", "docx", "csv", "odt", "ods")
SERTA_MERTA_SECTIONS = (
    "Potensi Bahaya",
    "Pihak dan Wilayah Terdampak",
    "Prosedur dan Tempat Evakuasi",
    "Cara Menghindari Bahaya",
    "Cara Memperoleh Bantuan",
    "Pihak yang Wajib Mengumumkan",
    "Tata Cara Penyampaian Pengumuman",
    "Langkah Penanganan",
)
# What the public page says above a serta-merta notice; the PR preview shows the same words.
SERTA_MERTA_ALERT = "Informasi ini menyangkut keselamatan masyarakat. Ikuti petunjuk di bawah ini."
REQUIRED_KEYS = ("judul", "nomor", "jenis", "tanggal", "ringkasan", "unit", "penanggung_jawab", "retensi")
OPTIONAL_KEYS = ("kategori", "tempat", "bentuk", "lampiran", "berlaku_hingga", "media", "tags", "dijadwalkan")
ALL_KEYS = REQUIRED_KEYS + OPTIONAL_KEYS


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class LampiranSchema(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    berkas: Text
    judul: Text


class FrontMatter(BaseModel):
    """The declarative schema of an announcement's front matter (types and sizes only)."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    judul: Annotated[str, StringConstraints(strip_whitespace=True, min_length=5, max_length=200)]
    nomor: Text
    jenis: Jenis
    tanggal: IsoDate
    ringkasan: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
    unit: Text
    penanggung_jawab: Text
    retensi: Text
    kategori: Kategori | None = None
    tempat: Text | None = None
    bentuk: list[Literal["softcopy", "hardcopy"]] = Field(default_factory=lambda: ["softcopy"], min_length=1)  # type: ignore[arg-type]
    lampiran: list[LampiranSchema] = Field(default_factory=list)
    berlaku_hingga: IsoDate | None = None
    media: list[Literal["website", "papan-pengumuman", "media-sosial", "media-massa"]] = Field(default_factory=list)
    tags: list[Text] = Field(default_factory=list)
    # An explicit "yes, `tanggal` is meant to be in the future" (a notice dated ahead); nothing else allows it.
    dijadwalkan: Literal["ya"] | None = None


@dataclass(frozen=True)
class Lampiran:
    berkas: str  # path relative to the attachments folder, e.g. "2025/lkip-2024.pdf"
    judul: str


@dataclass(frozen=True)
class Announcement:
    """A valid announcement, ready for the site, the DIP and proof records."""

    path: str  # relative to the repository root, POSIX
    slug: str
    judul: str
    nomor: str
    jenis: str
    tanggal: date
    ringkasan: str
    unit: str
    penanggung_jawab: str
    retensi: str
    tempat: str
    bentuk: tuple[str, ...]
    kategori: str | None = None
    lampiran: tuple[Lampiran, ...] = ()
    berlaku_hingga: date | None = None
    media: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    body: str = ""
    body_line: int = 1  # line in the file where the body starts
    headings: tuple[str, ...] = field(default=())

    @property
    def tahun(self) -> int:
        return self.tanggal.year

    @property
    def jenis_label(self) -> str:
        return JENIS_LABEL[self.jenis]

    @property
    def kategori_label(self) -> str | None:
        return KATEGORI_LABEL.get(self.kategori) if self.kategori else None

    def is_active(self, today: date) -> bool:
        """In force on `today`: serta-merta notices without an end date stay active for 30 days."""
        if self.berlaku_hingga is not None:
            return self.tanggal <= today <= self.berlaku_hingga
        return self.tanggal <= today <= date.fromordinal(self.tanggal.toordinal() + 30)
