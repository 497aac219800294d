"""Admin wiring of the editorial workflow: draft privacy, shared drafts, reports, panels, imports."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet

from cms.editorial.drafts import visible_pages
from cms.editorial.models import DraftShare


@hooks.register("construct_explorer_page_queryset")
def hide_other_drafts_in_explorer(parent_page: Any, pages: Any, request: HttpRequest) -> Any:
    return visible_pages(request.user, pages)


@hooks.register("construct_page_chooser_queryset")
def hide_other_drafts_in_chooser(pages: Any, request: HttpRequest) -> Any:
    return visible_pages(request.user, pages)


class DraftShareCreateView(CreateView):
    def save_instance(self) -> DraftShare:
        share = self.form.save(commit=False)
        share.shared_by = self.request.user
        share.save()
        return share


class DraftShareViewSet(ModelViewSet):
    model = DraftShare
    icon = "group"
    menu_label = _("Shared drafts")
    add_to_settings_menu = True
    url_prefix = "editorial/shared-drafts"
    list_display = ["page", "user", "shared_by", "created_at"]
    panels = [FieldPanel("page"), FieldPanel("user")]
    add_view_class = DraftShareCreateView


@hooks.register("register_admin_viewset")
def register_draft_shares() -> ModelViewSet:
    return DraftShareViewSet("editorial_draft_shares")
