"""One build of the live site: why it was asked for, how long it took, what it changed, or why it failed."""

from __future__ import annotations

from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _


class BuildRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("building")
        SUCCEEDED = "succeeded", _("live")
        FAILED = "failed", _("failed")

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    requests = models.PositiveIntegerField(_("publishes in this build"), default=1)
    reasons = models.JSONField(_("reasons"), default=list, help_text=_("The first few publishes that asked for it."))
    changed_items = models.JSONField(
        _("changed items"),
        null=True,
        blank=True,
        default=None,
        help_text=_(
            "The items its publishes changed ({section, uid, action}), whose folders alone are exported; "
            "empty when not known (a manual build, a large burst), and then the whole snapshot is exported."
        ),
    )
    export_seconds = models.FloatField(_("export (s)"), null=True, blank=True)
    build_seconds = models.FloatField(_("build (s)"), null=True, blank=True)
    release = models.CharField(_("release"), max_length=40, blank=True)
    files = models.PositiveIntegerField(_("files"), null=True, blank=True)
    changes = models.JSONField(
        _("changes"),
        default=dict,
        blank=True,
        help_text=_("Files added, changed and removed against the previous release."),
    )
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("site build")
        verbose_name_plural = _("site builds")
        ordering = ["-requested_at", "-pk"]
        permissions = [("rollback_site", _("Can roll the public site back to the previous build"))]
        indexes = [models.Index(fields=["status", "requested_at"], name="publishing_status_requested")]

    def __str__(self) -> str:
        return f"build {self.pk} ({self.status})"

    @property
    def queue_wait(self) -> timedelta | None:
        return self.started_at - self.requested_at if self.started_at else None

    @property
    def duration(self) -> timedelta | None:
        return self.finished_at - self.started_at if self.finished_at and self.started_at else None

    @property
    def change_summary(self) -> str:
        if not self.changes:
            return ""
        counts = {key: self.changes.get(key, 0) for key in ("added", "changed", "removed")}
        return _("%(added)d added, %(changed)d changed, %(removed)d removed") % counts
