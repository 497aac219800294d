"""The search page per language: a form, filters by type and category, and results from the Pagefind index.

The index is built after the freeze (site_builder.search); the page's script loads it only when the
visitor searches, so nothing of it weighs on any other page.
"""

from __future__ import annotations

from collections.abc import Iterator

from flask import Blueprint, current_app

from site_builder.catalog import Catalog
from site_builder.web.render import page, section_urls
from site_builder.web.urls import localised_rules

bp = Blueprint("search", __name__)

TYPES = ("attraction", "event")


def searchable_categories(catalog: Catalog) -> list:
    """Categories that some attraction or event belongs to, in the editors' order."""
    used = {item.category_uid for item in (*catalog.attractions, *catalog.events)}
    return sorted((c for c in catalog.categories if c.uid in used), key=lambda c: (c.order, c.uid))


def search_page(lang: str):
    catalog: Catalog = current_app.config["CATALOG"]
    return page(
        "search.html", lang, section_urls("search.search"), types=TYPES, categories=searchable_categories(catalog)
    )


for _lang, _rule in localised_rules("/{search}/"):
    bp.add_url_rule(_rule, "search", search_page, defaults={"lang": _lang})


def urls() -> Iterator[tuple[str, dict[str, str]]]:
    for lang in ("id", "en"):
        yield "search.search", {"lang": lang}
