"""The Catalog's shared questions: what is near, what is in a category, answered once per Catalog."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.catalog import Catalog, Location
from site_builder.incremental import recording
from site_builder.snapshot import load_catalog
from site_builder.web import queries

ROOT = Path(__file__).parents[2]
DEMO = load_catalog(ROOT / "content")


def scan(catalog: Catalog, origin: Location, limit: int, exclude: str = "", within_m: float = math.inf) -> list:
    """What nearest() answers, the slow way: every attraction measured and sorted by (metres, uid)."""
    found = [
        (a, queries.distance_m(origin, a.location))
        for a in catalog.attractions
        if a.location is not None and a.uid != exclude
    ]
    found = [(a, metres) for a, metres in found if metres <= within_m]
    return sorted(found, key=lambda pair: (pair[1], pair[0].uid))[:limit]


# A few places on top of each other or a few centimetres apart, so ties and rounding are exercised.
CROWDED = (-6.7, -6.7, -6.7000001, -6.70001, -6.75, -7.2, 3.3)
places = st.tuples(st.sampled_from(CROWDED), st.sampled_from((108.55, 108.5500001, 108.56, 109.1, 118.6)))


@settings(max_examples=40, deadline=None)
@given(
    moved=st.lists(st.one_of(st.none(), places), min_size=len(DEMO.attractions), max_size=len(DEMO.attractions)),
    origin=places,
    limit=st.integers(0, 12),
    within_m=st.sampled_from((math.inf, 0.0, 1.0, 5_000.0)),
)
def test_nearest_gives_what_a_scan_of_every_attraction_gives(moved, origin, limit, within_m):
    attractions = tuple(
        dataclasses.replace(a, location=None if where is None else Location(*where, confidence="high"))
        for a, where in zip(DEMO.attractions, moved, strict=True)
    )
    catalog = dataclasses.replace(DEMO, attractions=attractions)
    here = Location(*origin, confidence="high")
    assert queries.nearest(catalog, here, limit, within_m=within_m) == scan(catalog, here, limit, within_m=within_m)
    for a in attractions[:8]:
        if a.location is not None:
            assert queries.nearest(catalog, a.location, limit, exclude=a.uid) == scan(catalog, a.location, limit, a.uid)


def test_nearest_in_the_demo_content_matches_a_scan():
    for a in DEMO.attractions:
        if a.location is not None:
            assert queries.nearest(DEMO, a.location, 4, exclude=a.uid) == scan(DEMO, a.location, 4, a.uid)


def test_category_memberships_are_what_a_scan_gives():
    for category in DEMO.categories:
        for collection in ("attractions", "events"):
            expected = [item for item in getattr(DEMO, collection) if item.category_uid == category.uid]
            assert queries.in_category(DEMO, collection, category.uid) == expected
    assert queries.attraction_categories(DEMO) == [
        c
        for c in DEMO.categories
        if "attraction" in c.applies_to and any(a.category_uid == c.uid for a in DEMO.attractions)
    ]
    assert queries.event_categories(DEMO) == sorted(
        (c for c in DEMO.categories if "event" in c.applies_to and any(e.category_uid == c.uid for e in DEMO.events)),
        key=lambda c: (c.order, c.uid),
    )
    assert queries.event_categories(DEMO) and queries.attraction_categories(DEMO)


def test_a_category_question_depends_on_one_summary_key_not_on_every_item():
    first = DEMO.categories[0].uid
    with recording() as reads:
        queries.in_category(DEMO, "attractions", first)
        queries.event_categories(DEMO)
    assert reads == {("summary", "attractions-by-category"), ("summary", "event-categories")}
