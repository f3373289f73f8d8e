"""Valid sample front matter and bodies that tests mutate, and what staff do to a scaffold in the editor."""

from __future__ import annotations

import re
from collections.abc import Mapping

from pipeline.core.announcement import SERTA_MERTA_SECTIONS

VALID_FRONT_MATTER = """\
judul: Jadwal Layanan Informasi Publik Tahun 2025
nomor: 001/PPID/DISKOMINFO/2025
jenis: berkala
kategori: tata-cara
tanggal: 2025-01-06
ringkasan: Jadwal dan jam layanan informasi publik di Diskominfo Kalbar.
unit: Bidang Informasi dan Komunikasi Publik
penanggung_jawab: Kepala Bidang IKP
retensi: 1 Tahun
"""

SERTA_MERTA_BODY = "\n".join(
    f"## {title}\n\nKeterangan {index}.\n" for index, title in enumerate((
        "Potensi Bahaya", "Pihak dan Wilayah Terdampak", "Prosedur dan Tempat Evakuasi",
        "Cara Menghindari Bahaya", "Cara Memperoleh Bantuan", "Pihak yang Wajib Mengumumkan",
        "Tata Cara Penyampaian Pengumuman", "Langkah Penanganan"), start=1))


def announcement(front_matter: str = VALID_FRONT_MATTER, body: str = "Isi pengumuman.\n") -> str:
    return f"---\n{front_matter}---\n{body}"


def fill_scaffold(text: str, values: Mapping[str, str]) -> str:
    """What staff do to a scaffold (`ppid baru`, the disposisi link): write VALUES into the empty fields marked
    WAJIB DIISI, and a sentence into every empty serta-merta section."""
    for name, value in values.items():
        text = re.sub(rf'^{name}: ""  # .*$', f"{name}: {value}", text, flags=re.MULTILINE)
    for title in SERTA_MERTA_SECTIONS:
        text = text.replace(f"## {title}\n\n", f"## {title}\n\nKeterangan {title.lower()}.\n")
    return text
