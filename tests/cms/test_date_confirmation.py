"""Settling a date after the announcement: confirm, confirm another date, postpone, cancel, undo, each with a step."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar
from wagtail.models import PageLogEntry

from cms.agenda.models import EventPage, Occurrence
from cms.agenda.readiness import agenda_readiness
from cms.core.snapshot.export import export_snapshot
from cms.editorial.roles import CONTRIBUTOR, MODERATOR
from site_builder.build import build_site
from site_builder.calendars import JAKARTA
from tests.cms.editorial_support import client_for, person

from .test_rollover import add_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(imported: Path):
    return person("budi", MODERATOR)


def row(key: str) -> Occurrence:
    return Occurrence.objects.get(page__locale__language_code="id", key=key)


def change_url(key: str, action: str = "") -> str:
    url = f"{reverse('agenda_change_occurrence', args=[row(key).pk])}?year=2027"
    return f"{url}&action={action}" if action else url


def test_confirm_is_a_link_to_a_confirm_step_not_a_one_click_publish(moderator) -> None:
    client = client_for(moderator)
    report = client.get(f"{reverse('agenda_readiness')}?year=2027")
    assert change_url("2027-pameran", "confirm").replace("&", "&amp;") in report.text
    before = row("2027-pameran")
    review = client.post(change_url("2027-pameran"), {"action": "confirm", "step": "review", "year": "2027"})
    assert "data-confirm-step" in review.text and "12-08-2027" in review.text
    assert (row("2027-pameran").status, row("2027-pameran").sequence) == ("tentative", before.sequence)  # not yet
    done = client.post(change_url("2027-pameran"), {"action": "confirm", "step": "apply", "year": "2027"}, follow=True)
    assert done.status_code == 200 and "diterbitkan" in done.text
    assert (row("2027-pameran").status, row("2027-pameran").sequence) == ("confirmed", before.sequence + 1)


def test_another_date_keeps_the_uid_moves_the_feed_and_raises_the_sequence(moderator, imported: Path,
                                                                           tmp_path: Path) -> None:
    add_event("Cap Go Meh", {"calendar": "chinese", "month": 1, "day": 15, "start_time": "14:00",
                             "duration_minutes": 300})  # fmt: skip
    page = EventPage.objects.get(locale__language_code="id", slug="panjang-jimat")
    rows = list(page.occurrences.all())
    rows.append(Occurrence(key="2027", start=datetime(2027, 8, 15, 20, tzinfo=JAKARTA),
                           end=datetime(2027, 8, 16, 0, tzinfo=JAKARTA), projected=True))  # fmt: skip
    page.occurrences = rows
    page.save_revision().publish()
    client = client_for(moderator)
    form = {"action": "move", "day": "2027-08-16", "starts": "", "ends": "", "year": "2027"}
    review = client.post(change_url("2027"), {**form, "step": "review"})
    assert "15-08-2027 20:00" in review.text and "16-08-2027 20:00" in review.text
    client.post(change_url("2027"), {**form, "step": "apply"})
    moved = row("2027")
    assert (moved.status, moved.sequence) == ("confirmed", 1)
    assert moved.start == datetime(2027, 8, 16, 20, tzinfo=JAKARTA) and moved.end == datetime(2027, 8, 17, 0,
                                                                                              tzinfo=JAKARTA)
    # The published snapshot builds a feed where the same UID moved, with SEQUENCE up.
    content, out = tmp_path / "content", tmp_path / "dist"
    content.mkdir()
    shutil.copy(imported / "manifest.yaml", content / "manifest.yaml")
    export_snapshot(content)
    build_site(content, out)
    feed = Calendar.from_ical((out / "agenda" / "2027.ics").read_bytes())
    starts = {str(e["UID"]): e.decoded("DTSTART") for e in feed.walk("VEVENT")}
    [uid] = [uid for uid, start in starts.items() if start == datetime(2027, 8, 16, 20, tzinfo=JAKARTA)]
    assert str(page.translation_key) in uid
    [event] = [e for e in feed.walk("VEVENT") if str(e["UID"]) == uid]
    assert event["SEQUENCE"] == 1 and str(event["STATUS"]) == "CONFIRMED"


def test_the_last_change_can_be_undone_once_with_a_confirm_step(moderator) -> None:
    client = client_for(moderator)
    client.post(change_url("2027-pameran"), {"action": "move", "day": "2027-08-13", "step": "apply", "year": "2027"})
    assert (row("2027-pameran").start_date, row("2027-pameran").end_date) == (date(2027, 8, 13), date(2027, 8, 15))
    page = EventPage.objects.get(locale__language_code="id", slug="panjang-jimat")
    undo = reverse("agenda_undo_change", args=[page.pk]) + "?year=2027"
    report = client.get(f"{reverse('agenda_readiness')}?year=2027")
    assert "data-undo-link" in report.text
    assert "data-confirm-step" in client.get(undo).text
    assert row("2027-pameran").start_date == date(2027, 8, 13)  # the GET changed nothing
    client.post(undo, {"year": "2027"})
    back = row("2027-pameran")
    assert (back.start_date, back.end_date, back.status) == (date(2027, 8, 12), date(2027, 8, 14), "tentative")
    assert back.sequence == 2  # undoing is a change too: calendar apps must follow it
    assert "data-undo-link" not in client.get(f"{reverse('agenda_readiness')}?year=2027").text
    again = client.post(undo, {"year": "2027"}, follow=True)
    assert "Tidak ada perubahan tanggal" in again.text and row("2027-pameran").sequence == 2


def test_postponing_or_cancelling_needs_a_reason_kept_in_the_history(moderator) -> None:
    client = client_for(moderator)
    refused = client.post(change_url("2027-pameran"), {"action": "cancel", "step": "apply", "year": "2027"})
    assert "Tulis alasannya" in refused.text and row("2027-pameran").status == "tentative"
    client.post(change_url("2027-pameran"), {"action": "postpone", "reason": "Banjir di alun-alun", "step": "apply",
                                             "year": "2027"})  # fmt: skip
    assert row("2027-pameran").status == "postponed"
    entry = PageLogEntry.objects.filter(action="agenda.occurrence_changed").get()
    assert entry.data["reason"] == "Banjir di alun-alun" and entry.data["before"]["status"] == "tentative"
    assert "Banjir di alun-alun" in entry.formatter.format_message(entry)


def test_a_contributor_cannot_settle_dates(moderator) -> None:
    siti = person("siti", CONTRIBUTOR)
    response = client_for(siti).post(change_url("2027-pameran"), {"action": "confirm", "step": "apply"})
    assert response.status_code in (302, 403) and row("2027-pameran").status == "tentative"


def test_readiness_says_what_is_left_and_who_gives_it_and_offers_no_empty_rollover(moderator) -> None:
    add_event("Nadran", {"calendar": "organiser"})
    readiness = agenda_readiness(2027)
    with translation.override("en"):
        lines = [(item.event.title, item.what, item.who) for item in readiness.to_do()]
    assert ("Nadran", "needs its date", "the organiser sends it; a moderator enters it") in lines
    assert ("Panjang Jimat", "has a date to confirm", "a moderator, when the keraton announces the date") in lines
    assert not readiness.rollover_adds  # only the organiser's event lacks a date: rolling over adds nothing
    page = client_for(moderator).get(f"{reverse('agenda_readiness')}?year=2027").text
    assert "Gulirkan agenda ke tahun 2027" not in page
    assert "penyelenggara mengirimkannya" in page and "Siap berarti" in page
    home = client_for(moderator).get("/admin/").text
    assert "data-agenda-to-do" in home


def test_moving_a_timed_date_can_be_undone(moderator) -> None:
    # The change log kept the moved start in WIB and compared it with the row read back in UTC: the undo
    # was refused as "changed again since". Found by tests/browser/test_editor_day.py.
    page = EventPage.objects.get(locale__language_code="id", slug="panjang-jimat")
    rows = list(page.occurrences.all())
    rows.append(Occurrence(key="2027", start=datetime(2027, 8, 15, 20, tzinfo=JAKARTA),
                           end=datetime(2027, 8, 16, 0, tzinfo=JAKARTA), projected=True))  # fmt: skip
    page.occurrences = rows
    page.save_revision().publish()
    client = client_for(moderator)
    client.post(change_url("2027"), {"action": "move", "day": "2027-08-14", "step": "apply", "year": "2027"})
    assert row("2027").start == datetime(2027, 8, 14, 20, tzinfo=JAKARTA)
    client.post(reverse("agenda_undo_change", args=[page.pk]) + "?year=2027", {"year": "2027"})
    back = row("2027")
    assert (back.start, back.status, back.sequence) == (datetime(2027, 8, 15, 20, tzinfo=JAKARTA), "tentative", 2)
