"""Tourist pages: home, attraction lists, attraction detail and the 404 page, in both languages."""

from __future__ import annotations

from collections.abc import Iterator

from flask import Blueprint, abort, current_app

from site_builder.catalog import Attraction, Catalog, Category
from site_builder.web import queries
from site_builder.web.render import item_urls, page, section_urls
from site_builder.web.urls import localised_rules

bp = Blueprint("pages", __name__)

HOME_UPCOMING = 6
NEARBY = 4


def _catalog() -> Catalog:
    return current_app.config["CATALOG"]


def _route(pattern: str, endpoint: str):
    def register(view):
        for lang, rule in localised_rules(pattern):
            bp.add_url_rule(rule, endpoint, view, defaults={"lang": lang})
        return view

    return register


def find(kind: str, lang: str, slug: str):
    """The item of `kind` whose slug in `lang` is `slug`; 404 otherwise."""
    item = current_app.config["SLUGS"].get((kind, lang, slug))
    if item is None:
        abort(404)
    return item


def attraction_categories(catalog: Catalog) -> list[Category]:
    return [
        c
        for c in catalog.categories
        if "attraction" in c.applies_to and queries.in_category(catalog.attractions, c.uid)
    ]


@_route("/", "home")
def home(lang: str):
    catalog = _catalog()
    today = current_app.config["NOW"].date()
    highlights = [a for a in catalog.attractions if a.highlight]
    return page(
        "home.html",
        lang,
        section_urls("pages.home"),
        highlights=highlights,
        upcoming=queries.upcoming(catalog, today)[:HOME_UPCOMING],
        categories=attraction_categories(catalog),
    )


@_route("/{attractions}/", "attractions")
def attractions(lang: str):
    catalog = _catalog()
    return page(
        "attractions.html",
        lang,
        section_urls("pages.attractions"),
        attractions=sorted(catalog.attractions, key=lambda a: a.t(lang).title.casefold()),
        categories=attraction_categories(catalog),
        category=None,
    )


@_route("/{attractions}/{category}/<slug>/", "category")
def category(lang: str, slug: str):
    catalog = _catalog()
    found = find("category", lang, slug)
    return page(
        "attractions.html",
        lang,
        item_urls("pages.category", found),
        attractions=sorted(queries.in_category(catalog.attractions, found.uid), key=lambda a: a.t(lang).title),
        categories=attraction_categories(catalog),
        category=found,
    )


@_route("/{attractions}/<slug>/", "attraction")
def attraction(lang: str, slug: str):
    catalog = _catalog()
    found: Attraction = find("attraction", lang, slug)
    nearby = queries.nearest(catalog, found.location, NEARBY, exclude=found.uid) if found.location else []
    today = current_app.config["NOW"].date()
    events = queries.upcoming(catalog, today, events=queries.events_at(catalog, found.uid))
    return page(
        "attraction.html",
        lang,
        item_urls("pages.attraction", found),
        attraction=found,
        category=catalog.category(found.category_uid),
        nearby=nearby,
        events=events,
    )


@_route("/404.html", "not_found")
def not_found(lang: str):
    return page("404.html", lang, section_urls("pages.not_found"))


def urls() -> Iterator[tuple[str, dict[str, str]]]:
    catalog = _catalog()
    for lang in ("id", "en"):
        yield "pages.home", {"lang": lang}
        yield "pages.attractions", {"lang": lang}
        yield "pages.not_found", {"lang": lang}
        for found in attraction_categories(catalog):
            yield "pages.category", {"lang": lang, "slug": found.t(lang).slug}
        for found in catalog.attractions:
            yield "pages.attraction", {"lang": lang, "slug": found.t(lang).slug}
