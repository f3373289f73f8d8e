"""Valid sample front matter and bodies that tests mutate."""

from __future__ import annotations

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
