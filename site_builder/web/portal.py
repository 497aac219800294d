"""WiFi captive-portal packs per hotspot, and the site's hotspot list."""

from __future__ import annotations

from collections.abc import Iterator

from flask import Blueprint, current_app

from site_builder.web.render import page, section_urls
from site_builder.web.urls import localised_rules

bp = Blueprint("portal", __name__)


def hotspots(lang: str):
    catalog = current_app.config["CATALOG"]
    return page("hotspots.html", lang, section_urls("portal.hotspots"), hotspots=catalog.hotspots)


for _lang, _rule in localised_rules("/{wifi}/"):
    bp.add_url_rule(_rule, "hotspots", hotspots, defaults={"lang": _lang})


def urls() -> Iterator[tuple[str, dict[str, str]]]:
    for lang in ("id", "en"):
        yield "portal.hotspots", {"lang": lang}
