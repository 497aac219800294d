"""The completeness report: every attraction and event with its score and gaps, filterable, exportable."""

from __future__ import annotations

from typing import Any

import django_filters
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from cms.core.models import Category
from cms.editorial.completeness import GAPS, Row, rows_for

TYPES = [("attraction", _("attractions")), ("event", _("events"))]


def _keep(queryset: Any, name: str, value: Any) -> Any:
    return queryset  # these filters apply to the computed rows, in CompletenessReportView


class CompletenessFilterSet(WagtailFilterSet):
    type = django_filters.ChoiceFilter(label=_("Type"), choices=TYPES, method=_keep, empty_label=_("All"))
    category = django_filters.ModelChoiceFilter(
        label=_("Category"), method=_keep, empty_label=_("All"),
        queryset=lambda request: Category.objects.filter(locale__language_code="id"),
    )  # fmt: skip
    gap = django_filters.ChoiceFilter(label=_("Missing"), method=_keep, empty_label=_("Anything"),
                                      choices=[(code, label) for code, (label, _w) in GAPS.items()])  # fmt: skip

    class Meta:
        model = Page
        fields: list[str] = []


def edit_url(row: Row) -> str:
    return reverse("wagtailadmin_pages:edit", args=[row.page.pk])


class CompletenessReportView(ReportView):
    page_title = _("Content completeness")
    header_icon = "tasks"
    index_url_name = "editorial_completeness"
    index_results_url_name = "editorial_completeness_results"
    filterset_class = CompletenessFilterSet
    paginate_by = 100
    export_filename = "kelengkapan-konten"
    columns = [
        TitleColumn("title", label=_("Title"), get_url=edit_url),
        Column("type_label", label=_("Type")),
        Column("category", label=_("Category")),
        Column("score", label=_("Score")),
        Column("gap_labels", label=_("Missing")),
    ]
    list_export = ["title", "type_label", "category", "score", "gap_labels", "gap_codes", "published", "uid"]
    export_headings = {
        "title": _("Title"), "type_label": _("Type"), "category": _("Category"), "score": _("Score"),
        "gap_labels": _("Missing"), "gap_codes": _("Gap codes"), "published": _("Published"), "uid": "uid",
    }  # fmt: skip

    def get_queryset(self) -> Any:
        return Page.objects.none()  # the rows are computed, see get_filtered_queryset

    def get_filtered_queryset(self) -> list[Row]:
        rows = rows_for(self.request.user)
        wanted = self.filters.form.cleaned_data if self.filters and self.filters.is_valid() else {}
        if kind := wanted.get("type"):
            rows = [row for row in rows if row.kind == kind]
        if category := wanted.get("category"):
            rows = [row for row in rows if row.page.category.translation_key == category.translation_key]
        if gap := wanted.get("gap"):
            rows = [row for row in rows if gap in row.gaps]
        return rows
