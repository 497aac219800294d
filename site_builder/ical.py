"""iCalendar (RFC 5545) feeds of the agenda: a Catalog's happenings in, an `icalendar.Calendar` out.

Pure: no Flask. Every value comes from the content, never from the clock, so the same content gives
the same bytes. `icalendar` does the escaping and line folding; this module decides what each
property says.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta
from functools import cache
from urllib.parse import urlsplit

import icalendar

from site_builder.catalog import JAKARTA, Catalog, Event, Location, Occurrence, remembered
from site_builder.web import i18n
from site_builder.web.queries import Happening

TZID = "Asia/Jakarta"
FEED_LIMIT_BYTES = 1_000_000  # "well under 1 MB": a feed over this fails the build
REFRESH = timedelta(hours=12)
# Postponed has no RFC 5545 status of its own: the date is open again, so TENTATIVE plus a note.
ICAL_STATUS = {"tentative": "TENTATIVE", "confirmed": "CONFIRMED", "postponed": "TENTATIVE", "cancelled": "CANCELLED"}
# RFC 5545 TEXT cannot carry control characters (3.3.11); tab and newline are kept, the rest dropped,
# with any byte-order mark pasted into the text (parsers strip it).
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufeff]")


class FeedTooLarge(ValueError):
    """A feed grew over FEED_LIMIT_BYTES; calendar clients start refusing or truncating such feeds."""


def site_host(catalog: Catalog) -> str:
    return urlsplit(catalog.site.base_url).hostname or "wistakon"


def uid(event: Event, occurrence: Occurrence, host: str) -> str:
    """Stable for the life of the occurrence: confirming or moving a date keeps it."""
    return f"{event.uid}-{occurrence.key}@{host}"


def plain_text(text: str) -> str:
    """Text as RFC 5545 can carry it: one kind of line break (LF), no control characters."""
    return _NOT_TEXT.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


class Text(icalendar.vText):
    """A TEXT value escaped exactly as RFC 5545 3.3.11 says.

    icalendar's vText reads a literal backslash-N in its input as a line break (its documented
    shorthand); in our content it is just text, so backslashes are escaped first, like any other.
    icalendar still folds the line.
    """

    def to_ical(self) -> bytes:
        escaped = self.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
        return escaped.encode(self.encoding)


class Categories(icalendar.vCategory):
    """CATEGORIES: a list of TEXT values, each escaped as Text is, joined by unescaped commas."""

    def to_ical(self) -> bytes:
        return b",".join(Text(str(category)).to_ical() for category in self.cats)


def venue_location(catalog: Catalog, event: Event) -> Location | None:
    if event.venue is None:
        return None
    attraction = catalog.attraction(event.venue.attraction_uid) if event.venue.attraction_uid else None
    return attraction.location if attraction is not None else event.venue.location


def location_text(catalog: Catalog, event: Event, occurrence: Occurrence, lang: str) -> str:
    """'Keraton Kasepuhan, Jl. Kasepuhan No. 43, Lemahwungkuk, Kota Cirebon': name, then address."""
    if occurrence.venue_name:
        return occurrence.venue_name
    if event.venue is None:
        return "Kota Cirebon"
    attraction = catalog.attraction(event.venue.attraction_uid) if event.venue.attraction_uid else None
    name = attraction.t(lang).title if attraction is not None else event.venue.name
    where = venue_location(catalog, event)
    parts = [name]
    if where is not None:
        parts += [where.address, where.kelurahan or where.desa, where.kecamatan, where.region]
    return joined_once(parts)


# How an address segment may differ from the same place named again: a postcode, an administrative prefix.
_POSTCODE = re.compile(r"\s+\d{5}$")
_ADMIN_PREFIX = re.compile(r"^(?:desa|kelurahan|kel\.|kecamatan|kec\.)\s+", re.I)


def joined_once(parts: Iterable[str]) -> str:
    """Parts joined by commas, leaving out any comma-separated piece already said.

    Editors often write the kelurahan, kecamatan and city into the address as well:
    'Jl. Kasepuhan No. 43, Kasepuhan, Lemahwungkuk, Kota Cirebon' is not followed by them again.
    """
    said: set[str] = set()
    kept: list[str] = []
    for part in parts:
        pieces = [piece.strip() for piece in part.split(",") if piece.strip()]
        keys = [_ADMIN_PREFIX.sub("", _POSTCODE.sub("", piece)).casefold() for piece in pieces]
        if not part or (pieces and all(key in said for key in keys)):
            continue
        kept.append(part)
        said.update(keys)
    return ", ".join(kept)


def description_text(event: Event, occurrence: Occurrence, lang: str) -> str:
    """The summary, then a line on the date's standing when it is not simply confirmed."""
    lines = [event.t(lang).summary]
    if occurrence.status == "tentative":
        lines.append(i18n.word(lang, "tentative"))
    elif occurrence.status == "postponed":
        lines.append(i18n.word(lang, "postponed_note"))
    elif occurrence.status == "cancelled":
        lines.append(i18n.word(lang, "cancelled_note"))
    if occurrence.previous_start is not None and occurrence.status != "cancelled":
        lines.append(i18n.word(lang, "previous_start", date=i18n.format_date(occurrence.previous_start, lang)))
    return "\n\n".join(lines)


