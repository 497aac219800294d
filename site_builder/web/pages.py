"""Tourist pages: home, attraction lists, attraction detail and the 404 page, in both languages."""

from __future__ import annotations

import math
from collections.abc import Iterator

from flask import Blueprint, abort, current_app, url_for

from site_builder.catalog import Attraction, Catalog, Category, remembered
from site_builder.web import queries
from site_builder.web.render import item_urls, page, section_urls
from site_builder.web.urls import localised_rules

bp = Blueprint("pages", __name__)

HOME_UPCOMING = 6
NEARBY = 4
PAGE_SIZE = 48  # cards per list page: about 45 KB of HTML


def _catalog() -> Catalog:
    return current_app.config["CATALOG"]


def _route(pattern: str, endpoint: str, **defaults: object):
    def register(view):
        for lang, rule in localised_rules(pattern):
            bp.add_url_rule(rule, endpoint, view, defaults={"lang": lang, **defaults})
        return view

    return register


def paginate(items: list, number: int) -> tuple[list, int]:
    """The items on page `number` (1-based) and the number of pages; 404 past the end."""
    pages = max(1, math.ceil(len(items) / PAGE_SIZE))
    if not 1 <= number <= pages:
        abort(404)
    return items[(number - 1) * PAGE_SIZE : number * PAGE_SIZE], pages


def by_title(items: list, lang: str) -> list:
    return sorted(items, key=lambda item: (item.t(lang).title.casefold(), item.uid))


def _all_by_title(catalog: Catalog, lang: str) -> list[Attraction]:
    """Every attraction by title, sorted once per Catalog and language for all the list's pages."""
    store = catalog.__dict__.setdefault("_remembered", {})
    return remembered(store, ("attractions by title", lang), lambda: by_title(list(catalog.attractions), lang))


def find(kind: str, lang: str, slug: str):
    """The item of `kind` whose slug in `lang` is `slug`; 404 otherwise."""
    item = current_app.config["SLUGS"].get((kind, lang, slug))
    if item is None:
        abort(404)
    return item


def attraction_categories(catalog: Catalog) -> list[Category]:
    return queries.attraction_categories(catalog)


@bp.app_template_global()
def hours_data(attraction: Attraction) -> str:
    """Opening hours for the list's "open now" script, Monday to Sunday: 0800-1700, x (closed), 24 (all day),
    ? (not listed); one token when every day is the same. Empty when no hours are known."""
    if not attraction.hours:
        return ""
    by_day = {row.day: row for row in attraction.hours}
    tokens = []
    for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"):
        row = by_day.get(day)
        if row is None:
            tokens.append("?")
        elif row.closed:
            tokens.append("x")
        elif row.open_24h:
            tokens.append("24")
        else:
            tokens.append(f"{row.opens:%H%M}-{row.closes:%H%M}")
    return tokens[0] if len(set(tokens)) == 1 else " ".join(tokens)


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


# Page 1 lives at the list's own URL; /…/halaman/1/ redirects there (the rule's default).
@_route("/{attractions}/", "attractions", number=1)
@_route("/{attractions}/{page}/<int:number>/", "attractions")
def attractions(lang: str, number: int):
    catalog = _catalog()
    shown, pages = paginate(_all_by_title(catalog, lang), number)
    return page(
        "attractions.html",
        lang,
        section_urls("pages.attractions", number=number),
        attractions=shown,
        total=len(catalog.attractions),
        pagination={"number": number, "pages": pages, "endpoint": "pages.attractions", "params": {}},
        categories=attraction_categories(catalog),
        category=None,
    )


@_route("/{attractions}/{category}/<slug>/", "category", number=1)
@_route("/{attractions}/{category}/<slug>/{page}/<int:number>/", "category")
def category(lang: str, slug: str, number: int):
    catalog = _catalog()
    found = find("category", lang, slug)
    members = by_title(queries.in_category(catalog, "attractions", found.uid), lang)
    shown, pages = paginate(members, number)
    values = {lang_: {"slug": found.t(lang_).slug} for lang_ in ("id", "en")}
    return page(
        "attractions.html",
        lang,
        {lang_: url_for("pages.category", lang=lang_, number=number, **values[lang_]) for lang_ in values},
        attractions=shown,
        total=len(members),
        pagination={"number": number, "pages": pages, "endpoint": "pages.category", "params": values[lang]},
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


def _page_count(count: int) -> int:
    return max(1, math.ceil(count / PAGE_SIZE))


def urls() -> Iterator[tuple[str, dict[str, str]]]:
    catalog = _catalog()
    for lang in ("id", "en"):
        yield "pages.home", {"lang": lang}
        yield "pages.not_found", {"lang": lang}
        for number in range(1, _page_count(len(catalog.attractions)) + 1):
            yield "pages.attractions", {"lang": lang, "number": number}
        for found in attraction_categories(catalog):
            for number in range(1, _page_count(len(queries.in_category(catalog, "attractions", found.uid))) + 1):
                yield "pages.category", {"lang": lang, "slug": found.t(lang).slug, "number": number}
        for found in catalog.attractions:
            yield "pages.attraction", {"lang": lang, "slug": found.t(lang).slug}
