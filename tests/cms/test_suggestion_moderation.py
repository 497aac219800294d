"""The moderation queue: moderators turn suggestions into a draft or a new revision, and never publish."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Page

from cms.agenda.models import EventPage
from cms.attractions.models import AttractionPage
from cms.editorial.roles import CONTRIBUTOR, MODERATOR
from cms.suggestions.models import Suggestion
from site_builder.calendars import JAKARTA
from tests.cms.editorial_support import client_for, person
from tests.cms.suggestion_support import (
    correction_fields,
    date_fields,
    event_fields,
    png,
)

pytestmark = pytest.mark.django_db
SCRIPT = '<script>alert("x")</script>'


@pytest.fixture
def moderator():
    return client_for(person("dewi", MODERATOR))


def sent(post, fields) -> Suggestion:
    response = post(fields)
    assert response.status_code == 303, response.content.decode()
    return Suggestion.objects.get(reference=response["Location"].rsplit("=", 1)[1])


def test_the_queue_counts_what_waits_and_only_moderators_see_it(post, moderator) -> None:
    sent(post, date_fields())
    sent(post, event_fields(title=SCRIPT))
    html = moderator.get("/admin/suggestions/").content.decode()
    assert "1 usulan tanggal menunggu" in html and "1 usulan acara menunggu" in html
    assert "Usulan masuk" in html and SCRIPT not in html and "&lt;script&gt;" in html
    assert "1 usulan tanggal menunggu" in moderator.get("/admin/").content.decode()
    assert "1 usulan tanggal menunggu" in moderator.get("/admin/agenda/readiness/").content.decode()
    refused = client_for(person("ani", CONTRIBUTOR)).get("/admin/suggestions/")
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")  # Wagtail's answer to PermissionDenied


def test_a_new_event_becomes_a_draft_that_is_not_published(post, moderator) -> None:
    poster = SimpleUploadedFile("poster.png", png(), content_type="image/png")
    suggestion = sent(post, event_fields(image=poster, text=f"Lomba layang-layang. {SCRIPT}"))
    page_html = moderator.get(f"/admin/suggestions/{suggestion.pk}/").content.decode()
    assert "Buat draf acara" in page_html and "siti@example.org" in page_html and SCRIPT not in page_html
    category = EventPage.objects.get(slug="panjang-jimat", locale__language_code="id").category
    live_before = EventPage.objects.live().count()
    response = moderator.post(f"/admin/suggestions/{suggestion.pk}/", {"action": "draft", "category": category.pk})
    draft = EventPage.objects.get(title="Festival Layang-layang")
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{draft.pk}/edit/"
    assert not draft.live and draft.has_unpublished_changes and EventPage.objects.live().count() == live_before
    assert draft.slug == "festival-layang-layang" and draft.venue_name == "Pantai Kejawanan"
    assert [(o.key, str(o.start)) for o in draft.occurrences.all()] == [("2027", "2027-07-20 02:00:00+00:00")]
    with draft.images.get().image.open_file() as poster_file:
        assert poster_file.read(4) == b"\x89PNG"
    assert "siti" not in repr(vars(draft)).lower()  # contact details stay with the suggestion
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.page_id) == ("accepted", draft.pk)


def test_a_sent_date_moves_the_years_tentative_date_in_a_new_revision_only(post, moderator) -> None:
    suggestion = sent(post, date_fields())
    page = EventPage.objects.get(slug="panjang-jimat", locale__language_code="id")
    live_rows = sorted(page.occurrences.values_list("key", "start_date", "sequence"))
    html = moderator.get(f"/admin/suggestions/{suggestion.pk}/").content.decode()
    assert "2027-08-14 20:00" in html and "2026-08-24 20:00" in html  # suggested beside current
    response = moderator.post(f"/admin/suggestions/{suggestion.pk}/", {"action": "apply"})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live and page.has_unpublished_changes
    assert sorted(page.occurrences.values_list("key", "start_date", "sequence")) == live_rows  # nothing published
    moved = {o.key: o for o in page.get_latest_revision_as_object().occurrences.all()}["2027-pameran"]
    sent_start = datetime(2027, 8, 14, 20, tzinfo=JAKARTA)
    assert (moved.status, moved.start, moved.start_date) == ("confirmed", sent_start, None)
    assert moved.sequence == 1 and not moved.projected  # the same UID, SEQUENCE up
    assert Suggestion.objects.get(pk=suggestion.pk).status == "accepted"


def test_a_date_in_a_year_without_one_is_added_as_a_new_occurrence(post, moderator) -> None:
    suggestion = sent(post, date_fields(start_date="2028-08-01", end_date="2028-08-02", start_time=""))
    moderator.post(f"/admin/suggestions/{suggestion.pk}/", {"action": "apply"})
    page = EventPage.objects.get(slug="panjang-jimat", locale__language_code="id")
    added = {o.key: o for o in page.get_latest_revision_as_object().occurrences.all()}["2028"]
    assert (str(added.start_date), str(added.end_date), added.sequence) == ("2028-08-01", "2028-08-02", 0)
    assert not page.occurrences.filter(key="2028").exists()


def test_a_correction_is_shown_beside_the_field_and_applied_to_a_new_revision(post, moderator) -> None:
    suggestion = sent(post, correction_fields())
    html = moderator.get(f"/admin/suggestions/{suggestion.pk}/").content.decode()
    assert "Sekarang buka sampai 17.00." in html and "hours_note" in html
    response = moderator.post(f"/admin/suggestions/{suggestion.pk}/",
                              {"action": "apply", "field": "hours_note", "value": "Buka sampai 17.00."})  # fmt: skip
    assert response.status_code == 302
    page = AttractionPage.objects.get(pk=suggestion.page_id)
    assert page.hours_note != "Buka sampai 17.00." and page.has_unpublished_changes
    assert page.get_latest_revision_as_object().hours_note == "Buka sampai 17.00."


def test_a_rejection_needs_and_keeps_a_reason(post, moderator) -> None:
    suggestion = sent(post, correction_fields())
    moderator.post(f"/admin/suggestions/{suggestion.pk}/", {"action": "reject", "reason": ""})
    assert Suggestion.objects.get(pk=suggestion.pk).status == "new"
    moderator.post(f"/admin/suggestions/{suggestion.pk}/", {"action": "reject", "reason": "Sudah benar."})
    rejected = Suggestion.objects.get(pk=suggestion.pk)
    assert (rejected.status, rejected.reject_reason) == ("rejected", "Sudah benar.")
    revisions = Page.objects.get(pk=suggestion.page_id).revisions.count()
    moderator.post(f"/admin/suggestions/{suggestion.pk}/", {"action": "apply", "field": "hours_note", "value": "x"})
    assert Page.objects.get(pk=suggestion.page_id).revisions.count() == revisions  # a closed one stays closed
