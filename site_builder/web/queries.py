"""Questions every output asks of the Catalog: what is on, what is near, what is in a category.

Pages, feeds, the app API and the portal all use these, so they always agree.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from site_builder.catalog import JAKARTA, READS, Attraction, Catalog, Category, Event, Item, Location, Occurrence

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
    return _haversine_m(a.lat, a.lon, b.lat, b.lon)


def _haversine_m(lat_a: float, lon_a: float, lat_b: float, lon_b: float) -> float:
    lat1, lat2 = math.radians(lat_a), math.radians(lat_b)
    dlat, dlon = lat2 - lat1, math.radians(lon_b - lon_a)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(h))


def nearest(
    catalog: Catalog, origin: Location, limit: int, exclude: str = "", within_m: float = math.inf
) -> list[tuple[Attraction, float]]:
    """Attractions with a location, nearest first, as (attraction, metres); ties by uid.
    Each question is answered once per Catalog: the page in the other language asks it again."""
    _read("located", catalog)
    return _indexed(catalog, "nearest", _Neighbours).nearest(origin, limit, exclude, within_m)


def in_category(catalog: Catalog, collection: str, category_uid: str) -> list:
    """The attractions or events (`collection`) of a category, in catalog order."""
    _read(f"{collection}-by-category", catalog)
    return list(_indexed(catalog, "categories", _Categories).members[collection].get(category_uid, ()))


def attraction_categories(catalog: Catalog) -> list[Category]:
    """Categories that apply to attractions and have at least one, in catalog order."""
    _read("attraction-categories", catalog)
    return list(_indexed(catalog, "categories", _Categories).of_attractions)


def event_categories(catalog: Catalog) -> list[Category]:
    """Categories that apply to events and have at least one, in the editors' order."""
    _read("event-categories", catalog)
    return list(_indexed(catalog, "categories", _Categories).of_events)


def events_at(catalog: Catalog, attraction_uid: str) -> list[Event]:
    """Events whose venue is the attraction, in catalog order."""
    _read("venues", catalog)
    return list(_indexed(catalog, "venues", _events_by_venue).get(attraction_uid, ()))


# -- indexes built once per Catalog, so a page does not scan every item -------------------------------
# A page that asks them depends on one summary key (see site_builder/incremental.py), not on every item.

