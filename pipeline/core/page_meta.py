"""The data block of hand-written pages (outside the announcements folder): an allow-list of keys.

MkDocs and Material act on many page keys: `template` picks any theme template (Material's redirect page
writes `location` into a script), `author`, `icon`, `status` and others are printed. Pages here need only a
title, a description and which side panels to hide; anything else is refused with a message, and the MkDocs
plugin drops any other key as a second line of defence (`PAGE_KEYS`).
"""

from __future__ import annotations

from typing import Any

from pipeline.core.messages import nearest

PAGE_KEYS = ("title", "description", "hide")
HIDE_VALUES = ("navigation", "toc", "footer", "path", "feedback")
_MAX = {"title": 200, "description": 300}


def page_meta_problems(data: dict[str, Any], lines: dict[tuple[str | int, ...], int]) -> list[tuple[int, str, str]]:
    """(line, field, message) for every key or value a hand-written page may not have."""
    out: list[tuple[int, str, str]] = []
    for key, value in data.items():
        line = lines.get((key,), 2)
        if key not in PAGE_KEYS:
            guess = nearest(key, PAGE_KEYS, cutoff=0.8)
            tip = f"mungkin maksud Anda '{guess}'" if guess else f"kolom yang boleh: {', '.join(PAGE_KEYS)}"
            out.append((line, key, f"kolom '{key}' tidak diizinkan pada halaman situs karena dapat mengubah cara "
                                   f"halaman ditampilkan; hapus baris ini ({tip})"))
        elif key in _MAX:
            if not isinstance(value, str) or not value.strip():
                out.append((line, key, f"'{key}' harus berupa teks yang tidak kosong; apit dengan tanda kutip lurus "
                                       f"bila perlu: {key}: \"…\""))
            elif len(value) > _MAX[key]:
                out.append((line, key, f"terlalu panjang ({len(value)} karakter); maksimal {_MAX[key]} karakter"))
        elif not isinstance(value, list) or any(item not in HIDE_VALUES for item in value):
            out.append((line, key, f"'hide' harus berupa daftar berisi: {', '.join(HIDE_VALUES)}; tulis misalnya "
                                   "hide: [navigation, toc]"))
    return out
