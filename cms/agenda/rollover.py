"""Roll the agenda over to a year: a projected occurrence for every event that follows a rule.

A projection is tentative when its rule's calendar needs confirmation (Hijri, Javanese, Chinese,
see Rule.needs_confirmation); a fixed Gregorian date is confirmed as it is projected.

Only the Indonesian page holds the facts the snapshot exports; each changed page gets a published revision.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction

from cms.agenda.models import EventPage, Occurrence
from site_builder.calendars import JAKARTA, ProjectedOccurrence, Rule, RuleError, project_occurrences

ORIGINAL = "id"


@dataclass(frozen=True)
class RolloverLine:
    """One event's outcome for one occurrence key."""

    title: str
    page_id: int
    key: str = ""
    start: date | datetime | None = None
    end: date | datetime | None = None  # exclusive, as the rule engine gives it
    reason: str = ""
    tentative: bool = True

    @property
    def when(self) -> str:
        return when_text(self.start, self.end)


@dataclass
class RolloverReport:
    year: int
    dry_run: bool = False
    added: list[RolloverLine] = field(default_factory=list)
    updated: list[RolloverLine] = field(default_factory=list)  # a tentative projection the rule now puts elsewhere
    kept: list[RolloverLine] = field(default_factory=list)  # confirmed, postponed, cancelled or set by an editor
    unchanged: list[RolloverLine] = field(default_factory=list)  # already rolled over
    needs_organiser: list[RolloverLine] = field(default_factory=list)  # "needs a date from the organiser"
    failed: list[RolloverLine] = field(default_factory=list)  # a rule the engine cannot use for this year

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated)


def roll_over(year: int, now: datetime, *, dry_run: bool = False, user: Any = None) -> RolloverReport:
    """Add year `year`'s projected dates, stamped `now` (aware); running it again adds nothing."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime, e.g. 2026-11-28T09:00:00+07:00")
    now = now.replace(microsecond=0)
    report = RolloverReport(year, dry_run)
    pages = EventPage.objects.live().filter(locale__language_code=ORIGINAL).order_by("title", "pk")
    with transaction.atomic():
        for page in pages:
            _roll_over_page(page, year, now, report, dry_run, user)
    return report


def projected_rows(rule: dict[str, Any], year: int) -> list[ProjectedOccurrence]:
    """The rule's occurrences in `year`; raises RuleError or ValueError when it cannot be projected."""
    return project_occurrences(Rule.from_mapping(rule), year)


def _roll_over_page(page: EventPage, year: int, now: datetime, report: RolloverReport, dry_run: bool,
                    user: Any) -> None:  # fmt: skip
    if page.rule.get("calendar", "organiser") == "organiser":
        report.needs_organiser.append(RolloverLine(page.title, page.pk, reason="needs a date from the organiser"))
        return
    try:
        projections = projected_rows(page.rule, year)
    except (RuleError, ValueError) as error:
        report.failed.append(RolloverLine(page.title, page.pk, reason=str(error)))
        return
    rows = {row.key: row for row in page.occurrences.all()}
    additions, moves = [], []
    for projected in projections:
        line = RolloverLine(page.title, page.pk, projected.key, projected.start, projected.end,
                            tentative=projected.tentative)  # fmt: skip
        row = rows.get(projected.key)
        if row is None:
            report.added.append(line)
            additions.append(projected)
        elif not row.projected or row.status != Occurrence.Status.TENTATIVE:
            report.kept.append(RolloverLine(page.title, page.pk, row.key, reason=row.status))
        elif _matches(row, projected):
            report.unchanged.append(line)
        else:
            report.updated.append(line)
            moves.append(projected)
    if dry_run or not (additions or moves):
        return
    draft = page.get_latest_revision_as_object() if page.has_unpublished_changes else None
    _apply(page, additions, moves, now)
    page.save_revision(user=user, log_action=True).publish(user=user)
    if draft is not None:
        _carry_into_draft(draft, additions, moves, now, user)


def _apply(page: EventPage, additions: list[ProjectedOccurrence], moves: list[ProjectedOccurrence],
           now: datetime) -> None:  # fmt: skip
    rows = list(page.occurrences.all())
    by_key = {row.key: row for row in rows}
    for projected in moves:
        row = by_key[projected.key]
        _set_dates(row, projected)
        row.sequence += 1
        row.updated = now
    for projected in additions:
        status = Occurrence.Status.TENTATIVE if projected.tentative else Occurrence.Status.CONFIRMED
        row = Occurrence(key=projected.key, status=status, sequence=0, updated=now, projected=True)
        _set_dates(row, projected)
        rows.append(row)
    for order, row in enumerate(rows):  # rows imported from content/ carry no order yet
        row.sort_order = order
    page.occurrences = rows


def _carry_into_draft(draft: EventPage, additions: list[ProjectedOccurrence], moves: list[ProjectedOccurrence],
                      now: datetime, user: Any) -> None:  # fmt: skip
    """An editor's unpublished draft stays a draft, and gets the same dates, so publishing it loses none."""
    rows = {row.key: row for row in draft.occurrences.all()}
    guesses = {key for key, row in rows.items() if row.projected and row.status == Occurrence.Status.TENTATIVE}
    _apply(draft, [p for p in additions if p.key not in rows], [p for p in moves if p.key in guesses], now)
    draft.save_revision(user=user, log_action=True, clean=False)


def _set_dates(row: Occurrence, projected: ProjectedOccurrence) -> None:
    if projected.all_day:
        last_day = projected.end - timedelta(days=1)
        row.start, row.end = None, None
        row.start_date, row.end_date = projected.start, last_day if last_day != projected.start else None
    else:
        row.start, row.end = projected.start, projected.end
        row.start_date, row.end_date = None, None


def _matches(row: Occurrence, projected: ProjectedOccurrence) -> bool:
    if projected.all_day:
        return row.start_date == projected.start and (row.end_date or row.start_date) == projected.end - timedelta(1)
    return row.start == projected.start and row.end == projected.end


def when_text(start: date | datetime | None, end: date | datetime | None) -> str:
    """How a projected occurrence reads in a report: 2027-08-15 20:00–00:00 WIB, or 2027-03-10 … 2027-03-11."""
    if isinstance(start, datetime) and isinstance(end, datetime):
        start, end = start.astimezone(JAKARTA), end.astimezone(JAKARTA)
        return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M} WIB"
    if isinstance(start, date) and isinstance(end, date) and end - start > timedelta(days=1):
        return f"{start.isoformat()} … {(end - timedelta(days=1)).isoformat()}"
    return start.isoformat() if start else ""
