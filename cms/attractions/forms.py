"""The attraction editor's form: a shortcut that writes the opening-hours rows from one line of text.

The line uses the spreadsheet import's syntax and parser (`bulk_import.parse_hours`), so
"Senin-Jumat 08:00-16:00; Sabtu 24 jam; Minggu tutup" means the same in both places.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.core.forms import ContentPageForm

EVERY_DAY = "Senin-Minggu 08:00-17:00"
PRESETS = ((_("Every day 08:00–17:00"), EVERY_DAY),
           (_("Weekdays 08:00–16:00, weekend closed"), "Senin-Jumat 08:00-16:00; Sabtu-Minggu tutup"),
           (_("Open 24 hours"), "Senin-Minggu 24 jam"))  # fmt: skip


class HoursShortcutInput(forms.TextInput):
    """A text box with preset buttons (the buttons only fill the box; saving does the rest)."""

    template_name = "attractions/hours_shortcut.html"

    class Media:
        js = ["attractions/hours_shortcut.js"]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["presets"] = PRESETS
        return context


class AttractionPageForm(ContentPageForm):
    hours_shortcut = forms.CharField(
        label=_("Opening hours in one line"), required=False, max_length=500, widget=HoursShortcutInput,
        help_text=_("Replaces the days below when you save, e.g. “Senin-Jumat 08:00-16:00; Sabtu 24 jam; "
                    "Minggu tutup”. Leave empty to keep the days as they are."),
    )  # fmt: skip

    def clean_hours_shortcut(self) -> list[dict[str, Any]] | None:
        text = self.cleaned_data["hours_shortcut"].strip()
        if not text:
            return None
        from cms.editorial.bulk_import import parse_hours  # it imports the models, which import this form

        try:
            return parse_hours(text)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error

    def save(self, commit: bool = True) -> Any:
        rows = self.cleaned_data.get("hours_shortcut")
        if not rows:
            return super().save(commit=commit)
        from cms.attractions.models import OpeningHours

        page = super().save(commit=False)
        page.hours = [OpeningHours(**row) for row in rows]  # a cluster relation: saved with the page
        if commit:
            page.save()
        return page
