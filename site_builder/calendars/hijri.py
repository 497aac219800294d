"""The Hijri calendar as Indonesia (Kemenag) observes it, computed with ephem.

A month starts on the day after the first evening on which, at local sunset, the crescent meets
the criterion somewhere in western Indonesia; if the 29th evening fails, the month completes 30
days (istikmal). Kemenag accepts the crescent anywhere in Indonesia and the decisive places are
its western extremes, so the criterion is tested at two reference points:

- Sabang, Aceh (north-west tip; Kemenag quotes it as the westernmost point) and
- Enggano island, Bengkulu (south-west tip; it wins when the moon is far south).

Quantities, as Kemenag publishes them: the moon's altitude is topocentric and apparent (centre,
standard refraction), the elongation geocentric, both at sunset (sun's upper limb on a -0°34'
horizon). For 9 Apr 2024 this gives 7.63° at Sabang, Kemenag's published figure (7°37'50").
Criteria:

- from 2022 (Kemenag adopted the revised MABIMS criterion): altitude >= 3° and elongation >= 6.4°;
- before 2022 (the older MABIMS criterion): altitude >= 2° and (elongation >= 3° or age >= 8 h).

This reproduces every Hijri date in shared/facts/agenda.json. Jakarta or Pelabuhan Ratu alone miss
10 Zulhijah 1446 and 1 Muharram 1448; Sabang alone misses 1 Rajab 1447 (Isra Mi'raj on 16 Jan
2026, a national holiday); the revised criterion applied before 2022 misses 1 Syawal 1436 (2015).
A computed date stays tentative: the sidang isbat can move it by a day.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

import ephem

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "MONTH_NAMES",
    "REFERENCE_POINTS",
    "Crescent",
    "HijriDate",
    "crescent_at_sunset",
    "from_gregorian",
    "month_length",
    "month_start",
    "to_gregorian",
]

MONTH_NAMES = (
    "Muharram",
    "Safar",
    "Rabiul Awal",
    "Rabiul Akhir",
    "Jumadil Awal",
    "Jumadil Akhir",
    "Rajab",
    "Syakban",
    "Ramadan",
    "Syawal",
    "Zulkaidah",
    "Zulhijah",
)

# 1320 H starts in 1902, 1650 H ends in 2222: the range the month lengths were checked over.
MIN_YEAR = 1320
MAX_YEAR = 1650

# (name, latitude, longitude) of the western extremes where the crescent is highest.
REFERENCE_POINTS = (
    ("Sabang", "5.8926", "95.3238"),
    ("Enggano", "-5.3500", "102.2700"),
)

REVISED_MABIMS_FROM = date(2022, 1, 1)

_MEAN_LUNATION = 29.530588861
_MEAN_NEW_MOON_K0 = 2451550.09766 - 2415020.0  # Meeus lunation 0 (6 Jan 2000), as an ephem (Dublin JD) date
# Meeus lunation number of the conjunction before 1 Muharram 1446 (5 Jul 2024) and its month index.
_LUNATION_OFFSET = 1445 * 12 - 303


class Crescent(NamedTuple):
    altitude: float  # degrees, topocentric apparent, moon's centre
    elongation: float  # degrees, geocentric, from the sun
    age_hours: float  # since the conjunction; negative before it


class HijriDate(NamedTuple):
    year: int
    month: int
    day: int

    @property
    def month_name(self) -> str:
        return MONTH_NAMES[self.month - 1]

    def __str__(self) -> str:
        return f"{self.day} {self.month_name} {self.year} H"


def to_gregorian(year: int, month: int, day: int) -> date:
    """Gregorian date of a Hijri date (the daytime; the Hijri day began the previous sunset)."""
    if not 1 <= day <= 30:
        raise ValueError(f"Hijri day must be 1..30, got {day}")
    length = month_length(year, month)
    if day > length:
        raise ValueError(f"{MONTH_NAMES[month - 1]} {year} H has {length} days, so day {day} does not exist")
    return month_start(year, month) + timedelta(days=day - 1)


def from_gregorian(when: date) -> HijriDate:
    """Hijri date whose daytime falls on the Gregorian date ``when``."""
    index = _month_index_near(when)
    while _start_of_index(index) > when:
        index -= 1
    while _start_of_index(index + 1) <= when:
        index += 1
    year, month = divmod(index, 12)
    return HijriDate(year + 1, month + 1, (when - _start_of_index(index)).days + 1)


def month_start(year: int, month: int) -> date:
    """Gregorian date of the 1st of a Hijri month."""
    _check_month(year, month)
    return _start_of_index((year - 1) * 12 + month - 1)


def month_length(year: int, month: int) -> int:
    """29 or 30."""
    _check_month(year, month)
    index = (year - 1) * 12 + month - 1
    return (_start_of_index(index + 1) - _start_of_index(index)).days


def _check_month(year: int, month: int) -> None:
    if not 1 <= month <= 12:
        raise ValueError(f"Hijri month must be 1..12, got {month}")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"Hijri year {year} is outside the supported {MIN_YEAR}..{MAX_YEAR} H")


def _month_index_near(when: date) -> int:
    ephem_day = ephem.Date((when.year, when.month, when.day))
    index = math.floor((ephem_day - _MEAN_NEW_MOON_K0) / _MEAN_LUNATION) + _LUNATION_OFFSET
    if not (MIN_YEAR - 1) * 12 < index < MAX_YEAR * 12:
        raise ValueError(f"{when} is outside the supported Hijri years {MIN_YEAR}..{MAX_YEAR} H")
    return index


@lru_cache(maxsize=8192)
def _start_of_index(index: int) -> date:
    """Start of month ``index`` (months since 1 Muharram 1 H), decided on the previous month's 29th."""
    previous_start = _first_crescent_evening(_conjunction(index - 1)) + timedelta(days=1)
    twenty_ninth = previous_start + timedelta(days=28)
    if _crescent_meets_criterion(twenty_ninth, _conjunction(index)):
        return twenty_ninth + timedelta(days=1)
    return twenty_ninth + timedelta(days=2)  # istikmal: the running month completes 30 days


