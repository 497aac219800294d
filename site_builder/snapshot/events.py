"""Phase two, one Catalog event from each valid event bundle: its rule, venue and dated occurrences."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any

from site_builder import catalog as c
from site_builder.calendars import Rule, RuleError
from site_builder.snapshot.bundles import Bundle
from site_builder.snapshot.fields import Fields
from site_builder.snapshot.references import References


def make_event(bundle: Bundle, fields: Fields, references: References) -> c.Event:
    meta = bundle.documents[c.DEFAULT_LANGUAGE].meta
    category = references.check(bundle, "category", meta["category"], "categories")
    try:
        rule = Rule.from_mapping(meta["rule"])
    except RuleError as error:
        fields.problems.add(
            bundle,
            "id",
            f"rule.{error.field}" if error.field else "rule",
            str(error),
            "see the rule keys in content/README.md",
        )
        rule = None
    venue = None
    if raw_venue := meta.get("venue"):
        if uid := raw_venue.get("attraction"):
            references.check(bundle, "venue.attraction", uid, "attractions")
        venue = c.Venue(
            name=raw_venue.get("name", ""),
            attraction_uid=raw_venue.get("attraction"),
            location=fields.location(raw_venue.get("location")),
        )
    keys = Counter(o["key"] for o in meta["occurrences"])
    occurrences = []
    for index, raw in enumerate(meta["occurrences"]):
        if keys[raw["key"]] > 1:
            fields.problems.add(
                bundle,
                "id",
                f"occurrences.{index}.key",
                f"'{raw['key']}' is used by more than one occurrence",
                "give each occurrence its own key (e.g. the year)",
            )
        occurrences.append(_occurrence(bundle, fields, f"occurrences.{index}", raw, meta["updated"]))
    return c.Event(
        **fields.common(bundle),
        category_uid=category,
        tags=tuple(meta.get("tags", [])),
        highlight=meta.get("highlight", False),
        organiser=meta.get("organiser", ""),
        website=meta.get("website", ""),
        free=meta.get("free"),
        venue=venue,
        rule=rule,
        rule_note=meta.get("rule_note", ""),
        observed=tuple(
            c.ObservedDate(fields.day(bundle, "observed", o["date"]), o.get("note", ""))
            for o in meta.get("observed", [])
        ),
        occurrences=tuple(sorted(occurrences, key=_occurrence_order)),
        images=fields.images(bundle),
        sources=tuple(meta.get("sources", [])),
    )


def _occurrence(bundle: Bundle, fields: Fields, where: str, raw: dict[str, Any], updated: str) -> c.Occurrence:
    start = fields.when(bundle, f"{where}.start", raw["start"])
    end = fields.when(bundle, f"{where}.end", raw["end"]) if "end" in raw else None
    if end is None:
        end = start + timedelta(hours=2) if isinstance(start, datetime) else start + timedelta(days=1)
    elif isinstance(start, datetime) != isinstance(end, datetime):
        fields.problems.add(
            bundle,
            "id",
            f"{where}.end",
            "mixes a date with a date and time",
            "give start and end both as dates (all-day) or both as times",
        )
        end = start + timedelta(days=1) if not isinstance(start, datetime) else start
    elif not isinstance(start, datetime):
        end = end + timedelta(days=1)  # the file names the last day; the Catalog keeps it exclusive
    if end <= start and isinstance(start, datetime):
        fields.problems.add(
            bundle,
            "id",
            f"{where}.end",
            f"{raw['end']} is not after the start {raw['start']}",
            "make the end later than the start",
        )
    elif end < start:
        fields.problems.add(
            bundle,
            "id",
            f"{where}.end",
            f"{raw['end']} is before the start {raw['start']}",
            "make the last day the same as or after the start",
        )
    previous = raw.get("previous_start")
    return c.Occurrence(
        key=raw["key"],
        start=start,
        end=end,
        status=raw["status"],
        sequence=raw["sequence"],
        updated=fields.moment(bundle, "id", f"{where}.updated", raw.get("updated", updated)),
        previous_start=fields.when(bundle, f"{where}.previous_start", previous) if previous else None,
        projected=raw.get("projected", False),
        venue_name=raw.get("venue_name", ""),
    )


def _occurrence_order(occurrence: c.Occurrence) -> tuple[date, str]:
    return (occurrence.start_date, occurrence.key)
