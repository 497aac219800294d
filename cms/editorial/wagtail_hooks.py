"""Admin wiring of the editorial workflow: draft privacy, shared drafts, reports, panels, imports."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet

from cms.attractions.models import AttractionIndexPage
from cms.editorial import views, writing
from cms.editorial.drafts import is_publisher, visible_pages
from cms.editorial.models import DraftShare
from cms.editorial.panels import CompletenessPanel, GuidePanel
from cms.editorial.report import CompletenessReportView


@hooks.register("construct_explorer_page_queryset")
def hide_other_drafts_in_explorer(parent_page: Any, pages: Any, request: HttpRequest) -> Any:
    return visible_pages(request.user, pages)


@hooks.register("construct_page_chooser_queryset")
def hide_other_drafts_in_chooser(pages: Any, request: HttpRequest) -> Any:
    return visible_pages(request.user, pages)


@hooks.register("construct_reports_menu")
def hide_publisher_reports(request: HttpRequest, menu_items: list[Any]) -> None:
    if not is_publisher(request.user):  # cms.editorial.middleware refuses these reports to contributors
        menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]


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


@hooks.register("construct_homepage_panels")
def add_editorial_panels(request: HttpRequest, panels: list[Any]) -> None:
    if not is_publisher(request.user):
        panels.append(GuidePanel())
    panels.append(CompletenessPanel(request.user))


@hooks.register("register_admin_urls")
def register_editorial_urls() -> list[Any]:
    report = CompletenessReportView.as_view()
    results = CompletenessReportView.as_view(results_only=True)
    return [
        path("editorial/completeness/", report, name="editorial_completeness"),
        path("editorial/completeness/results/", results, name="editorial_completeness_results"),
        path("editorial/import/", views.import_attractions, name="editorial_import"),
        path("editorial/import/report/", views.import_report, name="editorial_import_report"),
        path("editorial/import/template/", views.import_template, name="editorial_import_template"),
        path("editorial/contributors/", views.import_contributors, name="editorial_contributors"),
        path("editorial/writing/<str:kind>/<str:mode>/<int:page_id>/", writing.completeness_while_writing,
             name="editorial_writing_score"),  # fmt: skip
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        index = AttractionIndexPage.objects.filter(locale__language_code="id").first()
        return index is not None and index.permissions_for_user(request.user).can_add_subpage()


class ContributorsMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return request.user.has_perm("auth.add_user")


@hooks.register("register_admin_menu_item")
def register_import_menu_item() -> MenuItem:
    return ImportMenuItem(_("Import attractions"), reverse("editorial_import"), name="editorial-import",
                          icon_name="upload", order=250)  # fmt: skip


@hooks.register("register_settings_menu_item")
def register_contributors_menu_item() -> MenuItem:
    return ContributorsMenuItem(_("Add contributors"), reverse("editorial_contributors"),
                                name="editorial-contributors", icon_name="group", order=610)  # fmt: skip


@hooks.register("register_reports_menu_item")
def register_completeness_report() -> MenuItem:
    return MenuItem(_("Content completeness"), reverse("editorial_completeness"), name="editorial-completeness",
                    icon_name="tasks", order=1300)  # fmt: skip
