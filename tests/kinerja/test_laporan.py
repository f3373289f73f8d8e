"""`ppid laporan`: the exact CSV, the XLSX read back with openpyxl, and clear Indonesian errors."""

from __future__ import annotations

import csv
import io
import os
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from pipeline.cli import main
from pipeline.core.kinerja import REPORT_COLUMNS, kinerja, report_rows
from pipeline.edges.archive import write_record
from tests.kinerja.kit import ROOT, SOP, WIB, sample

GOLDEN = Path(__file__).parent / "golden"
BOM = "\ufeff".encode()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with the project's sop.yml and the sample records in content/arsip/; the current folder."""
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copy(ROOT / "sop.yml", root / "sop.yml")
    for rec in sample():
        write_record(root, SOP, rec, ZoneInfo("Asia/Pontianak"))
    monkeypatch.chdir(root)
    return root


def golden_csv() -> str:
    """The expected CSV with its CRLF line ends (the golden file is kept with LF, whatever git does to it)."""
    return (GOLDEN / "laporan-2025.csv").read_text(encoding="utf-8").replace("\r\n", "\n").replace("\n", "\r\n")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["laporan", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_csv_to_standard_output_is_exact(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--tahun", "2025")
    if os.environ.get("PPID_UPDATE_GOLDEN"):
        (GOLDEN / "laporan-2025.csv").write_text(out.replace("\r\n", "\n"), encoding="utf-8", newline="\n")
    assert (code, err) == (0, "")
    assert out == golden_csv()


def test_csv_rows_hold_the_hand_computed_figures(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--tahun", "2025")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == list(REPORT_COLUMNS)
    assert len(rows) == 4 * 7  # semua + three jenis, each six steps and the send-back row
    step4 = rows[3]
    assert (step4["Jenis informasi"], step4["Langkah"], step4["Pelaksana"], step4["Standar"]) == \
        ("Semua jenis", "4", "Sekretaris", "1 jam")
    assert [step4[k] for k in REPORT_COLUMNS[6:]] == ["60", "4", "4", "42.5", "90", "3", "75", "1", ""]
    backs = rows[6]
    assert (backs["Kegiatan"], backs["Jumlah penerbitan"], backs["Diukur"], backs["Dikembalikan"],
            backs["Pengembalian per penerbitan"]) == ("Pengembalian konsep (seluruh langkah)", "4", "3", "3", "1")
    empty = [r for r in rows if r["Jenis informasi"] == "Informasi Serta Merta"][1]
    assert (empty["Jumlah penerbitan"], empty["Median (menit kerja)"], empty["Standar (menit kerja)"]) == \
        ("1", "560", "")


def test_csv_to_a_file_has_a_bom_for_spreadsheets(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--tahun", "2025", "--output", "laporan.csv")
    assert code == 0
    assert out == "Laporan kinerja tahun 2025 ditulis: laporan.csv (4 penerbitan)\n"
    assert (repo / "laporan.csv").read_bytes() == BOM + golden_csv().encode("utf-8")


def test_xlsx_reads_back_with_the_same_rows(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--tahun", "2025", "--format", "xlsx", "--output", "laporan.xlsx")
    assert (code, out) == (0, "Laporan kinerja tahun 2025 ditulis: laporan.xlsx (4 penerbitan)\n")
    book = openpyxl.load_workbook(repo / "laporan.xlsx")
    assert book.sheetnames == ["Kinerja 2025", "Keterangan"]
    table = [tuple(row) for row in book["Kinerja 2025"].iter_rows(values_only=True)]
    assert table[0] == REPORT_COLUMNS
    year = next(y for y in kinerja(sample(), SOP, WIB) if y.tahun == 2025)
    assert table[1:] == report_rows(year, SOP)
    assert isinstance(table[4][9], float) and table[4][9] == 42.5 and isinstance(table[4][10], int)
    notes = [row[0] for row in book["Keterangan"].iter_rows(values_only=True)]
    assert notes[0] == "Laporan Kinerja Layanan Pengumuman Informasi Publik Tahun 2025"
    assert any("catatan contoh" in str(n) for n in notes)
    assert book.properties.title == "Laporan Kinerja Layanan Pengumuman 2025"


def test_xlsx_without_output_goes_to_a_named_file(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--tahun", "2026", "--format", "xlsx")
    assert (code, out) == (0, "Laporan kinerja tahun 2026 ditulis: laporan-kinerja-2026.xlsx (1 penerbitan)\n")
    assert openpyxl.load_workbook(repo / "laporan-kinerja-2026.xlsx")["Kinerja 2026"]["A2"].value == 2026


def test_the_same_records_give_the_same_xlsx_bytes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "--tahun", "2025", "--format", "xlsx", "--output", "a.xlsx")
    run(capsys, "--tahun", "2025", "--format", "xlsx", "--output", "b.xlsx")
    assert (repo / "a.xlsx").read_bytes() == (repo / "b.xlsx").read_bytes()


def test_text_that_looks_like_a_formula_is_disarmed(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sop = (repo / "sop.yml").read_text(encoding="utf-8")
    (repo / "sop.yml").write_text(sop.replace('kegiatan: "Menugaskan', 'kegiatan: "=HYPERLINK(1)+Menugaskan'),
                                  encoding="utf-8")
    _, out, _ = run(capsys, "--tahun", "2025")
    assert ",'=HYPERLINK(1)+Menugaskan" in out
    run(capsys, "--tahun", "2025", "--format", "xlsx", "--output", "x.xlsx")
    cell = openpyxl.load_workbook(repo / "x.xlsx")["Kinerja 2025"]["D2"]
    assert (cell.data_type, str(cell.value).startswith("=HYPERLINK")) == ("s", True)  # text, never a formula


@pytest.mark.parametrize(("argv", "code", "message"), [
    (["--tahun", "2024"], 1, "ppid: tidak ada catatan bukti untuk tahun 2024 di content/arsip/; laporan tidak "
                             "dibuat. Tahun yang ada: 2025, 2026.\n"),
    (["--tahun", "2025", "--output", "tidak-ada/laporan.csv"], 1,
     "ppid: tidak-ada/laporan.csv: laporan tidak dapat ditulis (folder tujuan tidak ada); periksa folder dan izin "
     "tulisnya\n"),
    (["--tahun", "2025", "--format", "xlsx", "--output", "content"], 1,
     "ppid: content: laporan tidak dapat ditulis (tujuan adalah folder, bukan berkas); periksa folder dan izin "
     "tulisnya\n"),
])
def test_user_errors_are_clear(repo: Path, capsys: pytest.CaptureFixture[str], argv: list[str], code: int,
                               message: str) -> None:
    assert run(capsys, *argv) == (code, "", message)


@pytest.mark.parametrize(("argv", "fragment"), [
    (["--tahun", "25"], "argument --tahun: '25' bukan tahun; tulis empat angka, misalnya 2025"),
    (["--tahun", "dua ribu"], "'dua ribu' bukan tahun"),
    (["--tahun", "2025", "--format", "pdf"], "--format: pilihan 'pdf' tidak dikenal; pilih salah satu: 'csv', 'xlsx'"),
    ([], "--tahun"),
])
def test_usage_errors_exit_2(repo: Path, capsys: pytest.CaptureFixture[str], argv: list[str], fragment: str) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "") and fragment in err


def test_an_empty_archive_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(ROOT / "sop.yml", tmp_path / "sop.yml")
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "--tahun", "2025") == (1, "", "ppid: tidak ada catatan bukti untuk tahun 2025 di "
                                                     "content/arsip/; laporan tidak dibuat. Arsip masih kosong.\n")


def test_a_broken_archive_makes_no_report(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = next((repo / "content" / "arsip").rglob("00001-*.json"))
    first.write_bytes(first.read_bytes().replace(b'"staf1"', b'"staf2"', 1))
    code, out, err = run(capsys, "--tahun", "2025")
    assert (code, out) == (1, "")
    assert err.startswith("ppid: arsip bukti rusak; laporan tidak dibuat:\ncontent/arsip/2025/00001-")
    assert "ppid verify" in err


def test_the_repository_archive_reports_both_sample_years(monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    for tahun in ("2025", "2026"):
        code, out, _ = run(capsys, "--tahun", tahun)
        assert code == 0 and len(out.splitlines()) == 1 + 4 * 7
