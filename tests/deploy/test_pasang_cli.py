"""`ppid pasang` through the real command line: registration, help in Bahasa Indonesia, usage errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.cli import main
from tests.deploy.kit import ROOT


@pytest.fixture(autouse=True)
def _in_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)


def test_status_of_an_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pasang", "--folder", str(tmp_path / "srv"), "--status"]) == 0
    assert capsys.readouterr().out == f"Belum ada situs yang tayang di {tmp_path / 'srv'} (FOLDER/current belum ada).\n"


@pytest.mark.parametrize("argv, message", [
    (["pasang"], "ppid: --repo belum diisi (atau GITHUB_REPOSITORY)"),
    (["pasang", "--repo", "dinas/ppid", "--simpan", "1"], "ppid: --simpan harus paling sedikit 2"),
    (["pasang", "--repo", "dinas/ppid"], "ppid: GITHUB_TOKEN belum diisi"),
    (["pasang", "--repo", "tanpa-garis-miring"], "ppid: GITHUB_TOKEN belum diisi"),
    (["pasang", "--kembali", "--status"], "ppid pasang: --status tidak dapat dipakai bersama --kembali"),
])
def test_usage_and_configuration_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str],
                                        message: str) -> None:
    assert main([*argv, "--folder", str(tmp_path / "srv")]) == 2
    assert message in capsys.readouterr().err


def test_rollback_with_nothing_live_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pasang", "--repo", "dinas/ppid", "--folder", str(tmp_path / "srv"), "--kembali"]) == 1
    assert capsys.readouterr().err == ("ppid: belum ada situs yang tayang di folder ini; tidak ada yang dapat "
                                       "dikembalikan. Tidak ada yang dipasang.\n")


def test_help_is_in_bahasa_indonesia(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pasang", "--help"]) == 0
    out = capsys.readouterr().out
    assert "--kembali" in out and "kembalikan situs ke rilis sebelumnya" in out
    assert "pasang di server" in out.lower() or "memasangnya di FOLDER/releases" in out
