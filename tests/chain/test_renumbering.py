"""Renumbering after approval: the approvals went stale (any change does that), and the chain says the nomor
changed, from what to what, so staff learn to fix a clash before asking for approval."""

from __future__ import annotations

import pytest

from pipeline.core.chain.render import comment_markdown
from pipeline.edges.workcal import build_calendar
from tests.chain.conftest import ANNOUNCEMENT, HEAD, NOW, World
from tests.contentkit import VALID_FRONT_MATTER, announcement

NEW = "d00d" + "2" * 36
RENUMBERED = announcement(VALID_FRONT_MATTER.replace("001/PPID/DISKOMINFO/2025", "004/PPID/DISKOMINFO/2025"))
REWORDED = announcement(body="Isi pengumuman yang diperbaiki.\n")
MESSAGE = (f"Nomor {ANNOUNCEMENT} diganti dari '001/PPID/DISKOMINFO/2025' menjadi '004/PPID/DISKOMINFO/2025' "
           "sesudah disetujui (commit c0ffee1). Nomor tercetak di halaman dan di papan pengumuman, jadi menggantinya "
           "adalah perubahan isi: persetujuan sebelumnya gugur dan Kabid/Kasubag, Sekretaris, lalu Kepala Dinas "
           "perlu menyetujui lagi berurutan. Lain kali perbaiki bentrok nomor (pemeriksaan isi ppid/isi) sebelum "
           "meminta persetujuan.")


@pytest.mark.parametrize(("head_text", "codes"), [
    (RENUMBERED, ["stale_approval", "stale_approval", "stale_approval", "nomor_changed"]),
    (REWORDED, ["stale_approval", "stale_approval", "stale_approval"]),
])
def test_a_push_after_the_chain(world: World, head_text: str, codes: list[str]) -> None:
    world.approve_chain()  # on HEAD, whose announcement has nomor 001
    world.repo.put_file(ANNOUNCEMENT, world.pr.contents[ANNOUNCEMENT], ref=HEAD)
    world.pr.push(NEW)
    world.pr.contents[ANNOUNCEMENT] = head_text.encode()
    world.fake.reset_log()
    verdict = world.verdict()
    assert verdict.state == "waiting" and verdict.next == "kabid"
    assert [p.code for p in verdict.problems] == codes
    # the announcement at the head, and at the commit the approvals were given on
    assert world.fake.count("GET", f"/repos/dinas/ppid/contents/{ANNOUNCEMENT}") == 2
    comment = comment_markdown(verdict, world.sop, build_calendar(world.sop, 2023, 2025).tz)
    assert (f"- ⚠️ `nomor_changed`: {MESSAGE}" in comment) == (head_text == RENUMBERED)


def test_without_an_old_approval_nothing_more_is_read(world: World) -> None:
    world.approve_chain()
    world.fake.reset_log()
    assert world.verdict(NOW).approved
    assert world.fake.count("GET", f"/repos/dinas/ppid/contents/{ANNOUNCEMENT}") == 1
