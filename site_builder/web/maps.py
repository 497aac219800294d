"""The map page: every attraction with a location, as a list grouped by area; the map is an enhancement.

The list is the page. A vendored, pinned Leaflet draws the map only after the visitor asks for it, so
no tile is fetched on any other page, nor on this one until then, nor at all without a connection.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from flask import Blueprint, current_app

from site_builder.catalog import Attraction, Catalog
from site_builder.web.render import page, section_urls
from site_builder.web.urls import localised_rules

bp = Blueprint("maps", __name__)

# OpenStreetMap's public tiles are only the default: their usage policy asks heavy users for their own
# (wistakon build --tiles URL, or WISTAKON_TILES).
TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
TILE_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'


@dataclass
class Area:
    """A kecamatan (or the region, when the kecamatan is not recorded) and its attractions."""

    region: str
    kecamatan: str
    attractions: list[Attraction] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return "area-" + "-".join(f"{self.region} {self.kecamatan}".lower().split())


def areas(catalog: Catalog, lang: str) -> list[Area]:
    """Attractions with a location by region, then kecamatan, then kelurahan and title."""
    found: dict[tuple[str, str], Area] = {}
    for item in catalog.attractions:
        if item.location is None:
            continue
        key = (item.location.region or "", item.location.kecamatan or "")
        found.setdefault(key, Area(*key)).attractions.append(item)
    for area in found.values():
        area.attractions.sort(key=lambda a: (a.location.kelurahan or a.location.desa, a.t(lang).title.casefold()))
    return [found[key] for key in sorted(found, key=lambda k: (k[0].casefold(), k[1] == "", k[1].casefold()))]


def map_page(lang: str):
    catalog: Catalog = current_app.config["CATALOG"]
    return page(
        "map.html",
        lang,
        section_urls("maps.map"),
        areas=areas(catalog, lang),
        tile_url=current_app.config.get("MAP_TILES") or TILE_URL,
        tile_attribution=TILE_ATTRIBUTION,
    )


for _lang, _rule in localised_rules("/{map}/"):
    bp.add_url_rule(_rule, "map", map_page, defaults={"lang": _lang})


def urls() -> Iterator[tuple[str, dict[str, str]]]:
    for lang in ("id", "en"):
        yield "maps.map", {"lang": lang}
