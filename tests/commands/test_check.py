"""`ppid check` end to end through `main(argv)`: exit codes, formats, paths, usage errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.cli import main
from tests.conftest import WriteFile
from tests.contentkit import VALID_FRONT_MATTER, announcement

GOOD = "content/pengumuman/2025/jadwal-layanan.md"
BAD = "content/pengumuman/2025/rusak.md"
BAD_TEXT = announcement(VALID_FRONT_MATTER.replace("001/", "002/").replace("jenis: berkala", "jenis: berkla"))


@pytest.fixture
def in_repo(repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(repo)
    return repo


def test_valid_tree_exits_0(in_repo: Path, write: WriteFile, capsys: pytest.CaptureFixture[str]) -> None:
    write(GOOD, announcement())
    assert main(["check"]) == 0
    assert capsys.readouterr().out.strip() == "Semua 1 berkas valid."


def test_problems_exit_1_with_exact_text(in_repo: Path, write: WriteFile, capsys: pytest.CaptureFixture[str]) -> None:
    write(GOOD, announcement())
    write(BAD, BAD_TEXT)
    assert main(["check"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{BAD}:4: jenis: nilai 'berkla' tidak dikenal; pilih salah satu: berkala, serta-merta, setiap-saat; "
        "mungkin maksud Anda 'berkala'",
        "1 masalah di 1 berkas (dari 2 berkas yang diperiksa). Perbaiki lalu jalankan 'ppid check' lagi.",
    ]


def test_paths_limit_the_report(in_repo: Path, write: WriteFile, capsys: pytest.CaptureFixture[str]) -> None:
    write(GOOD, announcement())
    write(BAD, BAD_TEXT)
    assert main(["check", GOOD]) == 0
    assert main(["check", "content/pengumuman"]) == 1


def test_github_format(in_repo: Path, write: WriteFile, capsys: pytest.CaptureFixture[str]) -> None:
    write(BAD, BAD_TEXT)
    assert main(["check", "--format", "github"]) == 1
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith(f"::error file={BAD},line=4,title=jenis::jenis: nilai 'berkla' tidak dikenal")


def test_json_format(in_repo: Path, write: WriteFile, capsys: pytest.CaptureFixture[str]) -> None:
    write(BAD, BAD_TEXT)
    assert main(["check", "--format", "json"]) == 1
    (problem,) = json.loads(capsys.readouterr().out)
    assert {k: problem[k] for k in ("path", "line", "field", "rule")} == {
        "path": BAD, "line": 4, "field": "jenis", "rule": "schema"}


@pytest.mark.parametrize("argv", [["check", "tidak-ada.md"], ["check", "--format", "xml"], ["cek"]])
def test_usage_errors_exit_2(in_repo: Path, argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_outside_a_repository_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    assert "sop.yml tidak ditemukan" in capsys.readouterr().err


def test_broken_sop_yml_names_file_line_and_field(in_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sop = in_repo / "sop.yml"
    sop.write_text(sop.read_text(encoding="utf-8").replace("standard: 1h", "standard: 1jam", 1), encoding="utf-8")
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert "sop.yml:" in err and "steps.2.standard" in err and "'1jam' bukan durasi" in err


def test_huge_file_is_not_read_whole(in_repo: Path, write: WriteFile, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(GOOD, b"---\n")
    with path.open("ab") as handle:
        handle.truncate(50 * 1024 * 1024)  # a sparse 50 MiB file
    assert main(["check"]) == 1
    assert "berkas terlalu besar (1024 KiB)" in capsys.readouterr().out


def test_the_repository_sample_content_is_valid(capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parents[2])
    assert main(["check"]) == 0, capsys.readouterr().out


@pytest.mark.parametrize(("argv", "message"), [
    (["cek"], "ppid: PERINTAH: pilihan 'cek' tidak dikenal; pilih salah satu: 'arsip',"),
    (["check", "--format", "xml"], "ppid check: --format: pilihan 'xml' tidak dikenal; pilih salah satu: 'text', "
                                   "'github', 'json'"),
    (["check", "--bogus"], "ppid: argumen tidak dikenal: --bogus"),
    (["chain", "--pr", "3"], "ppid chain: argumen wajib belum diisi: --repo"),
])
def test_usage_errors_are_in_bahasa_indonesia(in_repo: Path, argv: list[str], message: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "untuk petunjuk" in err


def test_symlinks_and_linked_folders_are_refused_never_read(in_repo: Path, write: WriteFile, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    write(GOOD, announcement())
    outside = tmp_path / "di-luar"
    outside.mkdir()
    (outside / "rahasia.md").write_text("# Rahasia\n", encoding="utf-8")
    (in_repo / "content/pengumuman/2025/tautan.md").symlink_to(outside / "rahasia.md")
    (in_repo / "content/tentang").mkdir()
    (in_repo / "content/tentang/folder").symlink_to(outside)
    assert main(["check"]) == 1
    fix = ("ini adalah tautan simbolik (symlink), bukan berkas biasa; situs hanya menerbitkan berkas biasa. Hapus "
           "lalu simpan salinan berkas aslinya di tempat ini")
    assert capsys.readouterr().out.splitlines() == [
        f"content/pengumuman/2025/tautan.md:1: (berkas): {fix}",
        f"content/tentang/folder:1: (berkas): {fix}",
        "2 masalah di 2 berkas (dari 3 berkas yang diperiksa). Perbaiki lalu jalankan 'ppid check' lagi.",
    ]
