"""WiFi hotspots: where the captive-portal splash pages are shown."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin

from cms.core.fields import LineListField
from cms.core.location import Located, location_errors, location_panels, raise_errors
from cms.core.models import ItemText


class Hotspot(TranslatableMixin, Located, ItemText):
    class Router(models.TextChoices):
        MIKROTIK = "mikrotik", "MikroTik"
        OPENNDS = "opennds", "openNDS"

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed site")
        PROPOSED = "proposed", _("proposed")

    ssid = models.CharField("SSID", max_length=32)
    area = models.CharField(_("area"), max_length=80, help_text=_(
        "The kecamatan it serves; promotions can target it."))  # fmt: skip
    router = models.CharField(_("router"), max_length=10, choices=Router.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    program = models.CharField(_("program"), max_length=200, blank=True)
    sources = LineListField(_("sources"), help_text=_("Where the facts come from, one per line."))

    panels = [
        *ItemText.text_panels,
        FieldPanel("ssid"), FieldPanel("area"), FieldPanel("router"), FieldPanel("status"), FieldPanel("program"),
        location_panels(),
        FieldPanel("sources"),
    ]  # fmt: skip

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("WiFi hotspot")
        verbose_name_plural = _("WiFi hotspots")
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["locale", "slug"], name="unique_hotspot_slug")]

    def clean(self) -> None:
        super().clean()
        raise_errors(location_errors(self, required=True))