@lru_cache(maxsize=8192)
def _conjunction(index: int) -> ephem.Date:
    """Geocentric new moon that begins month ``index``."""
    lunation = index - _LUNATION_OFFSET
    mean = _MEAN_NEW_MOON_K0 + _MEAN_LUNATION * lunation
    # True new moon stays within about 0.6 day of the mean one.
    return ephem.next_new_moon(ephem.Date(mean - 3))


def _first_crescent_evening(conjunction: ephem.Date) -> date:
    year, month, day, *_ = ephem.Date(conjunction + 7 / 24).tuple()  # the conjunction's date in WIB
    evening = date(year, month, day)
    for _ in range(4):  # the crescent always qualifies within three evenings of the conjunction
        if _crescent_meets_criterion(evening, conjunction):
            return evening
        evening += timedelta(days=1)
    raise RuntimeError(f"no qualifying crescent within 4 evenings of {ephem.Date(conjunction)}")


@lru_cache(maxsize=16384)
def _crescent_meets_criterion(evening: date, conjunction: ephem.Date) -> bool:
    for place, _latitude, _longitude in REFERENCE_POINTS:
        crescent = crescent_at_sunset(evening, place, conjunction)
        if crescent.age_hours <= 0:
            continue  # sunset before the conjunction: no new crescent yet
        if evening >= REVISED_MABIMS_FROM:
            if crescent.altitude >= 3 and crescent.elongation >= 6.4:
                return True
        elif crescent.altitude >= 2 and (crescent.elongation >= 3 or crescent.age_hours >= 8):
            return True
    return False


def crescent_at_sunset(evening: date, place: str, conjunction: float | None = None) -> Crescent:
    """The moon at sunset on ``evening`` at a reference point (by name), as the criterion reads it."""
    points = {name: (latitude, longitude) for name, latitude, longitude in REFERENCE_POINTS}
    if place not in points:
        raise ValueError(f"unknown reference point {place!r}; use one of {', '.join(points)}")
    latitude, longitude = points[place]
    observer = ephem.Observer()
    observer.lat, observer.lon = latitude, longitude
    observer.elevation = 0
    observer.pressure = 0  # sunset by the USNO convention: refraction is in the -0:34 horizon
    observer.horizon = "-0:34"
    observer.date = ephem.Date((evening.year, evening.month, evening.day, 3))  # 10:00 WIB: next sunset is tonight's
    sunset = observer.next_setting(ephem.Sun())
    observer.date = sunset
    observer.pressure, observer.temp = 1010, 10  # standard refraction, as in the apparent altitude Kemenag quotes
    moon, sun = ephem.Moon(observer), ephem.Sun(observer)
    if conjunction is None:
        conjunction = ephem.previous_new_moon(sunset)
    return Crescent(
        altitude=math.degrees(moon.alt),
        elongation=math.degrees(ephem.separation((moon.g_ra, moon.g_dec), (sun.g_ra, sun.g_dec))),
        age_hours=(sunset - conjunction) * 24,
    )
