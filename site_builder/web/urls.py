"""Localised URL segments: Indonesian at /, English under /en/."""

from __future__ import annotations

PREFIX = {"id": "", "en": "/en"}

# Path segment per language for each section of the site.
SEGMENTS = {
    "id": {
        "attractions": "wisata",
        "category": "kategori",
        "events": "acara",
        "agenda": "agenda",
        "wifi": "wifi",
        "map": "peta",
        "venue": "tempat",
        "search": "cari",
        "page": "halaman",
    },
    "en": {
        "attractions": "attractions",
        "category": "category",
        "events": "events",
        "agenda": "agenda",
        "wifi": "wifi",
        "map": "map",
        "venue": "venue",
        "search": "search",
        "page": "page",
    },
}


def localised_rules(pattern: str) -> list[tuple[str, str]]:
    """[(lang, rule)] for a pattern such as '/{attractions}/<slug>/'."""
    return [(lang, PREFIX[lang] + pattern.format(**SEGMENTS[lang])) for lang in PREFIX]
