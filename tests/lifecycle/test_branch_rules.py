"""The default branch moves only through the merge button or the App's record push: direct pushes, force pushes
and deletions are refused by the remote (the ruleset `ppid setup` configures), whoever tries them."""

from __future__ import annotations

import pytest

from tests.lifecycle.office import MergeBlocked, Office, notice

PATH, TEXT = notice("pengumuman-langsung", 9, "Pengumuman Langsung ke Cabang Utama")


def test_a_direct_push_to_main_is_rejected(office: Office) -> None:
    before = office.remote.tip()
    for login in ("staf1", "kadis1", "admin1"):
        desk = office.desk(login)
        desk.sync()
        desk.commit({PATH: TEXT}, "Langsung terbit")
        pushed = desk.run("push", "origin", "HEAD:refs/heads/main", check=False)
        assert pushed.returncode != 0
        assert "GH013: Repository rule violations found for refs/heads/main" in pushed.stderr
        assert "Changes must be made through a pull request." in pushed.stderr
    assert office.remote.tip() == before


def test_a_force_push_or_deletion_of_main_is_rejected(office: Office) -> None:
    office.announce("jadwal-layanan-maret", 1, "Jadwal Layanan Bulan Maret")
    assert office.publish().ok
    records = office.records()
    before = office.remote.tip()
    desk = office.desk("admin1")
    desk.sync()
    desk.git("reset", "-q", "--hard", "HEAD~1")  # drop the record commit
    forced = desk.run("push", "--force", "origin", "HEAD:refs/heads/main", check=False)
    assert forced.returncode != 0 and "Cannot force-push to this branch" in forced.stderr
    deleted = desk.run("push", "origin", ":refs/heads/main", check=False)
    assert deleted.returncode != 0
    assert office.remote.tip() == before
    assert office.records() == records


def test_the_apps_bypass_only_adds_proof_records(office: Office) -> None:
    # The publish workflow's token may push past the ruleset, but only commits that add records.
    before = office.remote.tip()
    app = office.checkout()
    app.login, app.token = "ppid-app[bot]", office.fake.token
    app.commit({PATH: TEXT}, "Arsip bukti pengumuman")
    pushed = app.run("push", "origin", "HEAD:refs/heads/main", check=False)
    assert pushed.returncode != 0 and "Changes must be made through a pull request." in pushed.stderr
    assert office.remote.tip() == before


def test_the_merge_button_needs_the_required_status_and_a_code_owner(office: Office) -> None:
    pr = office.open_pr({PATH: TEXT}, title="Pengumuman", disposisi=office.disposisi("pengumuman"))
    office.chain(pr)
    with pytest.raises(MergeBlocked, match="ppid/persetujuan is pending"):
        office.merge_button(pr)
    office.status_from_another_pr(pr.head)
    with pytest.raises(MergeBlocked, match=f"{PATH} needs a review from ppid-kabid"):
        office.merge_button(pr)
    office.review(pr, "kabid1")
    merge = office.merge_button(pr)
    assert office.remote.tip() == merge
