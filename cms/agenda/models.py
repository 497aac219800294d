"""Agenda: events, their recurrence rule and their dated occurrences."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Page, Revision

from cms.agenda.changes import stamp_occurrence_changes
from cms.agenda.occurrences import EventImage, Occurrence
from cms.core.fields import LineListField, MarkdownTextarea
from cms.core.location import LocatedVenue, location_errors, location_panels, raise_errors
from cms.core.models import ContentPage
from cms.core.schema import rule_problems
from cms.editorial.writing import WritingScorePanel


class AgendaIndexPage(Page):
    parent_page_types = ["core.HomePage"]
    subpage_types = ["agenda.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("agenda")


class EventTag(TaggedItemBase):
    content_object = ParentalKey("agenda.EventPage", on_delete=models.CASCADE, related_name="tagged_items")


def default_rule() -> dict[str, str]:
    return {"calendar": "organiser"}


class EventPage(LocatedVenue, ContentPage):
    category = models.ForeignKey("core.Category", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("category"))  # fmt: skip
    tags = ClusterTaggableManager(through=EventTag, blank=True)
    highlight = models.BooleanField(_("highlight on the home page"), default=False)
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)
    free = models.BooleanField(_("free to watch or join"), null=True, blank=True, default=True,
                               help_text=_("Empty when not known."))  # fmt: skip
    venue = models.ForeignKey("attractions.AttractionPage", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("venue (an attraction)"))  # fmt: skip
    venue_name = models.CharField(_("venue name"), max_length=200, blank=True,
                                  help_text=_("Only when the venue is not an attraction."))  # fmt: skip
    rule = models.JSONField(_("recurrence rule"), default=default_rule, help_text=_(
        'How the date recurs, e.g. {"calendar": "javanese-aboge", "month": 3, "day": 12}. '
        "See content/README.md."))  # fmt: skip
    rule_note = models.CharField(_("note on the rule"), max_length=500, blank=True)
    observed = models.JSONField(_("dates observed in past years"), default=list, blank=True,
                                help_text=_('A list like [{"date": "2024-09-16", "note": "…"}].'))  # fmt: skip
    sources = LineListField(_("sources"), help_text=_("Where the facts come from, one per line."))

    content_panels = [
        WritingScorePanel("event"),
        *Page.content_panels,
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("highlight"), FieldPanel("free")]),
        FieldPanel("tags"),
        FieldPanel("body", widget=MarkdownTextarea),
        MultiFieldPanel([FieldPanel("organiser"), FieldPanel("website")], heading=_("Organiser")),
        MultiFieldPanel([FieldPanel("venue"), FieldPanel("venue_name")], heading=_("Venue")),
        location_panels("venue_", heading=_("Venue location (only without an attraction)")),
        MultiFieldPanel([FieldPanel("rule"), FieldPanel("rule_note"), FieldPanel("observed")],
                        heading=_("Recurrence")),
        InlinePanel("occurrences", label=_("occurrence")),
        InlinePanel("images", label=_("image")),
        FieldPanel("sources"),
    ]  # fmt: skip

    parent_page_types = ["agenda.AgendaIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("event")
        permissions = [("roll_over_agenda", _("Can roll the agenda over to a new year"))]

    def save_revision(self, *args: Any, **kwargs: Any) -> Revision:
        stamp_occurrence_changes(self)  # so the revision already holds the new SEQUENCE
        return super().save_revision(*args, **kwargs)

    def save(self, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("update_fields") is None:
            stamp_occurrence_changes(self)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        errors = location_errors(self, prefix="venue_")
        if self.venue_id and (self.venue_name or self.venue_latitude is not None):
            errors["venue_name"] = _("Choose an attraction as the venue, or give a venue name, not both.")
        if self.venue_latitude is not None and not self.venue_name:
            errors["venue_name"] = _("A venue location needs a venue name.")
        if problems := list(rule_problems(self.rule)):
            errors["rule"] = _("The rule does not match content/README.md: %(problems)s") % {
                "problems": "; ".join(problems)}  # fmt: skip
        if problems := _observed_problems(self.observed):
            errors["observed"] = problems
        keys = [o.key for o in self.occurrences.all()]
        if duplicates := sorted({k for k in keys if keys.count(k) > 1}):
            errors.setdefault("__all__", []).append(ValidationError(
                _("Each occurrence needs its own key; used more than once: %(keys)s"),
                params={"keys": ", ".join(duplicates)}))  # fmt: skip
        raise_errors(errors)


def _observed_problems(observed: object) -> str:
    rows = observed if isinstance(observed, list) else None
    if rows is None or any(not isinstance(r, dict) or not isinstance(r.get("date"), str)
                           or set(r) - {"date", "note"} for r in rows):  # fmt: skip
        return str(_('Write a list like [{"date": "2024-09-16", "note": "…"}].'))
    return ""


__all__ = ["AgendaIndexPage", "EventImage", "EventPage", "EventTag", "Occurrence"]
