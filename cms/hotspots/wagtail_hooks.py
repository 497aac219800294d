from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.hotspots.models import Hotspot


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
