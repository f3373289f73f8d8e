"""Generate N valid synthetic announcements in a throw-away repository folder.

Deterministic for a given seed. Used by bench_check.py and by tests/benchmarks; also a CLI:

    python benchmarks/gen_content.py OUT_DIR --n 1000 [--seed 0]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path

from pipeline.core.announcement import KATEGORI, SERTA_MERTA_SECTIONS

REPO = Path(__file__).resolve().parents[1]
# Past years only: `ppid check` refuses a `tanggal` after today, and the benchmarks run `ppid build` on the clock.
YEARS = (2022, 2023, 2024, 2025)
JENIS_WEIGHTS = {"berkala": 6, "setiap-saat": 3, "serta-merta": 1}
UNITS = ("Sekretariat", "Bidang Informasi dan Komunikasi Publik", "Bidang Aplikasi Informatika",
         "Bidang Infrastruktur Teknologi Informasi dan Komunikasi", "Bidang Statistik dan Persandian")
PEOPLE = ("Drs. Andi Pratama, M.Si.", "Hj. Nurul Aini, S.E., M.M.", "Yohanes Kristian, S.Kom., M.T.",
          "Dayang Fitriani, S.Si., M.Stat.", "Ir. Bambang Wicaksono, M.T.", "Rina Marlina, S.E., M.Ak.")
RETENSI = ("5 Tahun", "Selama berlaku", "Permanen", "10 Tahun")
MEDIA = ("website", "papan-pengumuman", "media-sosial", "media-massa")
PLACES = ("Kota Pontianak", "Kabupaten Kubu Raya", "Kabupaten Sintang", "Kabupaten Ketapang", "Kabupaten Sambas",
          "Kabupaten Kapuas Hulu", "Kota Singkawang", "Kabupaten Landak", "Kabupaten Sanggau", "Kabupaten Melawi")
TOPICS = {
    "profil": "Profil dan Struktur Organisasi",
    "program": "Program Literasi Digital",
    "kinerja": "Ringkasan Laporan Kinerja",
    "keuangan": "Ringkasan Laporan Keuangan",
    "laporan-akses": "Laporan Layanan Informasi Publik",
    "regulasi": "Keputusan Kepala Dinas",
    "tata-cara": "Tata Cara Permohonan Informasi",
    "pengaduan": "Tata Cara Pengaduan Layanan",
    "pengadaan": "Rencana Umum Pengadaan",
    "darurat": "Prosedur Peringatan Dini dan Evakuasi",
}
SENTENCES = (
    "Dinas Komunikasi dan Informatika Provinsi Kalimantan Barat menyampaikan informasi ini kepada masyarakat.",
    "Informasi ini disusun sesuai Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik.",
    "Salinan dokumen lengkap dapat diminta melalui meja layanan informasi atau formulir daring e-PPID.",
    "Pertanyaan dapat disampaikan pada jam layanan, Senin sampai Jumat, di Kantor Diskominfo Kalbar.",
    "Masyarakat diimbau memeriksa kembali informasi ini secara berkala karena dapat diperbarui.",
    "Kegiatan dibiayai APBD Provinsi Kalimantan Barat dan dilaporkan dalam laporan kinerja tahunan.",
    "Layanan informasi tidak dipungut biaya, kecuali biaya salinan cetak yang wajar.",
    "Pelaksanaan kegiatan dikoordinasikan dengan pemerintah kabupaten/kota di seluruh Kalimantan Barat.",
)
def _tiny_pdf() -> bytes:
    """A small, valid one-page PDF (correct cross-reference offsets), attached to some announcements."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


TINY_PDF = _tiny_pdf()


def _paragraphs(rng: random.Random, count: int) -> list[str]:
    """COUNT paragraphs of three sentences, separated by blank lines."""
    out: list[str] = []
    for _ in range(count):
        out += [" ".join(rng.sample(SENTENCES, 3)), ""]
    return out[:-1]


