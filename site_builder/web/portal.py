"""WiFi captive-portal packs per hotspot, and the site's hotspot list.

Per hotspot, under /portal/<slug>/: a self-contained splash page per language (index.html, en.html),
portal.json, and router packs (mikrotik.zip, opennds.zip). All show the same local information as
of the build's 'today' (NOW): the nearest attractions, events in the coming week, and the
promotions valid today that target the hotspot or its area. Each page is fitted to its byte budget.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from flask import Blueprint, Flask, Response, abort, current_app, has_request_context, render_template, url_for

from site_builder import api_schema
from site_builder.catalog import READS, Attraction, Catalog, Hotspot, Occurrence, Promotion, remembered
from site_builder.portal import escape
from site_builder.portal.budget import BUDGET_BYTES, OverBudget, Selection, fit, shorten
from site_builder.portal.packs import deterministic_zip
from site_builder.web import api, i18n, queries
from site_builder.web.render import page, section_urls
from site_builder.web.theme import record_template
from site_builder.web.urls import localised_rules

bp = Blueprint("portal", __name__)

PAGE_BUDGET = BUDGET_BYTES  # bytes per page, everything included
MAX_ATTRACTIONS = 8
MAX_EVENTS = 12
EVENT_DAYS = 7  # today and the next 7 days
# Router pages grow when the router fills in its variables (a long original URL, the CHAP
# challenge, openNDS's $fas token); fit them with this much room to spare.
ROUTER_ALLOWANCE = 1_000
# openNDS's base64 client token, filled in by the ThemeSpec script; no value can spell it (its `$` is escaped)
FAS_PLACEHOLDER = "$fas"
FAS_ALLOWANCE = 800
ROUTERS = ("mikrotik", "opennds")
MIKROTIK_PAGES = ("login.html", "alogin.html", "status.html", "logout.html", "error.html")
MIKROTIK_SHARED = ("redirect.html", "rlogin.html")  # language-neutral: only in the main folder
BODY_MARK, FOOT_MARK = "<!--wistakon:body-->", "<!--wistakon:foot-->"
_CACHE_KEY = "wistakon.portal"


def hotspots(lang: str):
    catalog: Catalog = current_app.config["CATALOG"]
    listed = sorted(catalog.hotspots, key=lambda h: (h.status != "confirmed", h.area, h.t(lang).title.casefold()))
    return page("hotspots.html", lang, section_urls("portal.hotspots"), hotspots=listed)


for _lang, _rule in localised_rules("/{wifi}/"):
    bp.add_url_rule(_rule, "hotspots", hotspots, defaults={"lang": _lang})


@bp.route("/portal/<slug>/index.html", defaults={"lang": "id"}, endpoint="splash")
@bp.route("/portal/<slug>/en.html", defaults={"lang": "en"}, endpoint="splash")
def splash(slug: str, lang: str):
    return Response(_pack(slug).splash[lang], mimetype="text/html")


@bp.route("/portal/<slug>/portal.json", endpoint="portal_json")
def portal_json(slug: str):
    return Response(_pack(slug).document, mimetype="application/json")


@bp.route("/portal/<slug>/<any(mikrotik, opennds):router>.zip", endpoint="pack")
def pack(slug: str, router: str):
    return Response(_pack(slug).zips[router], mimetype="application/zip")


def urls() -> Iterator[tuple[str, dict[str, str]]]:
    for lang in ("id", "en"):
        yield "portal.hotspots", {"lang": lang}
    for slug in sorted(hotspot.t("id").slug for hotspot in current_app.config["CATALOG"].hotspots):
        yield "portal.splash", {"slug": slug, "lang": "id"}
        yield "portal.splash", {"slug": slug, "lang": "en"}
        yield "portal.portal_json", {"slug": slug}
        for router in ROUTERS:
            yield "portal.pack", {"slug": slug, "router": router}


# --- what a hotspot shows ---------------------------------------------------------------------


@dataclass(frozen=True)
class LocalInfo:
    """Everything a hotspot's portal may show as of `today`, each list in priority order."""

    hotspot: Hotspot
    today: date
    attractions: list[tuple[Attraction, float]]
    events: list[queries.Happening]
    promotions: list[Promotion]

    @property
    def available(self) -> Selection:
        return Selection(len(self.attractions), len(self.events), len(self.promotions))


