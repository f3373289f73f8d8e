"""`ppid verify`: the chain, the content at the recorded commits and in the working tree, git history, the site."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.commands.verify import verify
from pipeline.core.proof import FileHash, ProofRecord, next_record, record_name, verify_chain
from pipeline.core.proof_check import head_text
from pipeline.edges.archive import write_record
from pipeline.edges.config import load_sop
from tests.publish.conftest import WIB, draft, git

ANN = "content/pengumuman/2025/jadwal-layanan.md"


def publish(root: Path, versions: int) -> list[tuple[str, ProofRecord]]:
    """Commit `versions` versions of one announcement, each followed by its proof record (as the workflow does)."""
    sop = load_sop(root)
    written: list[tuple[str, ProofRecord]] = []
    for n in range(1, versions + 1):
        data = f"---\njudul: Versi {n}\n---\nIsi versi {n}.\n".encode()
        (root / ANN).write_bytes(data)
        git(root, "add", ANN)
        git(root, "commit", "-q", "-m", f"Merge versi {n}")
        merge = git(root, "rev-parse", "HEAD")
        base = draft(n)
        record = next_record(written[-1][1] if written else None, replace(
            base, commits=replace(base.commits, merge=merge),
            files=(FileHash(ANN, hashlib.sha256(data).hexdigest()),)))
        path = write_record(root, sop, record, WIB)
        git(root, "add", path)
        git(root, "commit", "-q", "-m", f"Arsip bukti {n}")
        written.append((path, record))
    return written


@pytest.fixture
def published(gitrepo: Path) -> tuple[Path, list[tuple[str, ProofRecord]]]:
    return gitrepo, publish(gitrepo, 3)


def verified(root: Path, *, site: Path | None = None, expected_head: str | None = None, fmt: str = "text"
        ) -> tuple[int, str]:
    """`ppid verify` on ROOT: the exit code and what it printed."""
    out = io.StringIO()
    code = verify(site=site, expected_head=expected_head, since=None, fmt=fmt, root=root, out=out)
    return code, out.getvalue()


def test_clean_archive_verifies(published: tuple[Path, list[tuple[str, ProofRecord]]]) -> None:
    root, records = published
    code, out = verified(root)
    assert (code, out) == (0, f"Bukti utuh: 3 catatan, kepala rantai {records[-1][1].sha256}.\n")


def _flip_uncommitted(root: Path, records: list[tuple[str, ProofRecord]]) -> None:
    file = root / records[1][0]
    file.write_bytes(file.read_bytes().replace(b'"merged_by": "pelaksana1"', b'"merged_by": "pelaksana2"'))


def _edit_committed(root: Path, records: list[tuple[str, ProofRecord]]) -> None:
    _flip_uncommitted(root, records)
    git(root, "commit", "-qam", "ubah arsip")


def _delete_committed(root: Path, records: list[tuple[str, ProofRecord]]) -> None:
    git(root, "rm", "-q", records[1][0])
    git(root, "commit", "-qm", "hapus arsip")


def _delete_last(root: Path, records: list[tuple[str, ProofRecord]]) -> None:
    (root / records[2][0]).unlink()


def _swap(root: Path, records: list[tuple[str, ProofRecord]]) -> None:
    first, second = root / records[0][0], root / records[1][0]
    data = first.read_bytes()
    first.write_bytes(second.read_bytes())
    second.write_bytes(data)


def _edit_content(root: Path, records: list[tuple[str, ProofRecord]]) -> None:
    (root / ANN).write_text("---\njudul: Diubah diam-diam\n---\n", encoding="utf-8")


CASES: list[tuple[str, Callable[[Path, list[tuple[str, ProofRecord]]], None], set[tuple[str, str]]]] = [
    ("flipped byte, uncommitted", _flip_uncommitted, {("r1", "arsip-diubah"), ("r1", "arsip-riwayat")}),
    ("edited and committed", _edit_committed, {("r1", "arsip-diubah"), ("r1", "arsip-riwayat")}),
    ("deleted and committed", _delete_committed,
     {("r1", "arsip-riwayat"), ("r2", "arsip-urutan"), ("r2", "arsip-rantai")}),
    ("last record deleted", _delete_last, {("r2", "arsip-riwayat"), (ANN, "belum-disetujui")}),
    ("two records swapped", _swap, {("r0", "arsip-urutan"), ("r0", "arsip-rantai"), ("r0", "arsip-riwayat"),
                                    ("r1", "arsip-urutan"), ("r1", "arsip-rantai"), ("r1", "arsip-riwayat"),
                                    ("r2", "arsip-rantai")}),
    ("content changed without a record", _edit_content, {(ANN, "belum-disetujui")}),
]


@pytest.mark.parametrize("tamper, expected", [(t, e) for _, t, e in CASES], ids=[n for n, _, _ in CASES])
def test_tampering_is_reported_with_the_record_that_breaks(
        published: tuple[Path, list[tuple[str, ProofRecord]]],
        tamper: Callable[[Path, list[tuple[str, ProofRecord]]], None], expected: set[tuple[str, str]]) -> None:
    root, records = published
    tamper(root, records)
    code, out = verified(root, fmt="json")
    assert code == 1
    names = {path: f"r{i}" for i, (path, _) in enumerate(records)}
    assert {(names.get(p["path"], p["path"]), p["rule"]) for p in json.loads(out)} == expected


def test_exact_message_for_content_changed_without_approval(
        published: tuple[Path, list[tuple[str, ProofRecord]]]) -> None:
    root, records = published
    _edit_content(root, records)
    data = (root / ANN).read_bytes()
    path, last = records[-1]
    recorded = last.files[0].sha256
    assert recorded is not None  # the last record merged the announcement, not its removal
    code, out = verified(root)
    assert code == 1
    assert out.splitlines()[0] == (
        f"{ANN}:1: (bukti): isi berkas berbeda dengan versi yang disetujui (tercatat ber-hash "
        f"{recorded[:12]}…, {path}, merge {last.commits.merge[:7]}); perubahan ini belum melalui rantai "
        "persetujuan. Ajukan lewat pull request")
    assert hashlib.sha256(data).hexdigest() != recorded


def test_wrong_hash_at_the_recorded_commit(gitrepo: Path) -> None:
    (gitrepo / ANN).write_text("versi 1\n", encoding="utf-8")
    git(gitrepo, "add", ANN)
    git(gitrepo, "commit", "-qm", "v1")
    first = git(gitrepo, "rev-parse", "HEAD")
    (gitrepo / ANN).write_text("versi 2\n", encoding="utf-8")
    git(gitrepo, "commit", "-qam", "v2")
    # The record claims the working-tree bytes were merged at the first commit: the history disagrees.
    base = draft(1)
    record = next_record(None, replace(base, commits=replace(base.commits, merge=first),
                                       files=(FileHash(ANN, hashlib.sha256(b"versi 2\n").hexdigest()),)))
    path = write_record(gitrepo, load_sop(gitrepo), record, WIB)
    code, out = verified(gitrepo)
    assert code == 1
    assert out.splitlines()[0].startswith(f"{path}:1: files: {ANN} pada commit {first[:7]}: hash tercatat ")


def test_outside_git_checks_the_working_tree_and_says_what_it_skipped(
        published: tuple[Path, list[tuple[str, ProofRecord]]]) -> None:
    root, _ = published
    shutil.rmtree(root / ".git")
    code, out = verified(root)
    assert code == 0
    assert "catatan: bukan repositori git" in out


Published = tuple[Path, list[tuple[str, ProofRecord]]]


def test_expected_head(published: Published) -> None:
    root, records = published
    assert verified(root, expected_head=records[-1][1].sha256)[0] == 0
    code, out = verified(root, expected_head=records[-2][1].sha256)
    assert code == 1 and "kepala rantai" in out


def test_the_cli_checks_the_expected_head(published: Published, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    root, records = published
    monkeypatch.chdir(root)
    assert main(["verify", "--kepala", records[-1][1].sha256]) == 0
    assert main(["verify", "--kepala", records[-2][1].sha256]) == 1
    capsys.readouterr()
    assert main(["verify", "--kepala", "abc"]) == 2
    assert capsys.readouterr().err == ("ppid: --kepala harus 64 huruf heksadesimal (baris 'kepala:' di "
                                       "/bukti/rantai.txt)\n")


def _site(root: Path, records: list[tuple[str, ProofRecord]], *, head: str | None = None,
          page: str | None = None) -> Path:
    site = root / "site"
    (site / "bukti" / "jadwal-layanan").mkdir(parents=True)
    report = verify_chain([(p, (root / p).read_bytes()) for p, _ in records], "content/arsip", WIB)
    text = head_text(report) if head is None else head
    (site / "bukti" / "rantai.txt").write_text(text, encoding="utf-8")
    hashes = " ".join(v for _, r in records for v in (r.sha256, r.files[0].sha256 or ""))
    (site / "bukti" / "jadwal-layanan" / "index.html").write_text(page or f"<p>{hashes}</p>", encoding="utf-8")
    for path, _ in records:
        copy = site / path.removeprefix("content/")
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes((root / path).read_bytes())
    return site


@pytest.mark.parametrize("head, page, copy, rule_words", [
    (None, None, None, None),
    ("kepala: " + "1" * 64 + "\n", None, None, "kepala rantai di situs"),
    ("", None, None, "berkas kepala rantai tidak ada"),
    (None, "<p>halaman lama</p>", None, "tidak memuat hash"),
    (None, None, b"{}", "salinan catatan bukti di situs"),
])
def test_site_proof_matches_the_archive(published: tuple[Path, list[tuple[str, ProofRecord]]], head: str | None,
                                        page: str | None, copy: bytes | None, rule_words: str | None) -> None:
    root, records = published
    site = _site(root, records, head=head, page=page)
    if copy is not None:
        (site / records[0][0].removeprefix("content/")).write_bytes(copy)
    code, out = verified(root, site=site)
    assert code == (1 if rule_words else 0), out
    if rule_words:
        assert rule_words in out


def test_site_folder_must_exist(published: tuple[Path, list[tuple[str, ProofRecord]]],
                                monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(published[0])
    assert main(["verify", "--site", "tidak-ada"]) == 2
    assert "folder situs tidak ada" in capsys.readouterr().err


def test_record_names_follow_the_merge_year_in_wib() -> None:
    record = next_record(None, draft(1))
    assert record_name(record, WIB) == f"2025/00001-jadwal-layanan-{record.commits.merge[:7]}.json"


def test_a_record_added_by_a_merge_is_reported(published: Published) -> None:
    root, records = published
    # A PR that brings its own record, sealed onto the chain: forged proof, whatever its hashes say.
    git(root, "checkout", "-q", "-b", "konsep")
    data = (root / ANN).read_bytes()
    record = next_record(records[-1][1], replace(draft(4), files=(FileHash(ANN, hashlib.sha256(data).hexdigest()),)))
    path = write_record(root, load_sop(root), record, WIB)
    git(root, "add", path)
    git(root, "commit", "-q", "-m", "Catatan bukti")
    git(root, "checkout", "-q", "main")
    git(root, "merge", "-q", "--no-ff", "-m", "Merge pull request #9", "konsep")
    merge = git(root, "rev-parse", "HEAD")
    code, out = verified(root)
    assert code == 1
    assert (f"{path}:1: (riwayat git): catatan bukti ditambahkan oleh merge {merge[:7]} (pull request); catatan "
            "hanya dibuat oleh alur terbit ('ppid arsip'), tidak pernah lewat pull request") in out
