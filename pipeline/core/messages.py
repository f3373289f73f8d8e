"""Pydantic errors in plain Bahasa Indonesia, with the fix; and 'did you mean' suggestions."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

_TYPE_NAMES = {
    "bool": "ya/tidak", "int": "angka", "float": "angka desimal", "str": "teks",
    "list": "daftar", "dict": "pasangan kunci: nilai", "NoneType": "kosong", "date": "tanggal",
}


def type_name(value: object) -> str:
    return _TYPE_NAMES.get(type(value).__name__, type(value).__name__)


def nearest(word: str, choices: Iterable[str], cutoff: float = 0.75) -> str | None:
    """The closest valid choice to a typo, only when it is genuinely close ("status" is not "tags")."""
    found = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=cutoff)
    return found[0] if found else None


def field_label(loc: tuple[str | int, ...]) -> str:
    """A value's place as staff read it: ("lampiran", 0, "berkas") -> "lampiran ke-1 (berkas)"."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f" ke-{part + 1}"
        else:
            out += f" ({part})" if out else part
    return out


def _shown(value: object, raw: str | None = None) -> str:
    if raw is not None:
        text = f"'{raw}'" if raw else "kosong"
    elif value is None:
        text = "kosong"
    elif isinstance(value, bool):
        text = "ya" if value else "tidak"
    else:
        text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "..."


def translate(error: dict[str, Any], field: str, raw: str | None = None) -> str:
    """One pydantic error (from `ValidationError.errors()`) as an Indonesian message with the fix.

    `raw` is the value as written when it did not load as text (e.g. "045" that became the number 45).
    """
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        if " (" in field:
            owner, key = field[:-1].rsplit(" (", 1)
            return f"{owner} belum punya '{key}'; tambahkan baris '{key}: ...' sejajar dengan kolom lain di {owner}"
        return f"kolom wajib '{field}' belum diisi; tambahkan baris '{field}: ...' di bagian data di antara '---'"
    if value is None and kind not in ("literal_error",):
        return f"'{field}' masih kosong; tulis nilainya setelah '{field}: '"
    if kind == "string_type":
        if isinstance(value, bool | int | float):
            written = raw if raw is not None else str(value)
            return (f"'{written}' dibaca sebagai {type_name(value)}, bukan teks; apit dengan tanda kutip lurus: "
                    f"{field}: \"{written}\"")
        return f"harus berupa teks, ditemukan {type_name(value)} {_shown(value)}; tulis sebagai teks"
    if kind == "string_too_short":
        minimum = ctx.get("min_length", 1)
        if minimum <= 1:
            return "tidak boleh kosong; isi dengan teks"
        return f"terlalu pendek ({len(str(value).strip())} karakter); minimal {minimum} karakter"
    if kind == "string_too_long":
        return (f"terlalu panjang ({len(str(value).strip())} karakter); maksimal {ctx.get('max_length')} "
                "karakter, persingkat teksnya")
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "")
        options = [o.strip() for o in expected.replace(" or ", ",").split(",") if o.strip()]
        guess = nearest(str(value), options) if isinstance(value, str) else None
        tip = f"; mungkin maksud Anda '{guess}'" if guess else ""
        return f"nilai {_shown(value, raw)} tidak dikenal; pilih salah satu: {', '.join(options)}{tip}"
    if kind in ("tuple_type", "list_type"):
        return (f"harus berupa daftar, ditemukan {type_name(value)} {_shown(value)}; "
                f"tulis misalnya {field}: [nilai1, nilai2]")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return (f"harus berupa pasangan kunci: nilai, ditemukan {type_name(value)} {_shown(value)}; "
                "tulis misalnya - {berkas: 2025/laporan.pdf, judul: Laporan}")
    if kind == "too_short":
        return "daftar tidak boleh kosong; isi minimal satu nilai"
    if kind == "extra_forbidden":
        name = field.rsplit("(", 1)[-1].rstrip(")")
        return f"kolom '{name}' tidak dikenal di sini; hapus atau perbaiki namanya"
    if kind in ("date_type", "date_from_datetime_parsing", "date_parsing"):
        return (f"harus berupa tanggal tahun-bulan-tanggal (YYYY-MM-DD), ditemukan {type_name(value)} "
                f"{_shown(value, raw)}; tulis misalnya 2025-08-05")
    if kind == "value_error":
        message = str(error.get("msg", ""))
        return message.removeprefix("Value error, ")
    return f"nilai {_shown(value, raw)} tidak dapat dipakai di sini; periksa penulisannya"
