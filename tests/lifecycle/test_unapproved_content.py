"""Content that reaches the default branch without the full chain never reaches the public site: `ppid arsip`
refuses the merge, and `ppid verify` and the deploying build keep refusing, naming the file, for as long as the
content is there, while every approved merge still gets its record."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.core.proof import FileHash, next_record, record_name, render, verify_chain
from pipeline.core.proof_draft import announcement_ref
from pipeline.edges.archive import read_records
from pipeline.edges.config import load_sop
from tests.lifecycle.office import MergeBlocked, Office, PullRequest, notice
from tests.lifecycle.workspace import Symlink, ppid

FORGED_PATH, FORGED_TEXT = notice("pengumuman-tanpa-persetujuan", 7, "Pengumuman Tanpa Persetujuan Kepala Dinas")
FORGED_PAGE = "pengumuman/2025/pengumuman-tanpa-persetujuan/index.html"


def test_a_merge_on_a_status_shared_with_another_pr_is_never_published(office: Office) -> None:
    pr = office.open_pr({FORGED_PATH: FORGED_TEXT}, title="Tanpa persetujuan", disposisi=office.disposisi("x"))
    office.review(pr, "kabid1")
    assert office.chain(pr).code == 1  # the Sekretaris and the Kepala Dinas have not approved
    office.status_from_another_pr(pr.head)
    forged = office.merge_button(pr)  # the required status is green, so GitHub lets it through

    first = office.publish()
    assert first.step("arsip").code == 1 and f"PR #{pr.number} digabung (merge) TANPA rantai" in first.step("arsip").out
    assert not first.deployed

    # The next approved announcement is archived, but its publish still refuses while the forged one is there.
    approved = office.announce("jadwal-layanan-maret", 8, "Jadwal Layanan Bulan Maret")
    second = office.publish(keep_going=True)
    assert second.step("arsip").code == 1 and f"PR #{pr.number} digabung" in second.step("arsip").out
    for name in ("verify", "build"):
        step = second.step(name)
        assert step.code == 1 and f"{FORGED_PATH}:1: (bukti): belum ada catatan bukti" in step.out, step.out
    assert not second.deployed
    assert office.recorded_merges()[1:] == [approved]
    assert forged not in office.recorded_merges()

    # A later run (nothing left to archive) refuses too: the gate is the content, not the merge.
    again = office.publish(keep_going=True)
    assert again.step("arsip").ok
    assert not again.step("build").ok and FORGED_PATH in again.step("build").out
    assert office.live.deploys == 0
    assert office.live.page(FORGED_PAGE) is None


def test_a_symlink_in_content_never_reaches_the_site(office: Office, tmp_path: Path) -> None:
    secret = tmp_path / "kunci-server.txt"
    secret.write_text("RAHASIA-SERVER-DINAS", encoding="utf-8")
    link = "content/lampiran/2025/data-anggaran.pdf"
    pr = office.open_pr({link: Symlink(str(secret))}, title="Data anggaran", disposisi=office.disposisi("anggaran"))
    assert pr.checked is not None and pr.checked.code == 1 and link in pr.checked.out
    # The approvers miss the link. The failed content check blocks the merge, until some workflow run of the
    # repository writes ppid/isi: success on the same commit (any GitHub Actions job may write that status).
    assert office.approve_in_order(pr).ok
    with pytest.raises(MergeBlocked, match="ppid/isi is failure"):
        office.merge_button(pr)
    office.status_from_another_pr(pr.head, "ppid/isi")
    merge = office.merge_button(pr)

    run = office.publish(keep_going=True)
    assert run.step("arsip").ok and office.recorded_merges()[1:] == [merge]  # the approved merge keeps its record
    verify, build = run.step("verify"), run.step("build")
    assert verify.code == 1 and f"{link}:1: (berkas): bukan berkas biasa (tautan simbolik" in verify.out
    assert build.code == 1
    assert f"{link}:1: (berkas): ini adalah tautan simbolik (symlink), bukan berkas biasa" in build.out
    assert not run.deployed
    assert not (run.checkout / "site").exists()
    assert "RAHASIA-SERVER-DINAS" not in office.live.text()


def test_a_push_past_the_ruleset_is_refused_by_arsip_verify_and_the_build(office: Office) -> None:
    # The organisation owner turns the ruleset off for a moment and pushes a content change straight to main.
    desk = office.desk("admin1")
    desk.sync()
    sha = desk.commit({FORGED_PATH: FORGED_TEXT}, "Perbaikan cepat")
    office.remote.bypass_push(desk.path)

    run = office.publish(keep_going=True)
    assert run.step("arsip").code == 1
    assert f"commit {sha[:7]} mengubah isi situs tanpa pull request" in run.step("arsip").out
    assert FORGED_PATH in run.step("verify").out and FORGED_PATH in run.step("build").out
    assert not run.deployed and office.live.page(FORGED_PAGE) is None
    assert ppid(run.checkout, "verify")[0] == 1



def test_a_proof_record_forged_in_a_pull_request_is_never_trusted(office: Office) -> None:
    office.announce("jadwal-layanan-maret", 1, "Jadwal Layanan Bulan Maret")
    assert office.publish().ok
    # First the content, merged on a status shared with another PR (arsip refuses it: nothing is deployed) ...
    pr = office.open_pr({FORGED_PATH: FORGED_TEXT}, title="Tanpa persetujuan", disposisi=office.disposisi("x"))
    office.review(pr, "kabid1")
    office.status_from_another_pr(pr.head)
    forged_merge = office.merge_button(pr)
    assert not office.publish().deployed
    # ... then a record for it, copied from a real one and sealed onto the chain, merged the same way.
    desk = office.desk("staf2")
    desk.sync()
    sop = load_sop(desk.path)
    tz = sop.tz
    last = verify_chain(read_records(desk.path, sop), sop.content.archive, tz).records[-1][1]
    assert last.pull_request is not None  # the last record is a merged pull request's, not a generation start
    record = next_record(last, replace(
        last, files=(FileHash(FORGED_PATH, hashlib.sha256(FORGED_TEXT.encode()).hexdigest()),),
        announcements=(announcement_ref(FORGED_PATH, FORGED_TEXT.encode(), sop),),
        commits=replace(last.commits, merge=forged_merge),
        pull_request=replace(last.pull_request, number=pr.number)))
    record_path = f"{sop.content.archive}/{record_name(record, tz)}"
    forgery = office.open_pr({record_path: render(record)}, title="Arsip", disposisi=office.disposisi("arsip"),
                             author="staf2")
    office.review(forgery, "admin1")  # the code owner of content/arsip/
    office.status_from_another_pr(forgery.head)
    record_merge = office.merge_button(forgery)

    run = office.publish(keep_going=True)

    assert run.step("arsip").code == 1 and f"PR #{forgery.number} digabung" in run.step("arsip").out
    for name in ("verify", "build"):
        step = run.step(name)
        assert step.code == 1, step.out
        assert f"{record_path}:1: (riwayat git): catatan bukti ditambahkan oleh merge {record_merge[:7]}" in step.out
    assert not run.deployed
    assert office.live.page(FORGED_PAGE) is None


def test_reverting_the_unapproved_content_through_the_chain_resumes_publishing(office: Office) -> None:
    pr = office.open_pr({FORGED_PATH: FORGED_TEXT}, title="Tanpa persetujuan", disposisi=office.disposisi("x"))
    office.review(pr, "kabid1")
    office.status_from_another_pr(pr.head)
    forged = office.merge_button(pr)
    assert not office.publish().deployed
    # The revert touches content/, so it is an announcement change: the admin alone cannot approve it.
    revert = office.open_pr({FORGED_PATH: None}, title=f"Revert #{pr.number}", disposisi=office.disposisi("revert"))
    office.review(revert, "admin1")
    assert office.chain(revert).code == 1
    assert office.approve_in_order(revert).ok
    reverted = office.merge_button(revert)

    run = office.publish()

    # The run of the revert still names the unrecorded merge once more (it is still pending), archives the revert,
    # and the next run (a manual re-run) publishes.
    assert run.step("arsip").code == 1 and f"PR #{pr.number} digabung" in run.step("arsip").out
    assert office.recorded_merges()[1:] == [reverted] and forged not in office.recorded_merges()
    rerun = office.publish()
    assert rerun.ok, rerun.steps
    assert office.live.page(FORGED_PAGE) is None and office.live.page("index.html")


def test_a_second_pr_on_the_same_head_cannot_lend_it_a_green_status(office: Office) -> None:
    pr = office.open_pr({FORGED_PATH: FORGED_TEXT}, title="Tanpa persetujuan", disposisi=office.disposisi("x"))
    office.review(pr, "kabid1")
    office.chain(pr)
    # The same head commit, proposed into another branch as a PR that one Kabid approval would settle.
    issue = office.disposisi("salinan")
    other = office.repo.add_pull(office.repo.next_number(), author="staf1", created_at=office.clock.tick(),
                                 head_sha=pr.head, title="Salinan", body=f"Disposisi: #{issue}\n")
    other.base_ref, other.head_ref = "arsip-lama", pr.branch
    other.add_file("content/bukti/2025/papan.jpg", "added")
    other.review("kabid1", "APPROVED", office.clock.tick())
    twin = PullRequest(other, pr.branch)

    judged = office.chain(twin)
    assert judged.code == 1 and "[base_not_default]" in judged.out
    assert office.required_status(pr.head) != "success"
    with pytest.raises(MergeBlocked, match="ppid/persetujuan"):
        office.merge_button(pr)


def test_a_dismissed_send_back_does_not_revive_the_earlier_approval(office: Office) -> None:
    path, text = notice("jadwal-layanan-maret", 1, "Jadwal Layanan Bulan Maret")
    pr = office.open_pr({path: text}, title="Jadwal", disposisi=office.disposisi("jadwal"))
    assert office.approve_in_order(pr).ok
    office.review(pr, "kadis1", "CHANGES_REQUESTED")
    assert office.chain(pr).code == 1
    # The author dismisses the send-back: GitHub marks that review DISMISSED; the Kepala Dinas said nothing new.
    pr.pull.reviews[-1]["state"] = "DISMISSED"
    assert office.chain(pr).code == 1
    with pytest.raises(MergeBlocked, match="ppid/persetujuan"):
        office.merge_button(pr)
    office.review(pr, "kadis1")  # approving again settles it
    assert office.chain(pr).ok
    office.merge_button(pr)
    assert office.publish().ok
