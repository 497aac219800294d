"""The Chinese lunisolar calendar (Imlek, Cap Go Meh) via the ``lunardate`` tables.

Months are the regular months; a leap month (run yue) repeats a number and is never the one a
festival rule means. The tables cover lunar years 1900..2099.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from lunardate import LunarDate

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "ChineseDate",
    "cap_go_meh",
    "from_gregorian",
    "month_length",
    "occurrences_in_year",
    "to_gregorian",
]

FIRST_YEAR = 1900
LAST_YEAR = 2098  # lunar 2099 runs into 2100, past the tables' end


class ChineseDate(NamedTuple):
    year: int
    month: int
    day: int
    leap_month: bool = False


def to_gregorian(lunar_year: int, month: int, day: int) -> date:
    """Gregorian date of a day in a regular (non-leap) lunar month."""
    _check_year(lunar_year)
    if not 1 <= month <= 12:
        raise ValueError(f"Chinese month must be 1..12, got {month}")
    length = month_length(lunar_year, month)
    if not 1 <= day <= length:
        raise ValueError(f"lunar month {month} of {lunar_year} has {length} days, so day {day} does not exist")
    return LunarDate(lunar_year, month, day).to_solar_date()


def from_gregorian(when: date) -> ChineseDate:
    lunar = LunarDate.from_solar_date(when.year, when.month, when.day)
    return ChineseDate(lunar.year, lunar.month, lunar.day, lunar.is_leap_month)


def month_length(lunar_year: int, month: int) -> int:
    """29 or 30 days for the regular month."""
    _check_year(lunar_year)
    try:
        LunarDate(lunar_year, month, 30).to_solar_date()
    except ValueError:
        return 29
    return 30


def occurrences_in_year(month: int, day: int, year: int) -> list[date]:
    """Every Gregorian date in ``year`` that is ``day`` of lunar ``month`` (late months spill into January)."""
    found = []
    for lunar_year in (year - 1, year):
        if FIRST_YEAR <= lunar_year <= LAST_YEAR and day <= month_length(lunar_year, month):
            found.append(to_gregorian(lunar_year, month, day))
    return sorted(when for when in found if when.year == year)


def cap_go_meh(year: int) -> date:
    """Cap Go Meh, the 15th of the 1st month (Imlek + 14 days), in Gregorian ``year``."""
    return to_gregorian(year, 1, 15)


def _check_year(lunar_year: int) -> None:
    if not FIRST_YEAR <= lunar_year <= LAST_YEAR:
        raise ValueError(f"Chinese lunar year {lunar_year} is outside the supported {FIRST_YEAR}..{LAST_YEAR}")
