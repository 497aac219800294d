"""Packs that routers fetch themselves, and the fleet report.

Per hotspot, under /portal/<slug>/: each router's files one by one (`mikrotik/login.html`,
`opennds/theme_wistakon.sh` …) with `manifest.txt` and `manifest.json` beside them; the RouterOS
updater (`mikrotik-update.rsc`, `mikrotik-install.rsc`) and the openNDS one (`opennds-update.sh`).
/portal/fleet.json and /portal/fleet.txt list every hotspot with its router, pack date and hashes.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterator
from typing import Any

from flask import Blueprint, Response, abort, current_app, request, url_for

from site_builder import api_schema
from site_builder.catalog import Catalog, remembered
from site_builder.portal import updates
from site_builder.web import api, portal

bp = Blueprint("portal_files", __name__)

_CACHE_KEY = "wistakon.portal.release"


def release(slug: str, router: str) -> updates.Release:
    """A hotspot's pack for one router as published files; built once per app."""
    app = current_app._get_current_object()  # noqa: SLF001 - the app is the cache's owner

    def build() -> updates.Release:
        pack = portal.pack_of(app, slug)
        if pack is None:
            abort(404)
        try:
            return updates.release(slug, router, app.config["NOW"].date(), pack.zips[router])
        except ValueError as unsafe:
            api.fail_build(f"{unsafe}. Rename the file in the theme's portal templates.")
            raise

    store = app.extensions.setdefault("wistakon.remembered", {})
    return remembered(store, (_CACHE_KEY, slug, router), build)


def _absolute(endpoint: str, **values: str) -> str:
    return current_app.config["BASE_URL"] + url_for(endpoint, **values)


def _pack_url(slug: str, router: str) -> str:
    return _absolute("portal_files.manifest", slug=slug, router=router).removesuffix("manifest.txt")


@bp.route("/portal/<slug>/<any(mikrotik, opennds):router>/manifest.txt", endpoint="manifest")
def manifest(slug: str, router: str):
    return Response(release(slug, router).manifest, mimetype="text/plain")


@bp.route("/portal/<slug>/<any(mikrotik, opennds):router>/manifest.json", endpoint="manifest_json")
def manifest_json(slug: str, router: str):
    document = {"$schema": api.schema_url("pack_manifest"), **release(slug, router).document(_pack_url(slug, router))}
    return _json("pack_manifest", document)


def _json(schema: str, document: dict[str, Any]) -> Response:
    """A document checked against its published schema; one that breaks it fails the build."""
    try:
        api_schema.check(schema, document, request.path)
    except api_schema.DocumentInvalid as invalid:
        api.fail_build(str(invalid))
    return Response(api.encode(document), mimetype="application/json")


@bp.route("/portal/<slug>/<any(mikrotik, opennds):router>/<path:name>", endpoint="file")
def pack_file(slug: str, router: str, name: str):
    found = release(slug, router).file(name)
    if found is None:
        abort(404)
    return Response(found.body, mimetype=mimetypes.guess_type(name)[0] or "application/octet-stream")


# .rsc has no registered type; Frozen-Flask and WhiteNoise both fall back to this one.
_RSC = "application/octet-stream"


# The scripts depend on the hotspot's slug and the site URL only, not on what the pack shows today.
@bp.route("/portal/<slug>/mikrotik-update.rsc", endpoint="routeros_script")
def routeros_script(slug: str):
    _known(slug)
    names = published_names("mikrotik")
    return Response(updates.routeros_script(slug, _pack_url(slug, "mikrotik"), names), mimetype=_RSC)


@bp.route("/portal/<slug>/mikrotik-install.rsc", endpoint="routeros_install")
def routeros_install(slug: str):
    _known(slug)
    script = _absolute("portal_files.routeros_script", slug=slug)
    return Response(updates.routeros_install(slug, script), mimetype=_RSC)


@bp.route("/portal/<slug>/opennds-update.sh", endpoint="opennds_script")
def opennds_script(slug: str):
    _known(slug)
    return Response(updates.opennds_script(slug, _pack_url(slug, "opennds")), mimetype="text/x-sh")


def _known(slug: str) -> None:
    if ("hotspot", "id", slug) not in current_app.config["SLUGS"]:
        abort(404)


@bp.route("/portal/fleet.json", endpoint="fleet_json")
def fleet_json():
    return _json("fleet", {"$schema": api.schema_url("fleet"), **fleet()})


@bp.route("/portal/fleet.txt", endpoint="fleet_text")
def fleet_text():
    document = fleet()
    lines = [f"Wistakon hotspot packs of {document['date']} ({len(document['hotspots'])} hotspots)", ""]
    lines.append(f"{'hotspot':<40} {'router':<9} {'status':<10} {'date':<10} pack sha256")
    for row in document["hotspots"]:
        pack = row["packs"][row["router"]]
        lines.append(f"{row['slug']:<40} {row['router']:<9} {row['status']:<10} {pack['date']:<10} {pack['sha256']}")
    return Response("\n".join(lines) + "\n", mimetype="text/plain")


def fleet() -> dict[str, Any]:
    """Every hotspot with the router it runs and, per router type, the date and hash of its pack."""
    catalog: Catalog = current_app.config["CATALOG"]
    rows = []
    for hotspot in sorted(catalog.hotspots, key=lambda h: h.t("id").slug):
        slug = hotspot.t("id").slug
        packs = {}
        for router in portal.ROUTERS:
            published = release(slug, router)
            packs[router] = {
                "date": published.day.isoformat(),
                "sha256": published.sha256,
                "manifest": _absolute("portal_files.manifest", slug=slug, router=router),
            }
        rows.append(
            {
                "uid": hotspot.uid,
                "slug": slug,
                "title": hotspot.t("id").title,
                "area": hotspot.area,
                "status": hotspot.status,
                "router": hotspot.router,
                "packs": packs,
                "update_script": _absolute(
                    "portal_files.routeros_script" if hotspot.router == "mikrotik" else "portal_files.opennds_script",
                    slug=slug,
                ),
            }
        )
    return {"date": current_app.config["NOW"].date().isoformat(), "hotspots": rows}


def published_names(router: str) -> list[str]:
    """The files of a router's pack, known without rendering it (a test holds them to the zips)."""
    if router == "opennds":
        return ["splash.html", "theme_wistakon.sh"]
    pages = [*portal.MIKROTIK_PAGES, *portal.MIKROTIK_SHARED, "md5.js"]
    return sorted([*pages, *(f"en/{name}" for name in portal.MIKROTIK_PAGES)])


def urls() -> Iterator[tuple[str, dict[str, str]]]:
    yield "portal_files.fleet_json", {}
    yield "portal_files.fleet_text", {}
    for slug in sorted(hotspot.t("id").slug for hotspot in current_app.config["CATALOG"].hotspots):
        for router in portal.ROUTERS:
            yield "portal_files.manifest", {"slug": slug, "router": router}
            yield "portal_files.manifest_json", {"slug": slug, "router": router}
            for name in published_names(router):
                yield "portal_files.file", {"slug": slug, "router": router, "name": name}
        yield "portal_files.routeros_script", {"slug": slug}
        yield "portal_files.routeros_install", {"slug": slug}
        yield "portal_files.opennds_script", {"slug": slug}
