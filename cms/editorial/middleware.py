"""Keeps a contributor out of other people's drafts and away from deleting or unpublishing.

Wagtail has hooks for the page editor and the explorer, but not for preview, history, revisions
or copy; every one of those admin URLs carries the page id, so one check here covers them all.
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

PAGE_ID_KWARGS = ("page_id", "page_to_move_id")
PUBLISHER_ONLY = {"delete", "unpublish", "move", "move_confirm", "set_page_position"}


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
        if match.namespace != "wagtailadmin_pages":
            return None
        page_id = next((view_kwargs[k] for k in PAGE_ID_KWARGS if k in view_kwargs), None)
        page = Page.objects.filter(pk=page_id).first() if page_id is not None else None
        if page is None:
            return None
        if match.url_name in PUBLISHER_ONLY and not page.permissions_for_user(user).can_publish():
            return _refuse(request, _("Only a moderator can delete, unpublish or move a page."))
        if not may_see_draft(user, page):
            return _refuse(request, _("This is someone else's unpublished draft. Ask a moderator to share it "
                                      "with you if you should work on it."))  # fmt: skip
        return None


def _refuse(request: HttpRequest, message: str) -> HttpResponse:
    messages.error(request, message)
    return redirect("wagtailadmin_home")
