"""Plain advice for the mistakes staff make in the `kolom: nilai` lines at the top of a file.

The YAML parser reports where it got lost, in English ("mapping values are not allowed here"), often a line
late. These rules read the lines as staff wrote them and name the fix on the line that needs it: a colon
inside a value, Word's curly quotes, a tab, a missing or non-breaking space after the colon, a line indented
differently from its neighbours. Linear: each line is looked at once, with anchored patterns only.
"""

from __future__ import annotations

import re

_KEY = re.compile(r"([ ]*+)(-[ ]++)?+([A-Za-z_][A-Za-z0-9_-]*+):(.?)")
_CURLY = "“”„‟‘’‚‛"
_ODD_SPACES = "\u00a0\u2007\u202f\u2009\u200b\u3000"
_START_CHARS = "@`%"


def _quoted(value: str) -> str:
    value = value.strip()
    for curly, straight in (("“", '"'), ("”", '"'), ("„", '"'), ("‟", '"'), ("‘", "'"), ("’", "'"), ("‚", "'"),
                            ("‛", "'")):
        value = value.replace(curly, straight)
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]
    if '"' in value:
        return "'" + value.replace("'", "''") + "'"
    return f'"{value}"'


def _value_advice(key: str, value: str) -> str | None:
    """Advice for the value part of a `key: value` line, or None when it looks fine."""
    text = value.strip()
    if not text or text[0] in "[{|>":
        return None
    if text[0] in _CURLY:
        return (f"tanda kutip “ ” atau ‘ ’ (dari Word) tidak dihitung sebagai tanda kutip; ganti dengan tanda "
                f"kutip lurus: {key}: {_quoted(text)}")
    if text[0] in "\"'":
        close = text.find(text[0], 1)
        while close > 0 and text[0] == "'" and text[close + 1:close + 2] == "'":
            close = text.find("'", close + 2)
        if close < 0:
            return f"tanda kutip pembuka {text[0]} belum ditutup; tambahkan {text[0]} di akhir nilai"
        if text[close + 1:].strip() and not text[close + 1:].strip().startswith("#"):
            return (f"ada teks setelah tanda kutip penutup; apit seluruh nilai dengan tanda kutip lurus: "
                    f"{key}: {_quoted(text)}")
        return None
    if ": " in text or text.endswith(":"):
        return f"nilai ini berisi titik dua (:); apit seluruh nilai dengan tanda kutip lurus: {key}: {_quoted(text)}"
    if text[0] in _START_CHARS:
        return (f"nilai tidak boleh diawali tanda '{text[0]}'; apit seluruh nilai dengan tanda kutip lurus: "
                f"{key}: {_quoted(text)}")
    return None


def advise_lines(text: str) -> list[tuple[int, str]]:
    """(line, advice) for every recognisable mistake; empty when none is recognised."""
    out: list[tuple[int, str]] = []
    top_keys: dict[str, int] = {}
    item_column: int | None = None  # column of the first key of the current list item
    item_line = 0
    item_key = ""
    previous_top_value = False  # the previous line was a top-level `key: value` with a value
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        lead = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in lead:
            out.append((number, "baris ini diawali tab; ganti tab dengan spasi (indentasi hanya boleh spasi)"))
            continue
        match = _KEY.match(line)
        if match is None:
            previous_top_value = False
            continue
        indent, dash, key, after = len(match.group(1)), match.group(2), match.group(3), match.group(4)
        if after and after in _ODD_SPACES:
            out.append((number, f"setelah '{key}:' ada spasi khusus (non-breaking space, biasanya tersalin dari "
                                f"Word); hapus lalu ketik spasi biasa: {key}: {line[match.end():].strip()}"))
            continue
        if after and after not in " \t":
            if after != "/" and not line[match.end(3) + 1:].startswith("//"):
                out.append((number, f"tambahkan satu spasi setelah titik dua: {key}: "
                                    f"{line[match.end(3) + 1:].strip()}"))
            continue
        value = line[match.end(3) + 1:]
        advice = _value_advice(key, value)
        if dash:
            item_column, item_line, item_key = indent + len(dash), number, key
        elif indent == 0:
            if key in top_keys and item_column is not None:
                out.append((number, f"'{key}:' di baris ini tampaknya bagian dari daftar di atasnya; geser ke "
                                    f"kanan sejajar dengan '{item_key}:' di baris {item_line} ({item_column} spasi)"))
                continue
            top_keys.setdefault(key, number)
            item_column = None
        elif item_column is not None and indent != item_column:
            out.append((number, f"geser '{key}:' agar sejajar dengan '{item_key}:' di baris {item_line} (tepat "
                                f"{item_column} spasi dari kiri)"))
            continue
        elif item_column is None and previous_top_value:
            out.append((number, f"baris ini menjorok ke kanan; tulis '{key}:' rapat di kiri seperti kolom lainnya"))
            continue
        if advice:
            out.append((number, advice))
        previous_top_value = indent == 0 and not dash and bool(value.strip())
    return out


def advise_error(problem: str, text: str, line: int) -> str:
    """A parser error (its English `problem`) as plain advice, when no line rule recognised the mistake."""
    if "mapping values are not allowed" in problem:
        return ("baris ini memuat titik dua (:) di dalam nilai atau menjorok tidak rata; apit nilai yang berisi "
                "titik dua dengan tanda kutip lurus \"…\" dan tulis setiap kolom rapat di kiri")
    if "cannot start any token" in problem:
        return ("nilai di baris ini diawali tanda khusus (misalnya @, ` atau %) atau tab; apit nilainya dengan "
                "tanda kutip lurus \"…\" dan ganti tab dengan spasi")
    if "could not find expected ':'" in problem:
        return "baris ini bukan 'kolom: nilai'; tulis nama kolom, titik dua, satu spasi, lalu nilainya"
    if "end of stream" in problem or "quoted scalar" in problem:
        return "tanda kutip dibuka tetapi tidak ditutup; tutup dengan tanda kutip lurus yang sama di akhir nilai"
    if "expected key" in problem or "indicator" in problem or "block end" in problem:
        return "spasi di awal baris ini tidak rata dengan baris di atasnya; samakan jumlah spasinya"
    return "baris ini tidak dapat dibaca; periksa titik dua, tanda kutip lurus \"…\" dan spasi di awal baris"
