"""How complete an attraction or event is: a score from 0 to 100 and the list of what is missing.

`assess(facts)` is pure; `facts_of(page, translated)` reads the few facts it needs from a page
(a saved page or a draft revision), and `assess_pages` does it for a whole list at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from django.utils.translation import gettext_lazy as _

MIN_BODY_WORDS = 50
ORIGINAL, TRANSLATION = "id", "en"

# Gap code → (label, weight). The weights of the checks that apply add up to the 100 points.
GAPS: dict[str, tuple[Any, int]] = {
    "image": (_("no image"), 20),
    "alt": (_("an image without alt text"), 5),
    "translation-en": (_("no English translation"), 20),
    "translation-id": (_("no Indonesian version"), 20),
    "hours": (_("no opening hours"), 10),
    "prices": (_("no prices"), 10),
    "location": (_("no coordinates"), 15),
    "location-approximate": (_("coordinates only approximate"), 8),
    "short": (_("description under 50 words"), 15),
    "category": (_("no fitting category"), 5),
}
LOCATION_WEIGHT = GAPS["location"][1]

Location = Literal["exact", "approximate", "missing"]


@dataclass(frozen=True)
class Facts:
    """What completeness looks at, whatever the item's type."""

    kind: Literal["attraction", "event"]
    language: str
    translated: bool  # the other language exists
    images: int
    images_without_alt: int
    body_words: int
    has_category: bool
    location: Location | None  # None: not expected (a dish sold across the city)
    has_hours: bool | None = None  # None: not expected (events, dishes)
    has_prices: bool | None = None


@dataclass(frozen=True)
class Assessment:
    score: int
    gaps: tuple[str, ...]

    @property
    def labels(self) -> list[str]:
        return [str(GAPS[code][0]) for code in self.gaps]


def assess(facts: Facts) -> Assessment:
    """The score and the gaps of one item."""
    checks: list[tuple[str, bool]] = [  # (gap code, whether it is missing)
        ("image", facts.images == 0),
        ("translation-en" if facts.language == ORIGINAL else "translation-id", not facts.translated),
        ("short", facts.body_words < MIN_BODY_WORDS),
        ("category", not facts.has_category),
    ]
    if facts.images:
        checks.append(("alt", facts.images_without_alt > 0))
    if facts.has_hours is not None:
        checks.append(("hours", not facts.has_hours))
    if facts.has_prices is not None:
        checks.append(("prices", not facts.has_prices))
    possible = sum(GAPS[code][1] for code, _missing in checks)
    lost = sum(GAPS[code][1] for code, missing in checks if missing)
    gaps = [code for code, missing in checks if missing]
    if facts.location is not None:
        possible += LOCATION_WEIGHT
        if facts.location != "exact":
            code = "location" if facts.location == "missing" else "location-approximate"
            gaps.append(code)
            lost += GAPS[code][1]
    order = list(GAPS)
    return Assessment(round(100 * (possible - lost) / possible), tuple(sorted(gaps, key=order.index)))


def word_count(markdown: str) -> int:
    return len(re.findall(r"\w+", markdown or ""))


def location_of(latitude: float | None, longitude: float | None, confidence: str) -> Location:
    if latitude is None or longitude is None:
        return "missing"
    return "approximate" if confidence in ("low", "very-low", "") else "exact"


def facts_of(page: Any, translated: bool) -> Facts:
    """The facts of an attraction or event page (specific, saved or from a revision)."""
    images = list(page.images.all())
    kind = "event" if hasattr(page, "occurrences") else "attraction"
    category = page.category if page.category_id else None
    common = {
        "language": page.locale.language_code,
        "translated": translated,
        "images": len(images),
        "images_without_alt": sum(1 for row in images if len((row.alt or "").strip()) < 3),
        "body_words": word_count(page.body),
        "has_category": category is not None and kind in (category.applies_to or []),
    }
    if kind == "event":
        return Facts(kind="event", location=_venue_location(page), **common)
    if page.kind == "dish":
        return Facts(kind="attraction", location=None, **common)
    return Facts(
        kind="attraction",
        location=location_of(page.latitude, page.longitude, page.confidence),
        has_hours=bool(list(page.hours.all())) or bool(page.hours_note.strip()),
        has_prices=bool(list(page.prices.all())) or bool(page.prices_note.strip()),
        **common,
    )


