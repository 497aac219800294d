"""How complete the content is, from the Catalog: the same gaps the CMS completeness report shows.

`build` prints `coverage_line(catalog)` after a build, e.g.
"Coverage: 45 attractions (93% translated, 100% with images, 80% with hours), 19 events (…)".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from site_builder.catalog import Attraction, Catalog, Event, Location

MIN_BODY_WORDS = 50  # as cms.editorial.completeness


def _words(markdown: str) -> int:
    return len(re.findall(r"\w+", markdown))


def _location_gap(location: Location | None) -> str | None:
    if location is None:
        return "location"
    return "location-approximate" if location.approximate else None


def item_gaps(item: Attraction | Event, catalog: Catalog) -> tuple[str, ...]:
    """The gap codes of one attraction or event (codes as in the CMS report)."""
    gaps = []
    if not item.images:
        gaps.append("image")
    elif any(len(image.alt_in("id").strip()) < 3 for image in item.images):
        gaps.append("alt")
    if not item.translated("en"):
        gaps.append("translation-en")
    place = isinstance(item, Event) or item.place_kind == "place"
    if isinstance(item, Attraction) and place:
        note = item.t("id")
        if not item.hours and not note.hours_note.strip():
            gaps.append("hours")
        if not item.prices and not note.prices_note.strip():
            gaps.append("prices")
    if place and (gap := _location_gap(_where(item, catalog))):
        gaps.append(gap)
    if _words(item.t("id").body_markdown) < MIN_BODY_WORDS:
        gaps.append("short")
    category = catalog.category(item.category_uid)
    if category is None or item.kind not in category.applies_to:
        gaps.append("category")
    return tuple(gaps)


def _where(item: Attraction | Event, catalog: Catalog) -> Location | None:
    if isinstance(item, Attraction):
        return item.location
    if item.venue is None:
        return None
    if item.venue.attraction_uid and (venue := catalog.attraction(item.venue.attraction_uid)):
        return venue.location
    return item.venue.location


def _share(gaps: Sequence[tuple[str, ...]], code: str) -> str:
    return f"{round(100 * sum(code not in found for found in gaps) / len(gaps))}%" if gaps else "–"


def coverage_line(catalog: Catalog) -> str:
    """One line for the build log: how many items, and the share translated, with images, hours…"""
    attractions = [item_gaps(item, catalog) for item in catalog.attractions]
    places = [item_gaps(item, catalog) for item in catalog.attractions if item.place_kind == "place"]
    events = [item_gaps(item, catalog) for item in catalog.events]
    return (
        f"Coverage: {len(attractions)} attractions ({_share(attractions, 'translation-en')} translated, "
        f"{_share(attractions, 'image')} with images, {_share(places, 'hours')} with hours, "
        f"{_share(places, 'prices')} with prices, {_share(places, 'location')} located), "
        f"{len(events)} events ({_share(events, 'translation-en')} translated, {_share(events, 'image')} with images, "
        f"{_share(events, 'location')} located)"
    )
