"""Recurrence rules of events in any of Cirebon's calendars, projected onto a Gregorian year.

A rule is written in an event's front matter as a mapping under ``rule:``. Resolving one takes
three steps: the date in its own calendar (a day, or the nth weekday of the month), then
``offset_days``, then ``evening_before`` (a Javanese "malam" rite is on the previous evening).
The rule's calendar decides whether a projected date waits for an editor to confirm it: Hijri dates
move with the sidang isbat, keratons sometimes depart from the arithmetic Javanese date, and Chinese
festivals get their times late; a fixed Gregorian date (31 December) is known as soon as it is projected.
"""

from __future__ import annotations

import calendar as gregorian_calendar
import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta
from typing import Any, Literal, NamedTuple, get_args
from zoneinfo import ZoneInfo

from . import chinese, hijri, javanese

__all__ = ["CALENDARS", "JAKARTA", "WEEKDAYS", "ProjectedOccurrence", "Rule", "RuleError", "project_occurrences"]

JAKARTA = ZoneInfo("Asia/Jakarta")

Calendar = Literal["gregorian", "hijri", "javanese-aboge", "javanese-asapon", "chinese", "organiser"]
CALENDARS: tuple[str, ...] = get_args(Calendar)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

_DEFAULT_DURATION_MINUTES = 120
_MAX_OFFSET_DAYS = 60  # the limits of the content schema (snapshot/schema/event.json)
_MAX_SPAN_DAYS = 60
_TIME_PATTERN = re.compile(r"(\d{1,2}):(\d{2})")
_DATE_KEYS = ("month", "day", "weekday", "nth", "offset_days", "evening_before")
_JAVANESE_MONTH_DAYS = (30, 29, 30, 29, 30, 29, 30, 29, 30, 29, 30, 30)  # Besar has 30 in leap years


