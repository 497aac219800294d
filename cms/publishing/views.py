"""The build status in the admin: a home panel for publishers and a list of recent builds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies.pages import PagePermissionPolicy

from cms.publishing.models import BuildRun
from site_builder import releases

LISTED = 30


def can_see_builds(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whoever can publish sees what publishing did; contributors see their drafts, not the build."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.has_perm("publishing.view_buildrun") or (
        PagePermissionPolicy().user_has_permission(user, "publish"))  # fmt: skip


def build_status() -> dict[str, Any]:
    runs = BuildRun.objects.all()
    finished = runs.filter(status__in=[BuildRun.Status.SUCCEEDED, BuildRun.Status.FAILED])
    last_finished = finished.order_by("-pk").values_list("pk", flat=True).first() or 0
    # A run older than the last finished one was cut off (a stopped worker); it is not "pending".
    pending = runs.filter(status__in=[BuildRun.Status.QUEUED, BuildRun.Status.RUNNING], pk__gt=last_finished)
    return {
        "last_success": finished.filter(status=BuildRun.Status.SUCCEEDED).order_by("-finished_at", "-pk").first(),
        "last_failure": finished.filter(status=BuildRun.Status.FAILED).order_by("-finished_at", "-pk").first(),
        "pending": pending.order_by("pk").first(),
    }


class BuildStatusPanel(Component):
    name = "build_status"
    template_name = "publishing/home_panel.html"
    order = 90

    def get_context_data(self, parent_context: dict[str, Any]) -> dict[str, Any]:
        status = build_status()
        failure, success = status["last_failure"], status["last_success"]
        # A failure only matters while no later build has succeeded.
        status["failing"] = failure if failure and (not success or failure.pk > success.pk) else None
        return status


class BuildRunListView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "publishing/build_list.html"
    page_title = _("Site builds")
    header_icon = "rotate"
    breadcrumbs_items = [{"url": reverse_lazy("wagtailadmin_home"), "label": _("Home")},
                         {"url": "", "label": _("Site builds")}]  # fmt: skip

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_see_builds(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), **build_status(), "runs": BuildRun.objects.all()[:LISTED],
                "can_roll_back": self.request.user.has_perm(ROLLBACK_PERMISSION)}  # fmt: skip


ROLLBACK_PERMISSION = "publishing.rollback_site"


class RollbackView(WagtailAdminTemplateMixin, TemplateView):
    """GET: what rolling back would do (the confirm step); POST: do what `wistakon rollback` does."""

    template_name = "publishing/rollback.html"
    page_title = _("Roll the site back")
    header_icon = "undo"
    breadcrumbs_items = [{"url": reverse_lazy("wagtailadmin_home"), "label": _("Home")},
                         {"url": reverse_lazy("publishing_builds"), "label": _("Site builds")},
                         {"url": "", "label": _("Roll the site back")}]  # fmt: skip

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.has_perm(ROLLBACK_PERMISSION):
            raise PermissionDenied
        self.out = Path(settings.WISTAKON_DIST_DIR)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        try:
            kind, target = releases.rollback_plan(self.out)
        except releases.ReleaseError:
            kind, target = "", None
        live = releases.current(self.out)
        return {**super().get_context_data(**kwargs), "kind": kind, "target": target and target.name,
                "live": live and live.name}  # fmt: skip

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        before = releases.current(self.out)
        try:
            target = releases.rollback(self.out)
        except releases.ReleaseError:
            messages.error(request, _("There is no earlier build to go back to."))
        else:
            if target == before:
                undone = _("The last change to the live site was undone (build %(name)s). The next publish builds "
                           "the whole site again.")  # fmt: skip
                messages.success(request, undone % {"name": target.name})
            else:
                messages.success(request, _("The site now serves the earlier build %(name)s.") % {"name": target.name})
        return HttpResponseRedirect(reverse("publishing_builds"))
