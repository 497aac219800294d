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
    """Located attractions in a k-d tree of their points on the unit sphere, where the straight-line (chord)
    order is the great-circle order. The tree picks the candidates; haversine gives their metres, and the
    order by (metres, uid) is the same as a scan of every attraction would give."""

    def __init__(self, catalog: Catalog) -> None:
        from scipy.spatial import cKDTree  # only a build that renders what is near something needs it

        located = [a for a in catalog.attractions if a.location is not None]
        self.items = {a.uid: a for a in located}
        self.points = [(a.uid, a.location.lat, a.location.lon) for a in located]
        self.tree = cKDTree([_on_sphere(lat, lon) for _, lat, lon in self.points]) if self.points else None
        self.answers: dict[tuple, list[tuple[str, float]]] = {}

    def nearest(self, origin: Location, limit: int, exclude: str, within_m: float) -> list[tuple[Attraction, float]]:
        question = (origin.lat, origin.lon, limit, exclude, within_m)
        found = self.answers.get(question)
        if found is None:
            found = self.answers[question] = self._search(origin.lat, origin.lon, limit, exclude, within_m)
        return [(self.items[uid], metres) for uid, metres in found]

    def _search(self, lat: float, lon: float, limit: int, exclude: str, within_m: float) -> list[tuple[str, float]]:
        if self.tree is None or limit <= 0:
            return []
        point, count = _on_sphere(lat, lon), len(self.points)
        asked = min(count, limit + 1)  # one more, for `exclude`
        _, picked = self.tree.query(point, k=asked)
        found = self._measured(lat, lon, picked.ravel() if asked > 1 else [picked], exclude, within_m)
        reach = found[limit - 1][0] if len(found) >= limit else within_m
        if asked < count and reach < math.inf:
            # Everything as near as the limit-th candidate (ties and rounding included) is within this chord.
            chord = 2 * math.sin(min(reach / EARTH_RADIUS_M, math.pi) / 2) * (1 + 1e-6) + 1e-9
            found = self._measured(lat, lon, self.tree.query_ball_point(point, chord), exclude, within_m)
        elif asked < count:
            found = self._measured(lat, lon, range(count), exclude, within_m)
        return [(uid, metres) for metres, uid in found[:limit]]

    def _measured(
        self, lat: float, lon: float, indexes: Iterable[int], exclude: str, within_m: float
    ) -> list[tuple[float, str]]:
        """(metres, uid) of the points at `indexes`, nearest first, ties by uid."""
        points = self.points
        found = []
        for index in indexes:
            uid, lat_b, lon_b = points[int(index)]
            if uid != exclude:
                metres = _haversine_m(lat, lon, lat_b, lon_b)
                if metres <= within_m:
                    found.append((metres, uid))
        found.sort()
        return found


def _on_sphere(lat: float, lon: float) -> tuple[float, float, float]:
    phi, lam = math.radians(lat), math.radians(lon)
    return (math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi))
