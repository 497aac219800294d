"""{% suggestions_waiting %}: "3 usulan tanggal menunggu …", for the agenda and completeness reports."""

from __future__ import annotations

from typing import Any

from django import template

from cms.suggestions.admin_views import open_counts

register = template.Library()


@register.inclusion_tag("suggestions/waiting.html")
def suggestions_waiting() -> dict[str, Any]:
    return {"counts": open_counts()}
