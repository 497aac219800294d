"""iCalendar feeds (.ics) of the agenda: all, per year, per category, per venue, per event.

URLs, Indonesian first, English under /en/ (slugs in the feed's language):

    /agenda.ics                          /en/agenda.ics                     the past year and what is coming
    /agenda/2027.ics                     /en/agenda/2027.ics                every occurrence in a year
    /agenda/kategori/<slug>.ics          /en/agenda/category/<slug>.ics     the same, one event category
    /agenda/tempat/<slug>.ics            /en/agenda/venue/<slug>.ics        the same, one venue
    /acara/<slug>.ics                    /en/events/<slug>.ics              one event ("add to calendar")

The subscription feeds (all, category, venue) hold what ends on or after a year before the build's NOW:
several calendar apps delete from a subscriber's calendar whatever vanishes from the feed, so an
occurrence stays in for a year after it happened. Cancelled occurrences stay in, so clients see them cancelled.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from flask import Blueprint, Response, abort, current_app, request, url_for

from site_builder import ical
from site_builder.catalog import READS, Catalog, Category, Event, remembered
from site_builder.web import i18n, queries
from site_builder.web.pages import find
from site_builder.web.render import absolute
from site_builder.web.urls import PREFIX, localised_rules

bp = Blueprint("feeds", __name__)


@dataclass(frozen=True)
class Venue:
    """A place events happen at: an attraction, or a named venue outside the catalogue of attractions."""

    key: str  # the attraction uid, or "name:" + the venue's name
    slug: Mapping[str, str]
    title: Mapping[str, str]
    events: tuple[Event, ...]


def _catalog() -> Catalog:
    return current_app.config["CATALOG"]


def _route(pattern: str, endpoint: str):
    def register(view):
        for lang, rule in localised_rules(pattern):
            bp.add_url_rule(rule, endpoint, view, defaults={"lang": lang})
        return view

    return register


def event_categories(catalog: Catalog) -> list[Category]:
    """Categories that apply to events and have at least one, in the editors' order."""
    return queries.event_categories(catalog)


def venues(catalog: Catalog) -> list[Venue]:
    """Every venue with events, each with a slug per language that no other venue uses."""
    store = current_app.extensions.setdefault("wistakon.remembered", {})
    return remembered(store, ("venues", id(catalog)), lambda: _venues(catalog))


def venue_of(catalog: Catalog, event: Event) -> Venue | None:
    key = _venue_key(event)
    return _one_venue(catalog, lambda venue: venue.key == key) if key else None


def _one_venue(catalog: Catalog, match: Callable[[Venue], bool]) -> Venue | None:
    """The venue `match` picks. What uses it depends on the index's slugs and members (one summary key)
    and on the venue's own attraction (its title), not on every venue's title."""
    token = READS.set(None)
    try:
        found = next((venue for venue in venues(catalog) if match(venue)), None)
    finally:
        READS.reset(token)
    reads = READS.get()
    if reads is not None:
        reads.add(("summary", "venue-index"))
        if found is not None and not found.key.startswith("name:"):
            reads.add((found.key, "card"))
    return found


def _venue_index(catalog: Catalog) -> tuple:
    return tuple((v.key, tuple(sorted(v.slug.items())), tuple(e.uid for e in v.events)) for v in _venues(catalog))


queries.SUMMARIES["venue-index"] = _venue_index


def _venue_key(event: Event) -> str:
    if event.venue is None:
        return ""
    return event.venue.attraction_uid or (f"name:{event.venue.name}" if event.venue.name else "")


def _venues(catalog: Catalog) -> list[Venue]:
    by_key: dict[str, list[Event]] = {}
    for event in catalog.events:
        if key := _venue_key(event):
            by_key.setdefault(key, []).append(event)
    found: list[Venue] = []
    taken: dict[str, set[str]] = {lang: set() for lang in PREFIX}
    # Attractions first: their slugs are already public; named venues take what is left.
    for key in sorted(by_key, key=lambda k: (k.startswith("name:"), k)):
        attraction = None if key.startswith("name:") else catalog.attraction(key)
        if attraction is None and not key.startswith("name:"):
            continue  # a dangling reference; the loader reports it
        slug, title = {}, {}
        for lang in PREFIX:
            wanted = attraction.t(lang).slug if attraction else _slugify(key.removeprefix("name:"))
            slug[lang] = _unique(wanted, taken[lang])
            title[lang] = attraction.t(lang).title if attraction else key.removeprefix("name:")
        found.append(Venue(key, slug, title, tuple(by_key[key])))
    return found


