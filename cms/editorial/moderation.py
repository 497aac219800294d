"""What moderation looks like to each side: the author sees the moderator's request on top of the editor,
and a moderator's dashboard starts with what waits for their review."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Page, TaskState, WorkflowState

FIRST = 1  # Wagtail's own panels start at 100


def change_request(page: Page) -> TaskState | None:
    """The moderator's request for changes the page is waiting on, if it is back with its author."""
    state = WorkflowState.objects.for_instance(page).filter(status=WorkflowState.STATUS_NEEDS_CHANGES).first()
    if state is None:
        return None
    return state.task_states.filter(status=TaskState.STATUS_REJECTED).order_by("-finished_at", "-pk").first()


@hooks.register("before_edit_page")
def show_the_change_request(request: HttpRequest, page: Page) -> None:
    if request.method != "GET" or (task_state := change_request(page)) is None:
        return
    moderator = task_state.finished_by
    who = (moderator.get_full_name() or moderator.get_username()) if moderator else _("A moderator")
    if task_state.comment:
        text = _("%(moderator)s asked for changes: “%(comment)s” Fix them here, then submit again for review.")
    else:
        text = _("%(moderator)s asked for changes. Fix them here, then submit again for review.")
    messages.warning(request, text % {"moderator": who, "comment": task_state.comment})


@hooks.register("construct_homepage_panels")
def awaiting_review_first(request: HttpRequest, panels: list[Any]) -> None:
    for panel in panels:
        if getattr(panel, "name", "") == "workflow_objects_to_moderate":
            panel.order = FIRST
