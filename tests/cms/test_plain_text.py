"""The admin refuses the text check refuses: a line break in a one-line field, control and bidi characters."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.html import escape

from cms.core.models import Category
from tests.cms.editorial_support import client_for, form_data, tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def edit(db):
    category = tree()
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "sandi-rahasia-123")
    client = client_for(admin)
    url = reverse("wagtailsnippets_core_category:edit", args=[category.pk])
    html = client.get(url).content.decode()

    def send(**changes: str) -> str:
        return client.post(url, form_data(html, form_id="w-editor-form", **changes)).content.decode()

    return category, send


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("title", "Wisata\r\ntouch PWNED #", "line break (U+000D)"),
        ("summary", "Keraton dan situs\nBEGIN:VEVENT", "line break (U+000A)"),
        ("title", "Wisata \u202eSejarah", "bidirectional override U+202E"),
        ("body", "Teks\x1btersembunyi", "U+001B"),
    ],
)
def test_the_admin_refuses_text_that_check_refuses(edit, field, value, said) -> None:
    category, send = edit
    html = send(**{field: value})
    assert escape(said) in html
    category.refresh_from_db()
    assert getattr(category, field) != value


@pytest.mark.parametrize("breaks", ["\n", "\r\n"], ids=["plain", "as-browsers-send-them"])
def test_the_body_may_have_line_breaks(edit, breaks) -> None:
    category, send = edit
    send(body=f"Baris satu.{breaks}{breaks}Baris dua.")
    category.refresh_from_db()
    assert category.body == "Baris satu.\n\nBaris dua."  # stored, and exported, with plain breaks
    assert Category.objects.count() == 1


def test_inline_rows_refuse_a_line_break_in_a_venue_name_or_alt_text(db) -> None:
    from django.core.exceptions import ValidationError

    from cms.agenda.occurrences import EventImage, Occurrence

    with pytest.raises(ValidationError) as raised:
        Occurrence(key="2026", start_date="2026-08-24", venue_name="Lapangan\nBEGIN:VEVENT").clean()
    assert "line break (U+000A)" in str(raised.value.message_dict["venue_name"])
    with pytest.raises(ValidationError) as raised:
        EventImage(alt="Gerbang \u202ekeraton").clean()
    assert "U+202E" in str(raised.value.message_dict["alt"])
