"""Clashes between parallel drafts (pure): the same `nomor`, slug or attachment path in a PR and in the default
branch or another open PR.

Each tree is checked on its own by `ppid check`, so two PRs that take the same `nomor` both pass, both collect
the chain, and the duplicate only shows on the default branch after both merged. Here a PR's announcements and
attachments are compared with what the default branch holds now and with what every other open PR adds. Of
two open PRs the later one (the higher number; GitHub numbers PRs in the order they are opened) is the one to
change: its check fails, the earlier one's shows a warning and passes. Against the default branch the PR
always changes. Changing `nomor` or a file name after approval is a content change, so the messages say to fix
a clash before asking for approval.

Two sides writing the same announcement path are not a duplicate: git merges the two edits or GitHub shows a
conflict that must be resolved first. Attachments are compared with other open PRs by path and bytes: both PRs'
announcements link to that path, and only one of the two files can remain.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pipeline.core.catalog import line_of_nomor
from pipeline.core.paths import kind_of
from pipeline.core.problems import Problem
from pipeline.core.scaffold import nomor_values
from pipeline.core.sop import Sop
from pipeline.core.validate import SourceFile

# Said with every clash the PR must fix: staff should not ask for approval before it is fixed.
BEFORE_APPROVAL = ("Perbaiki sebelum meminta persetujuan: mengganti nomor atau nama berkas sesudah disetujui "
                   "adalah perubahan isi, sehingga persetujuan gugur dan rantai Kabid/Kasubag, Sekretaris, Kepala "
                   "Dinas harus diulang")


@dataclass(frozen=True)
class HeldAnnouncement:
    """An announcement file as one side holds it: its `nomor` (None when unreadable) and the line of `nomor:`."""

    path: str
    nomor: str | None
    nomor_line: int

    @property
    def slug(self) -> str:
        return self.path.rsplit("/", 1)[-1].removesuffix(".md")


@dataclass(frozen=True)
class HeldAttachment:
    """An attachment path and the git blob sha of its bytes (the sha GitHub lists for a PR's files)."""

    path: str
    blob: str


@dataclass(frozen=True)
class Holding:
    """What the default branch (`pr` None) or one open PR holds, as far as clashes go."""

    pr: int | None
    announcements: tuple[HeldAnnouncement, ...] = ()
    attachments: tuple[HeldAttachment, ...] = ()

    def where(self) -> str:
        return "cabang utama" if self.pr is None else f"PR #{self.pr}"


def git_blob_sha(data: bytes) -> str:
    """The sha git gives a file's bytes (`git hash-object`), as GitHub lists it for a PR's files."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def held_announcement(src: SourceFile, sop: Sop) -> HeldAnnouncement:
    """One announcement file's `nomor` (valid or not: a broken file still claims its number) and its line."""
    found = nomor_values([src], sop)
    return HeldAnnouncement(src.path, found[0] if found else None, line_of_nomor(src))


def holding(sources: Iterable[SourceFile], sop: Sop, pr: int | None = None,
            attachments: Iterable[HeldAttachment] = ()) -> Holding:
    """The announcements among `sources` (and the given attachments, plus those among `sources`)."""
    announcements: list[HeldAnnouncement] = []
    held = list(attachments)
    for src in sources:
        kind = kind_of(src.path, sop)
        if kind == "announcement":
            announcements.append(held_announcement(src, sop))
        elif kind == "attachment":
            held.append(HeldAttachment(src.path, git_blob_sha(src.data)))
    return Holding(pr, tuple(sorted(announcements, key=lambda a: a.path)),
                   tuple(sorted(set(held), key=lambda a: a.path)))


def clashes(mine: Holding, default: Holding | None, others: Sequence[Holding]) -> list[Problem]:
    """Every clash of the PR `mine` (its added or changed files) with the default branch, then with `others` by
    PR number."""
    problems: list[Problem] = []
    branch = default or Holding(None)
    for item, other, rule in _default_pairs(mine, default):
        problems.append(_nomor(item, other, branch, mine) if rule == "nomor" else _slug(item, other, branch, mine))
    for theirs in sorted(others, key=lambda h: h.pr or 0):
        if theirs.pr is None or theirs.pr == mine.pr:
            continue
        for item in mine.announcements:
            for other in theirs.announcements:
                if item.nomor and other.nomor == item.nomor and other.path != item.path:
                    problems.append(_nomor(item, other, theirs, mine))
                if other.slug == item.slug and other.path != item.path:
                    problems.append(_slug(item, other, theirs, mine))
        blobs = {a.path: a.blob for a in theirs.attachments}
        for attachment in mine.attachments:
            if blobs.get(attachment.path, attachment.blob) != attachment.blob:
                problems.append(_attachment(attachment, theirs, mine))
    return problems


def told_by_clashes(tree_problems: Iterable[Problem], mine: Holding, default: Holding | None) -> list[Problem]:
    """The tree check's problems without the duplicates a clash with the default branch already reports.

    When the PR's tree holds the default branch's file too (the branch is up to date, or was made after it), the
    tree's own uniqueness rule sees the pair, but may name either file and cannot say which one changes; the
    clash names the PR's file and says so.
    """
    told = {(path, rule) for item, other, rule in _default_pairs(mine, default) for path in (item.path, other.path)}
    unique = {"nomor-unik": "nomor", "slug-unik": "slug"}
    return [p for p in tree_problems if (p.path, unique.get(p.rule, "")) not in told]


def _default_pairs(mine: Holding, default: Holding | None) -> Iterable[tuple[HeldAnnouncement, HeldAnnouncement,
                                                                              str]]:
    """(the PR's announcement, the default branch's, "nomor" or "slug") for each clash with the default branch."""
    if default is None:
        return
    for item in mine.announcements:
        for other in default.announcements:
            if other.path == item.path:
                continue
            if item.nomor and other.nomor == item.nomor:
                yield item, other, "nomor"
            if other.slug == item.slug:
                yield item, other, "slug"


def _mine_changes(mine: Holding, other: Holding) -> bool:
    """Whether `mine` is the one to change: always against the default branch, else when opened later."""
    return other.pr is None or (mine.pr is not None and mine.pr > other.pr)


def _whose(mine: Holding, other: Holding, what: str) -> str:
    if other.pr is None:
        return f"di cabang utama (sudah digabung); PR ini yang harus mengganti {what}"
    if _mine_changes(mine, other):
        return f"di PR #{other.pr} yang dibuka lebih dulu; PR ini (dibuka kemudian) yang harus mengganti {what}"
    return (f"di PR #{other.pr} yang dibuka kemudian; PR #{other.pr} yang harus mengganti {what}, PR ini tidak "
            "perlu diubah")


def _nomor(item: HeldAnnouncement, other: HeldAnnouncement, side: Holding, mine: Holding) -> Problem:
    ours = _mine_changes(mine, side)
    message = f"nomor '{item.nomor}' juga dipakai oleh {other.path} {_whose(mine, side, 'nomornya')}"
    if ours:
        message += (": ganti dengan nomor berikutnya yang belum dipakai (lihat 'ppid baru --dry-run', yang juga "
                    f"membaca PR terbuka). {BEFORE_APPROVAL}")
    return Problem(item.path, item.nomor_line, "nomor", message, "nomor-bentrok", "error" if ours else "warning")


def _slug(item: HeldAnnouncement, other: HeldAnnouncement, side: Holding, mine: Holding) -> Problem:
    ours = _mine_changes(mine, side)
    message = (f"nama berkas '{item.slug}.md' juga dipakai oleh {other.path} {_whose(mine, side, 'nama berkasnya')}"
               "; alamat halaman dan bukti pengumuman memakai nama berkas")
    if ours:
        message += f": beri nama lain, misalnya '{item.slug}-2.md'. {BEFORE_APPROVAL}"
    return Problem(item.path, 1, "(nama berkas)", message, "slug-bentrok", "error" if ours else "warning")


def _attachment(item: HeldAttachment, side: Holding, mine: Holding) -> Problem:
    ours = _mine_changes(mine, side)
    message = (f"lampiran {item.path} juga ditambahkan atau diubah {_whose(mine, side, 'nama berkasnya')}, dengan "
               "isi berbeda; sesudah keduanya digabung hanya satu isi yang tersisa")
    if ours:
        message += f": simpan lampiran ini dengan nama lain dan perbarui kolom lampiran. {BEFORE_APPROVAL}"
    return Problem(item.path, 1, "(lampiran)", message, "lampiran-bentrok", "error" if ours else "warning")