def _slugify(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "tempat"


def _unique(slug: str, taken: set[str]) -> str:
    candidate, n = slug, 1
    while candidate in taken:
        n += 1
        candidate = f"{slug}-{n}"
    taken.add(candidate)
    return candidate


def _name(lang: str, title: str) -> str:
    return f"{title} · {_catalog().site.name[lang]}"


def _respond(
    happenings: list[queries.Happening], lang: str, name: str, *, transparent: bool = True, subscription: bool = False
) -> Response:
    def event_url(event: Event) -> str:
        return absolute(url_for("agenda.event", lang=lang, slug=event.t(lang).slug))

    calendar = ical.feed(
        _catalog(),
        happenings,
        lang,
        name=name,
        event_url=event_url,
        source_url=absolute(request.path),
        transparent=transparent,
    )
    # A subscription's history gives way before the feed outgrows calendar apps (ical.within_limit).
    body = ical.to_bytes(calendar, request.path, subscribed_on=_today() if subscription else None)
    return Response(body, mimetype="text/calendar")


def _today() -> date:
    return current_app.config["NOW"].date()


def kept_since(today: date) -> date:
    """The first day a subscription feed still holds: the same day a year earlier (28 Feb for 29 Feb)."""
    if (today.month, today.day) == (2, 29):
        return today.replace(year=today.year - 1, day=28)
    return today.replace(year=today.year - 1)


def subscribed(catalog: Catalog, events: list[Event] | None = None) -> list[queries.Happening]:
    """What a subscription feed holds: every occurrence still running on or after kept_since(today)."""
    return queries.upcoming(catalog, kept_since(_today()), events=events)


@_route("/{agenda}.ics", "upcoming")
def upcoming(lang: str):
    return _respond(subscribed(_catalog()), lang, _name(lang, i18n.word(lang, "agenda")), subscription=True)


@_route("/{agenda}/<int:year>.ics", "year")
def year(lang: str, year: int):
    catalog = _catalog()
    if year not in queries.years(catalog):
        abort(404)
    return _respond(queries.in_year(catalog, year), lang, _name(lang, i18n.word(lang, "agenda_year", year=year)))


@_route("/{agenda}/{category}/<slug>.ics", "category")
def category(lang: str, slug: str):
    catalog = _catalog()
    found: Category = find("category", lang, slug)
    if found.uid not in {c.uid for c in event_categories(catalog)}:
        abort(404)
    events = queries.in_category(catalog, "events", found.uid)
    return _respond(subscribed(catalog, events), lang, _name(lang, found.t(lang).title), subscription=True)


@_route("/{agenda}/{venue}/<slug>.ics", "venue")
def venue(lang: str, slug: str):
    catalog = _catalog()
    found = _one_venue(catalog, lambda venue: venue.slug[lang] == slug)
    if found is None:
        abort(404)
    return _respond(subscribed(catalog, list(found.events)), lang, _name(lang, found.title[lang]), subscription=True)


@_route("/{events}/<slug>.ics", "event")
def event(lang: str, slug: str):
    found: Event = find("event", lang, slug)
    # Someone adding one event means to go: OPAQUE, unlike the subscribed agendas.
    return _respond(queries.happenings(_catalog(), [found]), lang, _name(lang, found.t(lang).title), transparent=False)


def urls() -> Iterator[tuple[str, dict[str, object]]]:
    catalog = _catalog()
    for lang in PREFIX:
        yield "feeds.upcoming", {"lang": lang}
        for number in queries.years(catalog):
            yield "feeds.year", {"lang": lang, "year": number}
        for found in event_categories(catalog):
            yield "feeds.category", {"lang": lang, "slug": found.t(lang).slug}
        for place in venues(catalog):
            yield "feeds.venue", {"lang": lang, "slug": place.slug[lang]}
        for found in catalog.events:
            yield "feeds.event", {"lang": lang, "slug": found.t(lang).slug}
