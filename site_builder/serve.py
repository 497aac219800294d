"""Serve a built site with WhiteNoise: the right MIME types, precompressed files, and the 404 page."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

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


def site_app(dist: Path) -> WhiteNoise:
    """A WSGI app serving `dist` (it follows the live-release symlink on every request)."""
    dist = Path(dist).absolute()

    def not_found(environ: dict, start_response: Callable) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        page = dist / ("en/404.html" if path.startswith("/en/") else "404.html")
        body = page.read_bytes() if page.is_file() else b"Not found"
        start_response(
            "404 Not Found", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))]
        )
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
