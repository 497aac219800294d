"""Local promotions shown on the WiFi portal pages, within their validity window."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, TranslatableMixin, WorkflowMixin

from cms.core.fields import LineListField
from cms.core.location import raise_errors
from cms.core.models import ImageRow, ItemText


# Mixin order as the Wagtail docs give it, so a workflow can be switched on without a schema change.
class Promotion(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, TranslatableMixin, ItemText,
                ClusterableModel):  # fmt: skip
    business = models.CharField(_("business"), max_length=120)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), help_text=_("The last day it is shown (inclusive)."))
    target_hotspots = ParentalManyToManyField("hotspots.Hotspot", blank=True, related_name="promotions",
                                              verbose_name=_("target hotspots"))  # fmt: skip
    target_areas = LineListField(_("target areas"), help_text=_(
        "Kecamatan names, one per line. No hotspots and no areas: shown everywhere."))  # fmt: skip
    priority = models.PositiveSmallIntegerField(_("priority"), default=0, validators=[MaxValueValidator(100)],
                                                help_text=_("Higher shows first."))  # fmt: skip
    example = models.BooleanField(_("example (not a real offer)"), default=False)
    link = models.URLField(_("link"), max_length=500, blank=True)
    # Deleting a promotion deletes its revisions and workflow states too.
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="promotion")
    workflow_states = GenericRelation("wagtailcore.WorkflowState", content_type_field="base_content_type",
                                      object_id_field="object_id", related_query_name="promotion",
                                      for_concrete_model=False)  # fmt: skip

    panels = [
        *ItemText.text_panels,
        FieldPanel("business"),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
        MultiFieldPanel([FieldPanel("target_hotspots"), FieldPanel("target_areas")], heading=_("Where it shows")),
        FieldRowPanel([FieldPanel("priority"), FieldPanel("example")]),
        FieldPanel("link"),
        InlinePanel("images", label=_("image"), max_num=3),
    ]  # fmt: skip

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("promotion")
        verbose_name_plural = _("promotions")
        ordering = ["-priority", "title"]
        constraints = [models.UniqueConstraint(fields=["locale", "slug"], name="unique_promotion_slug")]

    @property
    def revisions(self) -> models.QuerySet:
        return self._revisions

    def clean(self) -> None:
        super().clean()
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise_errors({"valid_until": _("The promotion cannot end before it starts.")})


class PromotionImage(ImageRow):
    promotion = ParentalKey(Promotion, on_delete=models.CASCADE, related_name="images")
