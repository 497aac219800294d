"""Admin forms that stamp `updated` when an editor changes an item."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.pages import WagtailAdminPageForm


class _StampUpdated:
    def save(self, commit: bool = True) -> Any:
        if self.has_changed() and hasattr(self.instance, "updated"):  # type: ignore[attr-defined]
            self.instance.updated = timezone.now().replace(microsecond=0)  # type: ignore[attr-defined]
        return super().save(commit=commit)  # type: ignore[misc]


class ContentPageForm(_StampUpdated, WagtailAdminPageForm):
    pass


class ContentSnippetForm(_StampUpdated, WagtailAdminModelForm):
    pass
