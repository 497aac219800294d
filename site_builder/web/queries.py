"""Questions every output asks of the Catalog: what is on, what is near, what is in a category.

Pages, feeds, the app API and the portal all use these, so they always agree.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from site_builder.catalog import JAKARTA, Attraction, Catalog, Event, Location, Occurrence

EARTH_RADIUS_M = 6_371_000


@dataclass(frozen=True)
class Happening:
    """An occurrence together with its event, in date order."""

    event: Event
    occurrence: Occurrence

    @property
    def sort_key(self) -> tuple[date, str, str]:
        start = self.occurrence.start
        moment = start.astimezone(JAKARTA).isoformat() if isinstance(start, datetime) else start.isoformat()
        return (self.occurrence.start_date, moment, self.event.uid + self.occurrence.key)


def happenings(catalog: Catalog, events: Iterable[Event] | None = None) -> list[Happening]:
    found = [Happening(e, o) for e in (catalog.events if events is None else events) for o in e.occurrences]
    return sorted(found, key=lambda h: h.sort_key)


def upcoming(
    catalog: Catalog, today: date, until: date | None = None, events: Iterable[Event] | None = None
) -> list[Happening]:
    """Occurrences still running on or after `today` (and starting by `until`), cancelled ones included."""
    return [
        h
        for h in happenings(catalog, events)
        if h.occurrence.last_date >= today and (until is None or h.occurrence.start_date <= until)
    ]


def in_year(catalog: Catalog, year: int, events: Iterable[Event] | None = None) -> list[Happening]:
    return [h for h in happenings(catalog, events) if h.occurrence.start_date.year == year]


def years(catalog: Catalog) -> list[int]:
    return sorted({o.start_date.year for e in catalog.events for o in e.occurrences})


def distance_m(a: Location, b: Location) -> float:
    """Great-circle distance in metres (haversine)."""
    lat1, lat2 = math.radians(a.lat), math.radians(b.lat)
    dlat, dlon = lat2 - lat1, math.radians(b.lon - a.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(h))


def nearest(
    catalog: Catalog, origin: Location, limit: int, exclude: str = "", within_m: float = math.inf
) -> list[tuple[Attraction, float]]:
    """Attractions with a location, nearest first, as (attraction, metres)."""
    found = [
        (a, distance_m(origin, a.location)) for a in catalog.attractions if a.location is not None and a.uid != exclude
    ]
    found = [pair for pair in found if pair[1] <= within_m]
    return sorted(found, key=lambda pair: (pair[1], pair[0].uid))[:limit]


def in_category(items: Sequence[Attraction] | Sequence[Event], category_uid: str) -> list:
    return [item for item in items if item.category_uid == category_uid]


def events_at(catalog: Catalog, attraction_uid: str) -> list[Event]:
    return [e for e in catalog.events if e.venue is not None and e.venue.attraction_uid == attraction_uid]
