"""iCalendar feeds (.ics) of the agenda: all, per year, per category, per venue, per event."""

from __future__ import annotations

from collections.abc import Iterator

from flask import Blueprint

bp = Blueprint("feeds", __name__)


def urls() -> Iterator[tuple[str, dict[str, str]]]:
    return iter(())
