"""Completeness while writing: the dashboard's rules (`completeness.assess`) applied to the editor's form
as it stands, before anything is saved.

The editor posts its whole form here (the same fields it would save); this module reads the few facts
completeness looks at from those raw values, so a half-written page with errors still gets a score.
"""

from __future__ import annotations

from typing import Any

from django.forms import Media
from django.http import Http404, HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.panels import Panel
from wagtail.models import Page

from cms.editorial.completeness import GAPS, ORIGINAL, TRANSLATION, Facts, assess, location_of, word_count

THIN_BELOW = 50  # under this, "submit anyway?"; a place with text, hours, prices and location passes


def _number(data: Any, name: str) -> float | None:
    try:
        return float(str(data.get(name, "")).replace(",", "."))
    except ValueError:
        return None


def _rows(data: Any, prefix: str, needed: str) -> list[dict[str, str]]:
    """The inline panel's rows that are kept and have `needed` filled in."""
    try:
        total = int(data.get(f"{prefix}-TOTAL_FORMS", 0))
    except ValueError:
        total = 0
    rows = []
    for n in range(total):
        row = {key.removeprefix(f"{prefix}-{n}-"): value for key, value in data.items()
               if key.startswith(f"{prefix}-{n}-")}  # fmt: skip
        if row.get(needed) and row.get("DELETE", "") in ("", "false", "False"):
            rows.append(row)
    return rows


def _location(data: Any, prefix: str) -> Any:
    return location_of(_number(data, f"{prefix}latitude"), _number(data, f"{prefix}longitude"),
                       data.get(f"{prefix}confidence", ""))  # fmt: skip


def facts_from_form(data: Any, kind: str, language: str, translated: bool) -> Facts:
    """The facts of an attraction or event as its editor form currently says."""
    from cms.attractions.models import AttractionPage
    from cms.core.models import Category

    images = _rows(data, "images", "image")
    category = Category.objects.filter(pk=data.get("category") or None).first() if str(
        data.get("category", "")).isdigit() else None  # fmt: skip
    common = {
        "language": language,
        "translated": translated,
        "images": len(images),
        "images_without_alt": sum(1 for row in images if len(row.get("alt", "").strip()) < 3),
        "body_words": word_count(data.get("body", "")),
        "has_category": category is not None and kind in (category.applies_to or []),
    }
    if kind == "event":
        venue = AttractionPage.objects.filter(pk=data.get("venue") or None).first() if str(
            data.get("venue", "")).isdigit() else None  # fmt: skip
        location = (location_of(venue.latitude, venue.longitude, venue.confidence) if venue
                    else _location(data, "venue_"))  # fmt: skip
        return Facts(kind="event", location=location, **common)
    if data.get("kind") == "dish":
        return Facts(kind="attraction", location=None, **common)
    return Facts(
        kind="attraction",
        location=_location(data, ""),
        has_hours=bool(_rows(data, "hours", "day") or data.get("hours_note", "").strip()
                       or data.get("hours_shortcut", "").strip()),
        has_prices=bool(_rows(data, "prices", "visitor") or data.get("prices_note", "").strip()),
        **common,
    )  # fmt: skip


@require_POST
def completeness_while_writing(request: HttpRequest, kind: str, mode: str, page_id: int) -> JsonResponse:
    """Score and missing facts of the form in the request, for the page edited or a new one under page_id."""
    if kind not in ("attraction", "event") or mode not in ("add", "edit"):
        raise Http404
    page = get_object_or_404(Page, pk=page_id)
    perms = page.permissions_for_user(request.user)
    if not (perms.can_edit() if mode == "edit" else perms.can_add_subpage()):
        return JsonResponse({"error": _("You may not edit this page.")}, status=403)
    language = page.locale.language_code
    other = TRANSLATION if language == ORIGINAL else ORIGINAL
    translated = mode == "edit" and Page.objects.live().filter(
        translation_key=page.translation_key, locale__language_code=other).exists()  # fmt: skip
    result = assess(facts_from_form(request.POST, kind, language, translated))
    return JsonResponse({
        "score": result.score,
        "thin": result.score < THIN_BELOW,
        "threshold": THIN_BELOW,
        "codes": list(result.gaps),
        "gaps": [str(GAPS[code][0]) for code in result.gaps],
    })


class WritingScorePanel(Panel):
    """The item's score and missing facts, updated as the contributor types; a thin entry asks before submit."""

    def __init__(self, kind: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.kind = kind

    def clone_kwargs(self) -> dict[str, Any]:
        return {**super().clone_kwargs(), "kind": self.kind}

    @property
    def clean_name(self) -> str:
        return "writing_score"

    class BoundPanel(Panel.BoundPanel):
        template_name = "editorial/writing_score_panel.html"

        @property
        def media(self) -> Media:
            return Media(js=["editorial/writing_score.js"])

        def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
            context = super().get_context_data(parent_context)
            parent = self.request.resolver_match.kwargs.get("parent_page_id") if self.request else None
            mode, page_id = ("edit", self.instance.pk) if self.instance.pk else ("add", parent)
            url = reverse("editorial_writing_score", args=[self.panel.kind, mode, page_id]) if page_id else ""
            context["url"] = url
            context["threshold"] = THIN_BELOW
            return context
