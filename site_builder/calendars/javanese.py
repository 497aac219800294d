"""The arithmetic Javanese (Sultan Agung) calendar, in its Asapon and Aboge variants.

An 8-year windu of 354/355-day years and fixed month lengths; Aboge, kept by the Cirebon
keratons, runs one day after Asapon (Yogyakarta). Anchored on Keraton Kanoman's 1 Suro 1954
Jimakir (Aboge) = Friday Wage 21 Aug 2020 (shared/facts/agenda.json). A Javanese day begins at
the previous sunset; the Gregorian date returned here is the daytime.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import accumulate
from typing import Literal, NamedTuple, get_args

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "MONTH_NAMES",
    "PASARAN_NAMES",
    "YEAR_NAMES",
    "JavaneseDate",
    "Variant",
    "from_gregorian",
    "month_length",
    "pasaran",
    "to_gregorian",
    "year_name",
]

Variant = Literal["aboge", "asapon"]

YEAR_NAMES = ("Alip", "Ehe", "Jimawal", "Je", "Dal", "Be", "Wawu", "Jimakir")
MONTH_NAMES = (
    "Suro",
    "Sapar",
    "Mulud",
    "Bakda Mulud",
    "Jumadil Awal",
    "Jumadil Akhir",
    "Rejeb",
    "Ruwah",
    "Poso",
    "Sawal",
    "Dulkangidah",
    "Besar",
)
PASARAN_NAMES = ("Legi", "Pahing", "Pon", "Wage", "Kliwon")

# The Asapon kurup (120-year cycle) runs 1867 Alip .. 1986 Jimakir AJ (1936-2052); past it
# Yogyakarta drops a day, so we refuse rather than guess.
FIRST_YEAR = 1867
LAST_YEAR = 1986

_LEAP_YEARS = frozenset({"Ehe", "Dal", "Jimakir"})
_WINDU_DAYS = 8 * 354 + 3
_YEAR_LENGTHS = tuple(355 if name in _LEAP_YEARS else 354 for name in YEAR_NAMES)
_DAYS_BEFORE_YEAR_IN_WINDU = (0, *accumulate(_YEAR_LENGTHS))
_MONTH_LENGTHS = (30, 29, 30, 29, 30, 29, 30, 29, 30, 29, 30, 29)
_DAYS_BEFORE_MONTH = (0, *accumulate(_MONTH_LENGTHS))

_ANCHOR_YEAR, _ANCHOR_ABOGE_1_SURO = 1954, date(2020, 8, 21)  # Jumat Wage, Keraton Kanoman
_ANCHOR_PASARAN = "Wage"
_ABOGE_LAG = {"asapon": 0, "aboge": 1}


class JavaneseDate(NamedTuple):
    year: int
    month: int
    day: int

    @property
    def year_name(self) -> str:
        return year_name(self.year)

    @property
    def month_name(self) -> str:
        return MONTH_NAMES[self.month - 1]

    def __str__(self) -> str:
        return f"{self.day} {self.month_name} {self.year} {self.year_name}"


def year_name(year: int) -> str:
    """Windu name of a Javanese year (1867 is Alip)."""
    return YEAR_NAMES[(year - FIRST_YEAR) % 8]


def month_length(year: int, month: int) -> int:
    _check_year(year)
    if not 1 <= month <= 12:
        raise ValueError(f"Javanese month must be 1..12, got {month}")
    leap_besar = month == 12 and year_name(year) in _LEAP_YEARS
    return _MONTH_LENGTHS[month - 1] + (1 if leap_besar else 0)


def to_gregorian(year: int, month: int, day: int, variant: Variant) -> date:
    """Gregorian date (daytime) of a Javanese date in the given variant."""
    length = month_length(year, month)
    if not 1 <= day <= length:
        raise ValueError(f"{MONTH_NAMES[month - 1]} {year} has {length} days, so day {day} does not exist")
    return _first_suro(year, variant) + timedelta(days=_DAYS_BEFORE_MONTH[month - 1] + day - 1)


def from_gregorian(when: date, variant: Variant) -> JavaneseDate:
    """Javanese date whose daytime falls on the Gregorian date ``when``."""
    days = (when - _first_suro(FIRST_YEAR, variant)).days
    windus, day_in_windu = divmod(days, _WINDU_DAYS)
    year_in_windu = max(i for i, before in enumerate(_DAYS_BEFORE_YEAR_IN_WINDU[:8]) if before <= day_in_windu)
    year = FIRST_YEAR + windus * 8 + year_in_windu
    _check_year(year)
    day_in_year = day_in_windu - _DAYS_BEFORE_YEAR_IN_WINDU[year_in_windu]
    month = max(i for i, before in enumerate(_DAYS_BEFORE_MONTH[:12]) if before <= day_in_year) + 1
    return JavaneseDate(year, month, day_in_year - _DAYS_BEFORE_MONTH[month - 1] + 1)


def pasaran(when: date) -> str:
    """Day of the five-day market week (Legi, Pahing, Pon, Wage, Kliwon); the same in both variants."""
    offset = (when - _ANCHOR_ABOGE_1_SURO).days + PASARAN_NAMES.index(_ANCHOR_PASARAN)
    return PASARAN_NAMES[offset % 5]


def _first_suro(year: int, variant: Variant) -> date:
    _check_year(year)
    if variant not in _ABOGE_LAG:
        raise ValueError(f"unknown Javanese variant {variant!r}; use one of {', '.join(get_args(Variant))}")
    days = _days_from_1867(year) - _days_from_1867(_ANCHOR_YEAR)
    return _ANCHOR_ABOGE_1_SURO + timedelta(days=days + _ABOGE_LAG[variant] - 1)


def _days_from_1867(year: int) -> int:
    windus, year_in_windu = divmod(year - FIRST_YEAR, 8)
    return windus * _WINDU_DAYS + _DAYS_BEFORE_YEAR_IN_WINDU[year_in_windu]


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"Javanese year {year} is outside the Asapon kurup {FIRST_YEAR}..{LAST_YEAR} AJ")
