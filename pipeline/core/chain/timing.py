"""SOP timing: each of the six steps against its time standard, in working time.

Each step runs from one milestone to the next:
  1 disposisi  (kabid)        disposisi issue opened      -> issue assigned to the PR author (by a Kabid)
  2 konsep     (pelaksana)    that assignment             -> PR ready for review
  3 periksa    (kabid)        ready for review            -> the Kabid's valid approval
  4 periksa    (sekretaris)   the Kabid's approval        -> the Sekretaris's approval
  5 persetujuan (kepala_dinas) the Sekretaris's approval  -> the Kepala Dinas's approval
  6 publikasi  (pelaksana)    the Kepala Dinas's approval -> merged
A step without a known start is `not_started`; a breach is reported, never blocks. A serta-merta PR (`urgent`)
is held to each step's `standard_serta_merta` where sop.yml sets one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise

from pipeline.core.chain.urgency import step_standard
from pipeline.core.chain.verdict import StepTiming
from pipeline.core.sop import Sop
from pipeline.core.workcal import WorkingCalendar, step_status


@dataclass(frozen=True)
class Milestones:
    """The moments that start and finish the steps; None when it has not happened (or is unknown)."""

    disposisi_opened: datetime | None = None
    disposisi_assigned: datetime | None = None
    ready_for_review: datetime | None = None
    kabid_approved: datetime | None = None
    sekretaris_approved: datetime | None = None
    kepala_dinas_approved: datetime | None = None
    merged: datetime | None = None
    # Who reached each milestone after the first (steps 1..6), when known.
    actors: tuple[str | None, ...] = (None,) * 6

    def bounds(self) -> tuple[tuple[datetime | None, datetime | None], ...]:
        """(start, end) of steps 1 to 6."""
        points = (self.disposisi_opened, self.disposisi_assigned, self.ready_for_review, self.kabid_approved,
                  self.sekretaris_approved, self.kepala_dinas_approved, self.merged)
        return tuple(pairwise(points))


def step_timings(milestones: Milestones, sop: Sop, calendar: WorkingCalendar, now: datetime,
                 urgent: bool = False) -> tuple[StepTiming, ...]:
    """The six steps, each ok/late/running/overdue/not_started at `now`."""
    out: list[StepTiming] = []
    for step, (start, end), actor in zip(sop.steps, milestones.bounds(), milestones.actors, strict=True):
        finished = end if start is not None else None
        standard = step_standard(step, urgent)
        clock = step_status(calendar, start, finished, now, standard)
        out.append(StepTiming(step.langkah, step.key, step.role, standard, start, finished, clock.deadline,
                              clock.elapsed_minutes, clock.status, actor if finished else None))
    return tuple(out)
