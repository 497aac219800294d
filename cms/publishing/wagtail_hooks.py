from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.publishing.views import BuildRunListView, BuildStatusPanel, RollbackView, can_see_builds


@hooks.register("register_admin_urls")
def register_build_urls() -> list:
    return [path("builds/", BuildRunListView.as_view(), name="publishing_builds"),
            path("builds/rollback/", RollbackView.as_view(), name="publishing_rollback")]


class BuildsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:  # noqa: ANN001 - Wagtail's signature
        return can_see_builds(request.user)


@hooks.register("register_admin_menu_item")
def register_builds_menu_item() -> MenuItem:
    return BuildsMenuItem(_("Site builds"), reverse("publishing_builds"), icon_name="rotate", order=900)


@hooks.register("construct_homepage_panels")
def add_build_status_panel(request, panels: list) -> None:  # noqa: ANN001 - Wagtail's signature
    if can_see_builds(request.user):
        panels.append(BuildStatusPanel())