def _body(rng: random.Random, jenis: str, place: str, attachment: str | None) -> list[str]:
    # Links take the slower path of the body check, so some bodies carry them, as real ones do.
    links = []
    if attachment:
        links.append(f"Dokumen lengkap: [unduh PDF](../../lampiran/{attachment}).")
    if rng.random() < 0.2:
        links.append("Pengaduan dapat disampaikan melalui [SP4N-LAPOR!](https://www.lapor.go.id).")
    if jenis == "serta-merta":
        out = [f"Peringatan ini berlaku untuk {place} dan sekitarnya.", ""]
        for title in SERTA_MERTA_SECTIONS:
            out += [f"## {title}", "", *_paragraphs(rng, 1), ""]
        return out + links
    out = [*_paragraphs(rng, 2), "", "## Rincian", ""]
    out += [f"- {rng.choice(SENTENCES)}" for _ in range(rng.randint(2, 5))]
    out += ["", "| Uraian | Jumlah |", "|---|---:|"]
    out += [f"| {rng.choice(PLACES)} | {rng.randint(1, 500)} |" for _ in range(rng.randint(2, 6))]
    out += ["", "## Keterangan", "", *_paragraphs(rng, 1), "", *links]
    return out


def generate(root: Path, n: int, seed: int = 0) -> list[Path]:
    """Write a repository at ROOT (sop.yml + content/) holding N valid announcements; returns their paths."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "sop.yml", root / "sop.yml")
    counters = dict.fromkeys(YEARS, 0)
    written: list[Path] = []
    jenis_pool = [j for j, weight in JENIS_WEIGHTS.items() for _ in range(weight)]
    for index in range(n):
        year = rng.choice(YEARS)
        counters[year] += 1
        jenis = rng.choice(jenis_pool)
        kategori = "darurat" if jenis == "serta-merta" else rng.choice(KATEGORI)
        tanggal = date(year, 1, 1) + timedelta(days=rng.randrange(365))
        place = rng.choice(PLACES)
        topic = "Peringatan Dini Banjir" if jenis == "serta-merta" else TOPICS[kategori]
        judul = f"{topic} {place} Tahun {year} Nomor {index + 1}"
        slug = f"{topic.lower().replace(' ', '-')}-{year}-{index + 1:05d}"
        lines = [
            "---",
            f"judul: {judul}",
            f"nomor: {counters[year]:03d}/PPID/DISKOMINFO/{year}",
            f"jenis: {jenis}",
        ]
        if jenis == "berkala" or rng.random() < 0.5:
            lines.append(f"kategori: {kategori}")
        lines += [
            f"tanggal: {tanggal.isoformat()}",
            "ringkasan: >-",
            f"  {topic} untuk {place} tahun {year}. {rng.choice(SENTENCES)}",
            f"unit: {rng.choice(UNITS)}",
            f"penanggung_jawab: {rng.choice(PEOPLE)}",
            f"bentuk: [{', '.join(rng.sample(('softcopy', 'hardcopy'), rng.randint(1, 2)))}]",
            f"media: [{', '.join(rng.sample(MEDIA, rng.randint(1, 4)))}]",
            f"retensi: {'Selama berlaku' if jenis == 'serta-merta' else rng.choice(RETENSI)}",
        ]
        if jenis == "serta-merta":
            lines.append(f"berlaku_hingga: {(tanggal + timedelta(days=rng.randint(3, 30))).isoformat()}")
        attachment = None
        if index % 10 == 0:
            attachment = f"{year}/lampiran-{index + 1:05d}.pdf"
            target = root / "content" / "lampiran" / attachment
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(TINY_PDF)
            lines += ["lampiran:", f"  - berkas: {attachment}", f"    judul: Dokumen {topic} (PDF)"]
        lines.append(f"tags: [{kategori}, {place}]")
        lines += ["---", "", *_body(rng, jenis, place, attachment)]
        path = root / "content" / "pengumuman" / str(year) / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to create (must not exist or be empty)")
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        print(f"{args.out} is not empty; choose a new folder", file=sys.stderr)
        return 2
    paths = generate(args.out, args.n, args.seed)
    print(f"{len(paths)} announcements written under {args.out / 'content'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
