"""Questions every output asks of the Catalog: what is on, what is near, what is in a category.

Pages, feeds, the app API and the portal all use these, so they always agree.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from site_builder.catalog import JAKARTA, READS, Attraction, Catalog, Event, Location, Occurrence

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
    """Attractions with a location, nearest first, as (attraction, metres); ties by uid."""
    _read("located", catalog)
    return _indexed(catalog, "grid", _Grid).nearest(origin, limit, exclude, within_m)


def in_category(items: Sequence[Attraction] | Sequence[Event], category_uid: str) -> list:
    return [item for item in items if item.category_uid == category_uid]


def events_at(catalog: Catalog, attraction_uid: str) -> list[Event]:
    """Events whose venue is the attraction, in catalog order."""
    _read("venues", catalog)
    return list(_indexed(catalog, "venues", _events_by_venue).get(attraction_uid, ()))


# -- indexes built once per Catalog, so a page does not scan every item -------------------------------
# A page that asks them depends on one summary key (see site_builder/incremental.py), not on every item.

SUMMARIES: dict[str, Callable[[Catalog], Any]] = {
    "located": lambda catalog: tuple((a.uid, a.location) for a in catalog.attractions),
    "venues": lambda catalog: tuple((e.uid, e.venue.attraction_uid if e.venue else None) for e in catalog.events),
}


def _read(summary: str, catalog: Catalog) -> None:
    reads = READS.get()
    if reads is not None:
        reads.add(("summary", summary))


def _indexed(catalog: Catalog, name: str, build: Callable[[Catalog], Any]) -> Any:
    cached = catalog.__dict__.get(f"_index_{name}")
    if cached is None:
        token = READS.set(None)  # the summary key stands for what building the index reads
        try:
            cached = build(catalog)
        finally:
            READS.reset(token)
        catalog.__dict__[f"_index_{name}"] = cached
    return cached


def _events_by_venue(catalog: Catalog) -> dict[str, list[Event]]:
    found: dict[str, list[Event]] = defaultdict(list)
    for event in catalog.events:
        if event.venue is not None and event.venue.attraction_uid:
            found[event.venue.attraction_uid].append(event)
    return dict(found)


class _Grid:
    """Located attractions in cells of CELL degrees; nearest() searches rings of cells outwards and stops
    once nothing outside the searched square can be nearer than what it found (the same answer as a scan)."""

    CELL = 0.02  # degrees, about 2.2 km

    def __init__(self, catalog: Catalog) -> None:
        self.cells: dict[tuple[int, int], list[Attraction]] = defaultdict(list)
        self.max_lat = 0.0
        for attraction in catalog.attractions:
            if attraction.location is not None:
                self.cells[self._cell(attraction.location)].append(attraction)
                self.max_lat = max(self.max_lat, abs(attraction.location.lat))
        xs = [x for x, _ in self.cells] or [0]
        ys = [y for _, y in self.cells] or [0]
        self.box = (min(xs), max(xs), min(ys), max(ys))

    def _cell(self, where: Location) -> tuple[int, int]:
        return (math.floor(where.lon / self.CELL), math.floor(where.lat / self.CELL))

    def _ring(self, cx: int, cy: int, r: int) -> Iterable[tuple[int, int]]:
        if r == 0:
            yield (cx, cy)
            return
        for x in range(cx - r, cx + r + 1):
            yield (x, cy - r)
            yield (x, cy + r)
        for y in range(cy - r + 1, cy + r):
            yield (cx - r, y)
            yield (cx + r, y)

    def _beyond_m(self, r: int, origin: Location) -> float:
        """A lower bound on the distance from `origin` to any point outside the rings 0..r."""
        step = math.radians(r * self.CELL)
        cos_max = math.cos(math.radians(min(90.0, max(self.max_lat, abs(origin.lat)))))
        by_lat = EARTH_RADIUS_M * step
        by_lon = 2 * EARTH_RADIUS_M * math.asin(min(1.0, cos_max * math.sin(min(step, math.pi) / 2)))
        return min(by_lat, by_lon) * (1 - 1e-9)

    def nearest(self, origin: Location, limit: int, exclude: str, within_m: float) -> list[tuple[Attraction, float]]:
        cx, cy = self._cell(origin)
        reach = max(abs(cx - self.box[0]), abs(cx - self.box[1]), abs(cy - self.box[2]), abs(cy - self.box[3]))
        found: list[tuple[Attraction, float]] = []
        for r in range(reach + 1):
            for cell in self._ring(cx, cy, r):
                for attraction in self.cells.get(cell, ()):
                    if attraction.uid != exclude:
                        metres = distance_m(origin, attraction.location)
                        if metres <= within_m:
                            found.append((attraction, metres))
            bound = self._beyond_m(r, origin)
            if bound > within_m:
                break
            if len(found) >= limit:
                found.sort(key=lambda pair: (pair[1], pair[0].uid))
                if found[limit - 1][1] < bound:
                    break
        found.sort(key=lambda pair: (pair[1], pair[0].uid))
        return found[:limit]
