"""The moderation queue "Usulan masuk": the list, one suggestion beside its page, and the actions."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.editorial.drafts import is_publisher
from cms.suggestions import moderation
from cms.suggestions.models import Suggestion


def open_counts() -> Counter[str]:
    """Open suggestions by kind, for the queue, the dashboard and the agenda readiness report."""
    rows = Suggestion.objects.filter(status=Suggestion.Status.NEW).values_list("kind", flat=True)
    return Counter(rows)


class ModeratorOnly:
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_publisher(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class QueueView(ModeratorOnly, WagtailAdminTemplateMixin, TemplateView):
    template_name = "suggestions/queue.html"
    page_title = gettext_lazy("Incoming suggestions")
    header_icon = "mail"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        show = self.request.GET.get("status", Suggestion.Status.NEW)
        rows = Suggestion.objects.select_related("page")
        rows = rows.filter(status=show) if show in Suggestion.Status.values else rows
        return {**super().get_context_data(**kwargs), "suggestions": rows[:200], "show": show,
                "statuses": Suggestion.Status.choices, "counts": open_counts()}  # fmt: skip


class SuggestionView(ModeratorOnly, WagtailAdminTemplateMixin, TemplateView):
    """GET shows the suggestion beside the current item; POST runs one action."""

    template_name = "suggestions/suggestion.html"
    page_title = gettext_lazy("Suggestion")
    header_icon = "mail"

    def get_page_subtitle(self) -> str:
        return self.suggestion.reference

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.suggestion = get_object_or_404(Suggestion.objects.select_related("page", "venue"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        suggestion = self.suggestion
        field = moderation.correction_field(suggestion)
        page = suggestion.page.specific.get_latest_revision_as_object() if suggestion.page_id else None
        return {**super().get_context_data(**kwargs), "suggestion": suggestion,
                "lines": moderation.side_by_side(suggestion), "categories": moderation.event_categories(),
                "correction_field": field, "correction_value": getattr(page, field, "") if page else "",
                "correctable": [name for name in moderation.CORRECTABLE if hasattr(page, name)]}  # fmt: skip

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        suggestion, action = self.suggestion, request.POST.get("action")
        here = reverse("suggestion_detail", args=[suggestion.pk])
        try:
            if action == "draft" and suggestion.kind == Suggestion.Kind.EVENT:
                category = next(c for c in moderation.event_categories() if str(c.pk) == request.POST.get("category"))
                page = moderation.draft_event(suggestion, category, request.user)
                messages.success(request, _("Draft event '%(title)s' made from %(ref)s; it is not published.")
                                 % {"title": page.title, "ref": suggestion.reference})  # fmt: skip
                return HttpResponseRedirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
            if action == "apply" and suggestion.kind == Suggestion.Kind.DATE:
                page = moderation.apply_date(suggestion, request.user)
            elif action == "apply" and suggestion.kind == Suggestion.Kind.CORRECTION:
                page = moderation.apply_correction(suggestion, request.POST.get("field", ""),
                                                   request.POST.get("value", ""), request.user)  # fmt: skip
            elif action == "reject" and request.POST.get("reason", "").strip():
                moderation.reject(suggestion, request.POST["reason"].strip()[:500], request.user)
                messages.success(request, _("%(ref)s rejected.") % {"ref": suggestion.reference})
                return HttpResponseRedirect(reverse("suggestion_queue"))
            else:
                messages.error(request, _("Choose an action; rejecting needs a reason."))
                return HttpResponseRedirect(here)
        except (moderation.NotOpen, StopIteration, ValueError, ValidationError) as error:
            messages.error(request, _("Nothing was changed: %(error)s") % {"error": error})
            return HttpResponseRedirect(here)
        messages.success(request, _("New revision of '%(title)s' saved from %(ref)s; it is not published yet.")
                         % {"title": page.title, "ref": suggestion.reference})  # fmt: skip
        return HttpResponseRedirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
