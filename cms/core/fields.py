"""Model fields shared by the content types: Markdown text, choice lists, line lists."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


def markdown_field(**kwargs: Any) -> models.TextField:
    """The body of an item, written in Markdown (the snapshot keeps it as the file's body)."""
    kwargs.setdefault("blank", True)
    kwargs.setdefault("verbose_name", _("body"))
    kwargs.setdefault(
        "help_text",
        _("Write in Markdown: ## for a subheading, **bold**, *italic*, [a link](https://…), "
          "and an empty line between paragraphs."),  # fmt: skip
    )
    return models.TextField(**kwargs)


class MarkdownTextarea(forms.Textarea):
    """A monospace textarea, so Markdown reads as it will be written to the file."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {"rows": 20, "style": "font-family: ui-monospace, monospace; font-size: 0.95em;"}
        super().__init__(attrs={**base, **(attrs or {})})


class ChoiceListField(models.JSONField):
    """Several values from a fixed list, stored as a JSON list so SQLite and PostgreSQL agree."""

    def __init__(self, *args: Any, item_choices: Any = (), **kwargs: Any) -> None:
        self.item_choices = list(item_choices)
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs["item_choices"] = self.item_choices
        return name, path, args, kwargs

    def validate(self, value: Any, model_instance: models.Model | None) -> None:
        super().validate(value, model_instance)
        allowed = {key for key, _label in self.item_choices}
        if not isinstance(value, list) or any(item not in allowed for item in value):
            raise ValidationError(_("Choose only from the list."), code="invalid_choice")

    def formfield(self, **kwargs: Any) -> forms.Field:
        return forms.MultipleChoiceField(
            choices=self.item_choices,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=capfirst(self.verbose_name),
            help_text=self.help_text,
        )


class LineListFormField(forms.CharField):
    """Edits a list of short texts as one per line."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def has_changed(self, initial: Any, data: Any) -> bool:
        return self.to_python(self.prepare_value(initial)) != self.to_python(data)


class LineListField(models.JSONField):
    """A list of texts (sources, areas) kept as JSON, edited one per line."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs: Any) -> forms.Field:
        return LineListFormField(
            required=not self.blank, label=capfirst(self.verbose_name), help_text=self.help_text
        )
