"""Disposisi issues for due berkala information (pure): what to open, and which reminders are already open.

One issue per due item, found again by a hidden marker `<!-- ppid:jadwal:<key> -->` in its body and the labels
`disposisi` + `jadwal`, so a weekly run never opens a second one while the first is open. The body follows the
disposisi issue form's headings (`### Jenis informasi`, ...) so `ppid disposisi` reads it like a form issue.
GitHub cannot assign a team: the issue is assigned to (at most ten of) the Kabid team's members and mentions
the team, whose members all get notified.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from pipeline.core.announcement import JENIS_LABEL, KATEGORI_LABEL
from pipeline.core.dates_id import tanggal
from pipeline.core.schedule import REPORT_KATEGORI, DueItem

LABELS = ("disposisi", "jadwal")
LABEL_STYLE = {"disposisi": ("0e8a16", "Disposisi pengumuman (langkah 1 SOP)"),
               "jadwal": ("fbca04", "Pengingat otomatis informasi berkala (ppid jadwal)")}
MAX_ASSIGNEES = 10  # GitHub's limit per issue
_MARKER = re.compile(r"<!--\s*ppid:jadwal:([a-z0-9-]+)\s*-->")
FORM_JENIS = "Jenis informasi"
FORM_KATEGORI = "Kategori informasi berkala"


def marker(key: str) -> str:
    return f"<!-- ppid:jadwal:{key} -->"


def marker_key(body: str | None) -> str | None:
    """The reminder key an issue body carries, or None."""
    match = _MARKER.search(body or "")
    return match.group(1) if match else None


@dataclass(frozen=True)
class OpenIssue:
    """An open issue as listed (pull requests excluded by the caller)."""

    number: int
    title: str
    body: str
    html_url: str = ""


@dataclass(frozen=True)
class ReminderIssue:
    """A disposisi issue to open for one due item."""

    key: str
    title: str
    body: str
    labels: tuple[str, ...]
    assignees: tuple[str, ...]


def open_reminders(issues: Iterable[OpenIssue]) -> dict[str, OpenIssue]:
    """Open reminder issues by key (the oldest when a key appears twice)."""
    found: dict[str, OpenIssue] = {}
    for issue in sorted(issues, key=lambda i: i.number):
        key = marker_key(issue.body)
        if key is not None:
            found.setdefault(key, issue)
    return found


def draft_title(item: DueItem) -> str:
    """The title of the announcement to draft (the yearly report names its year)."""
    if item.key.startswith("laporan-tahunan-"):
        return f"Laporan Layanan Informasi Publik Tahun {item.key.removeprefix('laporan-tahunan-')}"
    return item.judul


def kategori_of(item: DueItem) -> str:
    return REPORT_KATEGORI if item.key.startswith("laporan-tahunan-") else item.key


def file_url(html_url: str, branch: str, path: str) -> str:
    """The file's page on GitHub at the default branch."""
    return f"{html_url.rstrip('/')}/blob/{quote(branch, safe='')}/{quote(path)}"


def assignees_from(members: Iterable[str]) -> tuple[str, ...]:
    """Up to ten team members, in a stable order."""
    return tuple(sorted(set(members), key=str.lower)[:MAX_ASSIGNEES])


def reminder_issue(item: DueItem, *, org: str, team: str, kabid: str, members: Sequence[str],
                   last_url: str | None) -> ReminderIssue:
    """The disposisi issue for a due item: what is due by when, the last version, who must assign it."""
    kategori = kategori_of(item)
    deadline = tanggal(item.due_on)
    when = f"sudah lewat sejak **{deadline}**" if item.late else f"paling lambat **{deadline}**"
    if item.last is not None and item.last_path is not None:
        last = f"[{item.last_path}]({last_url})" if last_url else f"`{item.last_path}`"
        bahan = f"Versi terakhir: {last}, terbit {tanggal(item.last)}. Perbarui isinya dengan data terkini."
    else:
        bahan = "Belum pernah diterbitkan; susun versi pertama."
    if item.key.startswith("laporan-tahunan-"):
        dasar = (f"Laporan tahunan layanan informasi publik wajib terbit paling lambat {deadline} "
                 "(UU 14/2008 dan Perki 1/2021).")
    else:
        dasar = ("Informasi berkala wajib diperbarui paling singkat enam bulan sekali (Pasal 9 UU 14/2008); "
                 f"batas pembaruan {deadline}.")
    mention = f"@{org}/{team}"
    lines = [
        marker(item.key),
        f"Pengingat otomatis `ppid jadwal`: **{KATEGORI_LABEL.get(kategori, kategori)}** perlu diperbarui, {when}.",
        "",
        f"{mention}: {kabid}, tugaskan (assign) issue ini kepada Fungsional/Pelaksana yang menyusun konsepnya; "
        "penugasan itu adalah disposisi (langkah 1 SOP). Setelah ditugaskan, tautan untuk mulai menulis konsep "
        "muncul di komentar issue ini.",
        "",
        f"### {FORM_JENIS}",
        "",
        JENIS_LABEL["berkala"],
        "",
        f"### {FORM_KATEGORI}",
        "",
        kategori,
        "",
        "### Bahan informasi",
        "",
        bahan,
        "",
        "### Agenda kerja atau dasar penugasan",
        "",
        dasar,
        "",
        "<sub>Issue ini dibuka oleh alur kerja terjadwal \"Pengingat informasi berkala\" dan tidak akan dibuka "
        "ulang selama masih terbuka. Tutup issue ini setelah versi baru diterbitkan.</sub>",
    ]
    return ReminderIssue(item.key, f"Disposisi: {draft_title(item)}", "\n".join(lines) + "\n", LABELS,
                         assignees_from(members))
