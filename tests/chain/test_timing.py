"""SOP timing, judged on the default story in memory (story -> snapshot -> evaluate): working time, WIB."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.chain.snapshots import Scene, Story, wib

Steps = list[tuple[str, int | None]]


def retell(w: Scene, *, opened: datetime, assigned: datetime | None, ready: datetime,
          kabid: datetime | None = None, sekretaris: datetime | None = None, kadis: datetime | None = None,
          merged: datetime | None = None, draft_until: datetime | None = None) -> None:
    """Rewrite the default story's moments."""
    w.issue.created_at = opened
    w.issue.events.clear()
    if assigned:
        w.issue.assign("staf1", by="kabid1", at=assigned)
    if draft_until:
        w.pr.issue.created_at = ready
        w.pr.draft = True
        w.pr.mark_ready(draft_until, "staf1")
    else:
        w.pr.issue.created_at = ready
    for login, moment in (("kabid1", kabid), ("sekre1", sekretaris), ("kadis1", kadis)):
        if moment:
            w.pr.review(login, "APPROVED", moment)
    w.pr.merged_at = merged


CASES: list[tuple[str, dict[str, datetime | None], datetime, Steps]] = [
    ("all-on-time", dict(opened=wib(5, 8, 0), assigned=wib(5, 8, 10), ready=wib(5, 13, 0), kabid=wib(5, 13, 30),
                         sekretaris=wib(5, 14, 0), kadis=wib(5, 14, 5), merged=wib(5, 14, 15)), wib(5, 15, 0),
     [("ok", 10), ("ok", 290), ("ok", 30), ("ok", 30), ("ok", 5), ("ok", 10)]),
    ("across-weekend", dict(opened=wib(2, 16, 20), assigned=wib(5, 7, 35), ready=wib(5, 13, 0)), wib(5, 13, 40),
     [("ok", 15), ("ok", 325), ("running", 40), ("not_started", None), ("not_started", None),
      ("not_started", None)]),
    ("disposisi-late-over-weekend", dict(opened=wib(2, 16, 0), assigned=wib(5, 7, 50), ready=wib(5, 13, 0)),
     wib(5, 13, 40), [("late", 50), ("ok", 310), ("running", 40), ("not_started", None), ("not_started", None),
                      ("not_started", None)]),
    ("holiday-and-cuti-bersama", dict(opened=wib(8, 15, 0, month=5), assigned=wib(8, 15, 10, month=5),
                                      ready=wib(8, 15, 30, month=5), kabid=wib(13, 8, 0, month=5)),
     wib(13, 9, 0, month=5), [("ok", 10), ("ok", 20), ("ok", 60), ("running", 60), ("not_started", None),
                              ("not_started", None)]),
    ("friday-afternoon", dict(opened=wib(2, 8, 0), assigned=wib(2, 8, 5), ready=wib(2, 15, 0),
                              kabid=wib(2, 16, 0), sekretaris=wib(2, 16, 25)), wib(2, 16, 29),
     [("ok", 5), ("ok", 415), ("ok", 60), ("ok", 25), ("running", 4), ("not_started", None)]),
    ("friday-afternoon-past-closing", dict(opened=wib(2, 8, 0), assigned=wib(2, 8, 5), ready=wib(2, 15, 0),
                                           kabid=wib(2, 16, 0), sekretaris=wib(2, 16, 25)), wib(5, 7, 36),
     [("ok", 5), ("ok", 415), ("ok", 60), ("ok", 25), ("overdue", 11), ("not_started", None)]),
    ("thursday-closes-earlier", dict(opened=wib(1, 8, 0), assigned=wib(1, 8, 5), ready=wib(1, 15, 0),
                                     kabid=wib(1, 15, 50), sekretaris=wib(2, 7, 45)), wib(2, 7, 50),
     [("ok", 5), ("ok", 415), ("ok", 50), ("ok", 25), ("running", 5), ("not_started", None)]),
    ("run-past-the-standard", dict(opened=wib(5, 8, 0), assigned=wib(5, 8, 10), ready=wib(5, 13, 0)),
     wib(5, 15, 0), [("ok", 10), ("ok", 290), ("overdue", 120), ("not_started", None), ("not_started", None),
                     ("not_started", None)]),
    ("draft-a-day-late", dict(opened=wib(5, 8, 0), assigned=wib(5, 10, 0), ready=wib(5, 9, 0),
                              draft_until=wib(6, 10, 30)), wib(6, 10, 45),
     [("late", 120), ("late", 540), ("running", 15), ("not_started", None), ("not_started", None),
      ("not_started", None)]),
    ("draft-within-a-day", dict(opened=wib(5, 8, 0), assigned=wib(5, 8, 10), ready=wib(5, 9, 0),
                                draft_until=wib(6, 8, 9)), wib(6, 8, 30),
     [("ok", 10), ("ok", 509), ("running", 21), ("not_started", None), ("not_started", None),
      ("not_started", None)]),
    ("kepala-dinas-late-publish-overdue", dict(opened=wib(5, 8, 0), assigned=wib(5, 8, 10), ready=wib(5, 13, 0),
                                               kabid=wib(5, 13, 30), sekretaris=wib(5, 14, 0),
                                               kadis=wib(5, 14, 20)), wib(5, 15, 0),
     [("ok", 10), ("ok", 290), ("ok", 30), ("ok", 30), ("late", 20), ("overdue", 40)]),
    ("disposisi-not-yet-assigned", dict(opened=wib(5, 8, 0), assigned=None, ready=wib(5, 13, 0)), wib(5, 8, 20),
     [("overdue", 20), ("not_started", None), ("running", 0), ("not_started", None), ("not_started", None),
      ("not_started", None)]),
]


@pytest.mark.parametrize(("moments", "now", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_step_timing(story: Story, moments: dict[str, datetime | None], now: datetime, expected: Steps) -> None:
    retell(story, **moments)  # type: ignore[arg-type]
    timing = story.verdict(now).timing
    assert [(t.status, t.elapsed_minutes) for t in timing] == expected
    assert [t.step for t in timing] == [1, 2, 3, 4, 5, 6]
    assert [str(t.standard) for t in timing] == ["15m", "1d", "1h", "1h", "10m", "15m"]


def test_a_breach_never_blocks(story: Story) -> None:
    retell(story, opened=wib(5, 8, 0), assigned=wib(5, 9, 0), ready=wib(6, 15, 0), kabid=wib(7, 15, 0),
          sekretaris=wib(8, 15, 0), kadis=wib(9, 15, 0))
    verdict = story.verdict(wib(9, 15, 10))
    assert verdict.state == "approved"
    assert [t.status for t in verdict.timing] == ["late", "late", "late", "late", "late", "running"]


def test_steps_record_who_finished_them_and_deadlines(story: Story) -> None:
    retell(story, opened=wib(2, 16, 20), assigned=wib(5, 7, 35), ready=wib(5, 13, 0), kabid=wib(5, 13, 30))
    timing = story.verdict(wib(5, 14, 0)).timing
    assert [t.actor for t in timing] == ["kabid1", "staf1", "kabid1", None, None, None]
    assert timing[0].deadline == wib(5, 7, 35)  # 15 working minutes after Friday 16:20
    assert timing[1].deadline == wib(6, 7, 35)  # one working day, same clock time
    assert timing[3].deadline == wib(5, 14, 30)