def _venue_location(page: Any) -> Location:
    if page.venue_id and page.venue is not None:
        venue = page.venue
        return location_of(venue.latitude, venue.longitude, venue.confidence)
    return location_of(page.venue_latitude, page.venue_longitude, page.venue_confidence)


@dataclass(frozen=True)
class Row:
    """One item in the report and on the dashboard."""

    page: Any
    kind: str  # attraction | event
    title: str
    category: str
    score: int
    gaps: tuple[str, ...]
    live: bool

    @property
    def gap_labels(self) -> str:
        return "; ".join(str(GAPS[code][0]) for code in self.gaps)

    @property
    def gap_codes(self) -> str:
        return " ".join(self.gaps)

    @property
    def uid(self) -> str:
        return str(self.page.translation_key)

    @property
    def published(self) -> str:
        return str(_("yes") if self.live else _("no"))

    @property
    def type_label(self) -> str:
        return str(_("event") if self.kind == "event" else _("attraction"))


def current_version(page: Any) -> Any:
    """The draft when there is one (what the contributor is working on), else the page as saved."""
    return page.get_latest_revision_as_object() if page.has_unpublished_changes else page


def assess_pages(pages: Iterable[Any], translated_keys: set[Any]) -> list[Row]:
    rows = []
    for saved in pages:
        page = current_version(saved)
        result = assess(facts_of(page, saved.translation_key in translated_keys))
        kind = "event" if hasattr(page, "occurrences") else "attraction"
        category = page.category.title if page.category_id and page.category else ""
        rows.append(Row(saved, kind, page.title, category, result.score, result.gaps, saved.live))
    return sorted(rows, key=lambda row: (row.score, row.title))


def rows_for(user: Any = None) -> list[Row]:
    """Every Indonesian attraction and event the user may see, worst first."""
    from cms.agenda.models import EventPage
    from cms.attractions.models import AttractionPage
    from cms.editorial.drafts import visible_pages

    rows: list[Row] = []
    for model, related in ((AttractionPage, ("images", "hours", "prices")), (EventPage, ("images",))):
        pages = model.objects.filter(locale__language_code=ORIGINAL).select_related("locale", "category")
        if user is not None:
            pages = visible_pages(user, pages)
        translated = set(model.objects.live().filter(locale__language_code=TRANSLATION)
                         .values_list("translation_key", flat=True))  # fmt: skip
        rows += assess_pages(pages.prefetch_related(*related), translated)
    return sorted(rows, key=lambda row: (row.score, row.title))


@dataclass(frozen=True)
class Coverage:
    """Share of items without a given gap, per type, for the dashboard."""

    kind: str
    count: int
    average: int
    shares: tuple[tuple[str, int], ...]  # (label, percent)


COVERAGE_CHECKS = {
    "attraction": (("translation-en", _("translated")), ("image", _("with images")),
                   ("hours", _("with opening hours")), ("prices", _("with prices")),
                   ("location", _("with coordinates"))),
    "event": (("translation-en", _("translated")), ("image", _("with images")),
              ("location", _("with a venue location"))),
}  # fmt: skip


def coverage(rows: list[Row]) -> list[Coverage]:
    found = []
    for kind, checks in COVERAGE_CHECKS.items():
        mine = [row for row in rows if row.kind == kind]
        if not mine:
            found.append(Coverage(kind, 0, 0, ()))
            continue
        shares = tuple((str(label), round(100 * sum(code not in row.gaps for row in mine) / len(mine)))
                       for code, label in checks)  # fmt: skip
        found.append(Coverage(kind, len(mine), round(sum(row.score for row in mine) / len(mine)), shares))
    return found


def gap_counts(rows: list[Row]) -> list[tuple[str, str, int]]:
    """(code, label, how many items have it), most common first."""
    counts = {code: sum(code in row.gaps for row in rows) for code in GAPS}
    return sorted(((code, str(GAPS[code][0]), n) for code, n in counts.items() if n), key=lambda item: -item[2])
