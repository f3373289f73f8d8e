"""Service performance (kinerja layanan) from proof records: per year and jenis, per SOP step (pure).

Definitions, as the site and `ppid laporan` state them to the public:
- A publication (penerbitan) is one proof record: one pull request merged after the full approval chain. It
  counts once in "semua jenis" and once in the group of each jenis it published. Its year is the year of the
  merge in the SOP's time zone (the same year as the record's folder in the archive).
- A step's time is the record's `elapsed_minutes`: working minutes by the SOP's working calendar, measured when
  the record was made. Only finished steps with a recorded time (status ok or late) are measured; a step without
  a start (e.g. no disposisi issue) is left out, never counted as zero.
- Median: the middle value of the sorted times, the mean of the two middle values for an even count.
  P90 (nearest rank): the smallest recorded time with at least 90% of the times at or below it,
  `sorted[ceil(0.9 * n) - 1]`, so it is always a time that was actually recorded.
- Met (memenuhi standar): the record's own status `ok`. For minute and hour standards that is "elapsed <= the
  standard"; for the day standard of step 2 it is "finished by the deadline", the same clock time on the next
  working day, which no fixed number of minutes expresses (a working day is 8.5 or 9 hours, and a step may
  start in the afternoon). Taking each record's judgement keeps one rule for all steps and the calendar that
  was in force at the time, instead of converting the standard after the fact.
- Send-backs (pengembalian): CHANGES_REQUESTED reviews by approvers before the merge, counted at the review step
  of the approver's role (Kabid step 3, Sekretaris step 4, Kepala Dinas step 5). Records made before the record
  held them are "not recorded": they are left out of the send-back figures, not counted as zero.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import tzinfo

from pipeline.core.announcement import JENIS
from pipeline.core.chain.words import standard_text
from pipeline.core.export import Cell
from pipeline.core.proof import ProofRecord
from pipeline.core.sop import Duration, Sop

ALL_JENIS = "semua"
MEASURED = frozenset({"ok", "late"})
P90 = 90


def median(values: Sequence[int]) -> float | None:
    """The median (mean of the two middle values for an even count); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def nearest_rank(values: Sequence[int], percent: int) -> int | None:
    """The nearest-rank percentile: the smallest value with at least `percent`% of the values at or below it."""
    if not 0 < percent <= 100:
        raise ValueError("percent must be in (0, 100]")
    if not values:
        return None
    ordered = sorted(values)
    # Integer arithmetic: ceil(percent * n / 100) without floating-point error at exact ranks.
    rank = -(-percent * len(ordered) // 100)
    return ordered[rank - 1]


@dataclass(frozen=True)
class StepStats:
    """One SOP step within one group of publications."""

    langkah: int
    key: str
    role: str
    standards: tuple[str, ...]  # the standards the records applied ("15m"), else sop.yml's
    publications: int
    measured: int
    median: float | None
    p90: int | None
    met: int
    send_backs: int | None  # at this step; None when the step sends nothing back or nothing was recorded

    @property
    def share_met(self) -> float | None:
        return self.met / self.measured if self.measured else None

    @property
    def standard_minutes(self) -> int | None:
        """The standard in working minutes when it is one minute or hour standard; None for days or a mix."""
        if len(self.standards) != 1:
            return None
        standard = Duration.parse(self.standards[0])
        return None if standard.unit == "d" else standard.minutes


@dataclass(frozen=True)
class SendBackStats:
    """How often drafts were sent back, over the publications whose records hold the figure."""

    publications: int
    recorded: int
    total: int
    never: int  # publications not sent back
    once: int
    more: int  # sent back twice or more

    @property
    def per_publication(self) -> float | None:
        return self.total / self.recorded if self.recorded else None


@dataclass(frozen=True)
class GroupStats:
    """All publications of one year and one jenis (or `ALL_JENIS`)."""

    tahun: int
    jenis: str
    publications: int
    steps: tuple[StepStats, ...]
    send_backs: SendBackStats

    @property
    def measured(self) -> int:
        return sum(s.measured for s in self.steps)

    @property
    def met(self) -> int:
        return sum(s.met for s in self.steps)

    @property
    def share_met(self) -> float | None:
        """The share of all measured steps, over all six steps, that met their standard."""
        return self.met / self.measured if self.measured else None


@dataclass(frozen=True)
class YearStats:
    """One year: `semua jenis` first, then each jenis in the site's order (empty groups included)."""

    tahun: int
    groups: tuple[GroupStats, ...]
    demo: bool  # some record of the year is a demo record

    @property
    def all(self) -> GroupStats:
        return self.groups[0]

    def group(self, jenis: str) -> GroupStats:
        return next(g for g in self.groups if g.jenis == jenis)


def year_of(record: ProofRecord, tz: tzinfo) -> int:
    return record.merged_at.astimezone(tz).year


def jenis_of(record: ProofRecord) -> tuple[str, ...]:
    """The known jenis a record published, in the site's order."""
    found = {a.jenis for a in record.announcements}
    return tuple(j for j in JENIS if j in found)


def review_steps(sop: Sop) -> dict[str, int]:
    """Approver role -> the step at which that role checks the draft (and may send it back)."""
    return {s.role: s.langkah for s in sop.steps if s.key != "disposisi" and s.role != "pelaksana"}


def _step(sop_step: int, records: Sequence[ProofRecord], sop: Sop) -> StepStats:
    step = sop.steps[sop_step]
    rows = [row for record in records for row in record.timing if row.step == step.langkah]
    times = [row.elapsed_minutes for row in rows if row.status in MEASURED and row.elapsed_minutes is not None]
    standards = tuple(sorted({row.standard for row in rows})) or (str(step.standard),)
    checking = {role for role, langkah in review_steps(sop).items() if langkah == step.langkah}
    recorded = [record for record in records if record.send_backs is not None]
    send_backs = (sum(1 for r in recorded for s in r.send_backs or () if s.role in checking)
                  if checking and recorded else None)
    return StepStats(langkah=step.langkah, key=step.key, role=step.role, standards=standards,
                     publications=len(records), measured=len(times), median=median(times),
                     p90=nearest_rank(times, P90),
                     met=sum(1 for row in rows if row.status == "ok" and row.elapsed_minutes is not None),
                     send_backs=send_backs)


def _send_backs(records: Sequence[ProofRecord]) -> SendBackStats:
    counts = [len(r.send_backs) for r in records if r.send_backs is not None]
    return SendBackStats(publications=len(records), recorded=len(counts), total=sum(counts),
                         never=counts.count(0), once=counts.count(1), more=sum(1 for c in counts if c >= 2))


def group_stats(tahun: int, jenis: str, records: Sequence[ProofRecord], sop: Sop) -> GroupStats:
    """The statistics of one group of records (already filtered to the year and jenis)."""
    return GroupStats(tahun=tahun, jenis=jenis, publications=len(records),
                      steps=tuple(_step(i, records, sop) for i in range(len(sop.steps))),
                      send_backs=_send_backs(records))


def kinerja(records: Iterable[ProofRecord], sop: Sop, tz: tzinfo) -> tuple[YearStats, ...]:
    """Every year that has records of published announcements, newest first."""
    by_year: dict[int, list[ProofRecord]] = {}
    for record in records:
        if not record.announcements:  # an evidence-only merge (offline proof) publishes no announcement
            continue
        by_year.setdefault(year_of(record, tz), []).append(record)
    out = []
    for tahun, items in sorted(by_year.items(), reverse=True):
        groups = [group_stats(tahun, ALL_JENIS, items, sop)]
        groups += [group_stats(tahun, jenis, [r for r in items if jenis in jenis_of(r)], sop) for jenis in JENIS]
        out.append(YearStats(tahun=tahun, groups=tuple(groups), demo=any(r.demo for r in items)))
    return tuple(out)


# -- words shared by the site page and the yearly report ------------------------------------------------------
def percent(share: float) -> int:
    """A share as a whole percent, rounded half up (5 of 6 -> 83)."""
    return math.floor(share * 100 + 0.5)


def share_text(share: float | None) -> str:
    """"83%", or "–" when nothing was measured."""
    return "–" if share is None else f"{percent(share)}%"


def number_text(value: float) -> str:
    """Indonesian decimal: "37,5", "12", "0,33" (at most two decimals)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def duration_text(minutes: float | None) -> str:
    """Working time in words: "12 menit", "1 jam 5 menit", "3 jam 20,5 menit", "–" when unknown."""
    if minutes is None:
        return "–"
    hours, rest = divmod(minutes, 60)
    whole = int(hours)
    if whole and rest:
        return f"{whole} jam {number_text(rest)} menit"
    return f"{whole} jam" if whole else f"{number_text(rest)} menit"


# -- the yearly service report (`ppid laporan`) -----------------------------------------------------------------
REPORT_COLUMNS = ("Tahun", "Jenis informasi", "Langkah", "Kegiatan", "Pelaksana", "Standar", "Standar (menit kerja)",
                  "Jumlah penerbitan", "Diukur", "Median (menit kerja)", "Persentil ke-90 (menit kerja)",
                  "Memenuhi standar", "Persentase memenuhi standar (%)", "Dikembalikan",
                  "Pengembalian per penerbitan")
GROUP_LABEL = {ALL_JENIS: "Semua jenis", "berkala": "Informasi Berkala", "serta-merta": "Informasi Serta Merta",
               "setiap-saat": "Informasi Tersedia Setiap Saat"}
SEND_BACK_ROW = "Pengembalian konsep (seluruh langkah)"


def _plain_number(value: float | None) -> int | float | None:
    """37.0 -> 37, 37.5 -> 37.5, 0.333.. -> 0.33: whole minutes stay integers in CSV and XLSX."""
    if value is None:
        return None
    rounded = round(value, 2)
    return int(rounded) if rounded == int(rounded) else rounded


def report_rows(year: YearStats, sop: Sop) -> list[tuple[Cell, ...]]:
    """The report table: per group (semua jenis, then each jenis), six step rows and one send-back row."""
    checking = set(review_steps(sop).values())
    out: list[tuple[Cell, ...]] = []
    for group in year.groups:
        label = GROUP_LABEL.get(group.jenis, group.jenis)
        for step in group.steps:
            sop_step = sop.step(step.langkah)
            share = step.share_met
            out.append((year.tahun, label, step.langkah, sop_step.kegiatan, sop.roles[sop_step.role].nama,
                        " / ".join(standard_text(s) for s in step.standards), step.standard_minutes,
                        step.publications, step.measured, _plain_number(step.median), step.p90,
                        step.met if step.measured else None, percent(share) if share is not None else None,
                        step.send_backs if step.langkah in checking else None, None))
        s = group.send_backs
        out.append((year.tahun, label, None, SEND_BACK_ROW, None, None, None, s.publications, s.recorded, None, None,
                    None, None, s.total if s.recorded else None, _plain_number(s.per_publication)))
    return out
