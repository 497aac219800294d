"""Theme static files under /static/, by fingerprinted name."""

from __future__ import annotations

from collections.abc import Iterator

from flask import Blueprint, abort, current_app, send_file

bp = Blueprint("assets", __name__)


@bp.route("/static/<path:url_name>")
def asset(url_name: str):
    found = current_app.config["THEME"].by_url_name.get(url_name)
    if found is None:
        abort(404)
    response = send_file(found.path, max_age=31536000)
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


def urls() -> Iterator[tuple[str, dict[str, str]]]:
    for url_name in sorted(current_app.config["THEME"].by_url_name):
        yield "assets.asset", {"url_name": url_name}
