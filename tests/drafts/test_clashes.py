"""Clashes between parallel drafts (pure): one row per situation, with the exact message staff read."""

from __future__ import annotations

import pytest

from pipeline.core.clashes import (
    HeldAnnouncement,
    HeldAttachment,
    Holding,
    clashes,
    git_blob_sha,
    holding,
    told_by_clashes,
)
from pipeline.core.problems import Problem
from pipeline.core.sop import Sop
from pipeline.core.validate import SourceFile
from tests.contentkit import VALID_FRONT_MATTER, announcement

BEFORE = ("Perbaiki sebelum meminta persetujuan: mengganti nomor atau nama berkas sesudah disetujui adalah perubahan "
          "isi, sehingga persetujuan gugur dan rantai Kabid/Kasubag, Sekretaris, Kepala Dinas harus diulang")
RENUMBER = ": ganti dengan nomor berikutnya yang belum dipakai (lihat 'ppid baru --dry-run', yang juga membaca PR " \
           f"terbuka). {BEFORE}"
MINE = "content/pengumuman/2025/jadwal-layanan.md"
PDF = "content/lampiran/2025/jadwal.pdf"


def notice(path: str, nomor: int) -> SourceFile:
    front = VALID_FRONT_MATTER.replace("001/PPID/DISKOMINFO/2025", f"{nomor:03d}/PPID/DISKOMINFO/2025")
    return SourceFile(path, announcement(front).encode())


def side(sop: Sop, pr: int | None, *files: SourceFile) -> Holding:
    return holding(files, sop, pr=pr)


# (what the other side holds: its PR number or None for the default branch, and its files) -> problems for MINE
CASES: list[tuple[str, int | None, tuple[SourceFile, ...], list[Problem]]] = [
    ("merged meanwhile with my nomor", None, (notice("content/pengumuman/2025/rapat.md", 1),), [
        Problem(MINE, 3, "nomor", "nomor '001/PPID/DISKOMINFO/2025' juga dipakai oleh content/pengumuman/2025/rapat.md "
                f"di cabang utama (sudah digabung); PR ini yang harus mengganti nomornya{RENUMBER}", "nomor-bentrok")]),
    ("an earlier open PR has my nomor", 9, (notice("content/pengumuman/2025/rapat.md", 1),), [
        Problem(MINE, 3, "nomor", "nomor '001/PPID/DISKOMINFO/2025' juga dipakai oleh content/pengumuman/2025/rapat.md "
                "di PR #9 yang dibuka lebih dulu; PR ini (dibuka kemudian) yang harus mengganti nomornya"
                f"{RENUMBER}", "nomor-bentrok")]),
    ("a later open PR has my nomor: it changes, mine passes", 15, (notice("content/pengumuman/2025/rapat.md", 1),), [
        Problem(MINE, 3, "nomor", "nomor '001/PPID/DISKOMINFO/2025' juga dipakai oleh content/pengumuman/2025/rapat.md "
                "di PR #15 yang dibuka kemudian; PR #15 yang harus mengganti nomornya, PR ini tidak perlu diubah",
                "nomor-bentrok", "warning")]),
    ("an earlier open PR has my file name in another year", 9, (notice("content/pengumuman/2024/jadwal-layanan.md",
                                                                       7),), [
        Problem(MINE, 1, "(nama berkas)", "nama berkas 'jadwal-layanan.md' juga dipakai oleh "
                "content/pengumuman/2024/jadwal-layanan.md di PR #9 yang dibuka lebih dulu; PR ini (dibuka kemudian) "
                "yang harus mengganti nama berkasnya; alamat halaman dan bukti pengumuman memakai nama berkas: beri "
                f"nama lain, misalnya 'jadwal-layanan-2.md'. {BEFORE}", "slug-bentrok")]),
    ("merged meanwhile with my file name", None, (notice("content/pengumuman/2024/jadwal-layanan.md", 7),), [
        Problem(MINE, 1, "(nama berkas)", "nama berkas 'jadwal-layanan.md' juga dipakai oleh "
                "content/pengumuman/2024/jadwal-layanan.md di cabang utama (sudah digabung); PR ini yang harus "
                "mengganti nama berkasnya; alamat halaman dan bukti pengumuman memakai nama berkas: beri nama lain, "
                f"misalnya 'jadwal-layanan-2.md'. {BEFORE}", "slug-bentrok")]),
    ("both write the same path: git's merge or conflict, not a duplicate", 9, (notice(MINE, 1),), []),
    ("the same path on the default branch: the PR changes it", None, (notice(MINE, 1),), []),
    ("different nomor and name", 9, (notice("content/pengumuman/2025/rapat.md", 2),), []),
    ("an earlier PR adds my attachment path with other bytes", 9, (SourceFile(PDF, b"%PDF-1.7 lain"),), [
        Problem(PDF, 1, "(lampiran)", f"lampiran {PDF} juga ditambahkan atau diubah di PR #9 yang dibuka lebih dulu; "
                "PR ini (dibuka kemudian) yang harus mengganti nama berkasnya, dengan isi berbeda; sesudah keduanya "
                "digabung hanya satu isi yang tersisa: simpan lampiran ini dengan nama lain dan perbarui kolom "
                f"lampiran. {BEFORE}", "lampiran-bentrok")]),
    ("an earlier PR adds the same attachment, byte for byte", 9, (SourceFile(PDF, b"%PDF-1.7 jadwal"),), []),
]


