"""Events ↔ content/events/."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from cms.agenda.models import AgendaIndexPage, EventImage, EventPage, EventTag, Occurrence
from cms.attractions.models import AttractionPage
from cms.core.snapshot.attractions import category_for, category_uid, tag_names, tagged_items
from cms.core.snapshot.codec import PageCodec
from cms.core.snapshot.location import apply_location, location_meta
from cms.core.snapshot.text import compact, date_text, datetime_text, is_datetime_text, ordered, parse_datetime

RULE_KEYS = ("calendar", "month", "day", "weekday", "nth", "offset_days", "evening_before", "start_time",
             "duration_minutes", "span_days")  # fmt: skip


class EventCodec(PageCodec):
    section = "events"
    schema = "event"
    model = EventPage
    index_model = AgendaIndexPage
    image_relation = "images"
    image_model = EventImage
    always_written = ("occurrences",)  # required, even when empty

    def shared_meta(self, obj: EventPage) -> dict[str, Any]:
        return {
            "category": category_uid(obj),
            "tags": tag_names(obj),
            "highlight": obj.highlight or None,
            "organiser": obj.organiser,
            "website": obj.website,
            "free": obj.free,
            "venue": _venue_meta(obj),
            "rule": ordered(obj.rule, RULE_KEYS),
            "rule_note": obj.rule_note,
            "observed": [ordered(row, ("date", "note")) for row in obj.observed],
            "occurrences": [_occurrence_meta(row) for row in obj.occurrences.all()],
            "images": self.image_meta(obj),
            "sources": list(obj.sources),
        }

    def apply_shared(self, obj: EventPage, meta: dict[str, Any]) -> None:
        obj.category = category_for(meta["category"])
        if tag_names(obj) != meta.get("tags", []):
            obj.tagged_items = tagged_items(EventTag, meta.get("tags", []))
        obj.highlight = meta.get("highlight", False)
        obj.organiser, obj.website = meta.get("organiser", ""), meta.get("website", "")
        obj.free = meta.get("free")
        venue = meta.get("venue", {})
        obj.venue = (AttractionPage.objects.get(translation_key=venue["attraction"], locale__language_code="id")
                     if "attraction" in venue else None)  # fmt: skip
        obj.venue_name = venue.get("name", "")
        apply_location(obj, venue.get("location"), prefix="venue_")
        obj.rule = meta["rule"]
        obj.rule_note = meta.get("rule_note", "")
        obj.observed = list(meta.get("observed", []))
        obj.occurrences = [_occurrence(raw) for raw in meta["occurrences"]]
        obj.sources = list(meta.get("sources", []))

    def child_rows(self, obj: EventPage) -> dict[str, list[Any]]:
        return {"occurrences": list(obj.occurrences.all()), "images": self.images(obj)}


def _venue_meta(obj: EventPage) -> dict[str, Any] | None:
    if obj.venue_id:
        return {"attraction": str(obj.venue.translation_key)}
    return compact({"name": obj.venue_name, "location": location_meta(obj, "venue_")}) or None


def _occurrence_meta(row: Occurrence) -> dict[str, Any]:
    return compact({
        "key": row.key,
        "start": date_text(row.start_date) if row.all_day else datetime_text(row.start),
        "end": _when_text(row.end_date if row.all_day else row.end),
        "status": row.status,
        "sequence": row.sequence,
        "updated": _when_text(row.updated),
        "previous_start": _when_text(row.previous_start or row.previous_start_date),
        "projected": row.projected or None,
        "venue_name": row.venue_name,
    })  # fmt: skip


def _when_text(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    return datetime_text(value) if isinstance(value, datetime) else date_text(value)


def _occurrence(raw: dict[str, Any]) -> Occurrence:
    start, end, previous = raw["start"], raw.get("end"), raw.get("previous_start")
    timed = is_datetime_text(start)
    return Occurrence(
        key=raw["key"], status=raw["status"], sequence=raw["sequence"],
        start=parse_datetime(start) if timed else None,
        start_date=None if timed else date.fromisoformat(start),
        end=parse_datetime(end) if end and is_datetime_text(end) else None,
        end_date=date.fromisoformat(end) if end and not is_datetime_text(end) else None,
        updated=parse_datetime(raw["updated"]) if "updated" in raw else None,
        previous_start=parse_datetime(previous) if previous and is_datetime_text(previous) else None,
        previous_start_date=date.fromisoformat(previous) if previous and not is_datetime_text(previous) else None,
        projected=raw.get("projected", False), venue_name=raw.get("venue_name", ""),
    )  # fmt: skip
