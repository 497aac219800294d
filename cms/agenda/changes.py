"""An occurrence's SEQUENCE, change time and previous start, kept on every save against the stored rows.

The stored rows are the live (last published) version: Wagtail keeps drafts in revisions only. So a
draft, its publication, an import and code all agree, and the number goes up once per change.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from cms.agenda.occurrences import Occurrence
from cms.core.models import now_in_seconds

if TYPE_CHECKING:
    from cms.agenda.models import EventPage

# What a calendar client sees change: the date and time, the venue and the status.
TRACKED = ("start", "end", "start_date", "end_date", "status", "venue_name")
PAGE_VENUE = ("venue_id", "venue_name", "venue_latitude", "venue_longitude", "venue_address")


def stamp_occurrence_changes(page: EventPage, now: datetime | None = None) -> list[Occurrence]:
    """Bump `sequence`, set `updated` and keep `previous_start` on rows that changed; returns them."""
    if page.pk is None:
        return []
    stored = {row.key: row for row in Occurrence.objects.filter(page_id=page.pk)}
    venue_moved = _page_venue_moved(page)
    now = now or now_in_seconds()
    changed = []
    for row in page.occurrences.all():
        before = stored.get(row.key)
        if before is None:  # a new row starts at the sequence it was given
            continue
        if not (_differs(row, before) or venue_moved and not row.venue_name):
            row.sequence = max(row.sequence, before.sequence)  # never lower, or clients ignore the update
            continue
        if row.sequence <= before.sequence:
            row.sequence = before.sequence + 1
        if row.updated is None or row.updated == before.updated:
            row.updated = now
        _keep_previous_start(row, before)
        changed.append(row)
    return changed


def occurrence_start(row: Occurrence) -> date | datetime | None:
    return row.start if row.start is not None else row.start_date


def _differs(row: Occurrence, before: Occurrence) -> bool:
    return any(getattr(row, name) != getattr(before, name) for name in TRACKED)


def _page_venue_moved(page: EventPage) -> bool:
    stored = type(page).objects.filter(pk=page.pk).values(*PAGE_VENUE).first()
    return stored is not None and any(getattr(page, name) != stored[name] for name in PAGE_VENUE)


def _keep_previous_start(row: Occurrence, before: Occurrence) -> None:
    """A confirmed or postponed date that moves keeps the one first announced; a tentative guess does not."""
    start, previous = occurrence_start(row), _previous(row)
    if start == occurrence_start(before) or previous != _previous(before):
        return  # the date did not move, or the editor set the previous start themselves
    if previous is None and before.status != Occurrence.Status.TENTATIVE:
        previous = occurrence_start(before)
    elif previous == start:  # moved back to where it was first announced
        previous = None
    row.previous_start = previous if isinstance(previous, datetime) else None
    row.previous_start_date = previous if previous is not None and not isinstance(previous, datetime) else None


def _previous(row: Occurrence) -> date | datetime | None:
    return row.previous_start if row.previous_start is not None else row.previous_start_date