class RuleError(ValueError):
    """A rule that cannot be used; ``field`` names the key to fix ("" for the rule as a whole)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"rule.{field}: {message}" if field else f"rule: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Rule:
    """A yearly date in one calendar, as written under ``rule:`` in an event's front matter.

    ``month`` (1..12, Javanese 1 = Suro) with either ``day`` or ``weekday`` + ``nth`` (-1 = last);
    then ``offset_days``; ``evening_before`` moves it to the previous Gregorian evening. Timed with
    ``start_time`` ("HH:MM", Asia/Jakarta) + ``duration_minutes``, otherwise all-day for ``span_days``.
    A day the month lacks that year (30 of a 29-day month) gives no occurrence that year.
    """

    calendar: Calendar
    month: int | None = None
    day: int | None = None
    weekday: str | None = None
    nth: int | None = None
    offset_days: int = 0
    evening_before: bool = False
    start_time: time | None = None
    duration_minutes: int = _DEFAULT_DURATION_MINUTES
    span_days: int = 1

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Any]) -> Rule:
        """Read the ``rule:`` mapping of an event's front matter, or raise RuleError naming the field."""
        if not isinstance(mapping, Mapping):
            raise RuleError("", f"expected a mapping such as {{calendar: hijri, month: 1, day: 1}}, got {mapping!r}")
        allowed = [f.name for f in fields(cls)]
        for key in mapping:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f"did you mean {close[0]!r}? " if close else ""
                raise RuleError(str(key), f"unknown key; {hint}the keys are {', '.join(allowed)}")
        if "calendar" not in mapping:
            raise RuleError("calendar", f"missing; choose one of {', '.join(CALENDARS)}")
        return cls(**mapping)

    @property
    def needs_confirmation(self) -> bool:
        """Whether a projected date stays tentative until an editor confirms it: all but fixed Gregorian dates."""
        return self.calendar != "gregorian"

    def to_mapping(self) -> dict[str, Any]:
        """The minimal mapping (defaults left out) that ``from_mapping`` reads back to this rule."""
        mapping: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "calendar" or value != f.default:
                mapping[f.name] = value.strftime("%H:%M") if isinstance(value, time) else value
        return mapping

    def __post_init__(self) -> None:
        if isinstance(self.weekday, str):
            object.__setattr__(self, "weekday", self.weekday.lower())
        object.__setattr__(self, "start_time", _parse_start_time(self.start_time))
        if self.calendar not in CALENDARS:
            raise RuleError("calendar", f"unknown calendar {self.calendar!r}; choose one of {', '.join(CALENDARS)}")
        if self.calendar == "organiser":
            self._check_organiser()
            return
        self._check_month_and_day()
        self._check_weekday()
        _check_int(self, "offset_days", -_MAX_OFFSET_DAYS, _MAX_OFFSET_DAYS)
        if not isinstance(self.evening_before, bool):
            raise RuleError("evening_before", f"must be true or false, got {self.evening_before!r}")
        self._check_times()

    def _check_organiser(self) -> None:
        for key in (*_DATE_KEYS, "start_time", "duration_minutes", "span_days"):
            f = next(f for f in fields(self) if f.name == key)
            if getattr(self, key) != f.default:
                raise RuleError(
                    key, "an 'organiser' rule takes no other keys: the organiser sets the dates each year; remove it"
                )

    def _check_month_and_day(self) -> None:
        if self.month is None:
            raise RuleError("month", f"missing; give the month of the {self.calendar} calendar as a number 1..12")
        _check_int(self, "month", 1, 12)
        if self.day is None and self.weekday is None:
            raise RuleError("day", "missing; give a day of the month (1..30) or a weekday with nth")
        if self.day is not None and self.weekday is not None:
            raise RuleError("day", "give either day or weekday+nth, not both")
        if self.day is None:
            return
        _check_int(self, "day", 1, 31 if self.calendar == "gregorian" else 30)
        longest = _longest_month(self.calendar, self.month)
        if self.day > longest:
            raise RuleError("day", f"month {self.month} of the {self.calendar} calendar never has day {self.day}")

    def _check_weekday(self) -> None:
        if self.weekday is None:
            if self.nth is not None:
                raise RuleError("nth", "nth needs a weekday, e.g. weekday: wed, nth: -1 for the last Wednesday")
            return
        if self.weekday not in WEEKDAYS:
            raise RuleError("weekday", f"unknown weekday {self.weekday!r}; use one of {', '.join(WEEKDAYS)}")
        if self.nth is None:
            raise RuleError("nth", "missing; a weekday needs nth: 1..5 for the nth one of the month or -1 for the last")
        _check_int(self, "nth", -1, 5)
        if self.nth == 0:
            raise RuleError("nth", "0 is not a position; use 1..5 for the nth weekday or -1 for the last")

    def _check_times(self) -> None:
        _check_int(self, "duration_minutes", 1, 7 * 24 * 60)
        _check_int(self, "span_days", 1, _MAX_SPAN_DAYS)
        if self.start_time is None and self.duration_minutes != _DEFAULT_DURATION_MINUTES:
            raise RuleError("duration_minutes", "only a timed event has a duration; add start_time or remove it")
        if self.start_time is not None and self.span_days != 1:
            raise RuleError("span_days", "span_days is for all-day events; a timed event uses duration_minutes")


@dataclass(frozen=True)
class ProjectedOccurrence:
    """One projected date of a rule; ``end`` is exclusive; ``key`` is stable for the iCal UID."""

    start: date | datetime
    end: date | datetime
    all_day: bool
    tentative: bool
    key: str


def project_occurrences(rule: Rule, year: int) -> list[ProjectedOccurrence]:
    """Every occurrence of ``rule`` starting in Gregorian ``year`` (0, 1 or 2 for a Hijri rule), sorted."""
    if rule.calendar == "organiser":
        return []
    calendar_dates = _CALENDAR_DATES[rule.calendar]
    calendar_years = _candidate_years(rule.calendar, year)
    if not calendar_years:
        raise ValueError(f"the {rule.calendar} calendar is not computed for {year}")
    start_days = []
    for calendar_year in calendar_years:
        resolved = _resolve(rule, calendar_year, calendar_dates)
        if resolved is None:
            continue
        start_day = resolved + timedelta(days=rule.offset_days - (1 if rule.evening_before else 0))
        if start_day.year == year:
            start_days.append(start_day)
    return [_occurrence(rule, start_day, year, position) for position, start_day in enumerate(sorted(start_days), 1)]


