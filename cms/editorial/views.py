"""Admin views: spreadsheet import of attractions (upload → report → confirm) and contributor onboarding."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.attractions.models import AttractionIndexPage
from cms.editorial import bulk_import, contributors
from cms.editorial.spreadsheet import SpreadsheetError, read_table, template_csv, template_xlsx

SESSION_KEY = "editorial_import_rows"
MAX_UPLOAD = 5 * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Spreadsheet (.xlsx or .csv)"),
                           help_text=gettext_lazy("Start from the template; one attraction per row."))  # fmt: skip


def _attraction_index(request: HttpRequest) -> AttractionIndexPage:
    index = AttractionIndexPage.objects.filter(locale__language_code="id").first()
    if index is None or not index.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    return index


def _read_upload(form: UploadForm) -> list[dict[str, str]]:
    upload = form.cleaned_data["file"]
    if upload.size > MAX_UPLOAD:
        raise SpreadsheetError(_("The file is larger than 5 MB; split it into smaller files."))
    return read_table(upload.name, upload.read())


def import_attractions(request: HttpRequest) -> HttpResponse:
    index = _attraction_index(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            rows = _read_upload(form)
        except SpreadsheetError as error:
            form.add_error("file", str(error))
        else:
            request.session[SESSION_KEY] = {"name": form.cleaned_data["file"].name, "rows": rows}
            return redirect("editorial_import_report")
    publishes = index.permissions_for_user(request.user).can_publish()
    return render(request, "editorial/import_upload.html", {
        "form": form, "columns": bulk_import.COLUMNS, "publishes": publishes,
        "page_title": _("Import attractions from a spreadsheet"), "header_icon": "upload"})  # fmt: skip


def import_report(request: HttpRequest) -> HttpResponse:
    index = _attraction_index(request)
    stored = request.session.get(SESSION_KEY)
    if not stored:
        return redirect("editorial_import")
    plans = bulk_import.plan_import(stored["rows"], request.user)
    if request.method == "POST":
        only_valid = request.POST.get("rows") == "valid"
        try:
            outcome = bulk_import.apply_import(plans, request.user, only_valid=only_valid)
        except bulk_import.ImportRefused:
            messages.error(request, _("Nothing was imported: correct the rows marked in red, or import only the "
                                      "valid rows."))  # fmt: skip
        else:
            del request.session[SESSION_KEY]
            messages.success(request, _("Imported: %(created)s new, %(updated)s updated, %(unchanged)s unchanged, "
                                        "%(skipped)s rows skipped.") % {
                name: outcome[name] for name in ("created", "updated", "unchanged", "skipped")})  # fmt: skip
            return redirect("wagtailadmin_explore", index.pk)
    valid = sum(plan.valid for plan in plans)
    return render(request, "editorial/import_report.html", {
        "plans": plans, "file_name": stored["name"], "valid": valid, "invalid": len(plans) - valid,
        "updates": sum(plan.action == "update" for plan in plans),
        "publishes": index.permissions_for_user(request.user).can_publish(),
        "page_title": _("Check the import"), "header_icon": "upload"})  # fmt: skip


def import_template(request: HttpRequest) -> HttpResponse:
    _attraction_index(request)
    columns = [(name, str(text)) for name, text in bulk_import.COLUMNS]
    if request.GET.get("format") == "csv":
        response = HttpResponse(template_csv(columns, bulk_import.EXAMPLE), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="templat-objek-wisata.csv"'
        return response
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(template_xlsx(columns, bulk_import.EXAMPLE), content_type=content_type)
    response["Content-Disposition"] = 'attachment; filename="templat-objek-wisata.xlsx"'
    return response


class ContributorsForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("CSV file"), help_text=gettext_lazy(
        "Columns username,email,first_name,last_name,group; group is Kontributor Komunitas, Moderator or "
        "Administrator."))  # fmt: skip


def import_contributors(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("auth.add_user"):
        raise PermissionDenied
    form = ContributorsForm(request.POST or None, request.FILES or None)
    plans: list[Any] = []
    if request.method == "POST" and form.is_valid():
        content = form.cleaned_data["file"].read()
        plans = contributors.plan_accounts(content)
        if all(plan.valid for plan in plans):
            outcome = contributors.create_accounts(plans)
            messages.success(request, _("Accounts: %(created)s created, %(unchanged)s already there.") % {
                "created": outcome["created"], "unchanged": outcome["unchanged"]})  # fmt: skip
            return redirect(reverse("editorial_contributors"))
        messages.error(request, _("No account was created: correct the rows marked in red and upload again."))
    return render(request, "editorial/contributors.html", {
        "form": form, "plans": plans, "roles": contributors.role_descriptions(),
        "page_title": _("Add contributor accounts"), "header_icon": "group"})  # fmt: skip
