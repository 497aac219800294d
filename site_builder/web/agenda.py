"""The cultural agenda: upcoming events, a page per year and per event category, and one page per event.

Every agenda page links its calendar feed (webcal://, https and Google Calendar); every event page
offers its own .ics and a Google Calendar template link per occurrence.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from urllib.parse import quote, urlencode

from flask import Blueprint, abort, current_app, url_for

from site_builder import ical
from site_builder.catalog import Catalog, Category, Event, Occurrence
from site_builder.web import i18n, queries
from site_builder.web.feeds import event_categories, venue_of
from site_builder.web.pages import find
from site_builder.web.render import absolute, item_urls, page, section_urls
from site_builder.web.urls import PREFIX, localised_rules

bp = Blueprint("agenda", __name__)

GOOGLE_CALENDAR = "https://calendar.google.com/calendar/render"


@dataclass(frozen=True)
class Subscription:
    """One feed, as the three links a visitor can follow to subscribe to it."""

    https: str
    webcal: str
    google: str


@dataclass(frozen=True)
class Month:
    first_day: date
    happenings: list[queries.Happening]


def _catalog() -> Catalog:
    return current_app.config["CATALOG"]


def _today() -> date:
    return current_app.config["NOW"].date()


def _route(pattern: str, endpoint: str):
    def register(view):
        for lang, rule in localised_rules(pattern):
            bp.add_url_rule(rule, endpoint, view, defaults={"lang": lang})
        return view

    return register


def subscription(feed_endpoint: str, **values: object) -> Subscription:
    """webcal:// is the https URL with its scheme swapped; Google subscribes by the webcal URL (cid=)."""
    https = absolute(url_for(feed_endpoint, **values))
    webcal = "webcal://" + https.split("://", 1)[1]
    return Subscription(https, webcal, f"{GOOGLE_CALENDAR}?cid={quote(webcal, safe='')}")


def google_template(event: Event, occurrence: Occurrence, lang: str) -> str:
    """A Google Calendar 'add event' link: UTC times, or all-day dates with an exclusive end."""
    catalog = _catalog()
    page_url = absolute(url_for("agenda.event", lang=lang, slug=event.t(lang).slug))
    query = {
        "action": "TEMPLATE",
        "text": event.t(lang).title,
        "dates": ical.google_dates(occurrence),
        "details": f"{ical.description_text(event, occurrence, lang)}\n\n{page_url}",
        "location": ical.location_text(catalog, event, occurrence, lang),
        "ctz": ical.TZID,
    }
    return f"{GOOGLE_CALENDAR}?{urlencode(query, quote_via=quote)}"


def by_month(happenings: Iterable[queries.Happening]) -> list[Month]:
    """Happenings (already in date order) grouped by the month they start in."""
    return [
        Month(first_day, list(group))
        for first_day, group in groupby(happenings, key=lambda h: h.occurrence.start_date.replace(day=1))
    ]


def without_upcoming_date(events: Iterable[Event], today: date) -> list[Event]:
    """Events with no occurrence still to come: their next date is to be announced."""
    return [e for e in events if not any(o.last_date >= today for o in e.occurrences)]


@bp.app_template_filter("month")
def month_name(value: date, lang: str) -> str:
    return f"{i18n.MONTHS[lang][value.month - 1]} {value.year}"


@bp.app_template_global()
def tentative_reason(event: Event) -> str:
    """Which explanation on the agenda says why this event's dates wait for confirmation."""
    calendar = event.rule.calendar if event.rule else "organiser"
    return "javanese" if calendar.startswith("javanese") else calendar


@bp.app_template_global()
def add_to_google(event: Event, occurrence: Occurrence, lang: str) -> str:
    return google_template(event, occurrence, lang)


def _agenda_page(lang: str, alternates: dict[str, str], events: list[Event], feed: Subscription, **context: object):
    catalog, today = _catalog(), _today()
    return page(
        "agenda.html",
        lang,
        alternates,
        months=by_month(queries.upcoming(catalog, today, events=events)),
        undated=sorted(without_upcoming_date(events, today), key=lambda e: e.t(lang).title.casefold()),
        years=queries.years(catalog),
        categories=event_categories(catalog),
        feed=feed,
        **context,
    )


@_route("/{agenda}/", "upcoming")
def upcoming(lang: str):
    feed = subscription("feeds.upcoming", lang=lang)
    return _agenda_page(lang, section_urls("agenda.upcoming"), list(_catalog().events), feed, category=None)


@_route("/{agenda}/{category}/<slug>/", "category")
def category(lang: str, slug: str):
    catalog = _catalog()
    found: Category = find("category", lang, slug)
    if found.uid not in {c.uid for c in event_categories(catalog)}:
        abort(404)
    feed = subscription("feeds.category", lang=lang, slug=found.t(lang).slug)
    events = queries.in_category(catalog, "events", found.uid)
    return _agenda_page(lang, item_urls("agenda.category", found), events, feed, category=found)


@_route("/{agenda}/<int:year>/", "year")
def year(lang: str, year: int):
    catalog = _catalog()
    years = queries.years(catalog)
    if year not in years:
        abort(404)
    return page(
        "agenda_year.html",
        lang,
        section_urls("agenda.year", year=year),
        year=year,
        years=years,
        months=by_month(queries.in_year(catalog, year)),
        feed=subscription("feeds.year", lang=lang, year=year),
    )


@_route("/{events}/<slug>/", "event")
def event(lang: str, slug: str):
    catalog = _catalog()
    found: Event = find("event", lang, slug)
    venue = catalog.attraction(found.venue.attraction_uid) if found.venue and found.venue.attraction_uid else None
    place = venue_of(catalog, found)
    today = _today()
    return page(
        "event.html",
        lang,
        item_urls("agenda.event", found),
        event=found,
        venue_attraction=venue,
        venue_location=ical.venue_location(catalog, found),
        category=catalog.category(found.category_uid),
        agenda_category=found.category_uid in {c.uid for c in event_categories(catalog)},
        upcoming_keys={o.key for o in found.occurrences if o.last_date >= today},
        ics_url=url_for("feeds.event", lang=lang, slug=found.t(lang).slug),
        venue_feed=subscription("feeds.venue", lang=lang, slug=place.slug[lang]) if place else None,
        venue_title=place.title[lang] if place else "",
    )


def urls() -> Iterator[tuple[str, dict[str, object]]]:
    catalog = _catalog()
    for lang in PREFIX:
        yield "agenda.upcoming", {"lang": lang}
        for number in queries.years(catalog):
            yield "agenda.year", {"lang": lang, "year": number}
        for found in event_categories(catalog):
            yield "agenda.category", {"lang": lang, "slug": found.t(lang).slug}
        for found in catalog.events:
            yield "agenda.event", {"lang": lang, "slug": found.t(lang).slug}
