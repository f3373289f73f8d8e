"""Every content rule, table-driven: (what the file says) -> (line, field, message) problems."""

from __future__ import annotations

import pytest

from pipeline.core.catalog import check_sources
from pipeline.core.problems import Problem
from pipeline.core.sop import Sop
from pipeline.core.validate import SourceFile, read_leniently
from tests.contentkit import SERTA_MERTA_BODY, VALID_FRONT_MATTER, announcement

PATH = "content/pengumuman/2025/jadwal-layanan.md"
EXISTING = frozenset({PATH, "content/lampiran/2025/jadwal.pdf", "content/lampiran/2025/data.csv"})


def fm(**changes: str | None) -> str:
    """The valid front matter with keys replaced (value None removes the key, new keys are appended)."""
    lines = VALID_FRONT_MATTER.splitlines()
    out = []
    for line in lines:
        key = line.split(":", 1)[0]
        if key in changes:
            value = changes.pop(key)
            if value is not None:
                out.append(f"{key}: {value}")
        else:
            out.append(line)
    out += [f"{key}: {value}" for key, value in changes.items() if value is not None]
    return "\n".join(out) + "\n"


def problems_for(text: str | bytes, sop: Sop, path: str = PATH) -> list[Problem]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return list(check_sources([SourceFile(path, data)], sop, EXISTING | {path}).problems)


def test_valid_announcement_has_no_problems(sop: Sop) -> None:
    result = check_sources([SourceFile(PATH, announcement().encode())], sop, EXISTING)
    assert result.problems == ()
    (item,) = result.announcements
    assert (item.slug, item.nomor, item.tempat, item.bentuk) == (
        "jadwal-layanan", "001/PPID/DISKOMINFO/2025", "Pontianak", ("softcopy",))


