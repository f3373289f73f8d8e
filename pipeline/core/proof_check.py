"""Checks of the archive against the world: content hashes at recorded commits and in the working tree,
and the built site's proof pages and published chain head (pure; the edges read git and files)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from pipeline.core.paths import below, join
from pipeline.core.problems import Problem
from pipeline.core.proof import GENESIS, ChainReport, FileHash, ProofRecord, sha256_hex

HEAD_FILE = "rantai.txt"
_HEAD_LINE = re.compile(r"^kepala: ([0-9a-f]{64})$", re.M)


def head_text(report: ChainReport) -> str:
    """The small public text file that pins the head of the chain (published at /bukti/rantai.txt)."""
    last = report.records[-1][0] if report.records else "-"
    return ("# Kepala rantai hash bukti pengumuman PPID.\n"
            "# Bila kepala di bawah berbeda dengan hasil 'ppid verify', riwayat bukti telah diubah.\n"
            f"jumlah: {len(report.records)}\n"
            f"kepala: {report.head}\n"
            f"terakhir: {last}\n")


def parse_head(text: str) -> str | None:
    match = _HEAD_LINE.search(text)
    return match.group(1) if match else None


def latest_by_path(records: Sequence[tuple[str, ProofRecord]]) -> dict[str, tuple[str, ProofRecord, FileHash]]:
    """For each content path, the last record that published it (and that record's file entry)."""
    latest: dict[str, tuple[str, ProofRecord, FileHash]] = {}
    for where, record in records:
        for item in record.files:
            latest[item.path] = (where, record, item)
    return latest


def check_contents(records: Sequence[tuple[str, ProofRecord]],
                   at_commit: dict[tuple[str, str], bytes | None]) -> tuple[list[Problem], int]:
    """Content hashes against the files at the recorded merge commits (`at_commit`, only for commits the
    repository has); the working tree is `uncovered`'s to judge.

    Returns the problems and how many recorded versions could not be checked (their commit is missing).
    """
    problems: list[Problem] = []
    unchecked = 0
    latest = latest_by_path(records)
    for where, record in records:
        for item in record.files:
            key = (record.commits.merge, item.path)
            if key not in at_commit:
                unchecked += latest[item.path][1] is not record
                continue
            actual = at_commit[key]
            found = sha256_hex(actual) if actual is not None else None
            if found != item.sha256:
                problems.append(Problem(where, 1, "files", f"{item.path} pada commit {record.commits.merge[:7]}: "
                                        f"hash tercatat {_short(item.sha256)}, hash berkas {_short(found)}",
                                        "isi-berbeda"))
    return problems, unchecked


def _short(sha: str | None) -> str:
    return f"{sha[:12]}…" if sha else "(berkas dihapus)"


def check_site(report: ChainReport, site_head: str | None, pages: dict[str, str | None],
               site_dir: str, copies: dict[str, bytes | None] | None = None,
               originals: dict[str, bytes] | None = None) -> list[Problem]:
    """The built site against the archive: the published head, per slug a proof page that names every recorded
    version (record hash and content hash), and the site's copy of each record file. `pages` maps each slug to
    its page's HTML and `copies` each record's site path to its bytes (None = missing); `originals` holds the
    archive's bytes by the same site path.
    """
    head_path = join(site_dir, "bukti", HEAD_FILE)
    problems: list[Problem] = []
    if site_head is None:
        problems.append(Problem(head_path, 1, "kepala", "berkas kepala rantai tidak ada atau tidak terbaca; bangun "
                                "ulang situs dengan 'ppid build'", "situs-bukti"))
    elif site_head != report.head:
        problems.append(Problem(head_path, 1, "kepala", f"kepala rantai di situs {site_head[:12]}… berbeda dengan "
                                f"arsip {report.head[:12]}…; situs dibangun dari arsip lain", "situs-bukti"))
    for site_path, data in sorted((copies or {}).items()):
        if data != (originals or {}).get(site_path):
            problems.append(Problem(join(site_dir, site_path), 1, "(berkas)", "salinan catatan bukti di situs "
                                    "tidak ada atau berbeda dengan arsip; bangun ulang situs", "situs-bukti"))
    for where, record in report.records:
        for slug in record.slugs:
            page_path = join(site_dir, "bukti", slug, "index.html")
            html = pages.get(slug)
            if html is None:
                problems.append(Problem(page_path, 1, "(halaman)", f"halaman bukti untuk {where} tidak ada",
                                        "situs-bukti"))
                continue
            own = {a.path for a in record.announcements if a.slug != slug}
            wanted = [record.sha256, *(f.sha256 for f in record.files if f.sha256 and f.path not in own)]
            if not all(value in html for value in wanted):
                problems.append(Problem(page_path, 1, "(halaman)", f"halaman bukti tidak memuat hash dari {where}",
                                        "situs-bukti"))
    return problems


def published_paths(paths: Sequence[str], archive: str) -> list[str]:
    """The content paths the site publishes and that therefore need a proof record: all but the archive itself."""
    return sorted(p for p in paths if not below(p, archive))


def uncovered(records: Sequence[tuple[str, ProofRecord]], current: Mapping[str, bytes | None],
              content_dir: str) -> list[Problem]:
    """Every way the published content differs from what the proof records cover: a file never recorded, changed
    since its last recorded version, not a plain file (`current` maps it to None), or a recorded file that is gone.
    This is the publishing invariant: the deploying build and `ppid verify` refuse when the list is not empty.
    `current` holds every file the site would publish (see `published_paths`)."""
    latest = latest_by_path(records)
    problems: list[Problem] = []
    for path, data in sorted(current.items()):
        if data is None:
            problems.append(Problem(path, 1, "(berkas)", "bukan berkas biasa (tautan simbolik atau berkas khusus) "
                                    "dan tidak pernah diterbitkan; hapus, lalu ajukan isinya sebagai berkas biasa "
                                    "lewat pull request", "belum-disetujui"))
            continue
        found = latest.get(path)
        if found is None:
            problems.append(Problem(path, 1, "(bukti)", "belum ada catatan bukti untuk berkas ini: isinya belum "
                                    "melalui rantai persetujuan (Kabid, Sekretaris, Kepala Dinas). Ajukan lewat pull "
                                    "request; catatan dibuat otomatis setelah merge yang disetujui", "belum-disetujui"))
            continue
        where, record, item = found
        if item.sha256 != sha256_hex(data):
            state = ("dihapus menurut catatan terakhir" if item.sha256 is None
                     else f"tercatat ber-hash {_short(item.sha256)}")
            problems.append(Problem(path, 1, "(bukti)", f"isi berkas berbeda dengan versi yang disetujui ({state}, "
                                    f"{where}, merge {record.commits.merge[:7]}); perubahan ini belum melalui rantai "
                                    "persetujuan. Ajukan lewat pull request", "belum-disetujui"))
    for path, (where, record, item) in sorted(latest.items()):
        if item.sha256 is not None and below(path, content_dir) and path not in current:
            problems.append(Problem(path, 1, "(bukti)", f"berkas yang diterbitkan ({where}, merge "
                                    f"{record.commits.merge[:7]}) hilang tanpa catatan bukti; penghapusan juga harus "
                                    "melalui rantai persetujuan. Kembalikan berkasnya, atau hapus lewat pull request",
                                    "belum-disetujui"))
    return problems


def extends(report: ChainReport, published_head: str, archive: str) -> list[Problem]:
    """The chain must extend the head already published (append-only across publications): some record, linked
    to all before it, must carry that hash. A rewritten or removed record, however well re-sealed, breaks this."""
    if published_head == GENESIS or any(record.sha256 == published_head for _, record in report.records):
        return []
    first = report.records[0][1] if report.records else None
    if first is not None and first.generation is not None and first.generation.previous_head == published_head:
        return []  # the published chain was the one this generation replaced (checked in git by verify)
    return [Problem(archive, 1, "kepala", f"rantai bukti tidak melanjutkan kepala yang sudah diterbitkan "
                    f"{published_head[:12]}… (/bukti/{HEAD_FILE} situs yang berjalan): catatan yang sudah diterbitkan "
                    "diubah atau dihapus. Jangan terbitkan; laporkan kepada admin PPID", "arsip-kepala")]
