"""Live preview: the draft an editor is looking at, rendered by the same theme as the frozen site.

Wagtail's preview panel (wagtail-headless-preview) opens this server with `?content_type=…&token=…`.
We fetch the draft from the CMS preview API as a content bundle (the files `export` would write),
lay it over the published snapshot, build the same Catalog, and render the item's page.
"""

from __future__ import annotations

import base64
import json
import shutil
import tempfile
import threading
import urllib.error
import urllib.parse
import urllib.request
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask, Response, request, url_for
from markupsafe import escape

from site_builder.markup import MarkdownCache
from site_builder.snapshot import SnapshotInvalid, load_catalog
from site_builder.web.app import create_app
from site_builder.web.theme import Theme

# The page endpoint that shows each kind of item.
ENDPOINTS = {"attractions": "pages.attraction", "events": "agenda.event", "categories": "pages.category"}
FETCH_TIMEOUT_S = 10


class PreviewError(RuntimeError):
    pass


@dataclass
class _Draft:
    """The latest preview: its app serves the page's assets and links until the next preview."""

    app: Flask
    folder: Path


def fetch_draft(cms_url: str, content_type: str, token: str) -> dict[str, Any]:
    query = urllib.parse.urlencode({"content_type": content_type, "token": token})
    url = f"{cms_url.rstrip('/')}/preview-api/?{query}"
    try:
        with urllib.request.urlopen(url, timeout=FETCH_TIMEOUT_S) as response:  # noqa: S310 - the CMS's own URL
            return json.load(response)
    except urllib.error.HTTPError as error:
        raise PreviewError(
            f"the CMS refused the preview ({error.code}): the link may have expired; press Preview again"
        ) from error
    except (urllib.error.URLError, TimeoutError) as error:
        raise PreviewError(f"the CMS at {cms_url} did not answer ({error}); is it running?") from error


def write_bundle(draft: dict[str, Any], folder: Path) -> Path:
    """Write the draft's files into `folder`/<name> and return that bundle folder."""
    bundle = folder / draft["folder"]
    bundle.mkdir(parents=True)
    for name, text in draft["files"].items():
        _safe_child(bundle, name).write_text(text, encoding="utf-8")
    for name, encoded in draft.get("images", {}).items():
        _safe_child(bundle, name).write_bytes(base64.b64decode(encoded))
    return bundle


def _safe_child(folder: Path, name: str) -> Path:
    if "/" in name or "\\" in name or name.startswith("."):
        raise PreviewError(f"refusing a draft file named {name!r}")
    return folder / name


def create_preview_app(
    content_dir: Path, cms_url: str, *, theme: Theme | None = None, frame_ancestors: str | None = None
) -> Flask:
    """The preview server: a small Flask app in front of per-draft site apps."""
    server = Flask(__name__, static_folder=None)
    theme = theme or Theme()
    markdown = MarkdownCache()
    latest: dict[str, _Draft] = {}
    lock = threading.Lock()
    scratch = Path(tempfile.mkdtemp(prefix="wistakon-preview-"))
    weakref.finalize(server, shutil.rmtree, scratch, ignore_errors=True)
    ancestors = frame_ancestors or f"'self' {_origin(cms_url)}"

    def framed(response: Response) -> Response:
        # The admin shows this page in its preview panel, from another origin.
        response.headers["Content-Security-Policy"] = f"frame-ancestors {ancestors}"
        response.headers.pop("X-Frame-Options", None)
        response.headers["Cache-Control"] = "no-store"
        return response

    @server.route("/")
    def preview() -> Response:
        content_type, token = request.args.get("content_type"), request.args.get("token")
        if not content_type or not token:
            return framed(Response(_message("Nothing to preview", "Open a page in the CMS and press Preview."), 400))
        folder = Path(tempfile.mkdtemp(dir=scratch))
        try:
            draft = fetch_draft(cms_url, content_type, token)
            bundle = write_bundle(draft, folder)
            key = f"{draft['section']}/{draft['folder']}"
            catalog = load_catalog(content_dir, markdown, overlay={key: bundle})
        except (PreviewError, SnapshotInvalid) as error:
            shutil.rmtree(folder, ignore_errors=True)
            if isinstance(error, SnapshotInvalid):
                return framed(Response(_problems(error), 422))
            return framed(Response(_message("Preview unavailable", str(error)), 502))
        site = create_app(catalog, theme=theme, content_dir=content_dir, preview=True)
        with lock:
            previous = latest.pop("draft", None)
            latest["draft"] = _Draft(site, folder)
        if previous is not None:
            shutil.rmtree(previous.folder, ignore_errors=True)
        item = catalog.by_uid[draft["uid"]]
        lang = draft.get("lang", "id")
        endpoint = ENDPOINTS.get(draft["section"])
        if endpoint is None:
            return framed(Response(_message("Saved", f"{draft['section']} have no page of their own."), 200))
        with site.test_request_context():
            path = url_for(endpoint, lang=lang, slug=item.t(lang).slug)
        return framed(_forward(site, path))

    @server.route("/<path:path>")
    def assets(path: str) -> Response:
        draft = latest.get("draft")
        if draft is None:
            return framed(Response(_message("Nothing to preview", "Press Preview in the CMS first."), 404))
        return framed(_forward(draft.app, "/" + path))

    return server


def _forward(site: Flask, path: str) -> Response:
    answer = site.test_client().get(path)
    try:
        return Response(answer.get_data(), status=answer.status_code, content_type=answer.content_type)
    finally:
        answer.close()


def _origin(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _message(title: str, text: str) -> str:
    return (
        f"<!doctype html><html lang=en><meta charset=utf-8><title>{escape(title)}</title>"
        f"<body style='font-family:system-ui;padding:1rem'><h1>{escape(title)}</h1><p>{escape(text)}</p>"
    )


def _problems(invalid: SnapshotInvalid) -> str:
    items = "".join(f"<li>{escape(str(error))}</li>" for error in invalid.errors)
    return (
        "<!doctype html><html lang=id><meta charset=utf-8><title>Draf belum valid</title>"
        "<body style='font-family:system-ui;padding:1rem'><h1>Draf belum bisa ditampilkan</h1>"
        f"<p>Perbaiki dulu / fix these first:</p><ul>{items}</ul>"
    )