# (case id, file text, every problem expected as (line, field, exact message))
CASES = [
    ('missing-judul', announcement(fm(judul=None)), [
        (2, 'judul', "kolom wajib 'judul' belum diisi; tambahkan baris 'judul: ...' di bagian data di antara '---'"),
    ]),
    ('judul-boolean', announcement(fm(judul="no")), [
        (2, 'judul', '\'no\' dibaca sebagai ya/tidak, bukan teks; apit dengan tanda kutip lurus: judul: "no"'),
    ]),
    ('judul-number', announcement(fm(judul="2025")), [
        (2, 'judul', '\'2025\' dibaca sebagai angka, bukan teks; apit dengan tanda kutip lurus: judul: "2025"'),
    ]),
    ('judul-short', announcement(fm(judul="Abc")), [
        (2, 'judul', 'terlalu pendek (3 karakter); minimal 5 karakter'),
    ]),
    ('judul-long', announcement(fm(judul="A" * 201)), [
        (2, 'judul', 'terlalu panjang (201 karakter); maksimal 200 karakter, persingkat teksnya'),
    ]),
    ('nomor-pattern', announcement(fm(nomor="1/DISKOMINFO/2025")), [
        (3, 'nomor', "nomor '1/DISKOMINFO/2025' tidak sesuai pola; tulis seperti 045/PPID/DISKOMINFO/2024"),
    ]),
    ('nomor-year', announcement(fm(nomor="001/PPID/DISKOMINFO/2024")), [
        (3, 'nomor', 'tahun pada nomor (2024) berbeda dengan tahun tanggal (2025); samakan keduanya'),
    ]),
    ('jenis-typo', announcement(fm(jenis="berkla")), [
        (4, 'jenis', "nilai 'berkla' tidak dikenal; pilih salah satu: berkala, serta-merta, setiap-saat; mungkin "
                     "maksud Anda 'berkala'"),
    ]),
    ('jenis-dikecualikan', announcement(fm(jenis="dikecualikan")), [
        (4, 'jenis', 'informasi yang dikecualikan (Pasal 17 UU 14/2008) tidak boleh diumumkan; jangan terbitkan '
                     'berkas ini. Pilih berkala, serta-merta atau setiap-saat bila informasinya terbuka'),
    ]),
    ('tanggal-impossible', announcement(fm(tanggal="2025-02-30")), [
        (6, 'tanggal', "tanggal '2025-02-30' tidak ada di kalender; periksa hari dan bulannya (format YYYY-MM-DD, "
                       'misalnya 2025-02-28)'),
    ]),
    ('tanggal-format', announcement(fm(tanggal="06-01-2025")), [
        (6, 'tanggal', "'06-01-2025' ditulis dengan format lain; tulis tahun-bulan-tanggal: 2025-01-06"),
    ]),
    ('tanggal-folder', announcement(fm(tanggal="2024-12-30", nomor="001/PPID/DISKOMINFO/2024")), [
        (6, 'tanggal', 'tanggal 2024-12-30 tidak cocok dengan folder tahun 2025; pindahkan berkas ke folder 2024 '
                       'atau perbaiki tanggalnya'),
    ]),
    ('ringkasan-long', announcement(fm(ringkasan="x" * 301)), [
        (7, 'ringkasan', 'terlalu panjang (301 karakter); maksimal 300 karakter, persingkat teksnya'),
    ]),
    ('ringkasan-empty', announcement(fm(ringkasan='""')), [
        (7, 'ringkasan', 'tidak boleh kosong; isi dengan teks'),
    ]),
    ('berkala-no-kategori', announcement(fm(kategori=None)), [
        (4, 'kategori', "informasi berkala wajib punya kategori; tambahkan misalnya 'kategori: program' (pilihan: "
                        'profil, program, kinerja, keuangan, laporan-akses, regulasi, tata-cara, pengaduan, '
                        'pengadaan, darurat)'),
    ]),
    ('kategori-typo', announcement(fm(kategori="keuangn")), [
        (5, 'kategori', "nilai 'keuangn' tidak dikenal; pilih salah satu: profil, program, kinerja, keuangan, "
                        'laporan-akses, regulasi, tata-cara, pengaduan, pengadaan, darurat; mungkin maksud Anda '
                        "'keuangan'"),
    ]),
    ('unknown-key', announcement(fm(judull="X")), [
        (11, 'judull', "kolom 'judull' tidak dikenal; mungkin maksud Anda 'judul'"),
    ]),
    ('berlaku-before', announcement(fm(berlaku_hingga="2025-01-01")), [
        (11, 'berlaku_hingga', 'berlaku_hingga (2025-01-01) tidak boleh sebelum tanggal (2025-01-06)'),
    ]),
    ('bentuk-value', announcement(fm(bentuk="[digital]")), [
        (11, 'bentuk ke-1', "nilai 'digital' tidak dikenal; pilih salah satu: softcopy, hardcopy"),
    ]),
    ('bentuk-not-list', announcement(fm(bentuk="softcopy")), [
        (11, 'bentuk', "harus berupa daftar, ditemukan teks 'softcopy'; tulis misalnya bentuk: [nilai1, nilai2]"),
    ]),
    ('media-value', announcement(fm(media="[website, koran]")), [
        (11, 'media ke-2', "nilai 'koran' tidak dikenal; pilih salah satu: website, papan-pengumuman, "
                           'media-sosial, media-massa'),
    ]),
    ('lampiran-missing', announcement(fm(lampiran="[{berkas: 2025/tidak-ada.pdf, judul: X}]")), [
        (11, 'lampiran ke-1 (berkas)', "berkas lampiran '2025/tidak-ada.pdf' tidak ditemukan; simpan berkasnya di "
                                       'content/lampiran/2025/tidak-ada.pdf'),
    ]),
    ('lampiran-near', announcement(fm(lampiran="[{berkas: 2025/jadwl.pdf, judul: X}]")), [
        (11, 'lampiran ke-1 (berkas)', "berkas lampiran '2025/jadwl.pdf' tidak ditemukan; mungkin maksud Anda "
                                       "'2025/jadwal.pdf'"),
    ]),
    ('lampiran-prefix', announcement(fm(lampiran="[{berkas: lampiran/2025/jadwal.pdf, judul: X}]")), [
        (11, 'lampiran ke-1 (berkas)', "berkas lampiran 'lampiran/2025/jadwal.pdf' tidak ditemukan; tulis jalurnya "
                                       "relatif terhadap content/lampiran/, misalnya '2025/jadwal.pdf'"),
    ]),
    ('lampiran-escape', announcement(fm(lampiran="[{berkas: ../../sop.yml, judul: X}]")), [
        (11, 'lampiran ke-1 (berkas)', "'../../sop.yml' harus berupa jalur di dalam content/lampiran/ tanpa '/', "
                                       "'..' atau '\\' di depan, misalnya 2025/laporan.pdf"),
    ]),
    ('lampiran-ext', announcement(fm(lampiran="[{berkas: 2025/setup.exe, judul: X}]")), [
        (11, 'lampiran ke-1 (berkas)', "jenis berkas '.exe' tidak diizinkan; yang boleh: pdf, png, jpg, jpeg, "
                                       'xlsx, docx, csv, odt, ods'),
    ]),
    ('lampiran-no-judul', announcement(fm(lampiran="[{berkas: 2025/jadwal.pdf}]")), [
        (11, 'lampiran ke-1 (judul)', "lampiran ke-1 belum punya 'judul'; tambahkan baris 'judul: ...' sejajar "
                                      'dengan kolom lain di lampiran ke-1'),
    ]),
    ('duplicate-key', announcement(VALID_FRONT_MATTER + "judul: Lagi Judul\n"), [
        (11, 'judul', "kolom 'judul' ditulis dua kali (pertama di baris 1); hapus salah satunya"),
    ]),
    ('yaml-tag', announcement(fm(judul="!!python/object/apply:os.system [ls]")), [
        (2, '(data pengumuman)', "tanda '!!python/object/apply:os.system' tidak diizinkan; hapus tanda itu dan "
                                 'tulis nilai biasa (apit dengan tanda kutip lurus "…" bila \'!\' memang bagian '
                                 'dari teks)'),
    ]),
    ('yaml-anchor', announcement(fm(unit="&u Bidang IKP", penanggung_jawab="*u")), [
        (8, '(data pengumuman)', "tanda '&u' (rujukan ke nilai lain) tidak diizinkan; tulis nilainya langsung, "
                                 'atau apit dengan tanda kutip lurus "…" bila \'&\' memang bagian dari teks'),
        (9, '(data pengumuman)', "tanda '*u' (rujukan ke nilai lain) tidak diizinkan; tulis nilainya langsung, "
                                 'atau apit dengan tanda kutip lurus "…" bila \'*\' memang bagian dari teks'),
    ]),
    ('yaml-deep', announcement(fm(tags="[" * 12 + "]" * 12)), [
        (11, 'tags', 'struktur bertingkat terlalu dalam (lebih dari 8 tingkat); sederhanakan menjadi pasangan '
                     'kunci: nilai dan daftar biasa'),
    ]),
    ('yaml-syntax', announcement(fm(judul="Jadwal: layanan: baru")), [
        (2, '(data pengumuman)', 'nilai ini berisi titik dua (:); apit seluruh nilai dengan tanda kutip lurus: '
                                 'judul: "Jadwal: layanan: baru"'),
    ]),
    ('not-mapping', "---\n- judul\n- nomor\n---\nIsi\n", [
        (2, '(data pengumuman)', "data pengumuman harus berupa baris 'kolom: nilai', bukan daftar atau teks tunggal"),
    ]),
    ('empty-front-matter', "---\n---\nIsi\n", [
        (2, '(data pengumuman)', "bagian data di antara dua baris '---' masih kosong; tulis kolom wajib, satu per "
                                 'baris: judul, nomor, jenis, tanggal, ringkasan, unit, penanggung_jawab, retensi '
                                 "(dan kategori untuk informasi berkala), misalnya 'judul: Jadwal Layanan "
                                 "Informasi Publik'. Cara termudah: buat berkas dengan 'ppid baru'"),
    ]),
    ('no-front-matter', "# Judul\n\nIsi\n", [
        (1, '(data pengumuman)', "berkas harus diawali bagian data: baris '---', lalu judul, nomor, jenis, ... dan "
                                 "ditutup dengan baris '---'"),
    ]),
    ('unterminated', "---\n" + VALID_FRONT_MATTER + "Isi tanpa penutup\n", [
        (1, '(data pengumuman)', "bagian data tidak ditutup; tambahkan baris '---' setelah kolom terakhir"),
    ]),
    ('script', announcement(body="Halo\n<script>alert(1)</script>\n"), [
        (13, 'isi', 'tag HTML <script> tidak diizinkan karena dapat menjalankan skrip atau menyisipkan halaman '
                    'lain; hapus tag itu dan tulis isinya dengan Markdown biasa'),
    ]),
    ('iframe', announcement(body='<iframe src="https://contoh.id"></iframe>\n'), [
        (12, 'isi', 'tag HTML <iframe> tidak diizinkan karena dapat menjalankan skrip atau menyisipkan halaman '
                    'lain; hapus tag itu dan tulis isinya dengan Markdown biasa'),
    ]),
    ('handler', announcement(body='<img src="x.png" onerror="alert(1)">\n'), [
        (12, 'isi', 'atribut on...= (misalnya onclick, onerror) tidak diizinkan karena menjalankan skrip; hapus '
                    'atribut itu'),
        (12, 'isi', "gambar 'x.png' tidak menemukan berkas content/pengumuman/2025/x.png; simpan berkasnya di sana "
                    'atau perbaiki jalurnya'),
    ]),
    ('attr-list', announcement(body="[Unduh](berkas.pdf){: onclick=\"alert(1)\" }\n"), [
        (12, 'isi', 'atribut on...= (misalnya onclick, onerror) tidak diizinkan karena menjalankan skrip; hapus '
                    'atribut itu'),
        (12, 'isi', "tautan 'berkas.pdf' tidak menemukan berkas content/pengumuman/2025/berkas.pdf; simpan "
                    'berkasnya di sana atau perbaiki jalurnya'),
    ]),
    ('javascript-link', announcement(body="[klik](javascript:alert(1))\n"), [
        (12, 'isi', "tautan 'javascript:alert(1)' memakai alamat javascript: yang tidak diizinkan karena dapat "
                    'menjalankan skrip; pakai https://, mailto: atau tautan ke berkas di situs ini'),
    ]),
    ('data-url', announcement(body='<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>\n'), [
        (12, 'isi', "tautan 'data:text/html;base64,PHNjcmlwdD4=' memakai alamat data: yang tidak diizinkan karena "
                    'dapat menjalankan skrip; pakai https://, mailto: atau tautan ke berkas di situs ini'),
    ]),
    ('link-outside', announcement(body="[kata sandi](../../../../etc/passwd)\n"), [
        (12, 'isi', "tautan '../../../../etc/passwd' mengarah ke luar situs; tautan relatif harus tetap di dalam "
                    'folder content/'),
    ]),
    ('link-absolute-path', announcement(body="[beranda](/index.html)\n"), [
        (12, 'isi', "tautan '/index.html' harus relatif terhadap halaman ini (tanpa '/' di depan); misalnya "
                    '../../lampiran/<tahun>/berkas.pdf'),
    ]),
    ('serta-merta-missing', announcement(fm(jenis="serta-merta", kategori=None), "## Potensi Bahaya\n\nBanjir.\n"), [
        (11, 'isi', "pengumuman serta-merta wajib memuat bagian '## Cara Memperoleh Bantuan'; tambahkan judul "
                    'bagian itu beserta isinya'),
        (11, 'isi', "pengumuman serta-merta wajib memuat bagian '## Cara Menghindari Bahaya'; tambahkan judul "
                    'bagian itu beserta isinya'),
        (11, 'isi', "pengumuman serta-merta wajib memuat bagian '## Langkah Penanganan'; tambahkan judul bagian "
                    'itu beserta isinya'),
        (11, 'isi', "pengumuman serta-merta wajib memuat bagian '## Pihak dan Wilayah Terdampak'; tambahkan judul "
                    'bagian itu beserta isinya'),
        (11, 'isi', "pengumuman serta-merta wajib memuat bagian '## Pihak yang Wajib Mengumumkan'; tambahkan judul "
                    'bagian itu beserta isinya'),
        (11, 'isi', "pengumuman serta-merta wajib memuat bagian '## Prosedur dan Tempat Evakuasi'; tambahkan judul "
                    'bagian itu beserta isinya'),
        (11, 'isi', "pengumuman serta-merta wajib memuat bagian '## Tata Cara Penyampaian Pengumuman'; tambahkan "
                    'judul bagian itu beserta isinya'),
    ]),
    ('serta-merta-empty', announcement(fm(jenis="serta-merta", kategori=None),
                                       SERTA_MERTA_BODY.replace("Keterangan 3.", "")), [
        (19, 'isi', "bagian '## Prosedur dan Tempat Evakuasi' masih kosong; isi dengan keterangan untuk masyarakat"),
    ]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule(sop: Sop, text: str, expected: list[tuple[int, str, str]]) -> None:
    assert [(p.line, p.field, p.message) for p in problems_for(text, sop)] == expected


@pytest.mark.parametrize(("path", "field", "fragment"), [
    ("content/pengumuman/Jadwal_Layanan.md", "(lokasi)", "<tahun>/<slug>.md"),
    ("content/pengumuman/2025/Jadwal_Layanan.md", "(nama berkas)", "ganti menjadi 'jadwal-layanan.md'"),
    ("content/pengumuman/25/jadwal.md", "(lokasi)", "misalnya content/pengumuman/2025/jadwal-layanan.md"),
])
def test_file_location(sop: Sop, path: str, field: str, fragment: str) -> None:
    problems = problems_for(announcement(), sop, path)
    assert [(p.line, p.field) for p in problems if fragment in p.message] == [(1, field)]


def test_every_problem_in_a_file_is_reported(sop: Sop) -> None:
    text = announcement(fm(judul="no", jenis="berkla", tanggal="2025-13-01", unit=None, judull="x"),
                        "<script>x</script>\n")
    fields = sorted(p.field for p in problems_for(text, sop))
    assert fields == ["isi", "jenis", "judul", "judull", "tanggal", "unit"]


@pytest.mark.parametrize(("data", "line", "fragment"), [
    (announcement().encode().replace(b"Jadwal", b"J\xe9dwal", 1), 2, "bukan UTF-8"),
    (b"---\n" + b"judul: x\n" * 150_000 + b"---\n", 1, "terlalu besar"),
    (announcement().encode().replace(b"Isi", b"I\x00si"), 1, "karakter NUL"),
])
def test_bad_bytes(sop: Sop, data: bytes, line: int, fragment: str) -> None:
    (problem,) = problems_for(data, sop)
    assert (problem.line, problem.field) == (line, "(berkas)")
    assert fragment in problem.message


def test_bom_and_crlf_are_fine(sop: Sop) -> None:
    data = b"\xef\xbb\xbf" + announcement().replace("\n", "\r\n").encode()
    assert problems_for(data, sop) == []


def test_complete_serta_merta_is_valid(sop: Sop) -> None:
    text = announcement(fm(jenis="serta-merta", kategori=None), SERTA_MERTA_BODY)
    assert problems_for(text, sop) == []


def test_code_blocks_may_show_html(sop: Sop) -> None:
    body = "Contoh:\n\n```html\n<script>alert(1)</script>\n```\n\nDan `<iframe>` sebaris.\n"
    assert problems_for(announcement(body=body), sop) == []


def test_duplicate_nomor_across_files(sop: Sop) -> None:
    other = "content/pengumuman/2025/jadwal-lain.md"
    sources = [SourceFile(PATH, announcement().encode()), SourceFile(other, announcement().encode())]
    result = check_sources(sources, sop, EXISTING | {other})
    (problem,) = result.problems
    assert (problem.path, problem.line, problem.field) == (other, 3, "nomor")
    assert f"sudah dipakai oleh {PATH}" in problem.message


def test_report_paths_limit_output_but_not_uniqueness(sop: Sop) -> None:
    other = "content/pengumuman/2025/jadwal-lain.md"
    sources = [SourceFile(PATH, announcement().encode()), SourceFile(other, announcement(fm(judul="no")).encode())]
    only_first = check_sources(sources, sop, EXISTING | {other}, frozenset({PATH}))
    assert only_first.problems == ()
    only_other = check_sources(sources, sop, EXISTING | {other}, frozenset({other}))
    assert [p.field for p in only_other.problems] == ["judul"]


@pytest.mark.parametrize(("path", "data", "expected"), [
    ("content/tentang/index.md", b"# Tentang\n\nProfil PPID.\n", []),
    ("content/tentang/index.md", b"---\ntitle: Tentang\n---\n<script>x</script>\n", [(4, "isi")]),
    ("content/tentang/index.md", b"---\ntitle: !!python/name:os.system\n---\nx\n", [(2, "(data halaman)")]),
    ("content/lampiran/2025/virus.exe", b"MZ", [(1, "(lampiran)")]),
    ("content/lampiran/2025/data.csv", b"a,b\n", []),
])
def test_other_content_files(sop: Sop, path: str, data: bytes, expected: list[tuple[int, str]]) -> None:
    result = check_sources([SourceFile(path, data)], sop, EXISTING | {path})
    assert [(p.line, p.field) for p in result.problems] == expected


def test_duplicate_slug_across_years(sop: Sop) -> None:
    other = "content/pengumuman/2026/jadwal-layanan.md"
    text_2026 = announcement(fm(tanggal="2026-01-05", nomor="001/PPID/DISKOMINFO/2026")).replace("2025", "2026")
    sources = [SourceFile(PATH, announcement().encode()), SourceFile(other, text_2026.encode())]
    (problem,) = check_sources(sources, sop, EXISTING | {other}).problems
    assert (problem.path, problem.line, problem.field) == (other, 1, "(nama berkas)")
    assert "sudah dipakai oleh content/pengumuman/2025/jadwal-layanan.md" in problem.message
    assert "'jadwal-layanan-2026.md'" in problem.message


@pytest.mark.parametrize(("data", "front_matter", "body"), [
    (b"---\njudul: Jadwal\nnomor: 7\n---\nIsi.\n", {"judul": "Jadwal", "nomor": 7}, "Isi.\n"),
    (b"\xef\xbb\xbf---\r\njudul: Jadwal\r\n---\r\nIsi.\r\n", {"judul": "Jadwal"}, "Isi.\n"),  # BOM and CRLF
    (b"Isi tanpa bagian data.\n", {}, "Isi tanpa bagian data.\n"),
    (b"---\njudul: [tidak ditutup\n---\nIsi.\n", {}, "---\njudul: [tidak ditutup\n---\nIsi.\n"),  # broken YAML
    (b"---\njudul: Jadwal\nIsi tanpa penutup.\n", {}, "---\njudul: Jadwal\nIsi tanpa penutup.\n"),
    (b"---\n---\nIsi.\n", {}, "---\n---\nIsi.\n"),  # an empty block is no block
    (b"---\n- daftar\n---\nIsi.\n", {}, "---\n- daftar\n---\nIsi.\n"),  # not a mapping
    (b"---\njudul: !!python/name:os.system\n---\nIsi.\n", {}, "---\njudul: !!python/name:os.system\n---\nIsi.\n"),
])
def test_read_leniently_takes_what_was_written(data: bytes, front_matter: dict[str, object], body: str) -> None:
    doc = read_leniently(PATH, data)
    assert doc is not None
    assert (doc.front_matter, doc.body) == (front_matter, body)
    assert (doc.body_line > 1) is bool(front_matter)  # body_line 1: no data block was read


@pytest.mark.parametrize("data", [None, b"---\njudul: \xff\n---\n", b"---\njudul: a\x00\n---\n",
                                  b"---\n" + b"a" * (1024 * 1024 + 1)])
def test_read_leniently_gives_nothing_for_what_is_not_text(data: bytes | None) -> None:
    assert read_leniently(PATH, data) is None
