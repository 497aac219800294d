"""Admin wiring: the "Usulan masuk" menu item with its count, the queue views and a dashboard panel."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from cms.editorial.drafts import is_publisher
from cms.suggestions import admin_views


@hooks.register("register_admin_urls")
def register_suggestion_urls() -> list[URLPattern]:
    return [
        path("suggestions/", admin_views.QueueView.as_view(), name="suggestion_queue"),
        path("suggestions/<int:pk>/", admin_views.SuggestionView.as_view(), name="suggestion_detail"),
    ]


class QueueMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return is_publisher(request.user)


@hooks.register("register_admin_menu_item")
def register_queue_menu() -> MenuItem:
    return QueueMenuItem(_("Incoming suggestions"), reverse("suggestion_queue"), name="suggestions",
                         icon_name="mail", order=160)  # fmt: skip


class WaitingPanel(Component):
    name = "suggestions_waiting"
    template_name = "suggestions/home_panel.html"
    order = 110

    def get_context_data(self, parent_context: Any) -> dict[str, Any]:
        return {"counts": admin_views.open_counts()}


@hooks.register("construct_homepage_panels")
def add_waiting_panel(request: HttpRequest, panels: list[Component]) -> None:
    if is_publisher(request.user):
        panels.append(WaitingPanel())
