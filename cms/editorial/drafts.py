"""Whose drafts a contributor may see: their own, shared ones, and everything published.

Wagtail's page permissions let a contributor add and change pages below the attraction and agenda
lists. These rules narrow that down for anyone who cannot publish the page in question.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from cms.editorial.models import DraftShare


def is_publisher(user: Any) -> bool:
    """Moderators and administrators: people who can publish some page."""
    return user.is_superuser or PagePermissionPolicy().user_has_permission(user, "publish")


def draft_author_id(page: Page) -> int | None:
    """Who wrote the unpublished version of the page; None when there is nothing unpublished."""
    if not page.live:
        return page.owner_id
    if page.has_unpublished_changes and page.latest_revision_id:
        return page.latest_revision.user_id
    return None


def may_see_draft(user: Any, page: Page) -> bool:
    """Can `user` open this page's unpublished version in the admin (edit, preview, history)?"""
    if not user.is_authenticated or user.is_superuser or page.depth <= 2:
        return True
    author = draft_author_id(page)
    if author is None or author == user.pk:
        return True
    if page.permissions_for_user(user).can_publish():
        return True
    return DraftShare.objects.filter(page=page, user=user).exists()


def visible_pages(user: Any, pages: QuerySet) -> QuerySet:
    """`pages` without the never-published pages of other people, for someone who cannot publish."""
    if not user.is_authenticated or is_publisher(user):
        return pages
    shared = DraftShare.objects.filter(user=user).values("page_id")
    return pages.exclude(Q(live=False) & ~Q(owner=user) & Q(owner__isnull=False) & ~Q(pk__in=shared))


class DraftPrivatePagePolicy(PagePermissionPolicy):
    """Wagtail's page permissions, minus other people's never-published drafts for whoever cannot publish.

    Registered for Page, so every admin path that asks Wagtail which pages a user may see or touch (explorer,
    search, chooser, admin API, site history, workflow reports, dashboard panels, type usage) gets the same answer.
    """

    def instances_user_has_any_permission_for(self, user: Any, actions: Any) -> QuerySet:
        return visible_pages(user, super().instances_user_has_any_permission_for(user, actions))

    def explorable_instances(self, user: Any) -> QuerySet:
        return visible_pages(user, super().explorable_instances(user))

    def user_has_any_permission_for_instance(self, user: Any, actions: Any, instance: Any) -> bool:
        return may_see_draft(user, instance) and super().user_has_any_permission_for_instance(user, actions, instance)
