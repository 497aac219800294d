"""The fleet in the admin: every hotspot with its router and the pack the last build published for it.

The build writes portal/fleet.json (site_builder/web/portal_files.py); this page only reads it. A
router is up to date when it installed the pack of the build's date; the routers report nothing
back yet, so the page shows what each router should have, and whether today's build made it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.hotspots.models import Hotspot
from cms.publishing.views import can_see_builds


@dataclass(frozen=True)
class FleetRow:
    hotspot: Hotspot
    router: str  # as the CMS has it now
    built_router: str | None  # as the last build had it
    pack_date: date | None
    pack_sha256: str
    update_script: str

    @property
    def built(self) -> bool:
        return self.pack_date is not None


def fleet_file() -> Path:
    return Path(settings.WISTAKON_DIST_DIR) / "portal" / "fleet.json"


def read_fleet(path: Path) -> dict[str, Any] | None:
    """The last build's fleet report, or None when no build has written one."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def fleet_rows(report: dict[str, Any] | None) -> list[FleetRow]:
    built = {row["uid"]: row for row in (report or {}).get("hotspots", [])}
    rows = []
    for hotspot in Hotspot.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by("title"):
        found = built.get(str(hotspot.translation_key))
        pack = found["packs"][found["router"]] if found else None
        rows.append(
            FleetRow(
                hotspot=hotspot,
                router=hotspot.router,
                built_router=found["router"] if found else None,
                pack_date=date.fromisoformat(pack["date"]) if pack else None,
                pack_sha256=pack["sha256"] if pack else "",
                update_script=found["update_script"] if found else "",
            )
        )
    return rows


class FleetView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "hotspots/fleet.html"
    page_title = _("WiFi packs")
    header_icon = "site"
    breadcrumbs_items = [{"url": reverse_lazy("wagtailadmin_home"), "label": _("Home")},
                         {"url": "", "label": _("WiFi packs")}]  # fmt: skip

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_see_builds(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        report = read_fleet(fleet_file())
        built_on = date.fromisoformat(report["date"]) if report else None
        today = timezone.localdate()
        return {
            **super().get_context_data(**kwargs),
            "report": report,
            "built_on": built_on,
            "today": today,
            "stale": built_on is not None and built_on < today,
            "rows": fleet_rows(report),
        }
