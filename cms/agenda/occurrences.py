"""The dated rows of an event: each occurrence and each image."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable

from cms.core.models import ImageRow
from cms.core.plain_text import check_plain_text


class Occurrence(Orderable):
    """One happening: timed (aware datetimes) or all-day (dates, the end day inclusive)."""

    class Status(models.TextChoices):
        TENTATIVE = "tentative", _("tentative")
        CONFIRMED = "confirmed", _("confirmed")
        POSTPONED = "postponed", _("postponed")
        CANCELLED = "cancelled", _("cancelled")

    page = ParentalKey("agenda.EventPage", on_delete=models.CASCADE, related_name="occurrences")
    key = models.CharField(_("key"), max_length=40, help_text=_("Stable within the event, e.g. the year 2026."),
                           validators=[RegexValidator(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")])  # fmt: skip
    start = models.DateTimeField(_("starts at"), null=True, blank=True)
    end = models.DateTimeField(_("ends at"), null=True, blank=True)
    start_date = models.DateField(_("first day (all-day)"), null=True, blank=True)
    end_date = models.DateField(_("last day (all-day)"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.TENTATIVE)
    sequence = models.PositiveIntegerField(_("sequence"), default=0, help_text=_(
        "Goes up whenever the date, time, venue or status changes."))  # fmt: skip
    updated = models.DateTimeField(_("last changed"), null=True, blank=True)
    previous_start = models.DateTimeField(_("previous start"), null=True, blank=True)
    previous_start_date = models.DateField(_("previous first day"), null=True, blank=True)
    projected = models.BooleanField(_("projected by the rule"), default=False)
    venue_name = models.CharField(_("venue this time"), max_length=200, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("key"), FieldPanel("status"), FieldPanel("sequence"), FieldPanel("projected")]),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=_("Timed")),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("All-day")),
        MultiFieldPanel([FieldRowPanel([FieldPanel("previous_start"), FieldPanel("previous_start_date")]),
                         FieldPanel("updated"), FieldPanel("venue_name")], heading=_("History")),
    ]  # fmt: skip

    class Meta(Orderable.Meta):
        verbose_name = _("occurrence")

    def __str__(self) -> str:
        return self.key

    @property
    def all_day(self) -> bool:
        return self.start_date is not None

    def clean(self) -> None:
        check_plain_text(self)
        if self.start is not None and self.start_date is not None:
            raise ValidationError({"start_date": _("Give a start time or a first day (all-day), not both.")})
        if self.start is None and self.start_date is None:
            raise ValidationError({"start": _("Give a start time, or a first day for an all-day occurrence.")})
        if self.all_day and self.end is not None or not self.all_day and self.end_date is not None:
            raise ValidationError({"end": _("Give the end the same way as the start: both times or both days.")})
        if self.end is not None and self.end <= self.start:
            raise ValidationError({"end": _("The end must be after the start.")})
        if self.end_date is not None and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The last day cannot be before the first day.")})
        if self.previous_start is not None and self.previous_start_date is not None:
            raise ValidationError({"previous_start_date": _("Give the previous start as a time or a day, not both.")})


class EventImage(ImageRow):
    page = ParentalKey("agenda.EventPage", on_delete=models.CASCADE, related_name="images")
