"""The mobile app's JSON API under /api/v1/: an index with a change manifest, paged collections,
one document per item, and the JSON Schemas they follow.

Every document is built once per app, checked against its schema, and served as the same bytes
for the same content (sorted keys, no clock). A document that breaks its schema fails the build.
"""

from __future__ import annotations

import json
import mimetypes
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from typing import Any

from flask import Blueprint, Flask, Response, abort, current_app, has_request_context, url_for
from werkzeug.routing import BuildError as UrlBuildError

from site_builder import api_schema, ical
from site_builder.catalog import (
    DEFAULT_LANGUAGE,
    JAKARTA,
    READS,
    Attraction,
    Catalog,
    Category,
    Event,
    Hotspot,
    Image,
    Item,
    Location,
    Occurrence,
    Promotion,
    remembered,
)
from site_builder.errors import BuildError
from site_builder.web import media
from site_builder.web.jsonld import item_id

bp = Blueprint("api", __name__)

PREFIX = "/api/v1/"
# 2: `projected` says only where a date came from; `status` alone says whether it is certain.
# Also added: occurrences[].venue_name always filled, renditions with `bytes`, images[].alt_lang.
SCHEMA_VERSION = 2
PAGE_SIZE = 100  # items per collection page; documented in docs/API.md
COLLECTIONS = {  # collection → item schema
    "categories": "category",
    "attractions": "attraction",
    "events": "event",
    "hotspots": "hotspot",
    "promotions": "promotion",
}
KIND_COLLECTION = {schema: collection for collection, schema in COLLECTIONS.items()}
_CACHE_KEY = "wistakon.api"


def encode(document: Any) -> bytes:
    """The one serialisation of every API document: same content in, same bytes out."""
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


@bp.route(PREFIX + "<path:name>")
def document(name: str):
    body = documents(current_app).get(name)
    if body is None:
        abort(404)
    return Response(body, mimetype="application/json")


def urls() -> Iterator[tuple[str, dict[str, str]]]:
    for name in documents(current_app):
        yield "api.document", {"name": name}


def documents(app: Flask) -> Documents:
    """Every API document by its path under /api/v1/ (one mapping per app)."""
    if _CACHE_KEY not in app.extensions:
        app.extensions[_CACHE_KEY] = Documents(app)
    return app.extensions[_CACHE_KEY]


def fail_build(message: str) -> None:
    """Stop the build with a clear message."""
    raise BuildError(message)