def vevent(
    catalog: Catalog,
    happening: Happening,
    lang: str,
    *,
    url: str = "",
    host: str | None = None,
    transparent: bool = True,
) -> icalendar.Event:
    """One occurrence as a VEVENT in `lang`; `url` is its page in that language."""
    event, occurrence = happening.event, happening.occurrence
    text = event.t(lang)
    component = icalendar.Event()
    component.add("uid", uid(event, occurrence, host or site_host(catalog)))
    # DTSTAMP is the content's own change time, so an unchanged feed is byte-identical.
    component.add("dtstamp", occurrence.updated.astimezone(UTC))
    component.add("last-modified", max(occurrence.updated, event.updated).astimezone(UTC))
    component.add("sequence", occurrence.sequence)
    component.add("dtstart", _when(occurrence.start))
    component.add("dtend", _when(occurrence.end))  # the Catalog keeps an all-day end exclusive, as RFC 5545 does
    component.add("summary", Text(plain_text(text.title)))
    component.add("description", Text(plain_text(description_text(event, occurrence, lang))))
    component.add("location", Text(plain_text(location_text(catalog, event, occurrence, lang))))
    where = venue_location(catalog, event)
    if where is not None and not occurrence.venue_name:
        component.add("geo", (where.lat, where.lon))
    if url:
        component.add("url", url)
    category = catalog.category(event.category_uid)
    if category is not None:
        component.add("categories", Categories([plain_text(category.t(lang).title)]))
    component.add("status", ICAL_STATUS[occurrence.status])
    component.add("class", "PUBLIC")
    # A subscribed agenda should not mark the subscriber busy; an event they add themselves may.
    component.add("transp", "TRANSPARENT" if transparent else "OPAQUE")
    return component