SUMMARIES: dict[str, Callable[[Catalog], Any]] = {
    "located": lambda catalog: tuple((a.uid, a.location) for a in catalog.attractions),
    "venues": lambda catalog: tuple((e.uid, e.venue.attraction_uid if e.venue else None) for e in catalog.events),
    "attractions-by-category": lambda catalog: _members(catalog, "attractions"),
    "events-by-category": lambda catalog: _members(catalog, "events"),
    "attraction-categories": lambda catalog: tuple(c.uid for c in attraction_categories(catalog)),
    "event-categories": lambda catalog: tuple(c.uid for c in event_categories(catalog)),
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


class _Categories:
    """Which attractions and events each category holds, and which categories have any."""

    def __init__(self, catalog: Catalog) -> None:
        self.members: dict[str, dict[str, tuple[Item, ...]]] = {}
        for collection in ("attractions", "events"):
            found: dict[str, list[Item]] = defaultdict(list)
            for item in getattr(catalog, collection):
                found[item.category_uid].append(item)
            self.members[collection] = {uid: tuple(items) for uid, items in found.items()}
        categories = catalog.categories
        self.of_attractions = tuple(
            c for c in categories if "attraction" in c.applies_to and c.uid in self.members["attractions"]
        )
        self.of_events = tuple(
            sorted(
                (c for c in categories if "event" in c.applies_to and c.uid in self.members["events"]),
                key=lambda c: (c.order, c.uid),
            )
        )


def _members(catalog: Catalog, collection: str) -> tuple:
    members = _indexed(catalog, "categories", _Categories).members[collection]
    return tuple((uid, tuple(item.uid for item in items)) for uid, items in sorted(members.items()))


class _Neighbours:
    """Located attractions as (uid, lat, lon) in square cells of a size fitted to their density (a few to
    a cell). nearest() measures rings of cells outwards and stops once nothing outside the rings can be
    nearer than what it found (far from everything, where the rings are mostly empty, it measures every
    place instead): the same answer, ties by uid, as a scan of every attraction."""

    def __init__(self, catalog: Catalog) -> None:
        located = [a for a in catalog.attractions if a.location is not None]
        self.items = {a.uid: a for a in located}
        self.points = points = [(a.uid, a.location.lat, a.location.lon) for a in located]
        self.size = _fitted_cell(points)
        self.cells: dict[tuple[int, int], list[tuple[str, float, float]]] = defaultdict(list)
        for point in points:
            self.cells[self._cell(point[1], point[2])].append(point)
        xs, ys = [x for x, _ in self.cells] or [0], [y for _, y in self.cells] or [0]
        self.box = (min(xs), max(xs), min(ys), max(ys))
        self.max_lat = max((abs(lat) for _, lat, _ in points), default=0.0)
        self.answers: dict[tuple, list[tuple[str, float]]] = {}

    def nearest(self, origin: Location, limit: int, exclude: str, within_m: float) -> list[tuple[Attraction, float]]:
        question = (origin.lat, origin.lon, limit, exclude, within_m)
        found = self.answers.get(question)
        if found is None:
            found = self.answers[question] = self._search(origin.lat, origin.lon, limit, exclude, within_m)
        return [(self.items[uid], metres) for uid, metres in found]

    def _cell(self, lat: float, lon: float) -> tuple[int, int]:
        return (math.floor(lon / self.size), math.floor(lat / self.size))

    def _search(self, lat: float, lon: float, limit: int, exclude: str, within_m: float) -> list[tuple[str, float]]:
        if not self.cells or limit <= 0:
            return []
        cx, cy = self._cell(lat, lon)
        x0, x1, y0, y1 = self.box
        reach = max(abs(cx - x0), abs(cx - x1), abs(cy - y0), abs(cy - y1))
        found: list[tuple[float, str]] = []
        visited, budget = 0, 2 * len(self.cells) + 16  # far from everything, mostly empty cells: scan instead
        outside = max(x0 - cx, cx - x1, y0 - cy, cy - y1, 0)  # the rings before this one miss the box
        for r in range(outside, reach + 1):
            cells = list(_ring(cx, cy, r, self.box))
            visited += len(cells)
            if visited > budget:
                found = self._measured(lat, lon, self.points, exclude, within_m)
                break
            for cell in cells:
                found += self._measured(lat, lon, self.cells.get(cell, ()), exclude, within_m)
            bound = self._beyond_m(r, lat)
            if bound > within_m:
                break
            if len(found) >= limit:
                found.sort()
                if found[limit - 1][0] < bound:
                    break
        found.sort()
        return [(uid, metres) for metres, uid in found[:limit]]

    @staticmethod
    def _measured(
        lat: float, lon: float, points: Iterable[tuple[str, float, float]], exclude: str, within_m: float
    ) -> list[tuple[float, str]]:
        found = []
        for uid, lat_b, lon_b in points:
            if uid != exclude:
                metres = _haversine_m(lat, lon, lat_b, lon_b)
                if metres <= within_m:
                    found.append((metres, uid))
        return found

    def _beyond_m(self, r: int, lat: float) -> float:
        """A lower bound on the distance from a point at `lat` to any point outside the rings 0..r around it."""
        step = math.radians(r * self.size)
        cos_max = math.cos(math.radians(min(90.0, max(self.max_lat, abs(lat)))))
        by_lat = EARTH_RADIUS_M * step
        by_lon = 2 * EARTH_RADIUS_M * math.asin(min(1.0, cos_max * math.sin(min(step, math.pi) / 2)))
        return min(by_lat, by_lon) * (1 - 1e-9)


def _fitted_cell(points: list[tuple[str, float, float]], per_cell: float = 2.0) -> float:
    """A cell size in degrees with at most about `per_cell` points to an occupied cell, halving from the
    whole extent, and not under 1e-6° (places on top of each other share a cell)."""
    if not points:
        return 1.0
    lats, lons = [lat for _, lat, _ in points], [lon for _, _, lon in points]
    size = max(max(lats) - min(lats), max(lons) - min(lons)) or 1.0
    while size / 2 >= 1e-6:
        size /= 2
        occupied = {(math.floor(lon / size), math.floor(lat / size)) for _, lat, lon in points}
        if len(points) / len(occupied) <= per_cell:
            break
    return size


def _ring(cx: int, cy: int, r: int, box: tuple[int, int, int, int]) -> Iterable[tuple[int, int]]:
    """The cells at Chebyshev distance `r` from (cx, cy) that lie in `box` (the others are empty)."""
    x0, x1, y0, y1 = box
    if r == 0:
        yield (cx, cy)
        return
    xs = range(max(cx - r, x0), min(cx + r, x1) + 1)
    for y in (cy - r, cy + r):
        if y0 <= y <= y1:
            for x in xs:
                yield (x, y)
    ys = range(max(cy - r + 1, y0), min(cy + r - 1, y1) + 1)
    for x in (cx - r, cx + r):
        if x0 <= x <= x1:
            for y in ys:
                yield (x, y)
