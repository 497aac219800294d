"""Attractions ↔ content/attractions/."""

from __future__ import annotations

from datetime import time
from typing import Any

from taggit.models import Tag

from cms.attractions.models import (
    AttractionImage,
    AttractionIndexPage,
    AttractionPage,
    AttractionTag,
    OpeningHours,  # fmt: skip
    TicketPrice,
)
from cms.core.models import Category
from cms.core.snapshot.codec import PageCodec
from cms.core.snapshot.location import apply_location, location_meta
from cms.core.snapshot.text import compact, time_text


def tag_names(obj: Any) -> list[str]:
    """Tags in the order they were given (taggit itself has no order)."""
    return [item.tag.name for item in sorted(obj.tagged_items.all(), key=lambda item: item.pk or 0)]


def tagged_items(through: type, names: list[str]) -> list[Any]:
    return [through(tag=Tag.objects.get_or_create(name=name)[0]) for name in names]


def category_uid(obj: Any) -> str:
    return str(obj.category.translation_key)


def category_for(uid: str) -> Category:
    return Category.objects.get(translation_key=uid, locale__language_code="id")


class AttractionCodec(PageCodec):
    section = "attractions"
    schema = "attraction"
    model = AttractionPage
    index_model = AttractionIndexPage
    translated_text = ("hours_note", "prices_note", "accessibility")
    image_relation = "images"
    image_model = AttractionImage

    def shared_meta(self, obj: AttractionPage) -> dict[str, Any]:
        return {
            "kind": obj.kind,
            "category": category_uid(obj),
            "tags": tag_names(obj),
            "highlight": obj.highlight or None,
            "location": location_meta(obj),
            "hours": [_hours_row(row) for row in obj.hours.all()],
            "hours_note": obj.hours_note,
            "prices": [{"visitor": row.visitor, "amount": row.amount} for row in obj.prices.all()],
            "prices_note": obj.prices_note,
            "contact": compact({"phone": obj.phone, "email": obj.email, "website": obj.website}),
            "facilities": list(obj.facilities),
            "accessibility": obj.accessibility,
            "images": self.image_meta(obj),
            "sources": list(obj.sources),
        }

    def apply_shared(self, obj: AttractionPage, meta: dict[str, Any]) -> None:
        obj.kind = meta["kind"]
        obj.category = category_for(meta["category"])
        if tag_names(obj) != meta.get("tags", []):
            obj.tagged_items = tagged_items(AttractionTag, meta.get("tags", []))
        obj.highlight = meta.get("highlight", False)
        apply_location(obj, meta.get("location"))
        obj.hours = [OpeningHours(day=row["day"], opens=_time(row.get("opens")), closes=_time(row.get("closes")),
                                  closed=row.get("closed", False), open_24h=row.get("open_24h", False))
                     for row in meta.get("hours", [])]  # fmt: skip
        obj.prices = [TicketPrice(visitor=row["visitor"], amount=row["amount"]) for row in meta.get("prices", [])]
        contact = meta.get("contact", {})
        obj.phone, obj.email, obj.website = (contact.get(k, "") for k in ("phone", "email", "website"))
        obj.facilities = list(meta.get("facilities", []))
        obj.sources = list(meta.get("sources", []))
        for name in ("hours_note", "prices_note", "accessibility"):
            setattr(obj, name, meta.get(name, ""))

    def child_rows(self, obj: AttractionPage) -> dict[str, list[Any]]:
        return {"hours": list(obj.hours.all()), "prices": list(obj.prices.all()), "images": self.images(obj)}


def _hours_row(row: OpeningHours) -> dict[str, Any]:
    if row.closed:
        return {"day": row.day, "closed": True}
    if row.open_24h:
        return {"day": row.day, "open_24h": True}
    return {"day": row.day, "opens": time_text(row.opens), "closes": time_text(row.closes)}


def _time(text: str | None) -> time | None:
    return time.fromisoformat(text) if text else None
