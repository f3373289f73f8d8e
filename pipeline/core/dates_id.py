"""Dates written the Indonesian way: "5 Agustus 2024", "Senin, 5 Agustus 2024", "Pontianak, 5 Agustus 2024"."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from pydantic import BeforeValidator

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember")
HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def tanggal(day: date) -> str:
    """"5 Agustus 2024" (no leading zero, month name in Bahasa Indonesia)."""
    return f"{day.day} {BULAN[day.month - 1]} {day.year}"


def tempat_tanggal(tempat: str, day: date) -> str:
    """The place-and-date line of an Indonesian letter: "Pontianak, 5 Agustus 2024"."""
    return f"{tempat}, {tanggal(day)}"


_NUMERIC = re.compile(r"(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})")
_WORDS = re.compile(r"(?:[A-Za-z]{3,6},?[ ]++)?+(\d{1,2})[ ]++([A-Za-z]{3,9})\.?[ ]++(\d{4})")
_MONTHS = {name.lower()[:3]: index for index, name in enumerate(BULAN, start=1)}
_MONTHS.update({"agu": 8, "ags": 8, "agt": 8, "okt": 10, "des": 12, "mei": 5, "peb": 2, "nop": 11,
                "may": 5, "aug": 8, "oct": 10, "dec": 12})


def parse_loose(text: str) -> date | None:
    """A date written another common way ("18-12-2024", "18/12/2024", "2024/12/18", "18 Desember 2024",
    "Rabu, 18 Desember 2024"), or None. Numeric day-month order is the Indonesian one (day first)."""
    text = text.strip()
    numeric = _NUMERIC.fullmatch(text)
    try:
        if numeric:
            first, month, last = numeric.groups()
            if len(first) == 4:
                return date(int(first), int(month), int(last))
            if len(last) == 4:
                return date(int(last), int(month), int(first))
            return None
        words = _WORDS.fullmatch(text)
        if words:
            month_number = _MONTHS.get(words.group(2).lower()[:3])
            if month_number is None:
                return None
            return date(int(words.group(3)), month_number, int(words.group(1)))
    except ValueError:
        return None
    return None


def _iso_date(value: object) -> object:
    """Dates stay text in our YAML loader; accept exactly YYYY-MM-DD and real calendar dates."""
    if isinstance(value, str):
        text = value.strip()
        if len(text) == 10 and text[4] == "-" and text[7] == "-":
            try:
                return date.fromisoformat(text)
            except ValueError:
                raise ValueError(f"tanggal '{text}' tidak ada di kalender; periksa hari dan bulannya "
                                 "(format YYYY-MM-DD, misalnya 2025-02-28)") from None
        loose = parse_loose(text)
        if loose is not None:
            raise ValueError(f"'{text}' ditulis dengan format lain; tulis tahun-bulan-tanggal: {loose.isoformat()}")
        raise ValueError(f"'{text}' bukan tanggal berformat tahun-bulan-tanggal (YYYY-MM-DD); tulis misalnya "
                         "2025-08-05")
    return value



# A date field in front matter and sop.yml: exactly YYYY-MM-DD, with advice when it is written another way.
IsoDate = Annotated[date, BeforeValidator(_iso_date)]