def local_info(catalog: Catalog, hotspot: Hotspot, today: date) -> LocalInfo:
    nearby = queries.nearest(catalog, hotspot.location, MAX_ATTRACTIONS) if hotspot.location else []
    coming = coming_events(catalog, today)
    promotions = sorted(
        (p for p in catalog.promotions if p.valid_on(today) and p.targets(hotspot)),
        key=lambda p: (-p.priority, p.valid_until, p.uid),
    )
    return LocalInfo(hotspot, today, nearby, coming, promotions)


def coming_events(catalog: Catalog, today: date) -> list[queries.Happening]:
    """The occurrences every portal shows as of `today`, read as one summary key (which ones, and when):
    a date moved elsewhere in the agenda leaves every hotspot's pack as it was."""
    store = catalog.__dict__.setdefault("_portal_events", {})
    found = store.get(today)
    if found is None:
        token = READS.set(None)
        try:
            found = store[today] = queries.upcoming(catalog, today, until=today + timedelta(days=EVENT_DAYS))
            del found[MAX_EVENTS:]
        finally:
            READS.reset(token)
    reads = READS.get()
    if reads is not None:
        reads.add(("summary", _coming_summary(today)))
    return found


def _coming_summary(today: date) -> str:
    return f"portal-events:{today.isoformat()}"  # the date is in the build's stamp: one key per stamp


@bp.record
def _register_coming_summary(state: Any) -> None:
    """Before the build's plan asks its version: the app's 'today' is known once the app is configured."""
    today = state.app.config["NOW"].date()
    queries.SUMMARIES.setdefault(
        _coming_summary(today),
        lambda catalog: tuple((h.event.uid, h.occurrence) for h in coming_events(catalog, today)),
    )


@dataclass
class Pack:
    slug: str
    splash: dict[str, bytes] = field(default_factory=dict)  # lang → page
    document: bytes = b""
    zips: dict[str, bytes] = field(default_factory=dict)  # router → zip
    sizes: dict[str, int] = field(default_factory=dict)  # lang → largest page in bytes


def packs(app: Flask) -> dict[str, Pack]:
    """Every hotspot's pack by slug; a page that cannot fit fails the build."""
    catalog: Catalog = app.config["CATALOG"]
    slugs = sorted(hotspot.t("id").slug for hotspot in catalog.hotspots)
    if has_request_context():
        return {slug: pack_of(app, slug) for slug in slugs}
    with app.test_request_context("/"):
        return {slug: pack_of(app, slug) for slug in slugs}


def pack_of(app: Flask, slug: str) -> Pack | None:
    """One hotspot's pack, built once per app when first asked; each of its outputs depends on what
    this hotspot shows, not on every hotspot's neighbourhood."""
    hotspot = app.config["SLUGS"].get(("hotspot", "id", slug))
    if hotspot is None:
        return None
    today = app.config["NOW"].date()
    store = app.extensions.setdefault("wistakon.remembered", {})
    return remembered(store, (_CACHE_KEY, slug), lambda: build_pack(local_info(app.config["CATALOG"], hotspot, today)))


def _pack(slug: str) -> Pack:
    found = pack_of(current_app, slug)
    if found is None:
        abort(404)
    return found


def build_pack(info: LocalInfo) -> Pack:
    slug = info.hotspot.t("id").slug
    result = Pack(slug)
    rendered: dict[str, dict[str, str]] = {}
    shown: dict[str, Selection] = {}
    for lang in ("id", "en"):
        try:
            selection = fit(lambda s, lang=lang: _largest(render_pages(info, lang, s)), info.available, PAGE_BUDGET)
        except OverBudget as over:
            api.fail_build(
                f"portal page of hotspot '{slug}' ({info.hotspot.t('id').source}) cannot fit: {over}. "
                "Shorten the theme's portal templates (themes/*/templates/portal/) or raise the budget."
            )
        shown[lang] = selection
        rendered[lang] = render_pages(info, lang, selection)
        result.sizes[lang] = _largest(rendered[lang])
        result.splash[lang] = rendered[lang]["splash"].encode("utf-8")
    result.zips["mikrotik"] = deterministic_zip(_mikrotik_files(info, rendered))
    result.zips["opennds"] = deterministic_zip(_opennds_files(info, rendered))
    document = portal_document(info, shown, result.sizes)
    try:
        api_schema.check("portal", document, f"/portal/{slug}/portal.json")
    except api_schema.DocumentInvalid as invalid:
        api.fail_build(str(invalid))
    result.document = api.encode(document)
    return result


