"""Where something is: coordinates as numbers with checked ranges, never a string."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

LOCATION_NAMES = ("latitude", "longitude", "confidence", "accuracy_m", "address", "kelurahan", "desa",
                  "kecamatan", "region")  # fmt: skip


class Confidence(models.TextChoices):
    HIGH = "high", _("high")
    MEDIUM = "medium", _("medium")
    LOW = "low", _("low (shown as approximate)")
    VERY_LOW = "very-low", _("very low (shown as approximate)")


class Region(models.TextChoices):
    KOTA = "Kota Cirebon", "Kota Cirebon"
    KABUPATEN = "Kabupaten Cirebon", "Kabupaten Cirebon"


def _fields() -> dict[str, models.Field]:
    return {
        "latitude": models.FloatField(_("latitude"), null=True, blank=True, help_text=_("e.g. -6.7261")),
        "longitude": models.FloatField(_("longitude"), null=True, blank=True, help_text=_("e.g. 108.5708")),
        "confidence": models.CharField(_("coordinate confidence"), max_length=10, blank=True,
                                       choices=Confidence.choices),  # fmt: skip
        "accuracy_m": models.PositiveIntegerField(_("accuracy (metres)"), null=True, blank=True),
        "address": models.CharField(_("address"), max_length=200, blank=True),
        "kelurahan": models.CharField(_("kelurahan"), max_length=80, blank=True),
        "desa": models.CharField(_("desa"), max_length=80, blank=True),
        "kecamatan": models.CharField(_("kecamatan"), max_length=80, blank=True),
        "region": models.CharField(_("region"), max_length=20, blank=True, choices=Region.choices),
    }


def located(prefix: str = "") -> type[models.Model]:
    """An abstract model adding the location fields, each named `prefix + name`."""
    attrs: dict[str, Any] = {f"{prefix}{name}": field for name, field in _fields().items()}
    attrs["__module__"] = __name__
    attrs["Meta"] = type("Meta", (), {"abstract": True})
    return type(f"Located{prefix.strip('_').title()}", (models.Model,), attrs)


Located = located()
LocatedVenue = located("venue_")


def location_panels(prefix: str = "", heading: Any = None) -> MultiFieldPanel:
    name = lambda field: f"{prefix}{field}"  # noqa: E731
    from cms.core.map_picker import MapPickerPanel

    return MultiFieldPanel([
        MapPickerPanel(prefix),
        FieldRowPanel([FieldPanel(name("latitude")), FieldPanel(name("longitude"))]),
        FieldRowPanel([FieldPanel(name("confidence")), FieldPanel(name("accuracy_m"))]),
        FieldPanel(name("address")),
        FieldRowPanel([FieldPanel(name("kelurahan")), FieldPanel(name("desa"))]),
        FieldRowPanel([FieldPanel(name("kecamatan")), FieldPanel(name("region"))]),
    ], heading=heading or _("Location"))  # fmt: skip


def location_errors(obj: models.Model, prefix: str = "", required: bool = False) -> dict[str, Any]:
    """Field → message for a location that is out of range or half given."""
    lat, lon = getattr(obj, f"{prefix}latitude"), getattr(obj, f"{prefix}longitude")
    errors: dict[str, Any] = {}
    if lat is not None and not -90 <= lat <= 90:
        errors[f"{prefix}latitude"] = _("Latitude must be between -90 and 90 (Cirebon is about -6.7).")
    if lon is not None and not -180 <= lon <= 180:
        errors[f"{prefix}longitude"] = _("Longitude must be between -180 and 180 (Cirebon is about 108.5).")
    given = [value is not None for value in (lat, lon)] + [bool(getattr(obj, f"{prefix}confidence"))]
    if any(given) and not all(given) or required and not any(given):
        for name, present in zip(("latitude", "longitude", "confidence"), given, strict=True):
            if not present:
                errors.setdefault(f"{prefix}{name}", _("Give latitude, longitude and confidence together."))
    return errors


def raise_errors(errors: dict[str, Any]) -> None:
    if errors:
        raise ValidationError(errors)
