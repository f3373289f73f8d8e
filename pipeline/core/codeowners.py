"""CODEOWNERS as a function of sop.yml: who must review which paths (pure)."""

from __future__ import annotations

import re

from pipeline.core.sop import Sop

HEADER = (
    "# Dibuat oleh `ppid codeowners` dari sop.yml. Jangan disunting langsung: ubah sop.yml, lalu jalankan\n"
    "# `ppid codeowners --org {org}`. Pemeriksaan `ppid codeowners --check` gagal bila berkas ini tertinggal.\n"
)
_ORG = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$")


def pattern(glob: str) -> str:
    """A sop.yml glob ("pipeline/**", "sop.yml") as an anchored CODEOWNERS pattern ("/pipeline/", "/sop.yml")."""
    path = glob.strip().lstrip("/")
    if path.endswith("/**"):
        path = path[:-3] + "/"
    return "/" + path


def valid_org(org: str) -> bool:
    return bool(_ORG.match(org))


def render_codeowners(sop: Sop, org: str) -> str:
    """The CODEOWNERS text. Later lines win, so the most specific rules come last."""
    admin = f"@{org}/{sop.team('admin')}"
    first_reviewer = next(s.role for s in sop.steps if s.key.startswith("periksa"))
    lines = [HEADER.format(org=org).rstrip("\n"), "",
             "# Semua yang tidak disebut di bawah: tim admin.",
             f"* {admin}", "",
             "# Konsep pengumuman: ulasan pertama oleh Kabid/Kasubag; urutan Sekretaris lalu Kepala Dinas",
             "# diperiksa oleh status `ppid/persetujuan`.",
             *(f"{pattern(glob)} @{org}/{sop.team(first_reviewer)}" for glob in sop.content.announcement_paths),
             "", "# Arsip bukti pengumuman ditulis oleh alur kerja, tidak pernah lewat pull request.",
             f"{pattern(sop.content.archive + '/**')} {admin}", "",
             "# Jalur terlindung (perubahan pemeliharaan): hanya tim admin."]
    lines += [f"{pattern(glob)} {admin}" for glob in sop.content.protected_paths]
    return "\n".join(lines) + "\n"
