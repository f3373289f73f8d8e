"""`ppid baru` end to end through `main(argv)`, and the pure scaffold builder it shares with the GitHub link."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from pipeline.cli import main
from pipeline.commands.baru import create
from pipeline.core.announcement import SERTA_MERTA_SECTIONS
from pipeline.core.catalog import check_sources
from pipeline.core.scaffold import Draft, ScaffoldError, build_scaffold, next_nomor, slugify
from pipeline.core.sop import Sop
from pipeline.core.validate import SourceFile
from pipeline.edges.clock import today_in
from pipeline.edges.config import load_sop
from pipeline.edges.content_check import check_tree
from tests.conftest import WriteFile
from tests.contentkit import VALID_FRONT_MATTER, announcement, fill_scaffold

FILLED = {"ringkasan": "Ringkasan pengumuman untuk masyarakat.", "unit": "Sekretariat",
          "penanggung_jawab": "Drs. Contoh Saja, M.Si.", "retensi": "5 Tahun"}


@pytest.fixture
def in_repo(repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(repo)
    return repo


def existing(write: WriteFile, nomor: str, tanggal: str, slug: str) -> None:
    """An announcement already in the tree with NOMOR on TANGGAL."""
    front = VALID_FRONT_MATTER.replace("001/PPID/DISKOMINFO/2025", nomor).replace("2025-01-06", tanggal)
    write(f"content/pengumuman/{tanggal[:4]}/{slug}.md", announcement(front))


def fill(text: str) -> str:
    return fill_scaffold(text, FILLED)


def only_file(repo: Path) -> Path:
    (path,) = sorted((repo / "content" / "pengumuman").rglob("*.md"))
    return path


@pytest.mark.parametrize(("flags", "path", "jenis", "kategori"), [
    (["--jenis", "berkala", "--kategori", "program"], "2026/program-literasi-digital-2026.md", "berkala", "program"),
    (["--jenis", "setiap-saat"], "2026/program-literasi-digital-2026.md", "setiap-saat", None),
    (["--jenis", "setiap-saat", "--kategori", "regulasi"], "2026/program-literasi-digital-2026.md",
     "setiap-saat", "regulasi"),
    (["--jenis", "serta-merta"], "2026/program-literasi-digital-2026.md", "serta-merta", None),
    (["--jenis", "Serta-Merta", "--kategori", "darurat", "--slug", "banjir"], "2026/banjir.md", "serta-merta",
     "darurat"),
])
def test_filled_scaffold_passes_check(in_repo: Path, flags: list[str], path: str, jenis: str,
                                      kategori: str | None, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["baru", "--judul", "Program Literasi Digital 2026", "--tanggal", "2026-11-30", *flags]
    assert main(argv) == 0
    file = in_repo / "content/pengumuman" / path
    assert only_file(in_repo) == file
    file.write_text(fill(file.read_text(encoding="utf-8")), encoding="utf-8")
    result, _ = check_tree(in_repo)
    assert result.problems == ()
    (item,) = result.announcements
    assert (item.judul, item.nomor, item.jenis, item.kategori, item.tanggal, item.tempat) == (
        "Program Literasi Digital 2026", "001/PPID/DISKOMINFO/2026", jenis, kategori, date(2026, 11, 30), "Pontianak")
    assert (item.ringkasan, item.unit, item.penanggung_jawab, item.retensi) == tuple(FILLED.values())
    out = capsys.readouterr().out
    assert out.startswith(f"Berkas dibuat: content/pengumuman/{path}\nNomor: 001/PPID/DISKOMINFO/2026\n")
    assert f"ppid check content/pengumuman/{path}" in out


@pytest.mark.parametrize(("flags", "fields"), [
    ([], ["ringkasan", "unit", "penanggung_jawab", "retensi"]),
    (["--ringkasan", "Ringkasan.", "--unit", "Sekretariat"], ["penanggung_jawab", "retensi"]),
    (["--ringkasan", "R.", "--unit", "U", "--penanggung-jawab", "P", "--retensi", "Permanen"], []),
])
@pytest.mark.parametrize("jenis", ["setiap-saat", "serta-merta"])
def test_unfilled_scaffold_fails_only_where_staff_must_write(in_repo: Path, flags: list[str], fields: list[str],
                                                             jenis: str) -> None:
    assert main(["baru", "--judul", "Pengumuman Percobaan", "--jenis", jenis, "--tanggal", "2026-11-30",
                 *flags]) == 0
    result, _ = check_tree(in_repo)
    expected = [(f, "tidak boleh kosong; isi dengan teks") for f in fields]
    if jenis == "serta-merta":
        expected += [("isi", f"bagian '## {t}' masih kosong; isi dengan keterangan untuk masyarakat")
                     for t in SERTA_MERTA_SECTIONS]
    assert sorted((p.field, p.message) for p in result.problems) == sorted(expected)
    lines = only_file(in_repo).read_text(encoding="utf-8").splitlines()
    for problem in result.problems:  # every problem points at the line to fill in
        assert lines[problem.line - 1].startswith(f"{problem.field}: \"\"" if problem.field != "isi" else "## ")


@pytest.mark.parametrize(("before", "tanggal", "expected"), [
    ([], "2026-11-30", "001/PPID/DISKOMINFO/2026"),
    ([("001/PPID/DISKOMINFO/2026", "2026-01-05")], "2026-11-30", "002/PPID/DISKOMINFO/2026"),
    ([("001/PPID/DISKOMINFO/2026", "2026-01-05"), ("007/PPID/DISKOMINFO/2026", "2026-02-02")], "2026-11-30",
     "008/PPID/DISKOMINFO/2026"),
    ([("019/PPID/DISKOMINFO/2025", "2025-12-30")], "2026-01-02", "001/PPID/DISKOMINFO/2026"),
    ([("003/PPID/DISKOMINFO/2026", "2026-01-05"), ("012/PPID/DISKOMINFO/2025", "2025-06-02")], "2025-12-01",
     "013/PPID/DISKOMINFO/2025"),
    ([("1203/PPID/DISKOMINFO/2026", "2026-01-05")], "2026-11-30", "1204/PPID/DISKOMINFO/2026"),
])
def test_nomor_is_highest_of_the_year_plus_one(in_repo: Path, write: WriteFile, before: list[tuple[str, str]],
                                               tanggal: str, expected: str) -> None:
    for index, (nomor, day) in enumerate(before):
        existing(write, nomor, day, f"lama-{index}")
    assert main(["baru", "--judul", "Pengumuman Baru", "--jenis", "setiap-saat", "--tanggal", tanggal]) == 0
    text = (in_repo / f"content/pengumuman/{tanggal[:4]}/pengumuman-baru.md").read_text(encoding="utf-8")
    assert f"\nnomor: {expected}\n" in text


@pytest.mark.parametrize("broken", [
    announcement(VALID_FRONT_MATTER.replace("001/PPID/DISKOMINFO/2025", "004/PPID/DISKOMINFO/2026")
                 .replace("2025-01-06", "2026-03-02")
                 .replace("jenis: berkala", "jenis: berkla")),
    "---\nnomor: 004/PPID/DISKOMINFO/2026\njudul: [tidak ditutup\n---\nIsi.\n",
    "---\nnomor: '004/PPID/DISKOMINFO/2026'  # sudah dipakai\njudul: : :\n---\nIsi.\n",
])
def test_nomor_of_an_invalid_file_is_still_taken(in_repo: Path, write: WriteFile, broken: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    write("content/pengumuman/2026/rusak.md", broken)
    assert main(["baru", "--judul", "Pengumuman Baru", "--jenis", "setiap-saat", "--tanggal", "2026-11-30"]) == 0
    assert "Nomor: 005/PPID/DISKOMINFO/2026" in capsys.readouterr().out


@pytest.mark.parametrize("front_matter", ["{}\n", "judul: Tanpa Nomor\n"])
def test_a_nomor_line_in_the_body_is_not_taken(in_repo: Path, write: WriteFile, front_matter: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    write("content/pengumuman/2026/kutipan.md", f"---\n{front_matter}---\nnomor: 009/PPID/DISKOMINFO/2026\n")
    assert main(["baru", "--judul", "Pengumuman Baru", "--jenis", "setiap-saat", "--tanggal", "2026-11-30"]) == 0
    assert "Nomor: 001/PPID/DISKOMINFO/2026" in capsys.readouterr().out


@pytest.mark.parametrize(("now", "today"), [
    (datetime(2026, 12, 31, 16, 59, 59, tzinfo=UTC), date(2026, 12, 31)),
    (datetime(2026, 12, 31, 17, 0, 0, tzinfo=UTC), date(2027, 1, 1)),
    (datetime(2026, 11, 29, 3, 0, 0, tzinfo=UTC), date(2026, 11, 29)),
])
def test_today_is_taken_in_wib(now: datetime, today: date) -> None:
    assert today_in(now, ZoneInfo("Asia/Pontianak")) == today


def test_default_date_crosses_the_year_in_wib(repo: Path, write: WriteFile) -> None:
    existing(write, "019/PPID/DISKOMINFO/2026", "2026-12-30", "akhir-tahun")
    assert create(judul="Jadwal Layanan 2027", jenis="setiap-saat", env={}, root=repo,
                  now=datetime(2026, 12, 31, 17, 30, tzinfo=UTC), out=io.StringIO()) == 0
    text = (repo / "content/pengumuman/2027/jadwal-layanan-2027.md").read_text(encoding="utf-8")
    assert "\nnomor: 001/PPID/DISKOMINFO/2027\n" in text
    assert "\ntanggal: 2027-01-01\n" in text


def test_serta_merta_has_the_eight_sections_in_order(in_repo: Path) -> None:
    assert main(["baru", "--judul", "Peringatan Dini Banjir Sintang", "--jenis", "serta-merta",
                 "--tanggal", "2026-11-24"]) == 0
    text = only_file(in_repo).read_text(encoding="utf-8")
    found = re.findall(r"^## (.+)$", text, flags=re.MULTILINE)
    assert tuple(found) == SERTA_MERTA_SECTIONS
    assert "\nberlaku_hingga: 2026-12-08  #" in text


@pytest.mark.parametrize("mode", [[], ["--dry-run"], ["--stdout"]])
def test_existing_file_is_never_overwritten(in_repo: Path, write: WriteFile, mode: list[str],
                                            capsys: pytest.CaptureFixture[str]) -> None:
    target = write("content/pengumuman/2026/jadwal-layanan.md", "isi lama\n")
    code = main(["baru", "--judul", "Jadwal Layanan", "--jenis", "setiap-saat", "--tanggal", "2026-11-30", *mode])
    assert code == 1
    assert target.read_text(encoding="utf-8") == "isi lama\n"
    assert capsys.readouterr().err == ("ppid: content/pengumuman/2026/jadwal-layanan.md sudah ada dan tidak akan "
                                       "ditimpa; pilih --slug lain atau sunting berkas itu langsung\n")


def test_dry_run_and_stdout_write_nothing(in_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["baru", "--judul", "Jadwal Layanan", "--jenis", "setiap-saat", "--tanggal", "2026-11-30"]
    assert main([*argv, "--stdout"]) == 0
    printed = capsys.readouterr().out
    assert main([*argv, "--dry-run"]) == 0
    preview = capsys.readouterr().out
    assert not list((in_repo / "content" / "pengumuman").rglob("*.md"))
    header = "Pratinjau (tidak ada berkas yang ditulis): content/pengumuman/2026/jadwal-layanan.md\n\n"
    assert preview == f"{header}{printed}\n{NO_TOKEN}\n"
    assert capsys.readouterr().err == ""
    assert main([*argv, "--stdout"]) == 0
    assert capsys.readouterr().err == f"{NO_TOKEN}\n"  # stdout stays the file alone
    assert main(argv) == 0
    assert only_file(in_repo).read_text(encoding="utf-8") == printed


NO_TOKEN = ("Catatan: GITHUB_TOKEN tidak diisi, jadi draf lain yang masih terbuka sebagai pull request TIDAK "
            "terlihat; nomor ini hanya dihitung dari berkas di folder ini dan bisa sama dengan nomor di draf orang "
            "lain. Sebelum mengajukan, periksa ulang: isi GITHUB_TOKEN (token yang boleh membaca repositori) lalu "
            "jalankan 'ppid baru --dry-run' dengan judul yang sama, atau lihat pemeriksaan isi (ppid/isi) di pull "
            "request, yang membandingkan nomor dengan semua PR terbuka.")
KATEGORI_LIST = "profil, program, kinerja, keuangan, laporan-akses, regulasi, tata-cara, pengaduan, pengadaan, darurat"


@pytest.mark.parametrize(("argv", "message"), [
    (["--jenis", "berkla"], "--jenis: nilai 'berkla' tidak dikenal; pilih salah satu: berkala, serta-merta, "
                            "setiap-saat; mungkin maksud Anda 'berkala'"),
    (["--jenis", "dikecualikan"], "--jenis: nilai 'dikecualikan' tidak dikenal; pilih salah satu: berkala, "
                                  "serta-merta, setiap-saat"),
    (["--jenis", "berkala"], f"--kategori: informasi berkala wajib punya kategori; pilih salah satu: {KATEGORI_LIST}"),
    (["--jenis", "berkala", "--kategori", "progam"],
     f"--kategori: nilai 'progam' tidak dikenal; pilih salah satu: {KATEGORI_LIST}; mungkin maksud Anda 'program'"),
    (["--jenis", "setiap-saat", "--slug", "Jadwal_Layanan"],
     "--slug: nama berkas 'Jadwal_Layanan' hanya boleh huruf kecil, angka dan tanda hubung; misalnya "
     "'jadwal-layanan'"),
    (["--jenis", "setiap-saat", "--tanggal", "2026-02-30"],
     "--tanggal '2026-02-30' bukan tanggal YYYY-MM-DD yang ada di kalender, misalnya 2026-11-30"),
    (["--jenis", "setiap-saat", "--tanggal", "30-11-2026"],
     "--tanggal '30-11-2026' bukan tanggal YYYY-MM-DD yang ada di kalender, misalnya 2026-11-30"),
    (["--jenis", "setiap-saat", "--ringkasan", "x" * 301],
     "--ringkasan: ringkasan terlalu panjang (301 karakter); maksimal 300 karakter, pindahkan rinciannya ke isi "
     "pengumuman"),
    (["--jenis", "setiap-saat", "--dry-run", "--stdout"], "pilih salah satu: --dry-run atau --stdout, tidak keduanya"),
    ([], "--jenis wajib diisi: berkala, serta-merta atau setiap-saat"),
])
def test_bad_values_exit_2_in_indonesian(in_repo: Path, argv: list[str], message: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["baru", "--judul", "Jadwal Layanan", *argv]) == 2
    assert capsys.readouterr().err == f"ppid: {message}\n"
    assert not list((in_repo / "content" / "pengumuman").rglob("*.md"))


@pytest.mark.parametrize(("judul", "message"), [
    (None, "--judul wajib diisi, misalnya --judul \"Jadwal Layanan Informasi Publik 2026\""),
    ("Info", "--judul: judul terlalu pendek (4 karakter); tulis minimal 5 karakter, misalnya "
             "\"Jadwal Layanan Informasi Publik 2026\""),
    ("Pengumuman " * 20, "--judul: judul terlalu panjang (219 karakter); maksimal 200 karakter, persingkat dan "
                         "pindahkan rinciannya ke ringkasan"),
    ("  a \t b  ", "--judul: judul terlalu pendek (3 karakter); tulis minimal 5 karakter, misalnya "
              "\"Jadwal Layanan Informasi Publik 2026\""),
    ("Пожарная тревога", "--slug: judul tidak menghasilkan nama berkas (tidak ada huruf latin atau angka); "
                         "tentukan sendiri, misalnya slug: peringatan-banjir"),
])
def test_bad_judul_exits_2(in_repo: Path, judul: str | None, message: str,
                           capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["baru", "--jenis", "setiap-saat"] + (["--judul", judul] if judul is not None else [])
    assert main(argv) == 2
    assert capsys.readouterr().err == f"ppid: {message}\n"


@pytest.mark.parametrize(("judul", "slug"), [
    ("Peringatan Dini Banjir: Kabupaten Sintang", "peringatan-dini-banjir-kabupaten-sintang"),
    ("Jadwal Layanan — Tahun 2026 (Revisi)", "jadwal-layanan-tahun-2026-revisi"),
    ("Pengumuman Ké-2 tentang Pemadaman Listrik", "pengumuman-ke-2-tentang-pemadaman-listrik"),
    ("  RUP   2026  ", "rup-2026"),
    ("Laporan " * 15, ("laporan-" * 10)[:-1]),
    ("a" * 100, "a" * 80),
])
def test_slug_from_judul(judul: str, slug: str) -> None:
    assert slugify(judul) == slug
    assert len(slug) <= 80


@pytest.mark.parametrize("judul", [
    "Peringatan Dini Banjir: Kabupaten Sintang",
    "Laporan #1 Tahun 2026",
    "'Kutip' dan \"kutip\" dalam judul",
    "* Bintang di depan",
    "yes",
    "2026-11-30 Jadwal",
    "Jadwal   dengan\tspasi\nbaris",
    "- Dimulai tanda hubung",
    "Pemadaman {listrik} [terencana] & air",
])
def test_judul_survives_yaml(sop: Sop, judul: str) -> None:
    draft = Draft(judul=judul + " Kalbar", jenis="setiap-saat", tanggal=date(2026, 11, 30), **FILLED)
    path, text = build_scaffold(draft, sop, [])
    result = check_sources([SourceFile(path, text.encode())], sop, frozenset({path}))
    assert result.problems == ()
    assert result.announcements[0].judul == " ".join((judul + " Kalbar").split())


def test_builder_is_pure_and_names_the_field(sop: Sop) -> None:
    draft = Draft(judul="Jadwal Layanan", jenis="berkala", tanggal=date(2026, 1, 5), kategori="tata-cara")
    first = build_scaffold(draft, sop, ["001/PPID/DISKOMINFO/2026", "bukan nomor", "009/PPID/DISKOMINFO/2025"])
    assert first == build_scaffold(draft, sop, ["001/PPID/DISKOMINFO/2026", "bukan nomor", "009/PPID/DISKOMINFO/2025"])
    assert first.path == "content/pengumuman/2026/jadwal-layanan.md"
    assert "\nnomor: 002/PPID/DISKOMINFO/2026\n" in first.text
    with pytest.raises(ScaffoldError) as info:
        build_scaffold(Draft(judul="Jadwal Layanan", jenis="harian", tanggal=date(2026, 1, 5)), sop, [])
    assert (info.value.field, str(info.value)) == (
        "jenis", "jenis: nilai 'harian' tidak dikenal; pilih salah satu: berkala, serta-merta, setiap-saat")


def test_next_nomor_follows_sop_format(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    text = (root / "sop.yml").read_text(encoding="utf-8")
    text = text.replace("format: '{urut:03d}/PPID/DISKOMINFO/{tahun}'", "format: '{urut:04d}/PPID/DISKOMINFO/{tahun}'")
    (tmp_path / "sop.yml").write_text(text, encoding="utf-8")
    sop = load_sop(tmp_path)
    used = ["0041/PPID/DISKOMINFO/2026", "045/PPID/DISKOMINFO/2026", "099/PPID/DISKOMINFO/2025"]
    assert next_nomor(sop, used, 2026) == "0046/PPID/DISKOMINFO/2026"
