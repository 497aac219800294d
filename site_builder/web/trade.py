"""For tour operators and travel agents: each agenda year as a printable booklet (PDF) and a spreadsheet.

URLs, Indonesian first, English under /en/, one set per year that has occurrences:

    /agenda/biro-perjalanan/                  /en/agenda/travel-agents/              the downloads and the feeds
    /agenda/kalender-event-2027.pdf           /en/agenda/calendar-of-events-2027.pdf the booklet (A4)
    /agenda/kalender-event-2027.xlsx|.csv     /en/agenda/calendar-of-events-2027.xlsx|.csv   one row per occurrence

Every date and time is the build's or the content's, never the clock's: the same content gives the same bytes.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time

from flask import Blueprint, Response, abort, current_app, render_template, url_for
from markupsafe import Markup

from site_builder import ical, spreadsheet
from site_builder.calendars import Rule, hijri, javanese
from site_builder.catalog import JAKARTA, Catalog
from site_builder.web import i18n, media, queries
from site_builder.web.agenda import subscription
from site_builder.web.feeds import event_categories
from site_builder.web.render import absolute, page
from site_builder.web.urls import PREFIX, SEGMENTS

bp = Blueprint("trade", __name__)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
mimetypes.add_type(XLSX, ".xlsx")  # Frozen-Flask checks a file's type by its name; not every system knows .xlsx
PAGE_SEGMENT = {"id": "biro-perjalanan", "en": "travel-agents"}
FILE_STEM = {"id": "kalender-event-", "en": "calendar-of-events-"}  # + the year

COLUMNS = (
    "uid",
    "event",
    "summary",
    "start_date",
    "end_date",
    "start_time",
    "end_time",
    "all_day",
    "status",
    "venue",
    "lat",
    "lon",
    "category",
    "calendar",
    "page",
    "ics",
)


def say(lang: str, key: str, **values: object) -> str:
    """A word of this page and of the booklet: the theme's catalogs hold them as trade.<key>."""
    return i18n.word(lang, f"trade.{key}", **values)


@dataclass(frozen=True)
class Entry:
    """One occurrence as the booklet and the spreadsheet show it, in one language."""

    uid: str  # the iCal UID, as in /agenda/<year>.ics
    event: str
    summary: str
    start_date: date
    end_date: date  # the last day it runs on (inclusive)
    start_time: time | None  # WIB; None: all day
    end_time: time | None
    status: str  # tentative | confirmed | postponed | cancelled
    status_label: str
    venue: str
    lat: float | None
    lon: float | None
    category: str
    calendar: str
    page: str
    ics: str

    @property
    def all_day(self) -> bool:
        return self.start_time is None

    def row(self) -> list[spreadsheet.Cell]:
        values = {**self.__dict__, "all_day": self.all_day, "status": self.status_label}
        return [values[name] for name in COLUMNS]


def describe_rule(rule: Rule | None, lang: str) -> str:
    """The calendar an event follows, in words: 'Hijriah: 12 Rabiul Awal, malam sebelumnya'."""
    if rule is None:
        return say(lang, "calendar.none")
    name = say(lang, f"calendar.{rule.calendar}")
    if rule.calendar == "organiser" or rule.month is None:
        return name
    if rule.calendar == "chinese":
        when = say(lang, "rule.chinese_day", day=rule.day, month=rule.month)
    else:
        month = _month_name(rule.calendar, rule.month, lang)
        if rule.day is not None:
            when = say(lang, "rule.day", day=rule.day, month=month)
        else:
            weekday = i18n.WEEKDAY_NAMES[lang][rule.weekday or "mon"]
            when = say(lang, "rule.nth", weekday=weekday, nth=say(lang, f"nth.{rule.nth}"), month=month)
    parts = [f"{name}: {when}"]
    if rule.offset_days:
        direction = say(lang, "rule.after" if rule.offset_days > 0 else "rule.before")
        parts.append(say(lang, "rule.offset", days=abs(rule.offset_days), direction=direction))
    if rule.evening_before:
        parts.append(say(lang, "rule.evening_before"))
    return ", ".join(parts)


def _month_name(calendar: str, month: int, lang: str) -> str:
    if calendar == "hijri":
        return hijri.MONTH_NAMES[month - 1]
    if calendar.startswith("javanese"):
        return javanese.MONTH_NAMES[month - 1]
    return i18n.MONTHS[lang][month - 1]


def entries(catalog: Catalog, year: int, lang: str) -> list[Entry]:
    """Every occurrence starting in `year`, in date order, cancelled ones included (as in /agenda/<year>.ics)."""
    host = ical.site_host(catalog)
    found = []
    for happening in queries.in_year(catalog, year):
        event, occurrence = happening.event, happening.occurrence
        text = event.t(lang)
        where = None if occurrence.venue_name else ical.venue_location(catalog, event)
        category = catalog.category(event.category_uid)
        timed = isinstance(occurrence.start, datetime)
        found.append(
            Entry(
                uid=ical.uid(event, occurrence, host),
                event=spreadsheet.printable(text.title),
                summary=spreadsheet.printable(text.summary),
                start_date=occurrence.start_date,
                end_date=occurrence.last_date,
                start_time=occurrence.start.astimezone(JAKARTA).time() if timed else None,
                end_time=occurrence.end.astimezone(JAKARTA).time() if timed else None,
                status=occurrence.status,
                status_label=_status_label(occurrence.status, lang),
                venue=spreadsheet.printable(ical.location_text(catalog, event, occurrence, lang)),
                lat=where.lat if where else None,
                lon=where.lon if where else None,
                category=spreadsheet.printable(category.t(lang).title) if category else "",
                calendar=describe_rule(event.rule, lang),
                page=absolute(url_for("agenda.event", lang=lang, slug=text.slug)),
                ics=absolute(url_for("feeds.event", lang=lang, slug=text.slug)),
            )
        )
    return found


