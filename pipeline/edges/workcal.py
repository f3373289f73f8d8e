"""Builds the WorkingCalendar from sop.yml and the `holidays` package (the only place that reads either).

Holidays: the package's Indonesia calendar, categories PUBLIC (national holidays, decreed yearly by SKB
3 Menteri) and GOVERNMENT (cuti bersama for civil servants, same decree), plus sop.yml `extra_holidays`
(one-off days off such as election days, each citing its Keppres).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import holidays as holidays_pkg

from pipeline.core.sop import Sop
from pipeline.core.workcal import WorkingCalendar, make_calendar
from pipeline.errors import ConfigError


def holiday_dates(country: str, years: Iterable[int], extra: Iterable[date] = ()) -> frozenset[date]:
    """Public holidays and cuti bersama of `country` in `years`, plus `extra` dates."""
    try:
        table = holidays_pkg.country_holidays(country, years=list(years), categories=("public", "government"))
    except NotImplementedError:
        raise ConfigError(f"sop.yml: calendar.holidays_country '{country}' tidak dikenal paket holidays; "
                          "pakai kode negara ISO, misalnya ID") from None
    return frozenset(table.keys()) | frozenset(extra)


def build_calendar(sop: Sop, first_year: int, last_year: int) -> WorkingCalendar:
    """The SOP's working calendar with holiday data for first_year..last_year (inclusive)."""
    config = sop.calendar
    tz = sop.tz
    years = range(first_year, last_year + 1)
    extra = (h.tanggal for h in config.extra_holidays if first_year <= h.tanggal.year <= last_year)
    dates = holiday_dates(config.holidays_country, years, extra)
    return make_calendar(config.hours, tz, dates, (first_year, last_year))
