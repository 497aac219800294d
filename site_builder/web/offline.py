"""Offline: a service worker at /sw.js whose cache name is tied to the build, and an offline page per language.

The worker precaches the shell (home, agenda, offline pages, manifest, icons) and keeps every page a
visitor opens, so those reload without a connection. A new build changes the cache name, and the
new worker deletes the old caches when it takes over.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from flask import Blueprint, Response, current_app, render_template, url_for

from site_builder.catalog import READS, Catalog
from site_builder.web import queries
from site_builder.web.feeds import event_categories
from site_builder.web.render import page
from site_builder.web.urls import localised_rules

bp = Blueprint("offline", __name__)

CACHE_PREFIX = "wistakon-"


def build_id() -> str:
    """Changes whenever the theme, any content item or the build's 'today' changes."""
    found = current_app.config.get("BUILD_ID")
    if found is None:
        catalog: Catalog = current_app.config["CATALOG"]
        reads = READS.get()
        if reads is not None:
            reads.add(("theme", "fingerprint"))  # every theme file, templates included
        digest = hashlib.sha256(current_app.config["THEME"].fingerprint.encode())
        for uid, item in sorted(catalog.by_uid.items()):
            digest.update(f"{uid}:{item.content_hash}".encode())
        digest.update(current_app.config["NOW"].isoformat().encode())
        found = current_app.config["BUILD_ID"] = digest.hexdigest()[:12]
    return found


def precache_urls() -> list[str]:
    """The shell and the agenda, in both languages: what a visitor can open offline without visiting first."""
    catalog: Catalog = current_app.config["CATALOG"]
    found = []
    for lang in ("id", "en"):
        found += [
            url_for("pages.home", lang=lang),
            url_for("offline.offline_page", lang=lang),
            url_for("agenda.upcoming", lang=lang),
            url_for("seo.manifest", lang=lang),
        ]
        found += [url_for("agenda.year", lang=lang, year=year) for year in queries.years(catalog)]
        found += [url_for("agenda.category", lang=lang, slug=c.t(lang).slug) for c in event_categories(catalog)]
    found += [url_for("seo.icon", name="icon-192.png")]
    return found


@bp.route("/sw.js")
def service_worker():
    body = render_template(
        "sw.js",
        cache_name=CACHE_PREFIX + build_id(),
        cache_prefix=CACHE_PREFIX,
        precache=precache_urls(),
        offline_pages={lang: url_for("offline.offline_page", lang=lang) for lang in ("id", "en")},
    )
    response = Response(body, mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-cache"
    return response


def offline_page(lang: str):
    alternates = {other: url_for("offline.offline_page", lang=other) for other in ("id", "en")}
    return page("offline.html", lang, alternates)


for _lang, _rule in localised_rules("/offline/"):
    bp.add_url_rule(_rule, "offline_page", offline_page, defaults={"lang": _lang})


def urls() -> Iterator[tuple[str, dict[str, str]]]:
    yield "offline.service_worker", {}
    for lang in ("id", "en"):
        yield "offline.offline_page", {"lang": lang}
