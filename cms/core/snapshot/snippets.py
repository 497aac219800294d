"""Categories, hotspots and promotions ↔ content/categories/, hotspots/, promotions/."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import models

from cms.core.models import Category
from cms.core.snapshot.codec import Codec
from cms.core.snapshot.location import apply_location, location_meta
from cms.core.snapshot.text import compact
from cms.hotspots.models import Hotspot
from cms.promotions.models import Promotion, PromotionImage


class CategoryCodec(Codec):
    section = "categories"
    schema = "category"
    model = Category

    def shared_meta(self, obj: Category) -> dict[str, Any]:
        return {"applies_to": list(obj.applies_to), "order": obj.order or None}

    def apply_shared(self, obj: Category, meta: dict[str, Any]) -> None:
        obj.applies_to = list(meta["applies_to"])
        obj.order = meta.get("order", 0)


class HotspotCodec(Codec):
    section = "hotspots"
    schema = "hotspot"
    model = Hotspot

    def shared_meta(self, obj: Hotspot) -> dict[str, Any]:
        return {"ssid": obj.ssid, "location": location_meta(obj), "area": obj.area, "router": obj.router,
                "status": obj.status, "program": obj.program, "sources": list(obj.sources)}  # fmt: skip

    def apply_shared(self, obj: Hotspot, meta: dict[str, Any]) -> None:
        obj.ssid, obj.area, obj.router, obj.status = meta["ssid"], meta["area"], meta["router"], meta["status"]
        obj.program = meta.get("program", "")
        apply_location(obj, meta["location"])
        obj.sources = list(meta.get("sources", []))


class PromotionCodec(Codec):
    """Only live promotions are exported; an import publishes a revision, as an editor would."""

    section = "promotions"
    schema = "promotion"
    model = Promotion
    image_relation = "images"
    image_model = PromotionImage

    def published(self, queryset: models.QuerySet) -> models.QuerySet:
        return queryset.filter(live=True)

    def shared_meta(self, obj: Promotion) -> dict[str, Any]:
        return {
            "business": obj.business,
            "valid_from": obj.valid_from.isoformat(),
            "valid_until": obj.valid_until.isoformat(),
            "targets": compact({"hotspots": _target_uids(obj), "areas": list(obj.target_areas)}),
            "priority": obj.priority or None,
            "example": obj.example or None,
            "link": obj.link,
            "images": self.image_meta(obj),
        }

    def apply_shared(self, obj: Promotion, meta: dict[str, Any]) -> None:
        obj.business = meta["business"]
        obj.valid_from = date.fromisoformat(meta["valid_from"])
        obj.valid_until = date.fromisoformat(meta["valid_until"])
        targets = meta.get("targets", {})
        hotspots = {str(h.translation_key): h for h in Hotspot.objects.filter(
            translation_key__in=targets.get("hotspots", []), locale__language_code="id")}  # fmt: skip
        if _target_uids(obj) != targets.get("hotspots", []):
            obj.target_hotspots = [hotspots[uid] for uid in targets.get("hotspots", [])]
        obj.target_areas = list(targets.get("areas", []))
        obj.priority = meta.get("priority", 0)
        obj.example = meta.get("example", False)
        obj.link = meta.get("link", "")

    def store(self, obj: Promotion, created: bool) -> None:
        obj.full_clean()
        if created:
            obj.save()
        obj.save_revision().publish()


def _target_uids(obj: Promotion) -> list[str]:
    """Target hotspots in the order they were given: the order of the link rows."""
    if obj.pk is None:
        return [str(h.translation_key) for h in obj.target_hotspots.all()]
    through = Promotion.target_hotspots.through
    links = through.objects.filter(promotion=obj).order_by("pk").select_related("hotspot")
    return [str(link.hotspot.translation_key) for link in links]
