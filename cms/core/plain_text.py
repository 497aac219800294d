"""The snapshot's text rules on a model's own fields, for child rows the admin edits inline."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from site_builder.snapshot.text import browser_lines, refused_character


def check_plain_text(instance: models.Model) -> None:
    """ValidationError naming each text field that holds what check refuses (CharField: one line)."""
    errors = {}
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname, None)
        if isinstance(field, models.CharField | models.TextField) and isinstance(value, str):
            if isinstance(field, models.TextField):
                value = browser_lines(value)  # browsers send CRLF; content keeps plain breaks
                setattr(instance, field.attname, value)
            refused = refused_character(value, one_line=not isinstance(field, models.TextField))
            if refused:
                errors[field.name] = f"{refused[0]}. {refused[1]}"
    if errors:
        raise ValidationError(errors)
