"""Agenda admin: a menu with the readiness report and the rollover, a dashboard panel, the permission."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Permission
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.log_actions import LogActionRegistry, LogFormatter

from cms.agenda import confirmation, views
from cms.agenda.readiness import agenda_readiness, next_agenda_year


@hooks.register("register_admin_urls")
def register_agenda_urls() -> list[URLPattern]:
    return [
        path("agenda/readiness/", views.ReadinessView.as_view(), name="agenda_readiness"),
        path("agenda/rollover/", views.RolloverView.as_view(), name="agenda_rollover"),
        path("agenda/dates/<int:pk>/", views.OccurrenceChangeView.as_view(), name="agenda_change_occurrence"),
        path("agenda/events/<int:page_id>/undo/", views.UndoChangeView.as_view(), name="agenda_undo_change"),
    ]


class RolloverMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return views.can_roll_over(request.user)


@hooks.register("register_admin_menu_item")
def register_agenda_menu() -> SubmenuMenuItem:
    items = [
        MenuItem(
            _("Agenda readiness"), reverse("agenda_readiness"), name="agenda-readiness", icon_name="tasks", order=10
        ),
        RolloverMenuItem(
            _("Roll over to next year"),
            reverse("agenda_rollover"),
            name="agenda-rollover",
            icon_name="repeat",
            order=20,
        ),
    ]
    return SubmenuMenuItem(_("Agenda"), Menu(items=items), name="agenda", icon_name="date", order=150)


class AgendaReadinessPanel(Component):
    name = "agenda_readiness"
    template_name = "agenda/home_panel.html"
    order = 120

    def get_context_data(self, parent_context: Any) -> dict[str, Any]:
        readiness = agenda_readiness(next_agenda_year())
        return {"readiness": readiness, "can_roll_over": views.can_roll_over(parent_context["request"].user),
                "heading": _("Agenda readiness for %(year)s") % {"year": readiness.year}}  # fmt: skip


@hooks.register("construct_homepage_panels")
def add_agenda_readiness_panel(request: HttpRequest, panels: list[Component]) -> None:
    panels.append(AgendaReadinessPanel())


@hooks.register("register_log_actions")
def register_date_change_actions(actions: LogActionRegistry) -> None:
    @actions.register_action(confirmation.CHANGED)
    class DateChanged(LogFormatter):
        label = _("Change a date")

        def format_message(self, log_entry: Any) -> str:
            data = log_entry.data
            reason = f" ({data['reason']})" if data.get("reason") else ""
            return _("Date %(key)s: %(action)s%(reason)s") % {
                "key": data.get("key"), "action": confirmation.ACTIONS.get(data.get("action"), ""), "reason": reason}

    actions.register_action(confirmation.UNDONE, _("Undo a date change"), _("The last date change was undone"))


@hooks.register("register_permissions")
def register_roll_over_permission() -> QuerySet[Permission]:
    return Permission.objects.filter(content_type__app_label="agenda", codename="roll_over_agenda")
