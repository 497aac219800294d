"""Agenda admin: the readiness report, the rollover with its confirmation step, and settling one date."""

from __future__ import annotations

import abc
from typing import Any

from django import forms
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

from cms.agenda import confirmation
from cms.agenda.confirmation import ACTIONS, ChangeRefused, DateChange, when
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

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [{"url": reverse("wagtailadmin_home"), "label": _("Dashboard")},
                {"url": "", "label": f"{self.page_title} {self.year}"}]  # fmt: skip

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        readiness = agenda_readiness(self.year)
        undoable = {event.page_id for event in readiness.events
                    if confirmation.last_change(event.page_id) is not None}  # fmt: skip
        return {**super().get_context_data(**kwargs), "readiness": readiness, "year": self.year,
                "can_roll_over": can_roll_over(self.request.user), "undoable": undoable}  # fmt: skip


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


class ChangeForm(forms.Form):
    action = forms.ChoiceField(label=gettext_lazy("What happens to this date"), widget=forms.RadioSelect,
                               choices=list(ACTIONS.items()))  # fmt: skip
    day = forms.DateField(label=gettext_lazy("New date"), required=False,
                          widget=forms.DateInput(attrs={"type": "date"}),
                          help_text=gettext_lazy("Only for “Confirm another date”, e.g. the date of the sidang isbat."))
    starts = forms.TimeField(label=gettext_lazy("New start time (WIB)"), required=False,
                             widget=forms.TimeInput(attrs={"type": "time"}),
                             help_text=gettext_lazy("Empty: the time stays as it is."))  # fmt: skip
    ends = forms.TimeField(label=gettext_lazy("New end time (WIB)"), required=False,
                           widget=forms.TimeInput(attrs={"type": "time"}),
                           help_text=gettext_lazy("Empty: the event lasts as long as before."))  # fmt: skip
    reason = forms.CharField(label=gettext_lazy("Reason"), required=False, max_length=300,
                             help_text=gettext_lazy("Required to postpone or cancel; kept in the page's history."))

    def change(self) -> DateChange:
        data = self.cleaned_data
        return DateChange(data["action"], data["day"], data["starts"], data["ends"], data["reason"])


class EventDateView(WagtailAdminTemplateMixin, TemplateView, abc.ABC):
    """A publisher's screen about one event's dates, reached from (and returning to) the readiness report."""

    header_icon = "date"

    @abc.abstractmethod
    def event_page(self, **kwargs: Any) -> EventPage:
        """The Indonesian event the URL names (404 when there is none)."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.page = self.event_page(**kwargs)
        if not self.page.permissions_for_user(request.user).can_publish():
            raise PermissionDenied
        self.year = requested_year(request)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self) -> str:
        return self.page.title

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [{"url": reverse("wagtailadmin_home"), "label": _("Dashboard")},
                {"url": self.back(), "label": _("Agenda readiness")}, {"url": "", "label": self.page.title}]

    def back(self) -> str:
        return f"{reverse('agenda_readiness')}?year={self.year}"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "event": self.page, "year": self.year, "back": self.back()}


class OccurrenceChangeView(EventDateView):
    """GET: choose the change; POST step=review: the confirm step; POST step=apply: publish it."""

    template_name = "agenda/change_occurrence.html"
    page_title = gettext_lazy("Settle a date")

    def event_page(self, **kwargs: Any) -> EventPage:
        self.row = get_object_or_404(Occurrence, pk=kwargs["pk"], page__locale__language_code="id")
        return EventPage.objects.get(pk=self.row.page_id)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = ChangeForm(initial={"action": request.GET.get("action", "confirm")})
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = ChangeForm(request.POST)
        context: dict[str, Any] = {"form": form}
        if form.is_valid():
            change = form.change()
            try:
                if request.POST.get("step") == "apply":
                    published = confirmation.apply_change(self.row, change, request.user)
                    messages.success(request, _("%(title)s: %(what)s Published; calendar apps get the change "
                                                "(sequence %(sequence)s).") % {
                        "title": self.page.title, "what": change.describe(self.row), "sequence": published.sequence})
                    return HttpResponseRedirect(self.back())  # fmt: skip
                context["summary"] = change.describe(self.row)
            except ChangeRefused as error:
                form.add_error(None, str(error))
        return self.render_to_response(self.get_context_data(**context))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "row": self.row, "current": when(self.row)}


class UndoChangeView(EventDateView):
    """GET: what the undo would do; POST: do it."""

    template_name = "agenda/undo_change.html"
    page_title = gettext_lazy("Undo the last date change")

    def event_page(self, **kwargs: Any) -> EventPage:
        page = get_object_or_404(EventPage, pk=kwargs["page_id"], locale__language_code="id")
        self.entry = confirmation.last_change(page.pk)
        return page

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            row = confirmation.undo_last_change(self.page, request.user)
        except ChangeRefused as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("%(title)s: the last date change was undone; the date is %(when)s again.")
                             % {"title": self.page.title, "when": when(row)})  # fmt: skip
        return HttpResponseRedirect(self.back())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "entry": self.entry}
