"""Offline proof (bukti offline): photos of the notice board or newspaper clippings, checked and cleaned.

The image type is read from the bytes, never from the file name; location data (EXIF GPS) is removed before
the file enters the repository, since a public site must not reveal where staff live or stand.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date

from PIL import Image, UnidentifiedImageError

MAX_IMAGE_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000
FORMATS = {"JPEG": "jpg", "PNG": "png"}
EVIDENCE_MEDIA = ("papan-pengumuman", "media-massa", "media-sosial", "website")
_GPS_IFD = 0x8825
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class EvidenceError(ValueError):
    """The evidence file or its data cannot be accepted; the message says why and what to do."""


@dataclass(frozen=True)
class CleanImage:
    data: bytes
    ext: str
    width: int
    height: int
    had_location: bool


def sniff(data: bytes) -> str | None:
    """The image format from magic bytes ('jpg' or 'png'), or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    return None


def clean_image(data: bytes) -> CleanImage:
    """Check an image by content and size, and return it without EXIF location data."""
    if len(data) > MAX_IMAGE_BYTES:
        raise EvidenceError(f"ukuran foto {len(data) / 1048576:.1f} MiB melebihi batas "
                            f"{MAX_IMAGE_BYTES // 1048576} MiB; perkecil resolusinya lalu coba lagi")
    kind = sniff(data)
    if kind is None:
        raise EvidenceError("berkas bukan foto JPEG atau PNG (dilihat dari isinya, bukan nama berkasnya); "
                            "simpan ulang foto sebagai JPEG atau PNG")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        image = Image.open(io.BytesIO(data))
        if image.width * image.height > MAX_PIXELS:
            raise EvidenceError(f"foto terlalu besar ({image.width}×{image.height} piksel); perkecil resolusinya")
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise EvidenceError(f"foto rusak atau tidak dapat dibaca ({exc.__class__.__name__}); ambil ulang fotonya") \
            from None
    if FORMATS.get(image.format or "") != kind:
        raise EvidenceError("isi berkas tidak cocok dengan jenis fotonya; simpan ulang sebagai JPEG atau PNG")
    exif = image.getexif()
    had_location = _GPS_IFD in exif
    if had_location:
        del exif[_GPS_IFD]
    out = io.BytesIO()
    if kind == "jpg":
        image.save(out, format="JPEG", quality=90, exif=exif.tobytes() if len(exif) else b"")
    else:
        image.save(out, format="PNG", exif=exif.tobytes() if len(exif) else None)
    return CleanImage(out.getvalue(), kind, image.width, image.height, had_location)


_EXIF_IFD = 0x8769
_DATE_TIME_ORIGINAL = 0x9003
_DATE_TIME = 0x0132


def photo_date(data: bytes) -> date | None:
    """The day the camera says the photo was taken (EXIF DateTimeOriginal, else DateTime), or None."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            exif = image.getexif()
            value = exif.get_ifd(_EXIF_IFD).get(_DATE_TIME_ORIGINAL) or exif.get(_DATE_TIME)
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        return None
    text = str(value or "")
    try:
        return date(int(text[0:4]), int(text[5:7]), int(text[8:10])) if len(text) >= 10 else None
    except ValueError:
        return None


def date_problem(tanggal: date, taken: date | None, announced: date, today: date) -> str | None:
    """Why a proof photo's dates cannot be right: before its announcement, or in the future."""
    for day, what in ((tanggal, "tanggal bukti (--tanggal)"), (taken, "tanggal pengambilan foto (data kamera)")):
        if day is None:
            continue
        if day < announced:
            return (f"{what} {day.isoformat()} lebih awal dari tanggal pengumuman {announced.isoformat()}; bukti "
                    "pemasangan tidak mungkin ada sebelum pengumumannya. Periksa tanggalnya atau pilih foto yang benar")
        if day > today:
            return (f"{what} {day.isoformat()} belum tiba (hari ini {today.isoformat()}); periksa tanggalnya atau "
                    "jam kamera")
    return None


def has_location(data: bytes) -> bool:
    """Whether an image still carries EXIF GPS data."""
    with Image.open(io.BytesIO(data)) as image:
        return _GPS_IFD in image.getexif()


