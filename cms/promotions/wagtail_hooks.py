from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.promotions.models import Promotion


class PromotionViewSet(SnippetViewSet):
    model = Promotion
    icon = "pick"
    menu_label = _("Promotions")
    add_to_admin_menu = True
    menu_order = 220
    list_display = ["title", "business", "valid_from", "valid_until", "priority"]
    list_filter = ["example"]
    search_fields = ["title", "business"]


register_snippet(PromotionViewSet)
