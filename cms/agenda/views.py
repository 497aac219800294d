"""Agenda admin: the readiness report, the rollover with its confirmation step, and confirming one date."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.agenda.models import EventPage, Occurrence
from cms.agenda.readiness import agenda_readiness, next_agenda_year
from cms.agenda.rollover import roll_over

ROLL_OVER_PERMISSION = "agenda.roll_over_agenda"
FIRST_YEAR, LAST_YEAR = 2000, 2100  # the calendars are computed for these years


def requested_year(request: HttpRequest) -> int:
    text = request.GET.get("year") or request.POST.get("year") or ""
    if not text:
        return next_agenda_year()
    if not text.isdigit() or not FIRST_YEAR <= int(text) <= LAST_YEAR:
        raise Http404(f"year must be between {FIRST_YEAR} and {LAST_YEAR}")
    return int(text)


def can_roll_over(user: Any) -> bool:
    return user.has_perm(ROLL_OVER_PERMISSION)


class ReadinessView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "agenda/readiness.html"
    page_title = gettext_lazy("Agenda readiness")
    header_icon = "date"

    def get_page_subtitle(self) -> str:
        return str(self.year)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.year = requested_year(request)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "readiness": agenda_readiness(self.year), "year": self.year,
                "can_roll_over": can_roll_over(self.request.user)}  # fmt: skip


class RolloverView(WagtailAdminTemplateMixin, TemplateView):
    """GET shows what the rollover would add (a dry run); POST does it."""

    template_name = "agenda/rollover.html"
    page_title = gettext_lazy("Roll the agenda over")
    header_icon = "date"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_roll_over(request.user):
            raise PermissionDenied
        self.year = requested_year(request)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self) -> str:
        return str(self.year)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        report = roll_over(self.year, timezone.now(), dry_run=True)
        return {**super().get_context_data(**kwargs), "report": report, "year": self.year}

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        report = roll_over(self.year, timezone.now(), user=request.user)
        if report.changed:
            messages.success(request, _("The agenda was rolled over to %(year)s: %(added)s tentative dates added, "
                                        "%(moved)s moved.") % {"year": self.year, "added": len(report.added),
                                                               "moved": len(report.updated)})  # fmt: skip
        else:
            messages.info(request, _("Nothing to add: the agenda already has every projected date of %(year)s.")
                          % {"year": self.year})  # fmt: skip
        if report.needs_organiser:
            messages.warning(request, _("%(count)s events need a date from the organiser.")
                             % {"count": len(report.needs_organiser)})  # fmt: skip
        for line in report.failed:
            messages.error(request, _("%(title)s: the rule cannot be projected (%(reason)s).")
                           % {"title": line.title, "reason": line.reason})  # fmt: skip
        return HttpResponseRedirect(f"{reverse('agenda_readiness')}?year={self.year}")


def confirm_occurrence(request: HttpRequest, pk: int) -> HttpResponse:
    """Quick action: confirm a tentative date as it stands, and publish it."""
    if request.method != "POST":
        return HttpResponse(status=405, headers={"Allow": "POST"})
    row = get_object_or_404(Occurrence, pk=pk, page__locale__language_code="id")
    page = EventPage.objects.get(pk=row.page_id)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    back = f"{reverse('agenda_readiness')}?year={requested_year(request)}"
    if page.has_unpublished_changes:
        messages.warning(request, _("%(title)s has an unpublished draft: confirm the date in the page editor.")
                         % {"title": page.title})  # fmt: skip
        return HttpResponseRedirect(back)
    rows = list(page.occurrences.all())
    for candidate in rows:
        if candidate.pk == row.pk:
            candidate.status = Occurrence.Status.CONFIRMED
    page.occurrences = rows
    page.save_revision(user=request.user, log_action=True).publish(user=request.user)
    messages.success(request, _("%(title)s: the date %(key)s is confirmed and published.")
                     % {"title": page.title, "key": row.key})  # fmt: skip
    return HttpResponseRedirect(back)
