"""Suggestions sent from the public site's forms: new events, dates for undated events, corrections.

Every field a visitor types is untrusted. Contact details stay in the CMS: the snapshot exporter
never reads this app, and `erase_suggestion_contacts` blanks them after WISTAKON_SUGGESTION_CONTACT_DAYS.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O or 1/I to misread over the phone


def new_reference() -> str:
    return "WK-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


def image_path(suggestion: Suggestion, name: str) -> str:
    """Stored under the reference, never under the visitor's file name."""
    extension = name.rsplit(".", 1)[-1].lower()
    return f"suggestions/{suggestion.reference}.{extension}"


class Suggestion(models.Model):
    class Kind(models.TextChoices):
        EVENT = "event", _("new event")
        DATE = "date", _("date for an event")
        CORRECTION = "correction", _("correction")

    class Status(models.TextChoices):
        NEW = "new", _("new")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")

    class Problem(models.TextChoices):
        HOURS = "hours", _("opening hours")
        PRICE = "price", _("price")
        LOCATION = "location", _("location")
        CLOSED = "closed", _("closed permanently")
        TEXT = "text", _("text")
        OTHER = "other", _("something else")

    reference = models.CharField(_("reference"), max_length=12, unique=True, default=new_reference, editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    reject_reason = models.CharField(_("reason for rejecting"), max_length=500, blank=True)
    received = models.DateTimeField(_("received"), auto_now_add=True)
    handled = models.DateTimeField(_("handled"), null=True, blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("handled by"))  # fmt: skip
    language = models.CharField(_("language"), max_length=2, default="id")
    # The item a date or correction is about; for a new event, the draft made from it.
    page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("page"))  # fmt: skip
    title = models.CharField(_("title"), max_length=120, blank=True)
    start_date = models.DateField(_("first day"), null=True, blank=True)
    end_date = models.DateField(_("last day"), null=True, blank=True)
    start_time = models.TimeField(_("starts at"), null=True, blank=True)
    date_unknown = models.BooleanField(_("date not known yet"), default=False)
    venue = models.ForeignKey("attractions.AttractionPage", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("venue (an attraction)"))  # fmt: skip
    venue_name = models.CharField(_("venue name"), max_length=200, blank=True)
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    problem = models.CharField(_("what is wrong"), max_length=10, choices=Problem.choices, blank=True)
    text = models.TextField(_("description"), max_length=2000, blank=True)
    image = models.ImageField(_("image"), upload_to=image_path, blank=True)
    contact_name = models.CharField(_("contact name"), max_length=120, blank=True)
    contact = models.CharField(_("phone or email"), max_length=200, blank=True)
    form_token = models.CharField(max_length=64, blank=True, editable=False)  # SHA-256 of the form's token

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        ordering = ["-received", "-pk"]
        indexes = [models.Index(fields=["status", "kind"], name="suggestion_open_by_kind")]
        constraints = [models.UniqueConstraint(fields=["form_token"], condition=~models.Q(form_token=""),
                                               name="one_suggestion_per_form_token")]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.reference} · {self.get_kind_display()}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.NEW
