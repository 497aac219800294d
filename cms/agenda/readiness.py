"""How ready a year's agenda is: per event, its dates in that year by status, and whether it is translated.

Plain data, so the admin panel, the report view and a completeness dashboard can all use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from cms.agenda.changes import occurrence_start
from cms.agenda.models import EventPage, Occurrence
from site_builder.calendars import JAKARTA

ORIGINAL, TRANSLATION = "id", "en"


def next_agenda_year(now: datetime | None = None) -> int:
    """The year after today's year in Asia/Jakarta: the agenda curators prepare now."""
    return (now or timezone.now()).astimezone(JAKARTA).year + 1


@dataclass(frozen=True)
class DateLine:
    occurrence_id: int
    key: str
    start: date | datetime
    status: str
    projected: bool

    @property
    def timed(self) -> bool:
        return isinstance(self.start, datetime)

    @property
    def status_label(self) -> str:
        return str(Occurrence.Status(self.status).label)


@dataclass(frozen=True)
class EventReadiness:
    page_id: int
    title: str
    calendar: str  # the rule's calendar; "organiser" when the organiser sets each date
    dates: tuple[DateLine, ...]  # the occurrences starting in the year, earliest first
    translated: bool  # a live English page exists

    @property
    def state(self) -> str:
        """missing (no date in the year), tentative (one still to confirm) or confirmed."""
        if not self.dates:
            return "missing"
        open_statuses = (Occurrence.Status.TENTATIVE, Occurrence.Status.POSTPONED)
        return "tentative" if any(line.status in open_statuses for line in self.dates) else "confirmed"


@dataclass(frozen=True)
class Readiness:
    year: int
    events: tuple[EventReadiness, ...]  # every live Indonesian event, by title

    def _in(self, state: str) -> tuple[EventReadiness, ...]:
        return tuple(event for event in self.events if event.state == state)

    @property
    def confirmed(self) -> tuple[EventReadiness, ...]:
        return self._in("confirmed")

    @property
    def tentative(self) -> tuple[EventReadiness, ...]:
        return self._in("tentative")

    @property
    def missing(self) -> tuple[EventReadiness, ...]:
        return self._in("missing")

    @property
    def untranslated(self) -> tuple[EventReadiness, ...]:
        return tuple(event for event in self.events if not event.translated)

    @property
    def ready(self) -> bool:
        return bool(self.events) and not (self.tentative or self.missing or self.untranslated)

    @property
    def rollover_adds(self) -> bool:
        """Whether rolling over would add dates: an event with a rule still has none in the year."""
        return any(event.calendar != "organiser" for event in self.missing)

    def to_do(self) -> list[ToDo]:
        """What the year still needs before it is ready, and who is expected to give it."""
        items = []
        for event in self.events:
            if event.state == "missing" and event.calendar == "organiser":
                items.append(ToDo(event, _("needs its date"), _("the organiser sends it; a moderator enters it")))
            elif event.state == "missing":
                items.append(ToDo(event, _("has no projected date"), _("a moderator rolls the agenda over")))
            elif event.state == "tentative":
                items.append(ToDo(event, _("has a date to confirm"), who_confirms(event.calendar)))
            if not event.translated:
                items.append(ToDo(event, _("has no English page"), _("a translator or moderator writes it")))
        return items


@dataclass(frozen=True)
class ToDo:
    event: EventReadiness
    what: str
    who: str


def who_confirms(calendar: str) -> str:
    """Who settles a projected date of this calendar, in the request's language."""
    if calendar == "hijri":
        return _("a moderator, after the government's sidang isbat")
    if calendar.startswith("javanese"):
        return _("a moderator, when the keraton announces the date")
    if calendar == "chinese":
        return _("a moderator, when the temple announces it")
    return _("a moderator, when the organiser announces it")


def agenda_readiness(year: int) -> Readiness:
    pages = (EventPage.objects.live().filter(locale__language_code=ORIGINAL).order_by("title", "pk")
             .prefetch_related("occurrences"))  # fmt: skip
    translated = set(EventPage.objects.live().filter(locale__language_code=TRANSLATION)
                     .values_list("translation_key", flat=True))  # fmt: skip
    events = []
    for page in pages:
        dates = sorted((_line(row) for row in page.occurrences.all() if _year_of(row) == year),
                       key=lambda line: (_as_day(line.start), line.key))  # fmt: skip
        events.append(EventReadiness(page.pk, page.title, page.rule.get("calendar", "organiser"), tuple(dates),
                                     page.translation_key in translated))  # fmt: skip
    return Readiness(year, tuple(events))


def _line(row: Occurrence) -> DateLine:
    start = occurrence_start(row)
    assert start is not None  # Occurrence.clean() requires a start
    return DateLine(row.pk, row.key, start, row.status, row.projected)


def _as_day(value: date | datetime) -> date:
    return value.astimezone(JAKARTA).date() if isinstance(value, datetime) else value


def _year_of(row: Occurrence) -> int | None:
    start = occurrence_start(row)
    return _as_day(start).year if start is not None else None
