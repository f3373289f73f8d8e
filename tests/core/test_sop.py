"""sop.yml is data: the six steps, roles and teams, and clear errors when it is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.core.sop import Duration, parse_sop
from pipeline.errors import ConfigError

TEXT = (Path(__file__).resolve().parents[2] / "sop.yml").read_text(encoding="utf-8")


def test_the_repository_sop() -> None:
    sop = parse_sop(TEXT)
    assert [(s.role, str(s.standard)) for s in sop.steps] == [
        ("kabid", "15m"), ("pelaksana", "1d"), ("kabid", "1h"), ("sekretaris", "1h"), ("kepala_dinas", "10m"),
        ("pelaksana", "15m")]
    assert {r: sop.team(r) for r in sop.roles} == {
        "pelaksana": "ppid-pelaksana", "kabid": "ppid-kabid", "sekretaris": "ppid-sekretaris",
        "kepala_dinas": "ppid-kepala-dinas", "admin": "ppid-admin"}
    assert sop.calendar.timezone == "Asia/Pontianak"
    assert sop.calendar.hours["jumat"] == ("07:30", "16:30")
    assert sop.nomor_re.match("045/PPID/DISKOMINFO/2024")


@pytest.mark.parametrize(("text", "unit", "minutes"), [("15m", "m", 15), ("1h", "h", 60), ("1d", "d", 1)])
def test_duration(text: str, unit: str, minutes: int) -> None:
    duration = Duration.parse(text)
    assert (duration.unit, duration.minutes, str(duration)) == (unit, minutes, text)


@pytest.mark.parametrize(("old", "new", "fragment"), [
    ("standard: 15m", "standard: lima belas", "sop.yml:21: steps.0.standard"),
    ("  admin: {team: ppid-admin, nama: Admin PPID}\n", "", "peran belum diisi: admin"),
    ("jumat: [\"07:30\", \"16:30\"]", "jumat: [\"16:30\", \"07:30\"]", "jam mulai < jam selesai"),
    ("timezone: Asia/Pontianak", "timezone: [x]", "calendar.timezone"),
    ("tanggal: 2024-02-14", "tanggal: 2024-02-31", "tanggal '2024-02-31' tidak ada di kalender"),
    ("pattern: '^", "pattern: '(^", "pola nomor bukan regex yang valid"),
    ("nomor_sop:", "nomor_sop: x\nnomor_sop:", "ditulis dua kali"),
])
def test_bad_sop_is_refused_with_location(old: str, new: str, fragment: str) -> None:
    assert old in TEXT
    with pytest.raises(ConfigError) as info:
        parse_sop(TEXT.replace(old, new, 1))
    assert fragment in str(info.value)


def test_the_announcement_limit_defaults_to_the_repository_value() -> None:
    assert parse_sop(TEXT).content.max_announcements_per_pr == 20
    assert parse_sop(TEXT.replace("  max_announcements_per_pr: 20\n", "", 1)).content.max_announcements_per_pr == 20


@pytest.mark.parametrize("value", ["0", "101", "'20'", "true", "20.5", "-3"])
def test_a_bad_announcement_limit_is_refused_in_plain_words(value: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_sop(TEXT.replace("max_announcements_per_pr: 20", f"max_announcements_per_pr: {value}", 1))
    shown = {"'20'": "20", "true": "True"}.get(value, value)
    assert str(info.value) == (
        f"sop.yml:82: content.max_announcements_per_pr: '{shown}' bukan batas yang valid; tulis bilangan bulat 1 "
        "sampai 100 (jumlah pengumuman paling banyak dalam satu PR)")
