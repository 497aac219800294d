"""Admin forms that stamp `updated` when an editor changes an item."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.pages import WagtailAdminPageForm

from site_builder.snapshot.text import browser_lines, refused_character


class _StampUpdated:
    def save(self, commit: bool = True) -> Any:
        if self.has_changed() and hasattr(self.instance, "updated"):  # type: ignore[attr-defined]
            self.instance.updated = timezone.now().replace(microsecond=0)  # type: ignore[attr-defined]
        return super().save(commit=commit)  # type: ignore[misc]


class _PlainText:
    """The snapshot's text rules (site_builder/snapshot/text.py), so the admin refuses what check refuses."""

    def clean(self) -> Any:
        cleaned = super().clean()  # type: ignore[misc]
        for name, value in list(cleaned.items()):
            field = self.fields.get(name)  # type: ignore[attr-defined]
            texts = value if isinstance(value, list) else [value]
            one_line = isinstance(value, list) or not isinstance(getattr(field, "widget", None), forms.Textarea)
            if not one_line and isinstance(value, str):
                cleaned[name] = value = browser_lines(value)  # browsers send CRLF; content keeps plain breaks
                texts = [value]
            for text in texts:
                if isinstance(text, str) and (refused := refused_character(text, one_line=one_line)):
                    self.add_error(name, f"{refused[0]}. {refused[1]}")  # type: ignore[attr-defined]
                    break
        return cleaned


class ContentPageForm(_PlainText, _StampUpdated, WagtailAdminPageForm):
    pass


class ContentSnippetForm(_PlainText, _StampUpdated, WagtailAdminModelForm):
    pass