class Documents(Mapping):
    """API documents by path. The paths come from the collections alone; a document is built, checked
    against its schema and encoded when first asked, so a build that needs one item's document
    (an incremental build) does not build the other thousands."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.catalog: Catalog = app.config["CATALOG"]
        self._names: list[str] | None = None
        self._known: frozenset[str] = frozenset()
        self._bodies: dict[str, tuple[bytes, frozenset]] = {}
        self._items: dict[str, tuple[dict[str, Any], frozenset]] = {}  # uid → item document (a dict)

    def names(self) -> list[str]:
        """Every document's path: what the freezer's generator yields (reads only the collections)."""
        if self._names is None:
            found = [f"schema/{name}.json" for name in api_schema.NAMES]
            for collection in COLLECTIONS:
                items = collection_items(self.catalog, collection)
                found += [f"{collection}/{item.uid}.json" for item in items]
                found += [f"{collection}/page-{n}.json" for n in range(1, page_count(len(items)) + 1)]
            found.append("index.json")
            self._names = sorted(found)
            self._known = frozenset(found)
        return self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())

    def __len__(self) -> int:
        return len(self.names())

    def __contains__(self, name: object) -> bool:
        if self._names is None:
            token = READS.set(None)  # whether a path exists is not what one document depends on
            try:
                self.names()
            finally:
                READS.reset(token)
        return name in self._known

    def __getitem__(self, name: str) -> bytes:
        if name not in self:
            raise KeyError(name)
        if has_request_context():
            return remembered(self._bodies, name, lambda: self._build(name))
        with self.app.test_request_context("/"):
            return remembered(self._bodies, name, lambda: self._build(name))

    def item(self, item: Item) -> dict[str, Any]:
        """One item's document, checked against its schema when made; a page of the collection embeds the
        same dicts, so each item is checked once whichever document asks first."""

        def checked() -> dict[str, Any]:
            where = f"{PREFIX}{KIND_COLLECTION[item.kind]}/{item.uid}.json"
            return _checked(item.kind, item_document(item, embedded=False), where)

        return remembered(self._items, item.uid, checked)

    def _build(self, name: str) -> bytes:
        folder, _, file = name.partition("/")
        if folder == "schema":
            return encode(api_schema.published(file.removesuffix(".json"), absolute(PREFIX + "schema/")))
        if name == "index.json":
            doc = _checked("index", index_document(self.catalog), PREFIX + name)
        elif file.startswith("page-"):
            doc = self._page(folder, int(file.removeprefix("page-").removesuffix(".json")))
            # Its items were checked as documents of their own (self.item; `$schema` is optional in them).
            _checked("page", {**doc, "items": []}, PREFIX + name)
        else:
            doc = self.item(self.catalog.by_uid[file.removesuffix(".json")])
        return encode(doc)

    def _page(self, collection: str, number: int) -> dict[str, Any]:
        token = READS.set(None)  # the page depends on its collection (read below) and its own items
        try:
            items = collection_items(self.catalog, collection)
        finally:
            READS.reset(token)
        getattr(self.catalog, collection)  # noqa: B018 - records ("collection", name): the page's members and count
        total = page_count(len(items))
        chunk = [self.item(item) for item in items[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]]
        return {
            "$schema": schema_url("page"),
            "collection": collection,
            "page": number,
            "pages": total,
            "count": len(items),
            "items": [{k: v for k, v in doc.items() if k != "$schema"} for doc in chunk],
            "prev": api_url(f"{collection}/page-{number - 1}.json") if number > 1 else None,
            "next": api_url(f"{collection}/page-{number + 1}.json") if number < total else None,
        }


def _checked(schema: str, doc: dict[str, Any], where: str) -> dict[str, Any]:
    """`doc`, once checked against its schema; a mismatch stops the build naming `where` (its path)."""
    try:
        api_schema.check(schema, doc, where)
    except api_schema.DocumentInvalid as invalid:
        fail_build(str(invalid))
    return doc


def collection_items(catalog: Catalog, collection: str) -> list[Item]:
    """A collection's items in uid order, so pages stay stable whatever the folders are called."""
    return sorted(getattr(catalog, collection), key=lambda item: item.uid)


