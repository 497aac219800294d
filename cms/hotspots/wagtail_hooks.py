from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.hotspots.fleet import FleetView
from cms.hotspots.models import Hotspot
from cms.publishing.views import can_see_builds


class HotspotViewSet(SnippetViewSet):
    model = Hotspot
    icon = "site"
    menu_label = _("WiFi hotspots")
    add_to_admin_menu = True
    menu_order = 210
    list_display = ["title", "ssid", "area", "router", "status"]
    list_filter = ["router", "status"]
    search_fields = ["title", "ssid", "area"]


register_snippet(HotspotViewSet)


@hooks.register("register_admin_urls")
def register_fleet_url() -> list:
    return [path("wifi-packs/", FleetView.as_view(), name="hotspots_fleet")]


class FleetMenuItem(MenuItem):
    def is_shown(self, request) -> bool:  # noqa: ANN001 - Wagtail's signature
        return can_see_builds(request.user)


@hooks.register("register_admin_menu_item")
def register_fleet_menu_item() -> MenuItem:
    return FleetMenuItem(_("WiFi packs"), reverse("hotspots_fleet"), icon_name="site", order=215)