@dataclass(frozen=True)
class EvidenceRecord:
    """The small YAML record beside each evidence file."""

    pengumuman: str  # slug of the announcement
    media: str
    tanggal: date
    oleh: str
    keterangan: str
    berkas: str  # file name beside the record
    sha256: str

    def to_yaml_text(self) -> str:
        """Stable, quoted YAML (written by us, read back by the safe loader)."""
        def q(text: str) -> str:
            return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
        return (f"pengumuman: {q(self.pengumuman)}\nmedia: {q(self.media)}\ntanggal: {self.tanggal.isoformat()}\n"
                f"oleh: {q(self.oleh)}\nketerangan: {q(self.keterangan)}\nberkas: {q(self.berkas)}\n"
                f"sha256: {q(self.sha256)}\n")


def validate_request(slug: str, media: str, known_slugs: frozenset[str], oleh: str) -> None:
    """Refuse an unknown announcement or medium, with the fix."""
    if not _SLUG.match(slug) or slug not in known_slugs:
        raise EvidenceError(f"pengumuman '{slug}' tidak ditemukan; pakai nama berkas pengumuman tanpa .md, "
                            "misalnya jadwal-layanan-informasi-2025")
    if media not in EVIDENCE_MEDIA:
        raise EvidenceError(f"media '{media}' tidak dikenal; pilih salah satu: {', '.join(EVIDENCE_MEDIA)}")
    if not oleh.strip():
        raise EvidenceError("--oleh kosong; tulis nama petugas yang mendokumentasikan")


_RECORD_KEYS = ("pengumuman", "media", "tanggal", "oleh", "keterangan", "berkas", "sha256")


def record_problems(path: str, data: dict[str, object], lines: dict[tuple[str | int, ...], int],
                    existing: frozenset[str], known_slugs: frozenset[str]) -> list[tuple[int, str, str]]:
    """Problems of one evidence record as (line, field, message)."""
    out: list[tuple[int, str, str]] = []
    for key in data:
        if key not in _RECORD_KEYS:
            allowed = ", ".join(_RECORD_KEYS)
            out.append((lines.get((key,), 1), key, f"kolom '{key}' tidak dikenal; yang boleh: {allowed}"))
    for key in _RECORD_KEYS:
        value = data.get(key)
        line = lines.get((key,), 1)
        if not isinstance(value, str) or (not value.strip() and key != "keterangan"):
            out.append((line, key, f"kolom '{key}' wajib diisi dengan teks"))
            continue
        if key == "media" and value not in EVIDENCE_MEDIA:
            out.append((line, key, f"media '{value}' tidak dikenal; pilih salah satu: {', '.join(EVIDENCE_MEDIA)}"))
        elif key == "tanggal":
            try:
                date.fromisoformat(value)
            except ValueError:
                out.append((line, key, f"tanggal '{value}' tidak valid; tulis YYYY-MM-DD"))
        elif key == "pengumuman" and (value not in known_slugs or f"/{value}/" not in path):
            out.append((line, key, f"pengumuman '{value}' tidak ditemukan atau tidak cocok dengan folder bukti"))
        elif key == "berkas":
            sibling = path.rsplit("/", 1)[0] + "/" + value
            if "/" in value or sibling not in existing:
                out.append((line, key, f"berkas foto '{value}' tidak ada di samping catatan ini"))
            elif value.rsplit(".", 1)[-1].lower() not in FORMATS.values():
                out.append((line, key, "bukti offline harus berupa foto .jpg atau .png"))
    return out


def image_problems(name: str, data: bytes) -> list[str]:
    """What is wrong with an evidence image already in the repository (e.g. uploaded on GitHub's web page)."""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in ("jpg", "jpeg", "png"):
        return [f"berkas '.{ext}' tidak diizinkan di folder bukti; hanya foto .jpg atau .png"]
    if len(data) > MAX_IMAGE_BYTES:
        return [f"foto lebih besar dari {MAX_IMAGE_BYTES // 1048576} MiB; perkecil resolusinya"]
    kind = sniff(data)
    if kind is None or kind != ("jpg" if ext in ("jpg", "jpeg") else "png"):
        return ["isi berkas bukan foto sesuai namanya (.jpg harus JPEG, .png harus PNG); simpan ulang fotonya"]
    try:
        if has_location(data):
            return ["foto masih berisi data lokasi (GPS); tambahkan foto lewat 'ppid bukti', yang menghapus "
                    "data lokasi secara otomatis"]
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        return ["foto rusak atau tidak dapat dibaca; ambil ulang fotonya"]
    return []
