"""A map beside the location fields: click a spot to fill latitude, longitude, accuracy and confidence.

Nothing loads until the editor presses "Show map": then the vendored Leaflet (served from the theme's
copy, see STATICFILES_DIRS) and the tiles from `WISTAKON_MAP_TILES`. The number fields work without it.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.forms import Media
from wagtail.admin.panels import Panel

CIREBON = (-6.7063, 108.5570)
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"


class MapPickerPanel(Panel):
    def __init__(self, prefix: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.prefix = prefix

    def clone_kwargs(self) -> dict[str, Any]:
        return {**super().clone_kwargs(), "prefix": self.prefix}

    @property
    def clean_name(self) -> str:
        return f"{self.prefix}map_picker"

    class BoundPanel(Panel.BoundPanel):
        template_name = "core/map_picker.html"

        @property
        def media(self) -> Media:
            return Media(js=["core/map_picker.js"])

        def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
            context = super().get_context_data(parent_context)
            context.update(
                prefix=self.panel.prefix,
                tiles=getattr(settings, "WISTAKON_MAP_TILES", OSM_TILES),
                attribution="© OpenStreetMap",
                centre=json.dumps(CIREBON),
            )
            return context
