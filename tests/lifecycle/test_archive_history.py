"""Proof records are append-only across the default branch's whole history: a record rewritten inside a merge
commit is caught by `ppid verify` from the first-parent diff alone, and a history rewritten past the ruleset is
caught by the chain head already published (`--sejak`, read from the live site)."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from pipeline.core.proof import FileHash, parse_record, render, seal
from tests.lifecycle.office import Office, notice
from tests.lifecycle.workspace import Workspace, ppid

PATH, TEXT = notice("jadwal-layanan-maret", 1, "Jadwal Layanan Bulan Maret")
PAGE = "pengumuman/2025/jadwal-layanan-maret/index.html"


def _published(office: Office) -> str:
    """Publish one approved announcement; returns the path of its record on main."""
    office.announce("jadwal-layanan-maret", 1, "Jadwal Layanan Bulan Maret")
    assert office.publish().ok
    desk = office.desk("staf1")
    desk.sync()
    return max(str(p.relative_to(desk.path)) for p in (desk.path / "content" / "arsip").rglob("*.json"))


def _reseal(desk: Workspace, record_path: str, **changes: object) -> bytes:
    """The record at `record_path` with `changes`, sealed again: its own hash and the chain stay consistent."""
    record, problems = parse_record(record_path, (desk.path / record_path).read_bytes())
    assert record is not None and not problems
    return render(seal(replace(record, **changes)))  # type: ignore[arg-type]


def test_a_record_rewritten_inside_a_merge_commit_is_caught_by_verify(office: Office) -> None:
    record_path = _published(office)
    recorded = office.recorded_merges()
    live_head = office.live.page("bukti/rantai.txt")
    # The PR edits the published announcement and rewrites its record to cover the new bytes; the chain blocks it
    # (archive_modified), but a success status shared from another PR lets the merge button through.
    edited = TEXT.replace("Isi pengumuman untuk warga.", "Layanan ditiadakan sampai akhir tahun.")
    forged = _reseal(office.desk("staf1"), record_path,
                     files=(FileHash(PATH, hashlib.sha256(edited.encode()).hexdigest()),))
    pr = office.open_pr({PATH: edited, record_path: forged}, title="Ralat jadwal", disposisi=office.disposisi("ralat"))
    assert office.approve_in_order(pr).code == 1
    office.review(pr, "admin1")  # CODEOWNERS gives content/arsip/ to the admins: one of them waves it through
    office.status_from_another_pr(pr.head)
    merge = office.merge_button(pr)

    run = office.publish(keep_going=True)

    assert run.step("arsip").code == 1 and f"PR #{pr.number} digabung (merge) TANPA rantai" in run.step("arsip").out
    assert office.recorded_merges() == recorded
    verify = run.step("verify")
    assert verify.code == 1
    assert f"{record_path}:1: (riwayat git): catatan bukti diubah oleh commit {merge[:7]}" in verify.out
    assert "kepala: rantai bukti tidak melanjutkan kepala yang sudah diterbitkan" in verify.out
    # Even without the published head, the first-parent diff of the merge shows the rewrite.
    code, out = ppid(run.checkout, "verify")
    assert code == 1 and f"catatan bukti diubah oleh commit {merge[:7]}" in out
    build = run.step("build")
    assert build.code == 1 and f"catatan bukti diubah oleh commit {merge[:7]}" in build.out, build.out
    assert not run.deployed
    assert office.live.page("bukti/rantai.txt") == live_head
    assert "ditiadakan" not in (office.live.page(PAGE) or "")


def test_a_history_rewritten_past_the_ruleset_is_caught_by_the_published_head(office: Office) -> None:
    record_path = _published(office)
    # With the ruleset off, the owner replaces the last record commit by one that adds a doctored record (another
    # approver's name, sealed again): the history now shows only additions, and every hash still links.
    desk = office.desk("admin1")
    desk.sync()
    record, _ = parse_record(record_path, (desk.path / record_path).read_bytes())
    assert record is not None
    doctored = _reseal(desk, record_path, approvals=tuple(
        replace(a, name="Plt. Kepala Dinas") if a.role == "kepala_dinas" else a for a in record.approvals))
    desk.git("reset", "-q", "--hard", "HEAD~1")
    desk.commit({record_path: doctored}, "Arsip bukti pengumuman")
    office.remote.bypass_push(desk.path)
    checkout = office.checkout()
    assert ppid(checkout.path, "verify")[0] == 0  # nothing in this repository alone shows it

    run = office.publish(checkout)

    assert run.step("arsip").ok
    verify = run.step("verify")
    assert verify.code == 1 and "rantai bukti tidak melanjutkan kepala yang sudah diterbitkan" in verify.out
    assert not run.deployed
    assert "Plt. Kepala Dinas" not in office.live.text()
    assert Path(checkout.path / record_path).read_bytes() == doctored
