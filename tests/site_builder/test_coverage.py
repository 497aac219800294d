"""The build's one-line content coverage, computed from the Catalog with the CMS report's gap codes."""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

from site_builder import coverage
from site_builder.catalog import Catalog
from site_builder.coverage import coverage_line, item_gaps


def by_slug(catalog: Catalog, slug: str):
    return next(item for item in (*catalog.attractions, *catalog.events) if item.t("id").slug == slug)


def test_the_tiny_site_coverage_line(tiny_catalog: Catalog) -> None:
    assert coverage_line(tiny_catalog) == (
        "Coverage: 2 attractions (50% translated, 50% with images, 50% with hours, 50% with prices, 100% located), "
        "1 events (100% translated, 0% with images, 100% located)"
    )


def test_gaps_of_a_thin_attraction(tiny_catalog: Catalog) -> None:
    thin = by_slug(tiny_catalog, "taman-uji")
    assert item_gaps(thin, tiny_catalog) == ("image", "translation-en", "hours", "prices", "location-approximate",
                                            "short")  # fmt: skip


def test_a_dish_is_not_asked_for_hours_prices_or_a_location(tiny_catalog: Catalog) -> None:
    dish = replace(by_slug(tiny_catalog, "taman-uji"), place_kind="dish", location=None)
    assert item_gaps(dish, tiny_catalog) == ("image", "translation-en", "short")


def test_an_event_at_an_attraction_takes_its_location(tiny_catalog: Catalog) -> None:
    event = by_slug(tiny_catalog, "upacara-uji")
    assert "location" not in item_gaps(event, tiny_catalog)
    assert "location" in item_gaps(replace(event, venue=None), tiny_catalog)


def test_an_empty_catalog_still_gives_a_line(tiny_catalog: Catalog) -> None:
    empty = replace(tiny_catalog, attractions=(), events=())
    assert coverage_line(empty).startswith("Coverage: 0 attractions (– translated")


def test_coverage_imports_nothing_from_django() -> None:
    tree = ast.parse(Path(coverage.__file__).read_text())
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not {name for name in imported if name.startswith(("django", "wagtail", "cms"))}