def _largest(pages: Mapping[str, str]) -> int:
    """The largest page as the client receives it, router pages with room for their variables."""
    sizes = []
    for name, text in pages.items():
        if name == "splash":
            sizes.append(len(text.encode("utf-8")))
        elif name == "opennds_theme":
            sizes.append(len(text.replace(FAS_PLACEHOLDER, "A" * FAS_ALLOWANCE).encode("utf-8")))
        else:
            sizes.append(len(text.encode("utf-8")) + ROUTER_ALLOWANCE)
    return max(sizes)


def render_pages(info: LocalInfo, lang: str, selection: Selection) -> dict[str, str]:
    """The pages that carry local information, in one language, showing `selection`."""
    context = _context(info, lang, selection)
    pages = {"splash": render_template("portal/splash.html", **context)}
    pages["mikrotik_login"] = _render("portal/mikrotik/login.html", context)
    pages["opennds_theme"] = _render("portal/opennds/page.html", {**context, "mode": "themespec"})
    if lang == "id":  # the legacy templated splash has no way to switch language
        pages["opennds_legacy"] = _render("portal/opennds/page.html", {**context, "mode": "legacy"})
    return pages


def _context(info: LocalInfo, lang: str, selection: Selection) -> dict[str, Any]:
    base = current_app.config["BASE_URL"]

    def absolute(endpoint: str, **values: object) -> str:
        return base + url_for(endpoint, **values)

    return {
        "lang": lang,
        "hotspot": info.hotspot,
        "today": info.today,
        "attractions": info.attractions[: selection.attractions],
        "events": info.events[: selection.events],
        "promotions": info.promotions[: selection.promotions],
        "summary": lambda text: shorten(text, selection.summary_chars),
        "when": lambda occurrence: when(occurrence, lang),
        "absolute": absolute,
    }


def when(occurrence: Occurrence, lang: str) -> str:
    """'Sabtu, 28 November 2026 · 20:00', or a day range for several all-day days."""
    text = i18n.format_date(occurrence.start, lang)
    if occurrence.all_day and occurrence.last_date != occurrence.start_date:
        text += " – " + i18n.format_date(occurrence.last_date, lang)
    elif not occurrence.all_day:
        text += " · " + i18n.format_time(occurrence.start)
    return text


def _source(name: str) -> str:
    """A theme file's text exactly as written: router files must not pass through Jinja."""
    record_template(name)
    return current_app.jinja_loader.get_source(current_app.jinja_env, name)[0]


# --- router packs -----------------------------------------------------------------------------


def _mikrotik_files(info: LocalInfo, rendered: Mapping[str, Mapping[str, str]]) -> dict[str, bytes]:
    folder = f"wistakon-{info.hotspot.t('id').slug}/"
    files: dict[str, bytes] = {}
    for lang, prefix in (("id", ""), ("en", "en/")):
        context = _context(info, lang, Selection(0, 0, 0))
        for name in MIKROTIK_PAGES:
            if name == "login.html":
                text = rendered[lang]["mikrotik_login"]
            else:
                text = _render(f"portal/mikrotik/{name}", context)
            files[folder + prefix + name] = text.encode("utf-8")
    context = _context(info, "id", Selection(0, 0, 0))
    for name in MIKROTIK_SHARED:
        files[folder + name] = _render(f"portal/mikrotik/{name}", context).encode("utf-8")
    files[folder + "md5.js"] = _source("portal/mikrotik/md5.js").encode("utf-8")
    files["README.txt"] = _render("portal/mikrotik/README.txt", context).encode("utf-8")
    return files