def feed(
    catalog: Catalog,
    happenings: Iterable[Happening],
    lang: str,
    *,
    name: str,
    event_url: Callable[[Event], str] | None = None,
    source_url: str = "",
    transparent: bool = True,
) -> icalendar.Calendar:
    """A published calendar of `happenings` in `lang`, with VTIMEZONE and refresh hints."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", Text(f"-//Wistakon//{plain_text(catalog.site.name.get(lang, ''))}//{lang.upper()}"))
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # NAME (RFC 7986) and X-WR-CALNAME (Apple, Google, Outlook): icalendar has no type for them, so Text says.
    for prop in ("name", "x-wr-calname"):
        calendar.add(prop, Text(plain_text(name)))
    calendar.add("x-wr-timezone", TZID)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(REFRESH))
    if source_url:
        calendar.add("source", source_url, parameters={"VALUE": "URI"})
    calendar.add_component(icalendar.Timezone.from_ical(_vtimezone()))
    host = site_host(catalog)
    # One occurrence is in many feeds (all, its year, category, venue, event): made once per Catalog,
    # and serialised once (to_bytes). remembered() replays what making it read, for incremental builds.
    made = catalog.__dict__.setdefault("_vevents", {})
    for happening in sorted(happenings, key=lambda h: h.sort_key):
        url = event_url(happening.event) if event_url else ""
        key = (happening.event.uid, happening.occurrence.key, lang, url, host, transparent)

        def make(happening: Happening = happening, url: str = url) -> icalendar.Event:
            return vevent(catalog, happening, lang, url=url, host=host, transparent=transparent)

        calendar.add_component(remembered(made, key, make))
    return calendar


def within_limit(calendar: icalendar.Calendar, today: date, size: int | None = None) -> icalendar.Calendar:
    """A subscription feed over FEED_LIMIT_BYTES without its oldest past occurrences, as few as need be.

    A subscription keeps the past twelve months so a calendar keeps what a subscriber went to; on a big
    agenda that history gives way first, oldest first. When the coming occurrences alone are over the
    limit, the feed is left whole and to_bytes names it. `size`: the feed's bytes, when known.
    """
    over = (len(calendar.to_ical()) if size is None else size) - FEED_LIMIT_BYTES
    if over <= 0:
        return calendar
    dropped, freed = set(), 0
    for component in calendar.subcomponents:  # in start order (feed() sorts them)
        if freed >= over:
            break
        if component.name == "VEVENT" and _ends_before(component, today):
            dropped.add(id(component))
            freed += len(_serialised(component))
    if freed >= over:
        calendar.subcomponents = [c for c in calendar.subcomponents if id(c) not in dropped]
    return calendar


def _ends_before(component: icalendar.Event, today: date) -> bool:
    if "dtend" not in component:
        return False
    end = component.decoded("dtend")
    if isinstance(end, datetime):
        return end.astimezone(JAKARTA).date() < today
    return end <= today  # an all-day DTEND is the day after the last day


_END = b"END:VCALENDAR\r\n"


def _calendar_bytes(calendar: icalendar.Calendar) -> bytes:
    """calendar.to_ical(), with each VEVENT's lines serialised once however many feeds share it."""
    kinds = [component.name == "VEVENT" for component in calendar.subcomponents]
    if kinds != sorted(kinds):  # a VEVENT before another component: keep icalendar's own order
        return calendar.to_ical()
    events = [component for component in calendar.subcomponents if component.name == "VEVENT"]
    whole = calendar.subcomponents
    calendar.subcomponents = [component for component in whole if component.name != "VEVENT"]
    try:
        shell = calendar.to_ical()
    finally:
        calendar.subcomponents = whole
    assert shell.endswith(_END)
    return shell[: -len(_END)] + b"".join(_serialised(event) for event in events) + _END


def _serialised(component: icalendar.Event) -> bytes:
    """A VEVENT's bytes, kept on it (feed() shares one component between feeds; none is changed after)."""
    found = component.__dict__.get("_wistakon_bytes")
    if found is None:
        found = component.__dict__["_wistakon_bytes"] = component.to_ical()
    return found


def to_bytes(calendar: icalendar.Calendar, feed_name: str, subscribed_on: date | None = None) -> bytes:
    """The feed's bytes; FeedTooLarge names the feed when it is over FEED_LIMIT_BYTES. A subscription feed
    (`subscribed_on`: the build's today) first leaves out its oldest past occurrences (within_limit)."""
    body = _calendar_bytes(calendar)
    if len(body) > FEED_LIMIT_BYTES and subscribed_on is not None:
        body = _calendar_bytes(within_limit(calendar, subscribed_on, len(body)))
    if len(body) > FEED_LIMIT_BYTES:
        raise FeedTooLarge(
            f"the calendar feed {feed_name} is {len(body):,} bytes, over the limit of {FEED_LIMIT_BYTES:,}; "
            "calendar apps refuse feeds this large. Split it (per year, category or venue) or leave old "
            "occurrences out of it."
        )
    return body


def google_dates(occurrence: Occurrence) -> str:
    """Google Calendar's `dates=`: UTC times ('20260824T130000Z/…'), or all-day dates with an exclusive end."""
    if occurrence.all_day:
        return f"{occurrence.start:%Y%m%d}/{occurrence.end:%Y%m%d}"
    start, end = (moment.astimezone(UTC) for moment in (occurrence.start, occurrence.end))
    return f"{start:%Y%m%dT%H%M%SZ}/{end:%Y%m%dT%H%M%SZ}"


def _when(value: date | datetime) -> date | datetime:
    return value.astimezone(JAKARTA) if isinstance(value, datetime) else value


@cache
def _vtimezone() -> bytes:
    # Jakarta has kept +07:00 since 1964, so one STANDARD block covers every date we publish.
    return icalendar.Timezone.from_tzid(TZID, first_date=date(1970, 1, 1), last_date=date(2038, 1, 1)).to_ical()
