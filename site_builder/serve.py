"""Serve a built site with WhiteNoise: the right MIME types, precompressed files, and a 404 of the right type.

Other static hosts: docs/HOSTING.md says how to give them the same 404s.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

from whitenoise import WhiteNoise

# WhiteNoise adds the charset itself to text/* types.
MIMETYPES = {
    ".csv": "text/csv",
    ".ics": "text/calendar",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".xml": "application/xml",
    ".zip": "application/zip",
}


def not_found_body(dist: Path, path: str) -> tuple[str, bytes]:
    """(content type, body) of the 404 for `path`: JSON for the API, plain text for feeds and other files,
    the site's 404 page in the path's language for pages. A calendar app or the mobile app must not be
    handed HTML it would try to parse as a calendar or a document."""
    suffix = PurePosixPath(path).suffix.lower()
    if path.startswith("/api/") or suffix == ".json":
        return "application/json", json.dumps({"error": "not found", "path": path}).encode() + b"\n"
    if suffix and suffix != ".html":
        return "text/plain; charset=utf-8", f"Not found: {path}\n".encode()
    page = dist / ("en/404.html" if path.startswith("/en/") else "404.html")
    return "text/html; charset=utf-8", page.read_bytes() if page.is_file() else b"Not found"


def site_app(dist: Path) -> WhiteNoise:
    """A WSGI app serving `dist` (it follows the live-release symlink on every request)."""
    dist = Path(dist).absolute()

    def not_found(environ: dict, start_response: Callable) -> Iterable[bytes]:
        kind, body = not_found_body(dist, environ.get("PATH_INFO", ""))
        start_response("404 Not Found", [("Content-Type", kind), ("Content-Length", str(len(body)))])
        return [body]

    return WhiteNoise(
        not_found,
        root=str(dist),
        index_file=True,
        autorefresh=True,  # a new build swaps the symlink; see it without a restart
        mimetypes=MIMETYPES,
        immutable_file_test=r"^/static/.+\.[0-9a-f]{10}\.\w+$",
        max_age=300,
    )


def serve(dist: Path, host: str, port: int) -> None:
    from werkzeug.serving import run_simple

    run_simple(host, port, site_app(dist), threaded=True, use_reloader=False)
