"""The public forms: every field size-limited and treated as untrusted; images checked as in the admin."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cms.agenda.models import EventPage
from cms.attractions.models import AttractionPage
from cms.core.images import CheckedImageField
from cms.suggestions.models import Suggestion
from site_builder.snapshot.text import browser_lines

# One-line fields may end up in router files and feeds: no line breaks or other control characters.
CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
TEXT_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def one_line(value: str) -> None:
    if CONTROL.search(value):
        raise ValidationError(_("Write this on one line, without special characters."), code="control")


def plain_text(value: str) -> None:
    if TEXT_CONTROL.search(value):
        raise ValidationError(_("Remove the special characters from this text."), code="control")


def line(max_length: int, required: bool = False) -> forms.CharField:
    return forms.CharField(max_length=max_length, required=required, validators=[one_line])


class LongText(forms.CharField):
    """A textarea's text with the CRLF line ends browsers send made plain line breaks, as content keeps them."""

    def to_python(self, value: Any) -> str:
        return browser_lines(super().to_python(value))


def long_text(max_length: int, required: bool = False) -> forms.CharField:
    return LongText(max_length=max_length, required=required, validators=[plain_text])


class SuggestionForm(forms.Form):
    """Fields every form has: the language, a way to answer (optional) and the honeypot."""

    kind: str
    lang = forms.ChoiceField(choices=[("id", "id"), ("en", "en")], required=False)
    contact_name = line(120)
    contact = line(200)
    image = CheckedImageField(required=False)  # the admin's upload checks: type, size, pixels, the builder's

    def clean_lang(self) -> str:
        return self.cleaned_data.get("lang") or "id"

    def suggestion(self) -> Suggestion:
        data = self.cleaned_data
        fields = {name: data[name] for name in self.model_fields if data.get(name) not in (None, "")}
        return Suggestion(kind=self.kind, language=data["lang"], contact_name=data["contact_name"],
                          contact=data["contact"], image=data.get("image") or None, **fields)  # fmt: skip

    model_fields: tuple[str, ...] = ()


def live_page(model: type, uid: Any) -> Any:
    page = model.objects.live().filter(translation_key=uid, locale__language_code="id").first()
    if page is None:
        raise ValidationError(_("This item is not on the site (any more)."), code="unknown")
    return page


class EventSuggestionForm(SuggestionForm):
    kind = Suggestion.Kind.EVENT
    title = line(120, required=True)
    start_date = forms.DateField(required=False)
    end_date = forms.DateField(required=False)
    start_time = forms.TimeField(required=False)
    date_unknown = forms.BooleanField(required=False)
    venue = forms.UUIDField(required=False)
    venue_name = line(200)
    organiser = line(200)
    text = long_text(2000, required=True)
    model_fields = ("title", "start_date", "end_date", "start_time", "date_unknown", "venue", "venue_name",
                    "organiser", "text")  # fmt: skip

    def clean_venue(self) -> AttractionPage | None:
        uid = self.cleaned_data.get("venue")
        return live_page(AttractionPage, uid) if uid else None

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("start_date") and not data.get("date_unknown") and "start_date" not in self.errors:
            self.add_error("start_date", _("Give the first day, or tick 'date not known yet'."))
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("The last day cannot be before the first day."))
        if not data.get("venue") and not data.get("venue_name") and "venue" not in self.errors:
            self.add_error("venue_name", _("Choose a place or type where it happens."))
        return data


class DateSuggestionForm(SuggestionForm):
    kind = Suggestion.Kind.DATE
    item = forms.UUIDField()
    start_date = forms.DateField()
    end_date = forms.DateField(required=False)
    start_time = forms.TimeField(required=False)
    text = long_text(500)
    model_fields = ("start_date", "end_date", "start_time", "text")

    def clean_item(self) -> EventPage:
        return live_page(EventPage, self.cleaned_data["item"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("The last day cannot be before the first day."))
        return data

    def suggestion(self) -> Suggestion:
        suggestion = super().suggestion()
        suggestion.page, suggestion.title = self.cleaned_data["item"], self.cleaned_data["item"].title
        return suggestion


class CorrectionForm(SuggestionForm):
    kind = Suggestion.Kind.CORRECTION
    item = forms.UUIDField()
    problem = forms.ChoiceField(choices=Suggestion.Problem.choices)
    text = long_text(2000, required=True)
    model_fields = ("problem", "text")

    def clean_item(self) -> Any:
        uid = self.cleaned_data["item"]
        try:
            return live_page(AttractionPage, uid)
        except ValidationError:
            return live_page(EventPage, uid)

    def suggestion(self) -> Suggestion:
        suggestion = super().suggestion()
        suggestion.page, suggestion.title = self.cleaned_data["item"], self.cleaned_data["item"].title
        return suggestion


FORMS: dict[str, type[SuggestionForm]] = {"event": EventSuggestionForm, "date": DateSuggestionForm,
                                         "correction": CorrectionForm}  # fmt: skip