def page_count(count: int) -> int:
    return max(1, -(-count // PAGE_SIZE))


def index_document(catalog: Catalog) -> dict[str, Any]:
    counts = {collection: len(getattr(catalog, collection)) for collection in COLLECTIONS}
    manifest = {
        item.uid: {
            "type": item.kind,
            "hash": item.content_hash,
            "updated": iso(item.updated),
            "url": item_url(item),
        }
        for collection in COLLECTIONS
        for item in collection_items(catalog, collection)
    }
    return {
        "$schema": schema_url("index"),
        "api_version": "v1",
        "schema_version": SCHEMA_VERSION,
        "updated": iso(catalog.updated),
        "site": {
            "name": {lang: catalog.site.name.get(lang, catalog.site.name["id"]) for lang in ("id", "en")},
            "base_url": current_app.config["BASE_URL"] + "/",
            "languages": list(catalog.site.languages),
        },
        "counts": counts,
        "collections": {
            collection: {
                "count": counts[collection],
                "page_size": PAGE_SIZE,
                "pages": [api_url(f"{collection}/page-{n}.json") for n in range(1, page_count(counts[collection]) + 1)],
                "item_url": api_url(f"{collection}/") + "{uid}.json",
                "schema": schema_url(schema),
            }
            for collection, schema in COLLECTIONS.items()
        },
        "schemas": {name: schema_url(name) for name in api_schema.NAMES},
        "manifest": manifest,
    }


# --- one item ---------------------------------------------------------------------------------


def item_document(item: Item, embedded: bool = True) -> dict[str, Any]:
    """The item as the app sees it: both languages, stable ids, links and typed facts."""
    doc: dict[str, Any] = {
        "uid": item.uid,
        "type": item.kind,
        "jsonld_id": item_id(item.uid),
        "hash": item.content_hash,
        "updated": iso(item.updated),
        "text": {lang: _text(item, lang) for lang in ("id", "en")},
    }
    if not embedded:
        doc["$schema"] = schema_url(item.kind)
    shape = {
        Category: _category,
        Attraction: _attraction,
        Event: _event,
        Hotspot: _hotspot,
        Promotion: _promotion,
    }[type(item)]
    doc.update(shape(item))
    return doc


def _text(item: Item, lang: str) -> dict[str, Any]:
    text = item.t(lang)
    found: dict[str, Any] = {
        "lang": text.lang,
        "title": text.title,
        "slug": text.slug,
        "summary": text.summary,
        "body_html": text.body_html,
        "translated": item.translated(lang),
        "updated": iso(text.updated),
    }
    if isinstance(item, Attraction):
        found.update(hours_note=text.hours_note, prices_note=text.prices_note, accessibility=text.accessibility)
    return found


def _category(item: Category) -> dict[str, Any]:
    from site_builder.web.pages import attraction_categories

    has_page = item in attraction_categories(current_app.config["CATALOG"])
    return {
        "applies_to": list(item.applies_to),
        "order": item.order,
        "links": {"self": item_url(item), "page": page_urls("pages.category", item) if has_page else None},
    }


def _attraction(item: Attraction) -> dict[str, Any]:
    return {
        "kind": item.place_kind,
        "category": item.category_uid or None,
        "tags": list(item.tags),
        "highlight": item.highlight,
        "location": location(item.location),
        "hours": [
            {
                "day": row.day,
                "opens": row.opens.strftime("%H:%M") if row.opens else None,
                "closes": row.closes.strftime("%H:%M") if row.closes else None,
                "closed": row.closed,
                "open_24h": row.open_24h,
            }
            for row in item.hours
        ],
        "prices": [{"visitor": p.visitor, "amount": p.amount, "currency": "IDR"} for p in item.prices],
        "contact": dict(item.contact),
        "facilities": list(item.facilities),
        "images": [image(i) for i in item.images],
        "links": {"self": item_url(item), "page": page_urls("pages.attraction", item)},
    }


def _event(item: Event) -> dict[str, Any]:
    catalog: Catalog = current_app.config["CATALOG"]
    venue = None
    if item.venue is not None:
        venue = {
            "name": item.venue.name,
            "attraction": item.venue.attraction_uid,
            "location": location(item.venue.location),
        }
    return {
        "category": item.category_uid or None,
        "tags": list(item.tags),
        "highlight": item.highlight,
        "organiser": item.organiser,
        "website": item.website,
        "free": item.free,
        "venue": venue,
        "rule_note": item.rule_note,
        "occurrences": [
            {
                "key": o.key,
                "start": iso(o.start),
                "end": iso(o.end),
                "last_date": o.last_date.isoformat(),
                "all_day": o.all_day,
                "status": o.status,
                "sequence": o.sequence,
                "updated": iso(o.updated),
                "projected": o.projected,
                "previous_start": iso(o.previous_start) if o.previous_start is not None else None,
                "ical_uid": ical_uid(item, o),
                "jsonld_id": f"{item_id(item.uid)}#{o.key}",
                "venue_name": venue_name(catalog, item, o),
            }
            for o in item.occurrences
        ],
        "images": [image(i) for i in item.images],
        "links": {"self": item_url(item), "page": page_urls("agenda.event", item), "ics": ics_url(item)},
    }


def _hotspot(item: Hotspot) -> dict[str, Any]:
    slug = item.t("id").slug
    return {
        "ssid": item.ssid,
        "location": location(item.location),
        "area": item.area,
        "router": item.router,
        "status": item.status,
        "program": item.program,
        "links": {
            "self": item_url(item),
            "splash": {lang: absolute(url_for("portal.splash", slug=slug, lang=lang)) for lang in ("id", "en")},
            "portal": absolute(url_for("portal.portal_json", slug=slug)),
            "mikrotik": absolute(url_for("portal.pack", slug=slug, router="mikrotik")),
            "opennds": absolute(url_for("portal.pack", slug=slug, router="opennds")),
        },
    }


def _promotion(item: Promotion) -> dict[str, Any]:
    return {
        "business": item.business,
        "valid_from": item.valid_from.isoformat(),
        "valid_until": item.valid_until.isoformat(),
        "targets": {
            "hotspots": sorted(item.target_hotspots),
            "areas": sorted(item.target_areas),
            "everywhere": not item.target_hotspots and not item.target_areas,
        },
        "priority": item.priority,
        "example": item.example,
        "link": item.link,
        "images": [image(i) for i in item.images],
        "links": {"self": item_url(item)},
    }


# --- shared shapes and addresses --------------------------------------------------------------


def location(place: Location | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {
        "lat": place.lat,
        "lon": place.lon,
        "confidence": place.confidence,
        "approximate": place.approximate,
        "accuracy_m": place.accuracy_m,
        "address": place.address,
        "kelurahan": place.kelurahan,
        "desa": place.desa,
        "kecamatan": place.kecamatan,
        "region": place.region,
    }


def venue_name(catalog: Catalog, event: Event, occurrence: Occurrence) -> str:
    """Where the occurrence happens, by name: its own venue, else the event's (an attraction's Indonesian title)."""
    if occurrence.venue_name:
        return occurrence.venue_name
    if event.venue is None:
        return ""
    attraction = catalog.attraction(event.venue.attraction_uid) if event.venue.attraction_uid else None
    return event.venue.name or (attraction.t(DEFAULT_LANGUAGE).title if attraction is not None else "")


def image(picture: Image) -> dict[str, Any]:
    """An image and its renditions: the original first, then what the site serves (WebP, then a fallback)."""
    kind = mimetypes.guess_type(picture.file)[0] or "application/octet-stream"
    return {
        "alt": {lang: picture.alt_in(lang) for lang in ("id", "en")},
        # An untranslated alt falls back to Indonesian; say so rather than pass it off as English.
        "alt_lang": {lang: lang if picture.alt.get(lang) else DEFAULT_LANGUAGE for lang in ("id", "en")},
        "width": picture.width,
        "height": picture.height,
        "credit": picture.credit,
        "illustration": picture.illustration,
        "focal": list(picture.focal) if picture.focal else None,
        "renditions": [
            {
                "url": absolute(url_for("media.image", file=picture.file)),
                "width": picture.width,
                "height": picture.height,
                "type": kind,
                "bytes": media.original_bytes(picture),
                "original": True,
            },
            *(
                {
                    "url": absolute(url_for("media.rendition", name=made.name)),
                    "width": made.width,
                    "height": made.height,
                    "type": made.mimetype,
                    "bytes": size,
                    "original": False,
                }
                for made, size in media.offered(picture)
            ),
        ],
    }


def ical_uid(event: Event, occurrence: Occurrence) -> str:
    """The occurrence's UID in every .ics feed (site_builder/ical.py makes it the same way)."""
    return ical.uid(event, occurrence, ical.site_host(current_app.config["CATALOG"]))


def ics_url(event: Event) -> dict[str, str] | None:
    """The event's own .ics per language (feeds.py); None if that blueprint has no such endpoint."""
    try:
        return {lang: absolute(url_for("feeds.event", lang=lang, slug=event.t(lang).slug)) for lang in ("id", "en")}
    except UrlBuildError:
        return None


def iso(value: date | datetime) -> str:
    if isinstance(value, datetime):
        return value.astimezone(JAKARTA).isoformat()
    return value.isoformat()


def absolute(path: str) -> str:
    return current_app.config["BASE_URL"] + path


def api_url(name: str) -> str:
    return absolute(PREFIX + name)


def schema_url(name: str) -> str:
    return api_url(f"schema/{name}.json")


def item_url(item: Item) -> str:
    return api_url(f"{KIND_COLLECTION[item.kind]}/{item.uid}.json")


def page_urls(endpoint: str, item: Item) -> dict[str, str]:
    return {lang: absolute(url_for(endpoint, lang=lang, slug=item.t(lang).slug)) for lang in ("id", "en")}
