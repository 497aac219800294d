from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.core.models import Category


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    menu_label = _("Categories")
    add_to_admin_menu = True
    menu_order = 200
    list_display = ["title", "slug", "order"]
    search_fields = ["title", "summary"]


register_snippet(CategoryViewSet)
