"""Content images under /media/, as the snapshot holds them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from flask import Blueprint, abort, current_app, send_file

bp = Blueprint("media", __name__)


@bp.route("/media/<path:file>")
def image(file: str):
    source = current_app.config["IMAGES"].get(file)  # logical name → the file on disk
    if source is None:
        abort(404)
    return send_file(Path(source), max_age=86400)


def urls() -> Iterator[tuple[str, dict[str, str]]]:
    for file in sorted(current_app.config["IMAGES"]):
        yield "media.image", {"file": file}
