"""Pydantic errors in plain Bahasa Indonesia, with the fix; and 'did you mean' suggestions."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

_TYPE_NAMES = {
    "bool": "ya/tidak (boolean)", "int": "angka", "float": "angka desimal", "str": "teks",
    "list": "daftar", "dict": "pasangan kunci: nilai", "NoneType": "kosong", "date": "tanggal",
}


def type_name(value: object) -> str:
    return _TYPE_NAMES.get(type(value).__name__, type(value).__name__)


def nearest(word: str, choices: Iterable[str]) -> str | None:
    """The closest valid choice to a typo, if any is close enough."""
    found = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


def _shown(value: object) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "..."


def translate(error: dict[str, Any], field: str) -> str:
    """One pydantic error (from `ValidationError.errors()`) as an Indonesian message with the fix."""
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return f"kolom wajib '{field}' belum diisi; tambahkan baris '{field}: ...' di front matter"
    if kind == "string_type":
        hint = ""
        if isinstance(value, bool | int | float):
            hint = f"; YAML membacanya sebagai {type_name(value)}, beri tanda kutip, misalnya {field}: \"...\""
        if hint:
            return f"harus berupa teks{hint}"
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
        return f"nilai {_shown(value)} tidak dikenal; pilih salah satu: {', '.join(options)}{tip}"
    if kind in ("tuple_type", "list_type"):
        return (f"harus berupa daftar, ditemukan {type_name(value)} {_shown(value)}; "
                f"tulis misalnya {field}: [nilai1, nilai2]")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return (f"harus berupa pasangan kunci: nilai, ditemukan {type_name(value)} {_shown(value)}; "
                "tulis misalnya - {berkas: 2025/laporan.pdf, judul: Laporan}")
    if kind == "too_short":
        return "daftar tidak boleh kosong; isi minimal satu nilai"
    if kind == "extra_forbidden":
        return f"kunci '{field.rsplit('.', 1)[-1]}' tidak dikenal di sini; hapus atau perbaiki namanya"
    if kind in ("date_type", "date_from_datetime_parsing", "date_parsing"):
        return f"harus berupa tanggal YYYY-MM-DD, ditemukan {type_name(value)} {_shown(value)}"
    if kind == "value_error":
        message = str(error.get("msg", ""))
        return message.removeprefix("Value error, ")
    return f"nilai {_shown(value)} tidak valid ({error.get('msg', kind)})"
