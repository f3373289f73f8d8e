"""`ppid jadwal` over a real content tree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.cli import main
from tests.conftest import WriteFile
from tests.contentkit import announcement


@pytest.fixture
def in_repo(repo: Path, write: WriteFile, monkeypatch: pytest.MonkeyPatch) -> Path:
    write("content/pengumuman/2025/jadwal-layanan.md", announcement())  # berkala, tata-cara, 2025-01-06
    monkeypatch.chdir(repo)
    return repo


def test_json(in_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["jadwal", "--now", "2025-03-01T08:00:00+07:00", "--json"]) == 0
    items = {i["key"]: i for i in json.loads(capsys.readouterr().out)}
    assert items["tata-cara"] == {
        "key": "tata-cara", "judul": "Hak dan tata cara memperoleh informasi", "last": "2025-01-06",
        "last_path": "content/pengumuman/2025/jadwal-layanan.md", "due_on": "2025-07-06", "due": False, "late": False}
    assert items["keuangan"]["due"] is True
    assert len(items) == 11


def test_text(in_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["jadwal", "--now", "2025-07-07T08:00:00+07:00"]) == 0
    out = capsys.readouterr().out
    assert "TERLAMBAT         Hak dan tata cara memperoleh informasi — terakhir: 2025-01-06; batas: 2025-07-06" in out
    assert out.rstrip().endswith("11 butir perlu disposisi.")


def test_bad_now_is_a_usage_error(in_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["jadwal", "--now", "kemarin"]) == 2
    assert "--now 'kemarin' bukan waktu ISO 8601" in capsys.readouterr().err
