"""What the editorial workflow stores: role descriptions and drafts shared with a contributor."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.Model):
    """The Indonesian description of a group, shown where administrators put people in it."""

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="role", verbose_name=_("group"))
    description = models.TextField(_("description"))

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self) -> str:
        return self.group.name


class DraftShare(models.Model):
    """A moderator lets one contributor see and edit another's unpublished draft."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="draft_shares",
                             verbose_name=_("page"))  # fmt: skip
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="draft_shares",
                             verbose_name=_("contributor"))  # fmt: skip
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("shared by"))  # fmt: skip
    created_at = models.DateTimeField(_("shared at"), auto_now_add=True)

    class Meta:
        verbose_name = _("shared draft")
        verbose_name_plural = _("shared drafts")
        constraints = [models.UniqueConstraint(fields=["page", "user"], name="unique_draft_share")]

    def __str__(self) -> str:
        return f"{self.page} → {self.user}"
