"""A maintenance merge (outside content/, approved by the admin team) is recorded like every other merge, so the
default branch holds nothing unaccounted for, and the publish run goes on to build it."""

from __future__ import annotations

import pytest

from tests.lifecycle.office import MergeBlocked, Office

FOOTER = "© Dinas Komunikasi dan Informatika Provinsi Kalimantan Barat"
NEW_FOOTER = "© Pemerintah Provinsi Kalimantan Barat, Dinas Komunikasi dan Informatika"


def test_an_admin_approved_maintenance_merge_is_recorded(office: Office) -> None:
    config = (office.desk("staf2").path / "mkdocs.yml").read_text(encoding="utf-8")
    assert FOOTER in config
    pr = office.open_pr({"mkdocs.yml": config.replace(FOOTER, NEW_FOOTER)}, title="Ubah catatan kaki situs",
                        author="staf2")
    office.review(pr, "kabid1")  # an approver of announcements, not of maintenance
    assert office.chain(pr).code == 1
    with pytest.raises(MergeBlocked):
        office.merge_button(pr)
    office.review(pr, "admin1")
    assert office.chain(pr).ok
    merge = office.merge_button(pr)

    run = office.publish()

    assert run.ok, run.steps
    record = office.records()[-1]
    assert record["commits"]["merge"] == merge
    assert [f["path"] for f in record["files"]] == ["mkdocs.yml"]
    assert [a["role"] for a in record["approvals"]] == ["admin"]
    assert record["announcements"] == []
    assert NEW_FOOTER in (office.live.page("index.html") or "")
