"""Settling one date as it really happens: confirm as projected, confirm another date, postpone, cancel, undo.

Each change publishes a new revision (the SEQUENCE goes up, the UID stays) and is logged on the page with
the row's state before and after, so the last change can be undone exactly, and only while it still stands.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log
from wagtail.models import PageLogEntry

from cms.agenda.models import EventPage, Occurrence
from site_builder.calendars import JAKARTA

CHANGED, UNDONE = "agenda.occurrence_changed", "agenda.occurrence_change_undone"
FIELDS = ("start", "end", "start_date", "end_date", "status")
ACTIONS = {
    "confirm": gettext_lazy("Confirm the date as it stands"),
    "move": gettext_lazy("Confirm another date"),
    "postpone": gettext_lazy("Postpone (new date to be announced)"),
    "cancel": gettext_lazy("Cancel"),
}


class ChangeRefused(Exception):
    """The change cannot be made; the message says why and what to do."""


@dataclass(frozen=True)
class DateChange:
    action: str  # one of ACTIONS
    day: date | None = None  # the new (first) day, for "move"
    starts: time | None = None  # the new start time of a timed occurrence; kept when empty
    ends: time | None = None  # the new end time; the old duration is kept when empty
    reason: str = ""

    def describe(self, row: Occurrence) -> str:
        """One sentence for the confirm step: what will happen to this row."""
        after = changed_row(row, self)
        return _("%(action)s: %(before)s (%(status)s) becomes %(after)s (%(new_status)s).") % {
            "action": ACTIONS[self.action], "before": when(row), "status": row.get_status_display(),
            "after": when(after), "new_status": after.get_status_display()}  # fmt: skip


def when(row: Occurrence) -> str:
    if row.start_date is not None:
        last = f" – {row.end_date:%d-%m-%Y}" if row.end_date and row.end_date != row.start_date else ""
        return f"{row.start_date:%d-%m-%Y}{last}"
    start = row.start.astimezone(JAKARTA)
    end = f"–{row.end.astimezone(JAKARTA):%H:%M}" if row.end else ""
    return f"{start:%d-%m-%Y %H:%M}{end} WIB"


def changed_row(row: Occurrence, change: DateChange) -> Occurrence:
    """A copy of `row` as the change would leave it (nothing saved)."""
    after = Occurrence(**{name: getattr(row, name) for name in (*FIELDS, "key", "sequence", "projected")})
    if change.action == "confirm":
        after.status = Occurrence.Status.CONFIRMED
    elif change.action == "postpone":
        after.status = Occurrence.Status.POSTPONED
    elif change.action == "cancel":
        after.status = Occurrence.Status.CANCELLED
    elif change.action == "move":
        if change.day is None:
            raise ChangeRefused(_("Give the new date."))
        _move(after, change)
        after.status = Occurrence.Status.CONFIRMED
    else:
        raise ChangeRefused(_("Choose what to do with the date."))
    return after


def _move(row: Occurrence, change: DateChange) -> None:
    assert change.day is not None
    if row.start_date is not None:
        length = (row.end_date - row.start_date) if row.end_date else None
        row.start_date = change.day
        row.end_date = change.day + length if length is not None else None
        return
    old_start = row.start.astimezone(JAKARTA)
    new_start = datetime.combine(change.day, change.starts or old_start.time().replace(tzinfo=None), JAKARTA)
    if change.ends is not None:
        new_end = datetime.combine(change.day, change.ends, JAKARTA)
        if new_end <= new_start:
            raise ChangeRefused(_("The end time must be after the start time."))
    else:
        new_end = new_start + (row.end - row.start) if row.end else None
    row.start, row.end = new_start, new_end


def live_page(row: Occurrence) -> EventPage:
    page = EventPage.objects.get(pk=row.page_id)
    if page.has_unpublished_changes:
        raise ChangeRefused(_("%(title)s has an unpublished draft: publish or discard it in the page editor first.")
                            % {"title": page.title})  # fmt: skip
    return page


def apply_change(row: Occurrence, change: DateChange, user: Any) -> Occurrence:
    """Publish the change of one row and log it; returns the row as published."""
    if change.action in ("postpone", "cancel") and not change.reason.strip():
        raise ChangeRefused(_("Say why, in a few words: the reason is kept in the page's history."))
    page = live_page(row)
    before = _state(row)
    target = changed_row(row, change)
    _publish(page, row.key, {name: getattr(target, name) for name in FIELDS}, user)
    published = page.occurrences.get(key=row.key)
    log(instance=page, action=CHANGED, user=user, data={
        "key": row.key, "action": change.action, "reason": change.reason.strip(), "before": before,
        "after": _state(published)})  # fmt: skip
    return published


def last_change(page_id: int) -> PageLogEntry | None:
    """The newest date change of the page, unless it was undone already."""
    entries = PageLogEntry.objects.filter(page_id=page_id, action__in=(CHANGED, UNDONE))
    entry = entries.order_by("-timestamp", "-pk").first()
    return entry if entry is not None and entry.action == CHANGED else None


def undo_last_change(page: EventPage, user: Any) -> Occurrence:
    """Put the row back as it was before the last change (the SEQUENCE still goes up, so clients follow)."""
    entry = last_change(page.pk)
    if entry is None:
        raise ChangeRefused(_("There is no date change to undo on %(title)s.") % {"title": page.title})
    page = live_page(page.occurrences.get(key=entry.data["key"]))
    row = page.occurrences.get(key=entry.data["key"])
    if _state(row) != entry.data["after"]:
        raise ChangeRefused(_("The date of %(title)s was changed again since; change it in the page editor.")
                            % {"title": page.title})  # fmt: skip
    _publish(page, row.key, {name: _parse(name, value) for name, value in entry.data["before"].items()}, user)
    log(instance=page, action=UNDONE, user=user, data={"key": row.key, "undone": entry.pk})
    return page.occurrences.get(key=row.key)


def _publish(page: EventPage, key: str, values: dict[str, Any], user: Any) -> None:
    rows = list(page.occurrences.all())
    for candidate in rows:
        if candidate.key == key:
            for name, value in values.items():
                setattr(candidate, name, value)
            candidate.clean()
    page.occurrences = rows
    page.save_revision(user=user, log_action=True).publish(user=user)


def _state(row: Occurrence) -> dict[str, str | None]:
    def text(value: Any) -> str | None:  # datetimes in UTC: the row in memory (WIB) and read back (UTC) agree
        if isinstance(value, datetime):
            value = value.astimezone(UTC)
        return value if value is None or isinstance(value, str) else value.isoformat()

    return {name: text(getattr(row, name)) for name in FIELDS}


def _parse(name: str, value: str | None) -> Any:
    if value is None or name == "status":
        return value
    return date.fromisoformat(value) if name.endswith("_date") else datetime.fromisoformat(value)
