"""The admin home panel: overall coverage, the worst gaps, and next year's agenda readiness."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from cms.editorial.completeness import coverage, gap_counts, rows_for

WORST = 8


def agenda_figures() -> dict[str, Any] | None:
    """Next year's agenda readiness from cms.agenda.readiness; None until that module exists."""
    try:
        from cms.agenda import readiness
    except ImportError:
        return None
    year_of = getattr(readiness, "next_agenda_year", None)
    year = year_of() if year_of else timezone.localtime().year + 1
    found = readiness.agenda_readiness(year)
    figures = {"year": year, "events": len(found.events), "ready": bool(getattr(found, "ready", False))}
    for name in ("confirmed", "tentative", "missing", "untranslated"):
        figures[name] = len(getattr(found, name, ()))
    return figures


class CompletenessPanel(Component):
    name = "editorial_completeness"
    template_name = "editorial/home_completeness.html"
    order = 90

    def __init__(self, user: Any) -> None:
        self.user = user

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        rows = rows_for(self.user)
        return {
            "coverage": coverage(rows),
            "worst": [row for row in rows if row.gaps][:WORST],
            "gaps": gap_counts(rows)[:5],
            "agenda": agenda_figures(),
            "report_url": reverse("editorial_completeness"),
        }


class GuidePanel(Component):
    """How to write a good entry, for contributors (people who cannot publish)."""

    name = "editorial_guide"
    template_name = "editorial/home_guide.html"
    order = 80
