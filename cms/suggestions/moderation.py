"""What a moderator does with a suggestion. Nothing here publishes: each action leaves a draft or a new
revision, which goes through the normal workflow, and publishing it builds the site."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.models import Page

from cms.agenda.models import AgendaIndexPage, EventPage
from cms.agenda.occurrences import EventImage, Occurrence
from cms.core.models import Category
from cms.suggestions.models import Suggestion
from site_builder.calendars import JAKARTA

# Which field of the page a correction of each kind is about (the moderator may pick another).
CORRECTION_FIELDS = {"hours": "hours_note", "price": "prices_note", "location": "body", "closed": "summary",
                     "text": "body", "other": "body"}  # fmt: skip
CORRECTABLE = ("summary", "body", "hours_note", "prices_note", "organiser", "venue_name", "accessibility")


class NotOpen(Exception):
    """The suggestion was already accepted or rejected."""


def event_categories() -> list[Category]:
    categories = Category.objects.filter(locale__language_code="id").order_by("order", "title")
    return [category for category in categories if "event" in category.applies_to]


def _close(suggestion: Suggestion, status: str, user: Any, page: Page | None = None, reason: str = "") -> None:
    if not suggestion.is_open:
        raise NotOpen(suggestion.reference)
    suggestion.status, suggestion.reject_reason = status, reason
    suggestion.handled, suggestion.handled_by = timezone.now(), user
    if page is not None:
        suggestion.page = page
    suggestion.save()


def reject(suggestion: Suggestion, reason: str, user: Any) -> None:
    _close(suggestion, Suggestion.Status.REJECTED, user, reason=reason)


@transaction.atomic
def draft_event(suggestion: Suggestion, category: Category, user: Any) -> EventPage:
    """A new, unpublished event page in Indonesian from a new-event suggestion."""
    index = AgendaIndexPage.objects.get(locale__language_code="id")
    title = suggestion.title.strip()
    page = EventPage(title=title, slug=_free_slug(index, title), summary=_summary(title, suggestion.text),
                     body=suggestion.text, category=category, organiser=suggestion.organiser,
                     venue=suggestion.venue, venue_name="" if suggestion.venue else suggestion.venue_name,
                     sources=[f"Usulan {suggestion.reference}"], live=False, owner=user)  # fmt: skip
    if suggestion.start_date:
        page.occurrences = [_occurrence(suggestion, str(suggestion.start_date.year))]
    if suggestion.image:
        page.images = [EventImage(image=_wagtail_image(suggestion), alt=f"Poster {title}"[:250])]
    index.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    _close(suggestion, Suggestion.Status.ACCEPTED, user, page)
    return page


@transaction.atomic
def apply_date(suggestion: Suggestion, user: Any) -> EventPage:
    """A new revision of the event with the sent date: the year's one open date moves, else a date is added."""
    page = EventPage.objects.get(pk=suggestion.page_id)
    revision_page = page.get_latest_revision_as_object()
    rows = list(revision_page.occurrences.all())
    year = suggestion.start_date.year
    open_rows = [row for row in rows if _year(row) == year and row.status != Occurrence.Status.CONFIRMED]
    if len(open_rows) == 1:  # the year's one tentative date is this one: it keeps its UID, SEQUENCE goes up
        sent = _occurrence(suggestion, open_rows[0].key)
        for name in ("start", "end", "start_date", "end_date", "status"):
            setattr(open_rows[0], name, getattr(sent, name))
        open_rows[0].projected = False
    else:
        keys = {row.key for row in rows}
        key = next(k for k in (str(year), *(f"{year}-{n}" for n in range(2, 100))) if k not in keys)
        rows.append(_occurrence(suggestion, key))
    for order, row in enumerate(rows):
        row.sort_order = order
    revision_page.occurrences = rows
    revision_page.save_revision(user=user, log_action=True)
    _close(suggestion, Suggestion.Status.ACCEPTED, user)
    return page


@transaction.atomic
def apply_correction(suggestion: Suggestion, field: str, value: str, user: Any) -> Page:
    """A new revision of the attraction or event with one field replaced by the moderator's wording."""
    page = Page.objects.get(pk=suggestion.page_id).specific
    if field not in CORRECTABLE or not hasattr(page, field):
        raise ValueError(f"{field} cannot be corrected on {page.title}")
    revision_page = page.get_latest_revision_as_object()
    setattr(revision_page, field, value)
    revision_page.full_clean()
    revision_page.save_revision(user=user, log_action=True)
    _close(suggestion, Suggestion.Status.ACCEPTED, user)
    return page


@dataclass(frozen=True)
class FieldLine:
    label: str
    current: str
    suggested: str


def side_by_side(suggestion: Suggestion) -> list[FieldLine]:
    """The suggestion beside the page as it stands (its latest draft, if any)."""
    if suggestion.page_id is None or suggestion.kind == Suggestion.Kind.EVENT:
        return []
    page = Page.objects.get(pk=suggestion.page_id).specific.get_latest_revision_as_object()
    if suggestion.kind == Suggestion.Kind.DATE:
        current = ", ".join(_when(row) for row in page.occurrences.all())
        return [FieldLine(str(Occurrence._meta.verbose_name), current, _when(_occurrence(suggestion, "-")))]
    field = CORRECTION_FIELDS.get(suggestion.problem, "body")
    label = str(type(page)._meta.get_field(field).verbose_name)
    return [FieldLine(label, str(getattr(page, field, "")), suggestion.text)]


def correction_field(suggestion: Suggestion) -> str:
    return CORRECTION_FIELDS.get(suggestion.problem, "body")


def _occurrence(suggestion: Suggestion, key: str) -> Occurrence:
    row = Occurrence(key=key, status=Occurrence.Status.CONFIRMED, projected=False, updated=timezone.now())
    if suggestion.start_time and not suggestion.end_date:
        row.start = datetime.combine(suggestion.start_date, suggestion.start_time, tzinfo=JAKARTA)
    else:
        row.start_date, row.end_date = suggestion.start_date, suggestion.end_date or suggestion.start_date
    return row


def _when(row: Occurrence) -> str:
    if row.start is not None:
        return f"{row.start.astimezone(JAKARTA):%Y-%m-%d %H:%M} ({row.get_status_display()})"
    span = f"{row.start_date}" if row.end_date in (None, row.start_date) else f"{row.start_date} – {row.end_date}"
    return f"{span} ({row.get_status_display()})"


def _year(row: Occurrence) -> int | None:
    if row.start is not None:
        return row.start.astimezone(JAKARTA).year
    return row.start_date.year if row.start_date else None


def _summary(title: str, text: str) -> str:
    summary = " ".join(text.split())
    summary = summary if len(summary) >= 10 else f"{title}: {summary}"
    return summary if len(summary) <= 320 else summary[:319].rstrip() + "…"


def _free_slug(index: Page, title: str) -> str:
    base = slugify(title)[:70].strip("-") or "acara"
    if base.isdigit():
        base = f"acara-{base}"
    taken = set(index.get_children().values_list("slug", flat=True))
    return next(s for s in (base, *(f"{base}-{n}" for n in range(2, 1000))) if s not in taken)


def _wagtail_image(suggestion: Suggestion) -> Any:
    name = suggestion.image.name.rsplit("/", 1)[-1].lower()
    with suggestion.image.open("rb") as handle:
        image = get_image_model()(title=name)
        image.file = ImageFile(handle, name=name)
        image.save()
    return image
