"""The Catalog: every item of the content snapshot as plain, frozen, typed objects.

Built once by `snapshot.load_catalog` (or from a preview payload); every output renders from it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time
from functools import cached_property
from types import MappingProxyType
from typing import Literal
from zoneinfo import ZoneInfo

from site_builder.calendars import Rule

JAKARTA = ZoneInfo("Asia/Jakarta")
LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

Status = Literal["tentative", "confirmed", "postponed", "cancelled"]

# What the output being rendered reads, as (uid, aspect) and ("collection", name) keys; None: not recording.
# site_builder/incremental.py turns these into a dependency map, so an edit re-renders only what read it.
READS: ContextVar[set[tuple[str, str]] | None] = ContextVar("wistakon_reads", default=None)


def remembered(store: dict, key: object, build: Callable[[], object]) -> object:
    """`build()` once per `key` in `store`; every use records what that first build read.

    For values shared by several outputs (an API document inside a page of them, the portal packs):
    each output that uses the value depends on what it was built from.
    """
    found = store.get(key)
    if found is None:
        reads: set[tuple[str, str]] = set()
        token = READS.set(reads)
        try:
            value = build()
        finally:
            READS.reset(token)
        found = store[key] = (value, frozenset(reads))
    outer = READS.get()
    if outer is not None:
        outer.update(found[1])
    return found[0]


# The facts a card or list shows, per kind; "location", "venue" and "schedule" are aspects of their own,
# and every other field is "full" (its version is the item's content_hash).
CARD_FIELDS = {
    "category": {"translations", "applies_to", "order"},
    "attraction": {"translations", "images", "category_uid", "highlight", "place_kind", "tags"},
    "event": {"translations", "images", "category_uid", "highlight", "tags"},
    "hotspot": {"translations", "ssid", "location", "area", "router", "status", "program"},
    "promotion": {
        "translations",
        "images",
        "business",
        "valid_from",
        "valid_until",
        "target_hotspots",
        "target_areas",
        "priority",
        "example",
        "link",
    },
}
OWN_ASPECTS = {
    "attraction": {"location": "location", "hours": "hours"},  # the list's "open now" reads hours, not the body
    "event": {"venue": "venue", "occurrences": "schedule"},
}
TRANSLATION_CARD_FIELDS = frozenset({"lang", "slug", "title", "summary"})
_ASPECTS: dict[type, dict[str, str]] = {}


def aspects_of(cls: type) -> dict[str, str]:
    """field name → aspect, for an Item class."""
    found = _ASPECTS.get(cls)
    if found is None:
        card, own = CARD_FIELDS.get(cls.kind, {"translations"}), OWN_ASPECTS.get(cls.kind, {})
        found = _ASPECTS[cls] = {
            f.name: own.get(f.name) or ("card" if f.name in card else "full") for f in fields(cls) if f.name != "uid"
        }
    return found


_reads_now = READS.get


class _Recorded:
    """A field whose reads are recorded while an output renders, as (the instance's `by` field, aspect).

    A data descriptor on the class, so that only reads of recorded fields pay for recording (not uid,
    methods or anything else); the value lives in the instance's __dict__ under the field's name, where
    the dataclass __init__ puts it through __set__. `unrecorded()` reads it without recording.
    """

    __slots__ = ("aspect", "by", "name")

    def __init__(self, name: str, aspect: str, by: str) -> None:
        self.name, self.aspect, self.by = name, aspect, by

    def __get__(self, instance: object, owner: type | None = None) -> object:
        if instance is None:
            return self
        values = instance.__dict__
        reads = _reads_now()
        if reads is not None:
            reads.add((values[self.by], self.aspect))
        return values[self.name]

    def __set__(self, instance: object, value: object) -> None:
        instance.__dict__[self.name] = value  # only from the dataclass __init__: instances are frozen


class _Collection(_Recorded):
    """A collection of the Catalog: reading it records ("collection", name)."""

    __slots__ = ()

    def __get__(self, instance: object, owner: type | None = None) -> object:
        if instance is None:
            return self
        reads = _reads_now()
        if reads is not None:
            reads.add(("collection", self.name))
        return instance.__dict__[self.name]


def _recorded(aspects: Callable[[type], Mapping[str, str]], by: str, kind: type[_Recorded] = _Recorded):
    """Class decorator, above @dataclass: reads of the fields that `aspects(cls)` maps to an aspect are recorded."""

    def install(cls: type) -> type:
        for name, aspect in aspects(cls).items():
            setattr(cls, name, kind(name, aspect, by))
        return cls

    return install


def unrecorded(instance: object, name: str) -> object:
    """A field's value, read without recording (to work out versions)."""
    return instance.__dict__[name]


def _translation_aspects(cls: type) -> dict[str, str]:
    return {f.name: "card" if f.name in TRANSLATION_CARD_FIELDS else "full" for f in fields(cls) if f.name != "owner"}


@_recorded(_translation_aspects, by="owner")
@dataclass(frozen=True)
class Translation:
    """One language's text of an item."""

    lang: str
    slug: str
    title: str
    summary: str
    body_markdown: str
    body_html: str
    updated: datetime
    source: str  # the file it came from, for error messages
    hours_note: str = ""
    prices_note: str = ""
    accessibility: str = ""
    image_alts: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    owner: str = field(default="", compare=False, repr=False)  # the item's uid, set by Item


@dataclass(frozen=True)
class Location:
    lat: float
    lon: float
    confidence: str  # high | medium | low | very-low
    accuracy_m: int | None = None
    address: str = ""
    kelurahan: str = ""
    desa: str = ""
    kecamatan: str = ""
    region: str = ""

    @property
    def approximate(self) -> bool:
        return self.confidence in ("low", "very-low")


@dataclass(frozen=True)
class Image:
    file: str  # path relative to content/, e.g. attractions/keraton-kasepuhan/cover.svg
    alt: Mapping[str, str]
    width: int
    height: int
    credit: str = ""
    illustration: bool = False
    focal: tuple[float, float] | None = None
    sha256: str = ""
    source: str = field(default="", compare=False)  # the file on disk (a draft's lives outside content/)

    def alt_in(self, lang: str) -> str:
        return self.alt.get(lang) or self.alt[DEFAULT_LANGUAGE]


@dataclass(frozen=True)
class OpeningHours:
    day: str  # mon..sun
    opens: time | None = None
    closes: time | None = None
    closed: bool = False
    open_24h: bool = False


@dataclass(frozen=True)
class Price:
    visitor: str  # umum | dewasa | anak | pelajar | mancanegara | lansia | rombongan
    amount: int  # IDR


@_recorded(aspects_of, by="uid")
@dataclass(frozen=True)
class Item:
    """What every content item shares: a stable uid and its translations."""

    uid: str
    translations: Mapping[str, Translation]
    content_hash: str  # sha256 of the item's source files, for change manifests

    kind = "item"

    def __post_init__(self) -> None:
        for translation in unrecorded(self, "translations").values():
            object.__setattr__(translation, "owner", self.uid)

    def t(self, lang: str) -> Translation:
        """The translation in `lang`, or the Indonesian original when it is not translated yet."""
        return self.translations.get(lang) or self.translations[DEFAULT_LANGUAGE]

    def translated(self, lang: str) -> bool:
        return lang in self.translations

    @property
    def updated(self) -> datetime:
        return max(t.updated for t in self.translations.values())


@_recorded(aspects_of, by="uid")
@dataclass(frozen=True)
class Category(Item):
    applies_to: tuple[str, ...] = ()
    order: int = 0

    kind = "category"


@_recorded(aspects_of, by="uid")
@dataclass(frozen=True)
class Attraction(Item):
    category_uid: str = ""
    place_kind: str = "place"  # place | dish
    tags: tuple[str, ...] = ()
    highlight: bool = False
    location: Location | None = None
    hours: tuple[OpeningHours, ...] = ()
    prices: tuple[Price, ...] = ()
    contact: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    facilities: tuple[str, ...] = ()
    images: tuple[Image, ...] = ()
    sources: tuple[str, ...] = ()

    kind = "attraction"


@dataclass(frozen=True)
class Venue:
    name: str
    attraction_uid: str | None = None
    location: Location | None = None


@dataclass(frozen=True)
class Occurrence:
    """One dated happening of an event; `key` plus the event uid make its iCal UID."""

    key: str
    start: date | datetime  # date = all-day; datetime is aware, Asia/Jakarta
    end: date | datetime  # exclusive: the day after for all-day events
    status: Status
    sequence: int
    updated: datetime
    previous_start: date | datetime | None = None
    projected: bool = False
    venue_name: str = ""

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    @property
    def start_date(self) -> date:
        return self.start.date() if isinstance(self.start, datetime) else self.start

    @property
    def last_date(self) -> date:
        """The last day it runs on (inclusive)."""
        if isinstance(self.end, datetime):
            end = self.end.astimezone(JAKARTA)
            return (end if end.time() != time(0) else end - _ONE_DAY).date()
        return self.end - _ONE_DAY

    @property
    def tentative(self) -> bool:
        return self.status == "tentative"


@dataclass(frozen=True)
class ObservedDate:
    date: date
    note: str = ""


@_recorded(aspects_of, by="uid")
@dataclass(frozen=True)
class Event(Item):
    category_uid: str = ""
    tags: tuple[str, ...] = ()
    highlight: bool = False
    organiser: str = ""
    website: str = ""
    free: bool | None = None  # None: not recorded
    venue: Venue | None = None
    rule: Rule | None = None
    rule_note: str = ""
    observed: tuple[ObservedDate, ...] = ()
    occurrences: tuple[Occurrence, ...] = ()
    images: tuple[Image, ...] = ()
    sources: tuple[str, ...] = ()

    kind = "event"


@_recorded(aspects_of, by="uid")
@dataclass(frozen=True)
class Hotspot(Item):
    ssid: str = ""
    location: Location | None = None
    area: str = ""
    router: str = "mikrotik"  # mikrotik | opennds
    status: str = "confirmed"  # confirmed | proposed
    program: str = ""

    kind = "hotspot"


@_recorded(aspects_of, by="uid")
@dataclass(frozen=True)
class Promotion(Item):
    business: str = ""
    valid_from: date = date.min
    valid_until: date = date.max
    target_hotspots: tuple[str, ...] = ()
    target_areas: tuple[str, ...] = ()
    priority: int = 0
    example: bool = False
    link: str = ""
    images: tuple[Image, ...] = ()

    kind = "promotion"

    def valid_on(self, day: date) -> bool:
        return self.valid_from <= day <= self.valid_until

    def targets(self, hotspot: Hotspot) -> bool:
        if not self.target_hotspots and not self.target_areas:
            return True
        return hotspot.uid in self.target_hotspots or hotspot.area in self.target_areas


@dataclass(frozen=True)
class Site:
    name: Mapping[str, str]
    tagline: Mapping[str, str]
    base_url: str
    languages: tuple[str, ...] = LANGUAGES
    contact: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # the tourism office, one line


COLLECTIONS = ("categories", "attractions", "events", "hotspots", "promotions")


class UidIndex(Mapping):
    """Every item by uid, read-only. A lookup records whether that uid exists; a walk over all of them
    records every collection, so an added or deleted item re-renders what listed them all."""

    __slots__ = ("_items",)

    def __init__(self, items: dict[str, Item]) -> None:
        self._items = items

    def _looked_up(self, uid: object) -> None:
        reads = READS.get()
        if reads is not None and isinstance(uid, str):
            reads.add((uid, "exists"))

    def _walked(self) -> None:
        reads = READS.get()
        if reads is not None:
            reads.update(("collection", name) for name in COLLECTIONS)

    def __getitem__(self, uid: str) -> Item:
        self._looked_up(uid)
        return self._items[uid]

    def get(self, uid: str, default: object = None) -> object:
        self._looked_up(uid)
        return self._items.get(uid, default)

    def __contains__(self, uid: object) -> bool:
        self._looked_up(uid)
        return uid in self._items

    def __iter__(self):  # noqa: ANN204 - an iterator of uids
        self._walked()
        return iter(self._items)

    def __len__(self) -> int:
        self._walked()
        return len(self._items)


@_recorded(lambda cls: {name: name for name in COLLECTIONS}, by="", kind=_Collection)
@dataclass(frozen=True)
class Catalog:
    site: Site
    categories: tuple[Category, ...]
    attractions: tuple[Attraction, ...]
    events: tuple[Event, ...]
    hotspots: tuple[Hotspot, ...]
    promotions: tuple[Promotion, ...]

    @cached_property
    def by_uid(self) -> Mapping[str, Item]:
        items: list[Item] = [
            *self.categories,
            *self.attractions,
            *self.events,
            *self.hotspots,
            *self.promotions,
        ]
        return UidIndex({item.uid: item for item in items})

    def category(self, uid: str) -> Category | None:
        item = self.by_uid.get(uid)
        return item if isinstance(item, Category) else None

    def attraction(self, uid: str) -> Attraction | None:
        item = self.by_uid.get(uid)
        return item if isinstance(item, Attraction) else None

    @property
    def updated(self) -> datetime:
        """When the content last changed: the default 'now' of a build (worked out once per Catalog)."""
        memo = self.__dict__.setdefault("_remembered", {})
        return remembered(memo, "updated", lambda: max(item.updated for item in self.by_uid.values()))


_ONE_DAY = date(2000, 1, 2) - date(2000, 1, 1)
