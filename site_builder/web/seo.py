"""Findability: a sitemap index and its sitemaps with hreflang alternates, robots.txt, Atom feeds, the web app
manifest, icons and a generated share image per page (Open Graph / Twitter cards).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from flask import Blueprint, Response, abort, current_app, send_file, url_for

from site_builder import artwork
from site_builder.catalog import JAKARTA, READS, Catalog, Item
from site_builder.web import queries
from site_builder.web.render import absolute
from site_builder.web.theme import PROJECT_ROOT
from site_builder.web.urls import localised_rules

bp = Blueprint("seo", __name__)

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
ATOM_NS = "http://www.w3.org/2005/Atom"
# The HTML pages of the "pages" sitemap, and the kind of item a `slug` names on each (item pages: ITEM_SITEMAPS).
SITEMAP_ENDPOINTS = {
    "pages.home": None,
    "pages.attractions": None,
    "pages.category": "category",
    "agenda.upcoming": None,
    "agenda.year": None,
    "agenda.category": "category",
    "portal.hotspots": None,
    "maps.map": None,
    "trade.travel_agents": None,
    "whats_on.today": None,
    "whats_on.weekend": None,
    "whats_on.week": None,
}
FEED_ENTRIES = 50
ICON_SIZES = (192, 512)
APPLE_ICON_SIZE = 180
THEME_COLOR = "#1d3461"
BACKGROUND_COLOR = "#fbf8f2"
DEFAULT_CACHE = PROJECT_ROOT / ".cache" / "images"

XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>'


def _catalog() -> Catalog:
    return current_app.config["CATALOG"]


def _cache_folder() -> Path:
    return Path(current_app.config.get("IMAGE_CACHE") or DEFAULT_CACHE)


# --- sitemap and robots ----------------------------------------------------------------------------
# /sitemap.xml is a sitemap index (sitemaps.org). Its sitemaps: "pages" (home, lists, categories, agenda…)
# and the attraction and event pages in chunks of SITEMAP_CHUNK items in uid order, so an edit re-renders
# the one chunk that lists the item, not a file of every page on the site.
# Items per sitemap (two URLs each, far under the protocol's 50,000): at most incremental.WIDE, so that a
# chunk depends on its own items and not on every item of the kind.
SITEMAP_CHUNK = 100
ITEM_SITEMAPS = {"attractions": "pages.attraction", "events": "agenda.event"}  # collection → page endpoint
LANGUAGES = ("en", "id")  # in the order sitemap_pages() lists alternates (sorted)


def content_updated(catalog: Catalog) -> datetime:
    """catalog.updated, read as one summary key: a page dated by it changes when that date does, not
    whenever any item is edited."""
    token = READS.set(None)
    try:
        found = catalog.updated
    finally:
        READS.reset(token)
    _read_summary("content-updated")
    return found


def _read_summary(name: str) -> None:
    reads = READS.get()
    if reads is not None:
        reads.add(("summary", name))


queries.SUMMARIES["content-updated"] = lambda catalog: catalog.updated


def sitemap_names(catalog: Catalog) -> list[str]:
    """The sitemaps the index lists: "pages", then "<collection>-<n>" for each chunk of item pages."""
    names = ["pages"]
    for collection in ITEM_SITEMAPS:
        count = len(getattr(catalog, collection))
        names += [f"{collection}-{n}" for n in range(1, -(-count // SITEMAP_CHUNK) + 1)]
    return names


def sitemap_pages() -> list[dict[str, object]]:
    """Every page but the attractions' and events' own, one entry per language:
    {'loc', 'lastmod', 'alternates': {lang: url}}, in a stable order."""
    from site_builder.web.app import BLUEPRINTS  # the app module imports this one

    slugs = current_app.config["SLUGS"]
    catalog = _catalog()
    groups: dict[tuple, dict[str, tuple[str, Item | None]]] = {}
    listed = {endpoint.partition(".")[0] for endpoint in SITEMAP_ENDPOINTS}
    for module in BLUEPRINTS:
        if module.bp.name not in listed:
            continue  # the API, feeds, media…: none of their URLs is a page for the sitemap
        for endpoint, values in module.urls():
            if endpoint not in SITEMAP_ENDPOINTS or "lang" not in values:
                continue
            lang = values["lang"]
            kind = SITEMAP_ENDPOINTS[endpoint]
            item = slugs.get((kind, lang, values.get("slug"))) if kind else None
            rest = tuple(sorted((k, str(v)) for k, v in values.items() if k not in ("lang", "slug")))
            key = (endpoint, item.uid if item else values.get("slug"), rest)
            groups.setdefault(key, {})[lang] = (absolute(url_for(endpoint, **values)), item)
    entries = []
    for languages in groups.values():
        alternates = {lang: url for lang, (url, _) in sorted(languages.items())}
        for _lang, (url, item) in sorted(languages.items()):
            updated = item.updated if item is not None else content_updated(catalog)
            entries.append({"loc": url, "lastmod": updated.astimezone(JAKARTA), "alternates": alternates})
    return sorted(entries, key=lambda entry: entry["loc"])


def item_sitemap_pages(collection: str, number: int) -> list[dict[str, object]]:
    """The entries of one chunk of a collection's item pages (chunk `number`, from 1), as sitemap_pages()."""
    catalog = _catalog()
    token = READS.set(None)  # the chunk depends on its collection (read below) and its own items
    try:
        items = sorted(getattr(catalog, collection), key=lambda item: item.uid)
    finally:
        READS.reset(token)
    getattr(catalog, collection)  # noqa: B018 - records ("collection", name): which items the chunk holds
    endpoint = ITEM_SITEMAPS[collection]
    entries = []
    for item in items[(number - 1) * SITEMAP_CHUNK : number * SITEMAP_CHUNK]:
        alternates = {lang: absolute(url_for(endpoint, lang=lang, slug=item.t(lang).slug)) for lang in LANGUAGES}
        lastmod = item.updated.astimezone(JAKARTA)
        entries += [{"loc": url, "lastmod": lastmod, "alternates": alternates} for url in alternates.values()]
    return sorted(entries, key=lambda entry: entry["loc"])