def _opennds_files(info: LocalInfo, rendered: Mapping[str, Mapping[str, str]]) -> dict[str, bytes]:
    context = _context(info, "id", Selection(0, 0, 0))
    parts = {lang: split_page(rendered[lang]["opennds_theme"]) for lang in ("id", "en")}
    theme = _render(
        "portal/opennds/theme_wistakon.sh",
        {
            **context,
            "head_id": parts["id"][0].split("\n"),
            "head_en": parts["en"][0].split("\n"),
            "body_id": parts["id"][1].split("\n"),
            "body_en": parts["en"][1].split("\n"),
            "foot": parts["id"][2].split("\n"),
        },
    )
    legacy = "".join(split_page(rendered["id"]["opennds_legacy"]))
    return {
        "theme_wistakon.sh": theme.encode("utf-8"),
        "splash.html": legacy.encode("utf-8"),
        "README.txt": _render("portal/opennds/README.txt", context).encode("utf-8"),
    }


def split_page(text: str) -> tuple[str, str, str]:
    """(head, body, foot) of an openNDS page, cut at its <!--wistakon:body/foot--> markers:
    a ThemeSpec prints them from header(), the page itself, and footer()."""
    head, _, rest = text.partition(BODY_MARK)
    body, _, foot = rest.partition(FOOT_MARK)
    return head.rstrip("\n"), body.strip("\n"), foot.lstrip("\n").rstrip("\n")


def _render(template: str, context: Mapping[str, Any]) -> str:
    """A router file: rendered with the escaper of the language the router reads it in."""
    return escape.render(template, context)


# --- portal.json ------------------------------------------------------------------------------


def portal_document(info: LocalInfo, shown: Mapping[str, Selection], sizes: Mapping[str, int]) -> dict[str, Any]:
    hotspot = info.hotspot
    slug = hotspot.t("id").slug

    def both(get) -> dict[str, str]:
        return {lang: get(lang) for lang in ("id", "en")}

    def page_urls(endpoint: str, item) -> dict[str, str]:
        return both(lambda lang: api.absolute(url_for(endpoint, lang=lang, slug=item.t(lang).slug)))

    return {
        "$schema": api.schema_url("portal"),
        "date": info.today.isoformat(),
        "hotspot": {
            "uid": hotspot.uid,
            "slug": slug,
            "ssid": hotspot.ssid,
            "area": hotspot.area,
            "router": hotspot.router,
            "status": hotspot.status,
            "title": both(lambda lang: hotspot.t(lang).title),
            "location": api.location(hotspot.location),
        },
        "attractions": [
            {
                "uid": a.uid,
                "distance_m": round(metres),
                "title": both(lambda lang, a=a: a.t(lang).title),
                "summary": both(lambda lang, a=a: a.t(lang).summary),
                "url": page_urls("pages.attraction", a),
            }
            for a, metres in info.attractions
        ],
        "events": [
            {
                "uid": h.event.uid,
                "key": h.occurrence.key,
                "ical_uid": api.ical_uid(h.event, h.occurrence),
                "start": api.iso(h.occurrence.start),
                "end": api.iso(h.occurrence.end),
                "all_day": h.occurrence.all_day,
                "status": h.occurrence.status,
                "title": both(lambda lang, h=h: h.event.t(lang).title),
                "url": page_urls("agenda.event", h.event),
            }
            for h in info.events
        ],
        "promotions": [
            {
                "uid": p.uid,
                "priority": p.priority,
                "example": p.example,
                "business": p.business,
                "valid_from": p.valid_from.isoformat(),
                "valid_until": p.valid_until.isoformat(),
                "title": both(lambda lang, p=p: p.t(lang).title),
                "summary": both(lambda lang, p=p: p.t(lang).summary),
                "link": p.link,
            }
            for p in info.promotions
        ],
        "splash": {
            lang: {
                "url": api.absolute(url_for("portal.splash", slug=slug, lang=lang)),
                "bytes": sizes[lang],
                "budget": PAGE_BUDGET,
                "shown": {
                    "attractions": shown[lang].attractions,
                    "events": shown[lang].events,
                    "promotions": shown[lang].promotions,
                    "summary_chars": shown[lang].summary_chars,
                },
            }
            for lang in ("id", "en")
        },
        "packs": {router: api.absolute(url_for("portal.pack", slug=slug, router=router)) for router in ROUTERS},
    }
