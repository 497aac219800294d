"""Phase two, one Catalog item from each valid bundle: categories, attractions, hotspots and promotions.

Events, with their rules and occurrences, are made in events.py.
"""

from __future__ import annotations

from collections import Counter
from datetime import time
from types import MappingProxyType

from site_builder import catalog as c
from site_builder.snapshot.bundles import Bundle
from site_builder.snapshot.fields import Fields
from site_builder.snapshot.references import References


def make_category(bundle: Bundle, fields: Fields, references: References) -> c.Category:
    meta = bundle.documents[c.DEFAULT_LANGUAGE].meta
    return c.Category(**fields.common(bundle), applies_to=tuple(meta["applies_to"]), order=meta.get("order", 0))


def make_attraction(bundle: Bundle, fields: Fields, references: References) -> c.Attraction:
    meta = bundle.documents[c.DEFAULT_LANGUAGE].meta
    category = references.check(bundle, "category", meta["category"], "categories")
    hours = _opening_hours(bundle, fields, meta.get("hours", []))
    return c.Attraction(
        **fields.common(bundle),
        category_uid=category,
        place_kind=meta["kind"],
        tags=tuple(meta.get("tags", [])),
        highlight=meta.get("highlight", False),
        location=fields.location(meta.get("location")),
        hours=tuple(sorted(hours, key=lambda h: (c.WEEKDAYS.index(h.day), h.opens or time(0)))),
        prices=tuple(c.Price(p["visitor"], p["amount"]) for p in meta.get("prices", [])),
        contact=MappingProxyType(dict(meta.get("contact", {}))),
        facilities=tuple(meta.get("facilities", [])),
        images=fields.images(bundle),
        sources=tuple(meta.get("sources", [])),
    )


def _opening_hours(bundle: Bundle, fields: Fields, rows: list[dict]) -> list[c.OpeningHours]:
    hours = []
    for index, row in enumerate(rows):
        opens = time.fromisoformat(row["opens"]) if "opens" in row else None
        closes = time.fromisoformat(row["closes"]) if "closes" in row else None
        if opens and closes and closes <= opens:
            fields.problems.add(
                bundle,
                "id",
                f"hours.{index}.closes",
                f"closes at {row['closes']}, not after it opens at {row['opens']}",
                "write a closing time later than the opening time (use open_24h: true for places that never close)",
            )
        hours.append(c.OpeningHours(row["day"], opens, closes, row.get("closed", False), row.get("open_24h", False)))
    days = Counter(h.day for h in hours)
    for day, count in days.items():
        if count > 1 and any(h.closed or h.open_24h for h in hours if h.day == day):
            fields.problems.add(
                bundle,
                "id",
                "hours",
                f"'{day}' is closed or open 24h and also has other rows",
                f"keep one row for {day}",
            )
    return hours


def make_hotspot(bundle: Bundle, fields: Fields, references: References) -> c.Hotspot:
    meta = bundle.documents[c.DEFAULT_LANGUAGE].meta
    return c.Hotspot(
        **fields.common(bundle),
        ssid=meta["ssid"],
        location=fields.location(meta["location"]),
        area=meta["area"],
        router=meta["router"],
        status=meta["status"],
        program=meta.get("program", ""),
    )


def make_promotion(bundle: Bundle, fields: Fields, references: References) -> c.Promotion:
    meta = bundle.documents[c.DEFAULT_LANGUAGE].meta
    valid_from = fields.day(bundle, "valid_from", meta["valid_from"])
    valid_until = fields.day(bundle, "valid_until", meta["valid_until"])
    if valid_until < valid_from:
        fields.problems.add(
            bundle,
            "id",
            "valid_until",
            f"{meta['valid_until']} is before valid_from {meta['valid_from']}",
            "make the promotion end on or after its first day",
        )
    targets = meta.get("targets", {})
    for index, uid in enumerate(targets.get("hotspots", [])):
        references.check(bundle, f"targets.hotspots.{index}", uid, "hotspots")
    return c.Promotion(
        **fields.common(bundle),
        business=meta["business"],
        valid_from=valid_from,
        valid_until=valid_until,
        target_hotspots=tuple(targets.get("hotspots", [])),
        target_areas=tuple(targets.get("areas", [])),
        priority=meta.get("priority", 0),
        example=meta.get("example", False),
        link=meta.get("link", ""),
        images=fields.images(bundle),
    )
