"""Keeps a contributor out of other people's drafts and away from deleting or unpublishing.

Listings are filtered by the page permission policy (cms.editorial.drafts.DraftPrivatePagePolicy). Wagtail's
views of one page (editor, preview, history, revisions, copy, explorer, chooser) ask the page's permission
tester instead, not the policy; every one of those admin URLs carries the page id, so one check here covers them all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.models import Page

from cms.editorial.drafts import is_publisher, may_see_draft

# URL arguments that name a page, in any admin URL; `pk` names one only among the page views.
PAGE_ID_KWARGS = ("page_id", "page_to_move_id", "parent_page_id")
PAGE_PK_NAMESPACES = ("wagtailadmin_pages",)
PUBLISHER_ONLY = {"delete", "unpublish", "move", "move_confirm", "set_page_position"}
# Wagtail names the last edited page of each type here without asking the permission policy.
PUBLISHER_REPORTS = {"wagtailadmin_reports:page_types_usage", "wagtailadmin_reports:page_types_usage_results"}


class DraftPrivacyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: dict) -> Any:
        match = request.resolver_match
        user = getattr(request, "user", None)
        if match is None or user is None or not user.is_authenticated or user.is_superuser:
            return None
        if match.url_name == "wagtail_bulk_action" and view_kwargs.get("action") in ("delete", "unpublish"):
            if view_kwargs.get("app_label") == "wagtailcore" and not is_publisher(user):
                return _refuse(request, _("Only a moderator can delete or unpublish pages."))
            return None
        if match.view_name in PUBLISHER_REPORTS and not is_publisher(user):
            return _refuse(request, _("Only a moderator can see this report."))
        page = _named_page(match.namespace, view_kwargs)
        if page is None:
            return None
        if match.namespace == "wagtailadmin_pages" and match.url_name in PUBLISHER_ONLY and \
                not page.permissions_for_user(user).can_publish():  # fmt: skip
            return _refuse(request, _("Only a moderator can delete, unpublish or move a page."))
        if not may_see_draft(user, page):
            return _refuse(request, _("This is someone else's unpublished draft. Ask a moderator to share it "
                                      "with you if you should work on it."))  # fmt: skip
        return None


def _named_page(namespace: str, view_kwargs: dict) -> Page | None:
    keys = PAGE_ID_KWARGS + (("pk",) if namespace in PAGE_PK_NAMESPACES else ())
    page_id = next((view_kwargs[k] for k in keys if k in view_kwargs), None)
    return Page.objects.filter(pk=page_id).first() if page_id is not None else None


def _refuse(request: HttpRequest, message: str) -> HttpResponse:
    messages.error(request, message)
    return redirect("wagtailadmin_home")
