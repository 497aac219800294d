"""The public suggestion endpoint: what it keeps, and each abuse control that refuses a post."""

from __future__ import annotations

import os
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from cms.core.snapshot.export import export_snapshot
from cms.suggestions.gate import fill_time
from cms.suggestions.models import Suggestion
from tests.cms.suggestion_support import (
    SITE,
    correction_fields,
    date_fields,
    event_fields,
    png,
    token,
)

pytestmark = pytest.mark.django_db
SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def reference_of(response) -> str:
    assert response.status_code == 303, response.content.decode()
    match = re.fullmatch(r"http://site\.test/(?:usulan/terima-kasih|en/suggest/thank-you)/\?ref=(WK-[2-9A-Z]{6})",
                         response["Location"])  # fmt: skip
    assert match, response["Location"]
    return match.group(1)


def test_an_event_suggestion_is_kept_and_answered_with_a_reference(post) -> None:
    poster = SimpleUploadedFile("poster.png", png(), content_type="image/png")
    reference = reference_of(post(event_fields(image=poster)))
    suggestion = Suggestion.objects.get(reference=reference)
    assert (suggestion.kind, suggestion.status, suggestion.title) == ("event", "new", "Festival Layang-layang")
    assert str(suggestion.start_date) == "2027-07-20" and suggestion.contact == "siti@example.org"
    assert suggestion.image.name == f"suggestions/{reference}.png"


def test_a_date_and_a_correction_point_at_their_page(post) -> None:
    date = Suggestion.objects.get(reference=reference_of(post(date_fields())))
    correction = Suggestion.objects.get(reference=reference_of(post(correction_fields())))
    assert date.page.title == "Panjang Jimat" and date.language == "en"
    assert correction.page.title.startswith("Keraton Kasepuhan") and correction.problem == "hours"


def test_the_english_form_returns_to_the_english_thank_you_page(post) -> None:
    assert "/en/suggest/thank-you/?ref=" in post(date_fields())["Location"]


def test_the_same_form_sent_twice_keeps_one_suggestion(post) -> None:
    fields = event_fields()
    first, second = reference_of(post(fields)), reference_of(post(fields))
    assert first == second and Suggestion.objects.count() == 1


def test_a_filled_honeypot_is_thanked_and_forgotten(post) -> None:
    response = post(event_fields(website="http://spam.example"))
    assert response.status_code == 303 and response["Location"] == f"{SITE}/usulan/terima-kasih/"
    assert not Suggestion.objects.exists()


def test_a_form_sent_faster_than_a_person_types_is_refused(post) -> None:
    response = post(event_fields(token=token(opened_seconds_ago=1)))
    assert response.status_code == 400 and "lebih cepat" in response.content.decode()
    assert not Suggestion.objects.exists()


def test_a_forged_or_stale_start_time_is_refused(post) -> None:
    forged = token()[:-2] + "xx"
    assert post(event_fields(token=forged)).status_code == 400
    assert post(event_fields(token=token(opened_seconds_ago=60 * 60 * 13))).status_code == 400
    assert not Suggestion.objects.exists()


@pytest.mark.parametrize("origin", [None, "http://evil.test", "null"])
def test_a_post_from_another_site_or_none_is_refused(post, origin) -> None:
    response = post(event_fields(), origin=origin)
    assert response.status_code == 403 and not Suggestion.objects.exists()


def test_a_referer_from_the_site_stands_in_for_a_missing_origin(post) -> None:
    reference_of(post(event_fields(), origin=None, HTTP_REFERER=f"{SITE}/agenda/"))


def test_one_address_is_limited_and_told_so(post, settings) -> None:
    settings.WISTAKON_SUGGESTION_RATES = {"ip": "3/h", "untimed_ip": "3/h", "all": "100/h"}
    answers = [post(event_fields()) for _ in range(4)]
    assert [a.status_code for a in answers] == [303, 303, 303, 429]
    assert answers[-1]["Retry-After"] == "3600" and "Terlalu banyak" in answers[-1].content.decode()
    assert post(event_fields(), ip="10.0.0.2").status_code == 303  # another address is not held back
    assert Suggestion.objects.count() == 4


def test_every_address_together_is_limited(post, settings) -> None:
    settings.WISTAKON_SUGGESTION_RATES = {"ip": "100/h", "untimed_ip": "100/h", "all": "5/h"}
    codes = [post(event_fields(), ip=f"10.0.1.{n}").status_code for n in range(7)]
    assert codes == [303] * 5 + [429, 429] and Suggestion.objects.count() == 5


def test_a_form_without_a_start_time_gets_the_tighter_limit(post, settings) -> None:
    settings.WISTAKON_SUGGESTION_RATES = {"ip": "100/h", "untimed_ip": "2/h", "all": "100/h"}
    codes = [post(event_fields(token="")).status_code for _ in range(3)]
    assert codes == [303, 303, 429]
    assert post(event_fields()).status_code == 303  # a timed form from the same address still gets in


OVERSIZED = [
    (event_fields, "title", 121), (event_fields, "venue_name", 201), (event_fields, "organiser", 201),
    (event_fields, "text", 2001), (event_fields, "contact_name", 121), (event_fields, "contact", 201),
    (date_fields, "text", 501), (correction_fields, "text", 2001), (correction_fields, "contact", 201),
]  # fmt: skip


