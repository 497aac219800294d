"""A location as the snapshot writes it, from and to the location fields of a model."""

from __future__ import annotations

from typing import Any

from django.db import models

from cms.core.snapshot.text import compact

# snapshot key → model field name (before the prefix)
KEYS = {"lat": "latitude", "lon": "longitude", "confidence": "confidence", "accuracy_m": "accuracy_m",
        "address": "address", "kelurahan": "kelurahan", "desa": "desa", "kecamatan": "kecamatan",
        "region": "region"}  # fmt: skip


def location_meta(obj: models.Model, prefix: str = "") -> dict[str, Any] | None:
    if getattr(obj, f"{prefix}latitude") is None:
        return None
    return compact({key: getattr(obj, prefix + name) for key, name in KEYS.items()})


def apply_location(obj: models.Model, raw: dict[str, Any] | None, prefix: str = "") -> None:
    raw = raw or {}
    for key, name in KEYS.items():
        value = raw.get(key)
        if value is None and name not in ("latitude", "longitude", "accuracy_m"):
            value = ""
        if value is not None and name in ("latitude", "longitude"):
            value = float(value)
        setattr(obj, prefix + name, value)
