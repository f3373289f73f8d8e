"""The whole SOP, end to end, as the workflows run it: disposisi, PR, check, reviews in order with the chain after
each, the merge button, then the publish run; the announcement is on the live site with its proof page."""

from __future__ import annotations

import pytest

from tests.lifecycle.office import MergeBlocked, Office, notice

PATH, TEXT = notice("jadwal-layanan-maret", 1, "Jadwal Layanan Informasi Bulan Maret")
PAGE = "pengumuman/2025/jadwal-layanan-maret/index.html"
PROOF = "bukti/jadwal-layanan-maret/index.html"


def test_an_approved_announcement_is_published_with_its_proof_page(office: Office) -> None:
    issue = office.disposisi("jadwal layanan Maret")
    pr = office.open_pr({PATH: TEXT}, title="Jadwal layanan Maret", disposisi=issue)
    assert pr.checked is not None and pr.checked.ok and office.required_status(pr.head, "ppid/isi") == "success"
    assert office.chain(pr).code == 1 and office.required_status(pr.head) == "pending"
    office.review(pr, "kabid1")
    office.chain(pr)
    office.review(pr, "sekre1")
    office.chain(pr)
    with pytest.raises(MergeBlocked):
        office.merge_button(pr)  # the Kepala Dinas has not approved yet
    office.review(pr, "kadis1")
    assert office.chain(pr).ok and office.required_status(pr.head) == "success"
    merge = office.merge_button(pr)

    run = office.publish()

    assert run.ok, run.steps
    assert office.recorded_merges()[1:] == [merge]
    record = office.records()[-1]
    assert [a["role"] for a in record["approvals"]] == ["kabid", "sekretaris", "kepala_dinas"]
    page = office.live.page(PAGE)
    assert page is not None and "Jadwal Layanan Informasi Bulan Maret" in page
    assert "DRAF" not in page
    proof = office.live.page(PROOF)
    assert proof is not None and str(record["sha256"]) in proof and "Dr. Siti Aminah, M.Si." in proof
    assert f"kepala: {record['sha256']}" in (office.live.page("bukti/rantai.txt") or "")
