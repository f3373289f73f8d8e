"""A broken sop.yml stops every command the same way: exit 2, one line naming file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.core.sop import parse_sop
from pipeline.errors import ConfigError
from tests.conftest import ROOT

TEXT = (ROOT / "sop.yml").read_text(encoding="utf-8")
LINE = next(n for n, line in enumerate(TEXT.splitlines(), start=1) if line.strip().startswith("timezone:"))
EXPECTED = f"ppid: sop.yml:{LINE}: calendar.timezone: 'Asia/Pontianac' bukan zona waktu IANA; tulis misalnya " \
           "Asia/Pontianak"


def test_the_zone_is_validated_when_sop_yml_is_read() -> None:
    with pytest.raises(ConfigError) as raised:
        parse_sop(TEXT.replace("Asia/Pontianak", "Asia/Pontianac"))
    assert str(raised.value) == EXPECTED.removeprefix("ppid: ")
    assert parse_sop(TEXT).tz.key == "Asia/Pontianak"


@pytest.mark.parametrize("argv", [
    ["check"], ["build"], ["verify"], ["laporan", "--tahun", "2025"], ["jadwal"], ["codeowners", "--check"],
    ["baru", "--judul", "Jadwal", "--jenis", "berkala", "--kategori", "program", "--dry-run"],
    ["arsip", "--repo", "o/r", "--sha", "a" * 40], ["chain", "--repo", "o/r", "--pr", "1"],
])
def test_every_command_exits_2_naming_the_field(repo: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    (repo / "sop.yml").write_text(TEXT.replace("Asia/Pontianak", "Asia/Pontianac"), encoding="utf-8")
    monkeypatch.chdir(repo)
    monkeypatch.setenv("GITHUB_TOKEN", "token")
    monkeypatch.setenv("GITHUB_API_URL", "http://127.0.0.1:9")  # never reached: sop.yml stops the command first
    monkeypatch.setenv("GITHUB_REPOSITORY", "o/r")
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.strip() == EXPECTED
