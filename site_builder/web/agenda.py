"""The cultural agenda: upcoming events and one page per event."""

from __future__ import annotations

from collections.abc import Iterator

from flask import Blueprint, current_app

from site_builder.catalog import Catalog, Event
from site_builder.web import queries
from site_builder.web.pages import find
from site_builder.web.render import item_urls, page, section_urls
from site_builder.web.urls import localised_rules

bp = Blueprint("agenda", __name__)


def _catalog() -> Catalog:
    return current_app.config["CATALOG"]


def _route(pattern: str, endpoint: str):
    def register(view):
        for lang, rule in localised_rules(pattern):
            bp.add_url_rule(rule, endpoint, view, defaults={"lang": lang})
        return view

    return register


@_route("/{agenda}/", "upcoming")
def upcoming(lang: str):
    catalog = _catalog()
    today = current_app.config["NOW"].date()
    return page("agenda.html", lang, section_urls("agenda.upcoming"), happenings=queries.upcoming(catalog, today))


@_route("/{events}/<slug>/", "event")
def event(lang: str, slug: str):
    catalog = _catalog()
    found: Event = find("event", lang, slug)
    venue = catalog.attraction(found.venue.attraction_uid) if found.venue and found.venue.attraction_uid else None
    return page(
        "event.html",
        lang,
        item_urls("agenda.event", found),
        event=found,
        venue_attraction=venue,
        category=catalog.category(found.category_uid),
    )


def urls() -> Iterator[tuple[str, dict[str, str]]]:
    for lang in ("id", "en"):
        yield "agenda.upcoming", {"lang": lang}
        for found in _catalog().events:
            yield "agenda.event", {"lang": lang, "slug": found.t(lang).slug}