@pytest.mark.parametrize(("other_pr", "files", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_clashes_of_a_pr_with_one_other_side(sop: Sop, other_pr: int | None, files: tuple[SourceFile, ...],
                                            expected: list[Problem]) -> None:
    mine = side(sop, 12, notice(MINE, 1), SourceFile(PDF, b"%PDF-1.7 jadwal"))
    other = side(sop, other_pr, *files)
    found = clashes(mine, other, []) if other_pr is None else clashes(mine, None, [other])
    assert found == expected


def test_the_clash_replaces_the_tree_checks_duplicate_for_the_same_pair(sop: Sop) -> None:
    """An up-to-date branch holds the merged file too: the tree's uniqueness rule sees the pair and may name either
    file; the clash names the PR's file and says it changes, so the tree's line about that pair goes."""
    merged = "content/pengumuman/2025/rapat.md"
    mine = side(sop, 12, notice(MINE, 1))
    default = side(sop, None, notice(merged, 1))
    tree = [Problem(merged, 3, "nomor", "nomor '001/PPID/DISKOMINFO/2025' sudah dipakai oleh ...", "nomor-unik"),
            Problem(MINE, 1, "(nama berkas)", "nama berkas sudah dipakai ...", "slug-unik"),
            Problem(MINE, 9, "ringkasan", "ringkasan kosong", "schema")]
    assert told_by_clashes(tree, mine, default) == tree[1:]  # the slug pair is another one: kept
    assert told_by_clashes(tree, mine, None) == tree
    assert [p.rule for p in clashes(mine, default, [])] == ["nomor-bentrok"]


def test_the_pr_itself_and_unreadable_nomors_are_skipped(sop: Sop) -> None:
    mine = side(sop, 12, notice(MINE, 1))
    itself = side(sop, 12, notice("content/pengumuman/2025/rapat.md", 1))
    unread = Holding(9, (HeldAnnouncement("content/pengumuman/2025/rapat.md", None, 1),))
    assert clashes(mine, None, [itself, unread]) == []
    renamed = Holding(9, (HeldAnnouncement("content/pengumuman/2026/jadwal-layanan.md", None, 1),))
    assert [p.rule for p in clashes(mine, None, [renamed])] == ["slug-bentrok"]


def test_clashes_with_several_prs_are_all_reported_in_order(sop: Sop) -> None:
    mine = side(sop, 12, notice(MINE, 1))
    found = clashes(mine, side(sop, None, notice("content/pengumuman/2025/a.md", 1)),
                    [side(sop, 15, notice("content/pengumuman/2025/b.md", 1)),
                     side(sop, 9, notice("content/pengumuman/2025/c.md", 1))])
    assert [(p.level, p.message.split(" di ")[1].split(" ")[0]) for p in found] == [
        ("error", "cabang"), ("error", "PR"), ("warning", "PR")]
    assert [p.message.split(" oleh ")[1].split(" ")[0] for p in found] == [
        "content/pengumuman/2025/a.md", "content/pengumuman/2025/c.md", "content/pengumuman/2025/b.md"]


def test_git_blob_sha_is_git_hash_object() -> None:
    # `printf 'hello\n' | git hash-object --stdin`
    assert git_blob_sha(b"hello\n") == "ce013625030ba8dba906f756967f9e9ca394464a"
    assert HeldAttachment(PDF, git_blob_sha(b"")).blob == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"
