"""The kinerja statistics against hand-computed values: median, nearest-rank P90, share met, grouping."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipeline.core.kinerja import (
    ALL_JENIS,
    GroupStats,
    duration_text,
    kinerja,
    median,
    nearest_rank,
    number_text,
    review_steps,
    share_text,
    year_of,
)
from tests.kinerja.kit import SOP, WIB, chain, record, sample, wib


@pytest.mark.parametrize(("values", "expected"), [
    ([], None), ([5], 5.0), ([3, 1], 2.0), ([3, 1, 2], 2.0), ([40, 10, 30, 20], 25.0), ([7, 7], 7.0),
    ([1, 2, 100], 2.0), ([0, 0, 1, 1], 0.5),
])
def test_median(values: list[int], expected: float | None) -> None:
    assert median(values) == expected


@pytest.mark.parametrize(("values", "percent", "expected"), [
    ([], 90, None),
    ([5], 90, 5),
    ([2, 1], 90, 2),  # rank ceil(1.8) = 2
    (list(range(1, 11)), 90, 9),  # rank 9 exactly: no rounding up past an exact rank
    (list(range(1, 12)), 90, 10),  # rank ceil(9.9) = 10
    (list(range(1, 21)), 90, 18),
    (list(range(20, 0, -1)), 90, 18),  # order does not matter
    ([10, 10, 10, 500], 90, 500),  # rank ceil(3.6) = 4: one slow case shows
    (list(range(1, 6)), 50, 3),
    (list(range(1, 6)), 100, 5),
    (list(range(1, 101)), 1, 1),
])
def test_nearest_rank(values: list[int], percent: int, expected: int | None) -> None:
    assert nearest_rank(values, percent) == expected


@pytest.mark.parametrize("percent", [0, -5, 101])
def test_nearest_rank_refuses_a_percent_outside_1_to_100(percent: int) -> None:
    with pytest.raises(ValueError, match="percent"):
        nearest_rank([1, 2], percent)


STEPS_2025 = {  # semua jenis, 2025, worked by hand from tests/kinerja/kit.py sample()
    # step: (measured, median, p90, met, send_backs)
    1: (3, 10.0, 12, 3, None),  # 5 10 12; record 4 has no disposisi
    2: (3, 480.0, 560, 2, None),  # 200 480 560; one late
    3: (4, 30.0, 75, 3, 1),  # 20 30 30 75; one Kabid send-back (record 1 recorded none, record 4 none)
    4: (4, 42.5, 90, 3, 1),  # 35 40 45 90; the Sekretaris sent one back
    5: (4, 8.0, 15, 3, 1),  # 6 8 8 15
    6: (4, 9.5, 20, 3, None),  # 7 9 10 20
}


@pytest.mark.parametrize(("langkah", "expected"), sorted(STEPS_2025.items()))
def test_steps_of_a_year(langkah: int, expected: tuple[int, float, int, int, int | None]) -> None:
    step = kinerja(sample(), SOP, WIB)[1].all.steps[langkah - 1]
    assert (step.measured, step.median, step.p90, step.met, step.send_backs) == expected
    assert step.publications == 4 and step.share_met == expected[3] / expected[0]


@pytest.mark.parametrize(("tahun", "jenis", "publications", "step3", "send_backs"), [
    # step3 = (measured, median, p90, met); send_backs = (recorded, total, never, once, more, per publication)
    (2025, ALL_JENIS, 4, (4, 30.0, 75, 3), (3, 3, 1, 1, 1, 1.0)),
    (2025, "berkala", 2, (2, 52.5, 75, 1), (1, 1, 0, 1, 0, 1.0)),  # records 1 and 2
    (2025, "setiap-saat", 2, (2, 47.5, 75, 1), (2, 1, 1, 1, 0, 0.5)),  # record 2 counts in both of its jenis
    (2025, "serta-merta", 1, (1, 30.0, 30, 1), (1, 2, 0, 0, 1, 2.0)),
    (2026, ALL_JENIS, 1, (1, 30.0, 30, 1), (1, 0, 1, 0, 0, 0.0)),
    (2026, "serta-merta", 0, (0, None, None, 0), (0, 0, 0, 0, 0, None)),  # empty groups are kept
    (2026, "setiap-saat", 0, (0, None, None, 0), (0, 0, 0, 0, 0, None)),
])
def test_groups_per_year_and_jenis(tahun: int, jenis: str, publications: int,
                                   step3: tuple[int, float | None, int | None, int],
                                   send_backs: tuple[int, int, int, int, int, float | None]) -> None:
    year = next(y for y in kinerja(sample(), SOP, WIB) if y.tahun == tahun)
    group = year.group(jenis)
    step = group.steps[2]
    s = group.send_backs
    assert group.publications == publications
    assert (step.measured, step.median, step.p90, step.met) == step3
    assert (s.recorded, s.total, s.never, s.once, s.more, s.per_publication) == send_backs


def test_years_newest_first_with_the_four_groups_in_site_order() -> None:
    years = kinerja(sample(), SOP, WIB)
    assert [y.tahun for y in years] == [2026, 2025]
    assert [g.jenis for g in years[0].groups] == [ALL_JENIS, "berkala", "serta-merta", "setiap-saat"]
    assert kinerja([], SOP, WIB) == ()


def test_an_empty_group_has_no_share_and_the_sop_standards() -> None:
    group = kinerja(sample(), SOP, WIB)[0].group("serta-merta")
    assert [s.share_met for s in group.steps] == [None] * 6
    assert [s.standards for s in group.steps] == [("15m",), ("1d",), ("1h",), ("1h",), ("10m",), ("15m",)]
    assert group.share_met is None and group.measured == 0


def test_share_met_over_all_steps_of_a_group() -> None:
    group = kinerja(sample(), SOP, WIB)[1].all
    assert (group.met, group.measured) == (17, 22)  # 3+2+3+3+3+3 of 3+3+4+4+4+4


@pytest.mark.parametrize(("merged", "tahun"), [
    (datetime(2025, 12, 31, 16, 59, tzinfo=UTC), 2025),  # 23.59 WIB
    (datetime(2025, 12, 31, 17, 30, tzinfo=UTC), 2026),  # 00.30 WIB on 1 January: the WIB year counts
])
def test_the_year_is_the_merge_year_in_wib(merged: datetime, tahun: int) -> None:
    rec = chain([record(1, merged)])[0]
    assert year_of(rec, WIB) == tahun
    assert [y.tahun for y in kinerja([rec], SOP, WIB)] == [tahun]


def test_standards_come_from_the_records_and_a_mix_has_no_minutes() -> None:
    serta_merta = ("15m", "2h", "1h", "1h", "10m", "15m")
    records = chain([record(1, wib(2025, 3, 3)), record(2, wib(2025, 3, 4), standards=serta_merta)])
    step = kinerja(records, SOP, WIB)[0].all.steps[1]
    assert step.standards == ("1d", "2h") and step.standard_minutes is None
    assert kinerja(records[:1], SOP, WIB)[0].all.steps[2].standard_minutes == 60
    assert kinerja(records[:1], SOP, WIB)[0].all.steps[1].standard_minutes is None  # days are not minutes


@pytest.mark.parametrize(("status", "measured"), [
    ("ok", 1), ("late", 1), ("running", 0), ("overdue", 0), ("not_started", 0),
])
def test_only_finished_steps_are_measured(status: str, measured: int) -> None:
    times = ((10, status), *[(5, "ok")] * 5)
    step = kinerja(chain([record(1, wib(2025, 3, 3), times=times)]), SOP, WIB)[0].all.steps[0]
    assert step.measured == measured and step.met == (1 if status == "ok" else 0)


def test_send_backs_land_on_the_review_step_of_the_role() -> None:
    assert review_steps(SOP) == {"kabid": 3, "sekretaris": 4, "kepala_dinas": 5}
    records = chain([record(1, wib(2025, 3, 3), send_backs=("kabid", "kabid", "kepala_dinas"))])
    steps = kinerja(records, SOP, WIB)[0].all.steps
    assert [s.send_backs for s in steps] == [None, None, 2, 0, 1, None]


def test_records_without_send_back_data_are_not_counted_as_zero() -> None:
    records = chain([record(1, wib(2025, 3, 3), send_backs=None), record(2, wib(2025, 3, 4), send_backs=None)])
    group: GroupStats = kinerja(records, SOP, WIB)[0].all
    assert (group.send_backs.recorded, group.send_backs.per_publication) == (0, None)
    assert [s.send_backs for s in group.steps] == [None] * 6


def test_demo_flag_per_year() -> None:
    records = chain([record(1, wib(2025, 3, 3), demo=False), record(2, wib(2026, 3, 3), demo=True)])
    assert [(y.tahun, y.demo) for y in kinerja(records, SOP, WIB)] == [(2026, True), (2025, False)]


@pytest.mark.parametrize(("minutes", "text"), [
    (None, "–"), (0, "0 menit"), (7.5, "7,5 menit"), (45, "45 menit"), (60, "1 jam"), (65, "1 jam 5 menit"),
    (277.5, "4 jam 37,5 menit"), (560, "9 jam 20 menit"),
])
def test_duration_text(minutes: float | None, text: str) -> None:
    assert duration_text(minutes) == text


@pytest.mark.parametrize(("value", "text"), [(0, "0"), (0.25, "0,25"), (1 / 3, "0,33"), (2.0, "2"), (37.5, "37,5")])
def test_number_text(value: float, text: str) -> None:
    assert number_text(value) == text


@pytest.mark.parametrize(("share", "text"), [(None, "–"), (0.0, "0%"), (5 / 6, "83%"), (0.875, "88%"), (1.0, "100%"),
                                             (0.125, "13%")])
def test_share_text_rounds_half_up(share: float | None, text: str) -> None:
    assert share_text(share) == text


def test_evidence_only_merges_are_not_publications() -> None:
    evidence_only = record(99, wib(2027, 1, 4), jenis=())
    years = kinerja([*sample(), evidence_only], SOP, WIB)
    assert [y.tahun for y in years] == [2026, 2025]
    assert kinerja([evidence_only], SOP, WIB) == ()
