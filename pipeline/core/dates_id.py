"""Dates written the Indonesian way: "5 Agustus 2024", "Senin, 5 Agustus 2024", "Pontianak, 5 Agustus 2024"."""

from __future__ import annotations

from datetime import date

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember")
HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def tanggal(day: date) -> str:
    """"5 Agustus 2024" (no leading zero, month name in Bahasa Indonesia)."""
    return f"{day.day} {BULAN[day.month - 1]} {day.year}"


def hari_tanggal(day: date) -> str:
    """"Senin, 5 Agustus 2024"."""
    return f"{HARI[day.weekday()]}, {tanggal(day)}"


def tempat_tanggal(tempat: str, day: date) -> str:
    """The place-and-date line of an Indonesian letter: "Pontianak, 5 Agustus 2024"."""
    return f"{tempat}, {tanggal(day)}"


def bulan_tahun(day: date) -> str:
    """"Agustus 2024"."""
    return f"{BULAN[day.month - 1]} {day.year}"