@bp.route("/sitemap.xml")
def sitemap():
    lines = [XML_DECLARATION, f'<sitemapindex xmlns="{SITEMAP_NS}">']
    for name in sitemap_names(_catalog()):
        lines += [
            "  <sitemap>",
            f"    <loc>{escape(absolute(url_for('seo.sitemap_part', name=name)))}</loc>",
            "  </sitemap>",
        ]
    lines.append("</sitemapindex>\n")
    return Response("\n".join(lines), mimetype="application/xml")


@bp.route("/sitemaps/<name>.xml")
def sitemap_part(name: str):
    token = READS.set(None)  # whether the sitemap exists is not what its entries depend on
    try:
        known = name in sitemap_names(_catalog())
    finally:
        READS.reset(token)
    if not known:
        abort(404)
    if name == "pages":
        entries = sitemap_pages()
    else:
        collection, _, number = name.rpartition("-")
        entries = item_sitemap_pages(collection, int(number))
    lines = [XML_DECLARATION, f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">']
    for entry in entries:
        lines += [
            "  <url>",
            f"    <loc>{escape(entry['loc'])}</loc>",
            f"    <lastmod>{entry['lastmod'].isoformat()}</lastmod>",
        ]
        alternates = dict(entry["alternates"])
        if "id" in alternates:
            alternates["x-default"] = alternates["id"]
        for lang, href in alternates.items():
            lines.append(f'    <xhtml:link rel="alternate" hreflang="{lang}" href={quoteattr(href)}/>')
        lines.append("  </url>")
    lines.append("</urlset>\n")
    return Response("\n".join(lines), mimetype="application/xml")


@bp.route("/robots.txt")
def robots():
    lines = ["User-agent: *", "Allow: /", "", f"Sitemap: {absolute(url_for('seo.sitemap'))}", ""]
    return Response("\n".join(lines), mimetype="text/plain")


# --- Atom feeds ----------------------------------------------------------------------------------


def feed_items(catalog: Catalog) -> list[tuple[Item, datetime]]:
    """(item, updated) of the FEED_ENTRIES attractions and events changed last, newest first; worked out once
    per Catalog and read as one summary key (which items, and when each changed), not as every item's date."""
    found = catalog.__dict__.get("_feed_items")
    if found is None:
        token = READS.set(None)
        try:
            items: list[Item] = [*catalog.attractions, *catalog.events]
            dated = sorted(((item.updated, item.uid, item) for item in items), reverse=True)[:FEED_ENTRIES]
        finally:
            READS.reset(token)
        found = catalog.__dict__["_feed_items"] = [(item, updated) for updated, _, item in dated]
    _read_summary("feed-items")
    return found


queries.SUMMARIES["feed-items"] = lambda catalog: tuple((item.uid, updated) for item, updated in feed_items(catalog))


def _feed(lang: str):
    from site_builder.web.i18n import word

    catalog = _catalog()
    items = feed_items(catalog)
    self_url = absolute(url_for("seo.feed", lang=lang))
    lines = [
        XML_DECLARATION,
        f'<feed xmlns="{ATOM_NS}" xml:lang="{lang}">',
        f"  <id>{escape(self_url)}</id>",
        f"  <title>{escape(catalog.site.name[lang])}: {escape(word(lang, 'feed_title'))}</title>",
        f"  <subtitle>{escape(catalog.site.tagline[lang])}</subtitle>",
        f"  <updated>{_rfc3339(items[0][1] if items else content_updated(catalog))}</updated>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(self_url)}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(absolute(url_for("pages.home", lang=lang)))}/>',
        f"  <author><name>{escape(catalog.site.name[lang])}</name></author>",
    ]
    for item, updated in items:
        text = item.t(lang)
        is_attraction = item.kind == "attraction"
        url = absolute(url_for("pages.attraction" if is_attraction else "agenda.event", lang=lang, slug=text.slug))
        label = word(lang, "type." + item.kind)
        untranslated = f' xml:lang="{text.lang}"' if text.lang != lang else ""
        lines += [
            f"  <entry{untranslated}>",
            f"    <id>urn:uuid:{item.uid}</id>",
            f"    <title>{escape(text.title)}</title>",
            f"    <updated>{_rfc3339(updated)}</updated>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(url)}/>',
            f'    <category term="{item.kind}" label={quoteattr(label)}/>',
            f"    <summary>{escape(text.summary)}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>\n")
    return Response("\n".join(lines), mimetype="application/atom+xml")


def _rfc3339(moment: datetime) -> str:
    return moment.astimezone(JAKARTA).isoformat(timespec="seconds")


for _lang, _rule in localised_rules("/feed.atom"):
    bp.add_url_rule(_rule, "feed", _feed, defaults={"lang": _lang})


# --- installable: manifest and icons -------------------------------------------------------------


def _manifest(lang: str):
    catalog = _catalog()
    home = url_for("pages.home", lang=lang)
    manifest = {
        "name": catalog.site.name[lang],
        "short_name": "Wisata Cirebon",
        "description": catalog.site.tagline[lang],
        "lang": lang,
        "id": home,
        "start_url": home,
        "scope": "/",
        "display": "standalone",
        "background_color": BACKGROUND_COLOR,
        "theme_color": THEME_COLOR,
        "icons": [
            *(
                {"src": url_for("seo.icon", name=f"icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
                for size in ICON_SIZES
            ),
            {
                "src": url_for("seo.icon", name="maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    body = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    return Response(body, mimetype="application/manifest+json")


for _lang, _rule in localised_rules("/manifest.webmanifest"):
    bp.add_url_rule(_rule, "manifest", _manifest, defaults={"lang": _lang})


ICONS = {
    **{f"icon-{size}.png": (size, False) for size in ICON_SIZES},
    "maskable-512.png": (512, True),
    f"apple-touch-icon-{APPLE_ICON_SIZE}.png": (APPLE_ICON_SIZE, False),
}


@bp.route("/icons/<name>")
def icon(name: str):
    if name not in ICONS:
        abort(404)
    size, maskable = ICONS[name]
    return Response(artwork.draw_icon(size, maskable), mimetype="image/png")


@bp.route("/favicon.ico")
def favicon():
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.open(BytesIO(artwork.draw_icon(48))).save(out, "ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    return Response(out.getvalue(), mimetype="image/vnd.microsoft.icon")


# --- share images --------------------------------------------------------------------------------


@bp.app_template_global()
def share_image_url(page_title: str, lang: str) -> str:
    """The absolute URL of this page's share image; the title drops its ' · site name' tail."""
    site_name = _catalog().site.name[lang]
    title = page_title.strip().removesuffix(f" · {site_name}").strip() or site_name
    subtitle = site_name if title != site_name else _catalog().site.tagline[lang]
    digest = artwork.share_digest(title, subtitle)
    current_app.config.setdefault("SHARE_IMAGES", {})[digest] = (title, subtitle)
    return absolute(url_for("seo.share", digest=digest))


@bp.route("/share/<digest>.jpg")
def share(digest: str):
    found = current_app.config.get("SHARE_IMAGES", {}).get(digest)
    if found is None:
        abort(404)
    path = artwork.share_image(_cache_folder(), *found)
    response = send_file(path, mimetype="image/jpeg", max_age=86400)
    return response


def urls() -> Iterator[tuple[str, dict[str, str]]]:
    yield "seo.sitemap", {}
    for name in sitemap_names(_catalog()):
        yield "seo.sitemap_part", {"name": name}
    yield "seo.robots", {}
    yield "seo.favicon", {}
    for name in ICONS:
        yield "seo.icon", {"name": name}
    for lang in ("id", "en"):
        yield "seo.feed", {"lang": lang}
        yield "seo.manifest", {"lang": lang}
    # Share images are frozen as pages link them (Frozen-Flask logs every url_for).
