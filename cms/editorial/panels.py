"""The admin home panel: overall coverage, the worst gaps, and next year's agenda readiness."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from wagtail.admin.ui.components import Component

from cms.agenda import readiness
from cms.editorial.completeness import coverage, gap_counts, rows_for

WORST = 8


def agenda_figures() -> dict[str, Any]:
    """Next year's agenda readiness: the counts, and what is still to do and by whom."""
    found = readiness.agenda_readiness(readiness.next_agenda_year())
    figures = {"year": found.year, "events": len(found.events), "ready": found.ready, "to_do": found.to_do()}
    for name in ("confirmed", "tentative", "missing", "untranslated"):
        figures[name] = len(getattr(found, name))
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
