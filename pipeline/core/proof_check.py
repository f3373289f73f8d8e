"""Checks of the archive against the world: content hashes at recorded commits and in the working tree,
and the built site's proof pages and published chain head (pure; the edges read git and files)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.core.problems import Problem
from pipeline.core.proof import ChainReport, FileHash, ProofRecord, sha256_hex

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
                   at_commit: dict[tuple[str, str], bytes | None],
                   worktree: dict[str, bytes | None]) -> tuple[list[Problem], int]:
    """Content hashes against the files at the recorded merge commits (`at_commit`, only for commits the
    repository has) and, for the last published version of each path, against the working tree.

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
    for path, (where, record, item) in sorted(latest.items()):
        data = worktree.get(path)
        found = sha256_hex(data) if data is not None else None
        if found != item.sha256:
            what = "tidak ada" if found is None else f"ber-hash {_short(found)}"
            problems.append(Problem(path, 1, "(isi)", f"berkas {what}, padahal versi terakhir yang diterbitkan "
                                    f"({where}, merge {record.commits.merge[:7]}) ber-hash {_short(item.sha256)}; "
                                    "perubahan yang tidak melalui rantai persetujuan", "isi-berbeda"))
    return problems, unchecked


def _short(sha: str | None) -> str:
    return f"{sha[:12]}…" if sha else "(berkas dihapus)"


def check_site(report: ChainReport, site_head: str | None, pages: dict[str, str | None],
               site_dir: str = "site", copies: dict[str, bytes | None] | None = None,
               originals: dict[str, bytes] | None = None) -> list[Problem]:
    """The built site against the archive: the published head, per slug a proof page that names every recorded
    version (record hash and content hash), and the site's copy of each record file. `pages` maps each slug to
    its page's HTML and `copies` each record's site path to its bytes (None = missing); `originals` holds the
    archive's bytes by the same site path.
    """
    head_path = f"{site_dir}/bukti/{HEAD_FILE}"
    problems: list[Problem] = []
    if site_head is None:
        problems.append(Problem(head_path, 1, "kepala", "berkas kepala rantai tidak ada atau tidak terbaca; bangun "
                                "ulang situs dengan 'ppid build'", "situs-bukti"))
    elif site_head != report.head:
        problems.append(Problem(head_path, 1, "kepala", f"kepala rantai di situs {site_head[:12]}… berbeda dengan "
                                f"arsip {report.head[:12]}…; situs dibangun dari arsip lain", "situs-bukti"))
    for site_path, data in sorted((copies or {}).items()):
        if data != (originals or {}).get(site_path):
            problems.append(Problem(f"{site_dir}/{site_path}", 1, "(berkas)", "salinan catatan bukti di situs "
                                    "tidak ada atau berbeda dengan arsip; bangun ulang situs", "situs-bukti"))
    for where, record in report.records:
        for slug in record.slugs:
            page_path = f"{site_dir}/bukti/{slug}/index.html"
            html = pages.get(slug)
            if html is None:
                problems.append(Problem(page_path, 1, "(halaman)", f"halaman bukti untuk {where} tidak ada",
                                        "situs-bukti"))
                continue
            wanted = [record.sha256, *(f.sha256 for f in record.files if f.sha256)]
            if not all(value in html for value in wanted):
                problems.append(Problem(page_path, 1, "(halaman)", f"halaman bukti tidak memuat hash dari {where}",
                                        "situs-bukti"))
    return problems
