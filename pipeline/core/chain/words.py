"""Small Bahasa Indonesia formatting helpers shared by the evaluator and the renderers."""

from __future__ import annotations

from datetime import datetime, tzinfo

from pipeline.core.dates_id import BULAN, HARI
from pipeline.core.sop import Role, Sop

# The SOP steps (sop.yml `key`) as the PR comment, the proof pages and the Kinerja page name them.
STEP_NAME = {"disposisi": "Disposisi", "konsep": "Penyusunan konsep", "periksa_kabid": "Pemeriksaan",
             "periksa_sekretaris": "Pemeriksaan", "persetujuan": "Persetujuan", "publikasi": "Penerbitan"}


def when(moment: datetime, tz: tzinfo, *, weekday: bool = False) -> str:
    """"5 Agustus 2024 09.15 WIB" (the zone's own abbreviation), optionally with the day name first."""
    local = moment.astimezone(tz)
    text = f"{local.day} {BULAN[local.month - 1]} {local.year} {local:%H.%M} {local.tzname() or ''}".rstrip()
    return f"{HARI[local.weekday()]}, {text}" if weekday else text


def inline_code(text: str) -> str:
    """Text from the (untrusted) PR, such as a path or a branch name, as inline code that cannot break out of
    Markdown."""
    clean = "".join(c if c.isprintable() and c != "`" else "?" for c in text)
    return f"`{clean}`"


def short_sha(sha: str) -> str:
    return sha[:7]


def role_name(sop: Sop, role: Role) -> str:
    """The SOP's name for a role, e.g. "Kabid/Kasubag"."""
    return sop.roles[role].nama


def chain_names(sop: Sop) -> str:
    """"Kabid/Kasubag, Sekretaris, lalu Kepala Dinas": the approvers in SOP order."""
    kabid, sekretaris, kepala = (role_name(sop, r) for r in ("kabid", "sekretaris", "kepala_dinas"))
    return f"{kabid}, {sekretaris}, lalu {kepala}"


def minutes_text(minutes: int) -> str:
    """"1 jam 5 menit", "12 menit", "0 menit"."""
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours} jam {rest} menit"
    return f"{hours} jam" if hours else f"{rest} menit"


def standard_text(text: str) -> str:
    """sop.yml standard ("15m", "1h", "1d") in words: "15 menit", "1 jam", "1 hari kerja"."""
    amount, unit = text[:-1], text[-1]
    return f"{amount} " + {"m": "menit", "h": "jam", "d": "hari kerja"}[unit]
