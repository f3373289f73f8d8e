"""Renumbering after approval: the approvals went stale (any change does that), and the chain says the nomor
changed, from what to what, so staff learn to fix a clash before asking for approval."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pipeline.core.chain.render import comment_markdown
from pipeline.edges.workcal import build_calendar
from tests.chain.conftest import World
from tests.chain.snapshots import ANNOUNCEMENT, HEAD, NOW, Scene, Story
from tests.contentkit import VALID_FRONT_MATTER, announcement

NEW = "d00d" + "2" * 36
RENUMBERED = announcement(VALID_FRONT_MATTER.replace("001/PPID/DISKOMINFO/2025", "004/PPID/DISKOMINFO/2025"))
REWORDED = announcement(body="Isi pengumuman yang diperbaiki.\n")
MESSAGE = (f"Nomor {ANNOUNCEMENT} diganti dari '001/PPID/DISKOMINFO/2025' menjadi '004/PPID/DISKOMINFO/2025' "
           "sesudah disetujui (commit c0ffee1). Nomor tercetak di halaman dan di papan pengumuman, jadi menggantinya "
           "adalah perubahan isi: persetujuan sebelumnya gugur dan Kabid/Kasubag, Sekretaris, lalu Kepala Dinas "
           "perlu menyetujui lagi berurutan. Lain kali perbaiki bentrok nomor (pemeriksaan isi ppid/isi) sebelum "
           "meminta persetujuan.")


Setup = Callable[[Scene], None]


def push_after_the_chain(head_text: str) -> Setup:
    """The chain approves HEAD (whose announcement has nomor 001), then a push puts `head_text` on a new head."""
    def setup(w: Scene) -> None:
        w.approve_chain()
        w.repo.put_file(ANNOUNCEMENT, w.pr.contents[ANNOUNCEMENT], ref=HEAD)
        w.pr.push(NEW)
        w.pr.contents[ANNOUNCEMENT] = head_text.encode()
    return setup


PUSHES = [
    (RENUMBERED, ["stale_approval", "stale_approval", "stale_approval", "nomor_changed"]),
    (REWORDED, ["stale_approval", "stale_approval", "stale_approval"]),
]


@pytest.mark.parametrize(("head_text", "codes"), PUSHES)
def test_a_push_after_the_chain(story: Story, head_text: str, codes: list[str]) -> None:
    push_after_the_chain(head_text)(story)
    verdict = story.verdict()
    assert verdict.state == "waiting" and verdict.next == "kabid"
    assert [p.code for p in verdict.problems] == codes
    comment = comment_markdown(verdict, story.sop, build_calendar(story.sop, 2023, 2025).tz)
    assert (f"- ⚠️ `nomor_changed`: {MESSAGE}" in comment) == (head_text == RENUMBERED)


# -- over HTTP: what the adapter reads to name the change -------------------------------------------------------


@pytest.mark.parametrize("head_text", [RENUMBERED, REWORDED])
def test_after_a_push_the_announcement_is_read_at_both_commits(world: World, head_text: str) -> None:
    push_after_the_chain(head_text)(world)
    world.snapshot()
    # the announcement at the head, and at the commit the approvals were given on
    assert world.fake.count("GET", f"/repos/dinas/ppid/contents/{ANNOUNCEMENT}") == 2


def test_without_an_old_approval_nothing_more_is_read(world: World) -> None:
    world.approve_chain()
    world.fake.reset_log()
    assert world.verdict(NOW).approved
    assert world.fake.count("GET", f"/repos/dinas/ppid/contents/{ANNOUNCEMENT}") == 1