def _occurrence(rule: Rule, start_day: date, year: int, position: int) -> ProjectedOccurrence:
    key = str(year) if position == 1 else f"{year}-{position}"
    if rule.start_time is None:
        end_day = start_day + timedelta(days=rule.span_days)
        return ProjectedOccurrence(start_day, end_day, all_day=True, tentative=rule.needs_confirmation, key=key)
    start = datetime.combine(start_day, rule.start_time, tzinfo=JAKARTA)
    end = start + timedelta(minutes=rule.duration_minutes)
    return ProjectedOccurrence(start, end, all_day=False, tentative=rule.needs_confirmation, key=key)


class _CalendarDates(NamedTuple):
    """What projection needs from a calendar: the 1st of a month and its length."""

    first_day: Callable[[int, int], date]
    length: Callable[[int, int], int]


_CALENDAR_DATES = {
    "gregorian": _CalendarDates(lambda y, m: date(y, m, 1), lambda y, m: gregorian_calendar.monthrange(y, m)[1]),
    "hijri": _CalendarDates(hijri.month_start, hijri.month_length),
    "javanese-aboge": _CalendarDates(lambda y, m: javanese.to_gregorian(y, m, 1, "aboge"), javanese.month_length),
    "javanese-asapon": _CalendarDates(lambda y, m: javanese.to_gregorian(y, m, 1, "asapon"), javanese.month_length),
    "chinese": _CalendarDates(lambda y, m: chinese.to_gregorian(y, m, 1), chinese.month_length),
}


def _candidate_years(calendar: str, year: int) -> range:
    """Calendar years whose dates, shifted by up to 60 days, can start in Gregorian ``year``."""
    if calendar == "gregorian":
        return range(year - 1, year + 2)
    if calendar == "chinese":
        return range(max(year - 1, chinese.FIRST_YEAR), min(year + 1, chinese.LAST_YEAR) + 1)
    hijri_year = round((year - 621.57) * 365.2425 / 354.367)  # within 1 of the years that matter, 1903..2220
    if calendar == "hijri":
        return range(max(hijri_year - 2, hijri.MIN_YEAR), min(hijri_year + 2, hijri.MAX_YEAR) + 1)
    javanese_year = hijri_year + 512  # Sultan Agung's year count runs 512 ahead of the Hijri one
    return range(max(javanese_year - 2, javanese.FIRST_YEAR), min(javanese_year + 2, javanese.LAST_YEAR) + 1)


def _resolve(rule: Rule, calendar_year: int, calendar_dates: _CalendarDates) -> date | None:
    """The rule's date in ``calendar_year``, or None when that month lacks the day or the nth weekday."""
    assert rule.month is not None
    length = calendar_dates.length(calendar_year, rule.month)
    first = calendar_dates.first_day(calendar_year, rule.month)
    if rule.day is not None:
        return first + timedelta(days=rule.day - 1) if rule.day <= length else None
    assert rule.weekday is not None and rule.nth is not None
    weekday = WEEKDAYS.index(rule.weekday)
    if rule.nth == -1:
        last = first + timedelta(days=length - 1)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    offset = (weekday - first.weekday()) % 7 + 7 * (rule.nth - 1)
    return first + timedelta(days=offset) if offset < length else None


def _longest_month(calendar: str, month: int) -> int:
    if calendar == "gregorian":
        return gregorian_calendar.monthrange(2024, month)[1]  # a leap year, so 29 February is allowed
    if calendar.startswith("javanese"):
        return _JAVANESE_MONTH_DAYS[month - 1]
    return 30


def _check_int(rule: Rule, name: str, lowest: int, highest: int) -> None:
    value = getattr(rule, name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise RuleError(name, f"must be a whole number {lowest}..{highest}, got {value!r}")
    if not lowest <= value <= highest:
        raise RuleError(name, f"must be {lowest}..{highest}, got {value}")


def _parse_start_time(value: object) -> time | None:
    if isinstance(value, time) and value.tzinfo is not None:
        raise RuleError("start_time", f"give the local Jakarta time without a zone, got {value!r}")
    if value is None or isinstance(value, time):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        hours, minutes = divmod(value, 60)
        raise RuleError(
            "start_time", f'put the time in quotes, e.g. start_time: "{hours:02d}:{minutes:02d}" (YAML read {value})'
        )
    match = _TIME_PATTERN.fullmatch(value) if isinstance(value, str) else None
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise RuleError("start_time", f'expected a 24-hour time "HH:MM" such as "19:00", got {value!r}')
    return time(int(match[1]), int(match[2]))
