"""The short writing guide shown at the top of the attraction and event editors."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import HelpPanel


def writing_guide_panel() -> HelpPanel:
    return HelpPanel(template="editorial/writing_guide_panel.html", heading=_("How to write a good entry"))
