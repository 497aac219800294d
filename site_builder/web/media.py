"""Content images under /media/, as the snapshot holds them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from flask import Blueprint, abort, current_app, send_file

bp = Blueprint("media", __name__)


@bp.route("/media/<path:file>")
def image(file: str):
    known = current_app.config["IMAGES"]
    if file not in known:
        abort(404)
    response = send_file(Path(current_app.config["CONTENT_DIR"]) / file, max_age=86400)
    return response


def urls() -> Iterator[tuple[str, dict[str, str]]]:
    for file in sorted(current_app.config["IMAGES"]):
        yield "media.image", {"file": file}
