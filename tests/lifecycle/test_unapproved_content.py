"""Content that reaches the default branch without the full chain never reaches the public site: `ppid arsip`
refuses the merge, and `ppid verify` and the deploying build keep refusing, naming the file, for as long as the
content is there, while every approved merge still gets its record."""

from __future__ import annotations

from pathlib import Path

from tests.lifecycle.office import Office, Symlink, notice, ppid

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
    check = office.check(pr)
    assert check.code == 1 and link in check.out
    # The content check is not the required status: the approvers miss the link and the PR is merged.
    assert office.approve_in_order(pr).ok
    office.merge_button(pr)

    run = office.publish(keep_going=True)
    for name in ("verify", "build"):
        step = run.step(name)
        assert step.code == 1 and f"{link}:1: (berkas): bukan berkas biasa (tautan simbolik" in step.out, step.out
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