@pytest.mark.parametrize(("fields", "name", "length"), OVERSIZED)
def test_an_oversized_field_is_refused(post, fields, name, length) -> None:
    response = post(fields(**{name: "a" * length}))
    assert response.status_code == 400 and name in response.content.decode()
    assert not Suggestion.objects.exists()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


@pytest.mark.parametrize(("name", "content"), [("poster.svg", SVG), ("poster.png", HTML), ("poster.gif", png()),
                                               ("poster.png", png() + HTML), ("poster.png", png()[:-20])],
                         ids=["svg", "html-named-png", "gif", "png-html-polyglot", "truncated"])  # fmt: skip
def test_a_file_that_is_not_a_jpeg_png_or_webp_image_is_refused(post, name, content) -> None:
    response = post(event_fields(image=SimpleUploadedFile(name, content, content_type="image/png")))
    assert response.status_code == 400 and "image" in response.content.decode()
    assert not Suggestion.objects.exists()


def test_a_body_larger_than_one_image_and_the_texts_is_refused_before_it_is_read(post, settings) -> None:
    huge = SimpleUploadedFile("foto.png", png() + bytes(settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE + 70_000), "image/png")
    response = post(correction_fields(image=huge))
    assert response.status_code == 413 and not Suggestion.objects.exists()


def test_an_image_over_the_admin_upload_limit_is_refused(post, settings) -> None:
    too_big = png() + bytes(settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)
    response = post(correction_fields(image=SimpleUploadedFile("foto.png", too_big, "image/png")))
    assert response.status_code == 400 and "terlalu besar" in response.content.decode()
    assert not Suggestion.objects.exists()


ONE_LINE = ["title", "venue_name", "organiser", "contact_name", "contact"]


@pytest.mark.parametrize("name", ["title", "venue_name", "organiser", "text", "contact_name", "contact"])
def test_a_script_payload_is_kept_as_text_and_never_echoed_as_markup(post, name) -> None:
    reference = reference_of(post(event_fields(**{name: SCRIPT})))
    assert getattr(Suggestion.objects.get(reference=reference), name) == SCRIPT
    refused = post(event_fields(**{name: SCRIPT, "start_date": "<b>2027</b>"}))
    assert refused.status_code == 400
    assert "<script>" not in refused.content.decode() and "<b>2027" not in refused.content.decode()


@pytest.mark.parametrize("name", ONE_LINE)
def test_a_one_line_field_refuses_line_breaks_and_control_characters(post, name) -> None:
    for bad in ("first\nsecond", "bell\x07", "sep\u2028arator"):
        assert post(event_fields(**{name: bad})).status_code == 400
    assert not Suggestion.objects.exists()


def test_a_payload_in_every_other_field_is_refused(post) -> None:
    for fields in (date_fields(item=SCRIPT), correction_fields(problem=SCRIPT), event_fields(venue=SCRIPT),
                   event_fields(start_time=SCRIPT), event_fields(kind=SCRIPT)):  # fmt: skip
        response = post(fields)
        assert response.status_code == 400 and "<script>" not in response.content.decode()
    assert post(event_fields(lang=SCRIPT)).status_code == 400
    assert not Suggestion.objects.exists()


def test_contact_details_never_reach_the_snapshot(post, tmp_path) -> None:
    reference_of(post(event_fields(contact="siti.rahasia@example.org", contact_name="Siti Rahasia")))
    export_snapshot(tmp_path / "content")
    for path in (tmp_path / "content").rglob("*"):
        if path.is_file():
            assert b"rahasia" not in path.read_bytes().lower(), path


def test_old_contact_details_and_photos_are_erased(post, settings) -> None:
    reference = reference_of(post(correction_fields(image=SimpleUploadedFile("foto.png", png(), "image/png"))))
    suggestion = Suggestion.objects.get(reference=reference)
    photo = suggestion.image.path
    call_command("erase_suggestion_contacts", "--days", "1")
    assert Suggestion.objects.get(reference=reference).contact == "0812 3456 7890"  # not old yet
    Suggestion.objects.filter(pk=suggestion.pk).update(received=suggestion.received.replace(year=2020))
    call_command("erase_suggestion_contacts")
    kept = Suggestion.objects.get(reference=reference)
    assert (kept.contact, kept.contact_name, kept.image.name) == ("", "", "")
    assert kept.text == "Sekarang buka sampai 17.00." and not os.path.exists(photo)


def test_the_form_token_is_fresh_and_readable_by_the_site_only(settings) -> None:
    settings.WISTAKON_SITE_URL = SITE + "/kota/"
    client = Client()
    response = client.get("/suggestions/token/")
    assert response["Access-Control-Allow-Origin"] == SITE and "no-cache" in response["Cache-Control"]
    fill = fill_time(response.json()["token"])
    assert 0 <= fill.seconds < 5 and fill.problem == "too-fast"


def test_a_description_typed_in_a_browser_keeps_plain_line_breaks(post) -> None:
    post(event_fields(text="Baris satu dari penyelenggara.\r\n\r\nBaris dua."))
    assert Suggestion.objects.get().text == "Baris satu dari penyelenggara.\n\nBaris dua."  # as content keeps them