def _status_label(status: str, lang: str) -> str:
    key = "tentative_badge" if status == "tentative" else status  # one literal per call, for pybabel extract
    return i18n.word(lang, key).lower()


def _catalog() -> Catalog:
    return current_app.config["CATALOG"]


def _year_or_404(year: int) -> int:
    if year not in queries.years(_catalog()):
        abort(404)
    return year


def _route(pattern: str, endpoint: str):
    """`pattern` with {agenda}, {page} and {stem} put in per language."""

    def register(view):
        for lang in PREFIX:
            words = {"agenda": SEGMENTS[lang]["agenda"], "page": PAGE_SEGMENT[lang], "stem": FILE_STEM[lang]}
            bp.add_url_rule(PREFIX[lang] + pattern.format(**words), endpoint, view, defaults={"lang": lang})
        return view

    return register


@bp.app_template_global()
def trade_word(lang: str, key: str, **values: object) -> str:
    return say(lang, key, **values)


@bp.app_template_global()
def trade_downloads(lang: str, year: int) -> list[tuple[str, str, str]]:
    """(label, URL, MIME type) of the year's booklet and spreadsheets in `lang`."""
    return [
        (say(lang, "booklet"), url_for("trade.booklet", lang=lang, year=year), "application/pdf"),
        (say(lang, "workbook"), url_for("trade.workbook", lang=lang, year=year), XLSX),
        (say(lang, "table"), url_for("trade.table", lang=lang, year=year), "text/csv"),
    ]


@_route("/{agenda}/{page}/", "travel_agents")
def travel_agents(lang: str):
    catalog = _catalog()
    years = queries.years(catalog)
    feeds = [(say(lang, "feed_all"), subscription("feeds.upcoming", lang=lang))]
    feeds += [(say(lang, "feed_year", year=y), subscription("feeds.year", lang=lang, year=y)) for y in years]
    feeds += [
        (c.t(lang).title, subscription("feeds.category", lang=lang, slug=c.t(lang).slug))
        for c in event_categories(catalog)
    ]
    alternates = {other: url_for("trade.travel_agents", lang=other) for other in PREFIX}
    return page("trade/travel_agents.html", lang, alternates, years=years, feeds=feeds)


@dataclass(frozen=True)
class Month:
    first_day: date
    entries: list[Entry]


def _months(year: int, found: list[Entry]) -> list[Month]:
    """All twelve months, each with the entries that start in it (an empty month says so in the booklet)."""
    return [Month(date(year, n, 1), [e for e in found if e.start_date.month == n]) for n in range(1, 13)]


@_route("/{agenda}/{stem}<int:year>.pdf", "booklet")
def booklet_pdf(lang: str, year: int):
    from site_builder import booklet  # WeasyPrint loads only in a process that prints (not in the CMS's)

    catalog, made = _catalog(), current_app.config["NOW"]
    found = entries(catalog, _year_or_404(year), lang)
    html = render_template(
        "trade/booklet.html",
        lang=lang,
        year=year,
        title=say(lang, "title", year=year),
        months=_months(year, found),
        count=len(found),
        made=made,
        font_faces=Markup(booklet.font_faces()),  # noqa: S704 - our own CSS, no content in it
        agents_url=absolute(url_for("trade.travel_agents", lang=lang)),
        contact=catalog.site.contact.get(lang) or catalog.site.contact.get("id", ""),
    )
    # Kept beside renditions and share images: a full rebuild prints only booklets whose HTML changed.
    return Response(booklet.render_pdf(html, made, media.cache_folder()), mimetype="application/pdf")


def _table(lang: str, year: int) -> tuple[list[str], list[list[spreadsheet.Cell]]]:
    found = entries(_catalog(), _year_or_404(year), lang)
    return [say(lang, f"col.{name}") for name in COLUMNS], [entry.row() for entry in found]


@_route("/{agenda}/{stem}<int:year>.xlsx", "workbook")
def workbook(lang: str, year: int):
    header, rows = _table(lang, year)
    site = _catalog().site
    body = spreadsheet.to_xlsx(
        say(lang, "title", year=year),
        header,
        rows,
        sheet_name=i18n.word(lang, "agenda_year", year=year),
        made=current_app.config["NOW"],
        creator=site.name[lang],
    )
    return Response(body, mimetype=XLSX)


@_route("/{agenda}/{stem}<int:year>.csv", "table")
def table(lang: str, year: int):
    header, rows = _table(lang, year)
    return Response(spreadsheet.to_csv(header, rows), mimetype="text/csv")


def urls() -> Iterator[tuple[str, dict[str, object]]]:
    years = queries.years(_catalog())
    for lang in PREFIX:
        yield "trade.travel_agents", {"lang": lang}
        for year in years:
            for endpoint in ("trade.booklet", "trade.workbook", "trade.table"):
                yield endpoint, {"lang": lang, "year": year}
