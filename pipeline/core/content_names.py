"""Which content files the site can publish, by name and kind, before their contents are read.

MkDocs silently leaves out a file it does not recognise (`Program_Kerja.MD`, Notepad's `x.md.txt`, a Word
file among the announcements) and treats `.markdown` files as pages no announcement rule has seen. A symbolic
link would be published with its target's bytes, and reading a FIFO would hang the build. Each gets a
message saying what to do.
"""

from __future__ import annotations

import re

from pipeline.core.announcement import LAMPIRAN_EXT
from pipeline.core.paths import below
from pipeline.core.problems import Problem
from pipeline.core.sop import Sop

# MkDocs reads these as Markdown pages (mkdocs.utils.markdown_extensions); only `.md` is checked and allowed.
_MARKDOWN_LIKE = ("markdown", "mdown", "mkdn", "mkd", "mdwn", "mdtxt", "mdtext", "md")
_SPECIAL = {
    "symlink": "tautan simbolik (symlink)",
    "fifo": "pipa bernama (FIFO)",
    "socket": "soket",
    "device": "berkas perangkat",
    "other": "berkas khusus",
}
_SLUG_CHARS = re.compile(r"[^a-z0-9]+")


def _slugify(stem: str) -> str:
    return _SLUG_CHARS.sub("-", stem.lower()).strip("-") or "nama-pengumuman"


def special_problem(path: str, kind: str) -> Problem:
    """A symbolic link, FIFO or other non-regular file under content/."""
    what = _SPECIAL.get(kind, _SPECIAL["other"])
    message = (f"ini adalah {what}, bukan berkas biasa; situs hanya menerbitkan berkas biasa. Hapus lalu simpan "
               "salinan berkas aslinya di tempat ini")
    return Problem(path, 1, "(berkas)", message, "berkas-khusus")


def name_problems(path: str, sop: Sop) -> list[Problem]:
    """Problems with a content file's name or extension (empty when the site will publish it as intended)."""
    name = path.rsplit("/", 1)[-1]
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    in_announcements = below(path, sop.content.announcements)
    if ext == "md":
        return []
    if ext == "txt" and stem.lower().endswith(".md"):
        fixed = _slugify(stem[:-3]) + ".md" if in_announcements else stem[:-3] + ".md"
        return [Problem(path, 1, "(nama berkas)", f"nama berkas berakhiran '.md.txt' (biasanya ditambahkan Notepad) "
                                                  f"tidak akan terbit; ganti nama menjadi '{fixed}'", "nama-berkas")]
    if ext.lower() in _MARKDOWN_LIKE:
        fixed = (_slugify(stem) if in_announcements else stem) + ".md"
        return [Problem(path, 1, "(nama berkas)", f"akhiran '.{ext}' tidak dipakai situs; ganti nama menjadi "
                                                  f"'{fixed}' (akhiran .md, huruf kecil)", "nama-berkas")]
    if in_announcements:
        if ext.lower() in ("docx", "doc", "odt", "rtf"):
            hint = ("dokumen pengolah kata tidak dapat terbit sebagai pengumuman; salin isinya ke berkas .md "
                    f"(buat dengan 'ppid baru'), atau simpan sebagai PDF di {sop.content.attachments}/<tahun>/ lalu "
                    "tautkan sebagai lampiran")
        elif ext.lower() in LAMPIRAN_EXT:
            hint = (f"lampiran disimpan di {sop.content.attachments}/<tahun>/, bukan di folder pengumuman; pindahkan "
                    "berkas ini ke sana lalu tautkan sebagai lampiran")
        else:
            hint = (f"folder {sop.content.announcements}/ hanya berisi pengumuman berakhiran .md; pindahkan atau "
                    "hapus berkas ini")
        return [Problem(path, 1, "(nama berkas)", f"berkas '{name}' tidak akan terbit: {hint}", "nama-berkas")]
    return []
