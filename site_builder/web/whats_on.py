"""What's on: today, this weekend and the next 7 days, counted from the build's date.

The pages are only as fresh as the build: the daily dated build (`wistakon build --date`) keeps them
current; a new day changes the build's stamp, so that build re-renders every page.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from flask import Blueprint, current_app

from site_builder.catalog import Catalog
from site_builder.web import queries
from site_builder.web.agenda import by_month
from site_builder.web.render import page, section_urls
from site_builder.web.urls import PREFIX, SEGMENTS

bp = Blueprint("whats_on", __name__)

SATURDAY = 5


@dataclass(frozen=True)
class Window:
    """A named span of days: its endpoint, slug per language and word key."""

    name: str
    slug: dict[str, str]

    def days(self, today: date) -> tuple[date, date]:
        """First and last day (inclusive) of this window for a build made on `today`."""
        if self.name == "today":
            return today, today
        if self.name == "weekend":
            if today.weekday() >= SATURDAY:  # on Saturday or Sunday, the weekend under way
                return today, today + timedelta(days=6 - today.weekday())
            saturday = today + timedelta(days=SATURDAY - today.weekday())
            return saturday, saturday + timedelta(days=1)
        return today, today + timedelta(days=6)


WINDOWS = (
    Window("today", {"id": "hari-ini", "en": "today"}),
    Window("weekend", {"id": "akhir-pekan-ini", "en": "this-weekend"}),
    Window("week", {"id": "7-hari-ke-depan", "en": "next-7-days"}),
)


def _catalog() -> Catalog:
    return current_app.config["CATALOG"]


def _view(window: Window):
    def view(lang: str):
        today = current_app.config["NOW"].date()
        first, last = window.days(today)
        happenings = queries.upcoming(_catalog(), first, until=last)
        return page(
            "whats_on.html",
            lang,
            section_urls(f"whats_on.{window.name}"),
            window=window,
            windows=WINDOWS,
            first=first,
            last=last,
            months=by_month(happenings),
            count=len(happenings),
        )

    return view


for _window in WINDOWS:
    _window_view = _view(_window)
    for _lang, _prefix in PREFIX.items():
        bp.add_url_rule(
            f"{_prefix}/{SEGMENTS[_lang]['agenda']}/{_window.slug[_lang]}/",
            _window.name,
            _window_view,
            defaults={"lang": _lang},
        )


def urls() -> Iterator[tuple[str, dict[str, object]]]:
    for lang in PREFIX:
        for window in WINDOWS:
            yield f"whats_on.{window.name}", {"lang": lang}
