"""A small, deterministic repository for site tests: the project's sop.yml, mkdocs.yml and static pages, plus
hand-written announcements that exercise every page kind (and one with hostile text in its front matter)."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

from pipeline.core.announcement import SERTA_MERTA_SECTIONS
from tests.recordkit import record_content

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2025, 8, 5)
PAGINATED = 55  # berkala notices beyond the hand-written ones: the berkala list needs two pages
HOSTILE_TITLE = 'Uji <script>alert("judul")</script> & "kutip" </title>'
HOSTILE_SUMMARY = 'Ringkasan "><script>alert(1)</script><img src=x onerror=alert(2)> selesai.'

ACTIVE_SLUG = "peringatan-dini-banjir-sintang"
EXPIRED_SLUG = "peringatan-kabut-asap-2024"
SEARCH_SLUG = "hasil-seleksi-komisi-informasi"
ATTACHMENT_SLUG = "laporan-kinerja-2024"
HOSTILE_SLUG = "uji-judul-berbahaya"
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def _front(**fields: str) -> str:
    lines = ["---"]
    for key, value in fields.items():
        lines.append(f"{key}: {value}")
    return "\n".join([*lines, "---", ""])


# What a notice says about calling for help: numbers become tel: links; "112 rumah" is a count, not a number.
HELP_TEXT = ("Keadaan darurat: hubungi **112** (gratis, 24 jam). Posko BPBD: telepon (0565) 21234 atau WhatsApp "
             "0812-5678-9012.")
DANGER_TEXT = "Sebanyak 112 rumah di bantaran sungai terendam sejak pukul 07.30."


def _serta_merta_body() -> str:
    text = {"Cara Memperoleh Bantuan": HELP_TEXT, "Potensi Bahaya": DANGER_TEXT}
    return "\n".join(f"## {title}\n\n{text.get(title, f'Keterangan tentang {title.lower()} bagi warga.')}\n"
                     for title in SERTA_MERTA_SECTIONS)


def announcements(today: date = TODAY) -> dict[str, str]:
    """Repository path -> file text."""
    year = today.year
    active_from, active_until = today - timedelta(days=1), today + timedelta(days=14)
    out = {
        f"content/pengumuman/{year}/{ACTIVE_SLUG}.md": _front(
            judul="Peringatan Dini Banjir di Kabupaten Sintang", nomor=f"090/PPID/DISKOMINFO/{year}",
            jenis="serta-merta", kategori="darurat", tanggal=active_from.isoformat(),
            berlaku_hingga=active_until.isoformat(),
            ringkasan="Warga di bantaran Sungai Kapuas diminta bersiap mengungsi.",
            unit="Bidang Informasi dan Komunikasi Publik", penanggung_jawab="Drs. Andi Pratama, M.Si.",
            retensi="Selama berlaku", media="[website, papan-pengumuman]",
        ) + _serta_merta_body(),
        f"content/pengumuman/{year - 1}/{EXPIRED_SLUG}.md": _front(
            judul="Peringatan Kabut Asap di Kota Pontianak", nomor=f"150/PPID/DISKOMINFO/{year - 1}",
            jenis="serta-merta", tanggal=f"{year - 1}-09-01", berlaku_hingga=f"{year - 1}-09-20",
            ringkasan="Kualitas udara tidak sehat; kurangi kegiatan di luar ruangan.",
            unit="Bidang Informasi dan Komunikasi Publik", penanggung_jawab="Drs. Andi Pratama, M.Si.",
            retensi="Selama berlaku",
        ) + _serta_merta_body(),
        f"content/pengumuman/{year}/{SEARCH_SLUG}.md": _front(
            judul="Hasil Seleksi Calon Anggota Komisi Informasi", nomor=f"080/PPID/DISKOMINFO/{year}",
            jenis="setiap-saat", kategori="regulasi", tanggal=(today - timedelta(days=3)).isoformat(),
            ringkasan="Nama peserta yang lolos seleksi administrasi diumumkan hari ini.",
            unit="Sekretariat", penanggung_jawab="Hj. Nurul Aini, S.E., M.M.", retensi="5 Tahun",
        ) + "Peserta yang namanya tercantum mengikuti tahap berikutnya.\n\n## Jadwal Wawancara\n\nLihat lampiran.\n",
        f"content/pengumuman/{year}/{ATTACHMENT_SLUG}.md": _front(
            judul="Ringkasan Laporan Kinerja Tahun 2024", nomor=f"070/PPID/DISKOMINFO/{year}",
            jenis="berkala", kategori="kinerja", tanggal=(today - timedelta(days=5)).isoformat(),
            ringkasan="Capaian kinerja Dinas Komunikasi dan Informatika selama tahun 2024.",
            unit="Sekretariat", penanggung_jawab="Hj. Nurul Aini, S.E., M.M.", retensi="Permanen",
            bentuk="[softcopy, hardcopy]",
            lampiran=f"\n  - berkas: {year}/lkip-2024.pdf\n    judul: Laporan Kinerja 2024",
        ) + "Laporan lengkap tersedia sebagai lampiran.\n\n"
        "| Sasaran strategis | Indikator kinerja utama | Target | Realisasi | Capaian | Keterangan |\n"
        "|---|---|---:|---:|---:|---|\n"
        "| Meningkatnya kualitas layanan informasi | Indeks keterbukaan informasi publik | 90 | 88,2 | 98% "
        "| Penilaian Komisi Informasi Provinsi |\n",
        f"content/pengumuman/{year}/{HOSTILE_SLUG}.md": _front(
            judul=f"'{HOSTILE_TITLE}'", nomor=f"060/PPID/DISKOMINFO/{year}", jenis="setiap-saat",
            tanggal=(today - timedelta(days=30)).isoformat(), ringkasan=f"'{HOSTILE_SUMMARY}'",
            unit="Sekretariat", penanggung_jawab="Tim Uji <b>tebal</b>", retensi="1 Tahun",
        ) + "Isi biasa.\n",
    }
    for number in range(1, PAGINATED + 1):
        day = date(year - 1, 1, 1) + timedelta(days=number * 5)
        out[f"content/pengumuman/{year - 1}/ringkasan-program-{number:03d}.md"] = _front(
            judul=f"Ringkasan Program dan Kegiatan Nomor {number}", nomor=f"{number:03d}/PPID/DISKOMINFO/{year - 1}",
            jenis="berkala", kategori="program", tanggal=day.isoformat(),
            ringkasan=f"Program dan kegiatan yang sedang berjalan, bagian {number}.",
            unit="Bidang Aplikasi Informatika", penanggung_jawab="Yohanes Kristian, S.Kom., M.T.",
            retensi="5 Tahun",
        ) + "Uraian program.\n"
    return out


def write_repo(root: Path, today: date = TODAY, *, recorded: bool = True) -> Path:
    """Write the repository at ROOT; the ppid plugin is pinned to `today` so the alert is deterministic. With
    `recorded`, one proof record covers all of it (as after an approved merge); without, all of it is a draft."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "sop.yml", root / "sop.yml")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    pinned = config.replace("plugins:\n  - ppid\n", f'plugins:\n  - ppid:\n      today: "{today.isoformat()}"\n')
    assert pinned != config, "mkdocs.yml no longer lists the ppid plugin as '  - ppid'"
    (root / "mkdocs.yml").write_text(pinned, encoding="utf-8")
    for page in ("content/index.md", "content/tentang/index.md"):
        target = root / page
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / page, target)
    for path, text in announcements(today).items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    pdf = root / "content" / "lampiran" / str(today.year) / "lkip-2024.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.write_bytes(PDF)
    # Not an allowed type: the site must not serve it even though `ppid check` ignores files outside lampiran/.
    (root / "content" / "halaman-lama.html").write_text("<script>alert('lama')</script>", encoding="utf-8")
    if recorded:
        record_content(root)
    return root
