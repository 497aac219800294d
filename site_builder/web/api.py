"""The mobile app's JSON API under /api/v1/."""

from __future__ import annotations

from collections.abc import Iterator

from flask import Blueprint

bp = Blueprint("api", __name__)


def urls() -> Iterator[tuple[str, dict[str, str]]]:
    return iter(())
