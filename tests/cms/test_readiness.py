"""Agenda readiness: which events have confirmed, tentative or no dates in a year, and which lack English."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from cms.agenda.models import EventPage, Occurrence
from cms.agenda.readiness import agenda_readiness, next_agenda_year
from cms.agenda.rollover import roll_over
from cms.editorial.roles import MODERATOR
from site_builder.calendars import JAKARTA

from .test_rollover import add_event

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=JAKARTA)


@pytest.fixture
def agenda(imported: Path) -> None:
    add_event("Cap Go Meh", {"calendar": "chinese", "month": 1, "day": 15, "start_time": "14:00",
                             "duration_minutes": 300})  # fmt: skip
    add_event("Nadran", {"calendar": "organiser"})


def titles(events) -> list[str]:
    return [event.title for event in events]


def test_next_year_is_counted_in_jakarta_time() -> None:
    assert next_agenda_year(datetime(2026, 12, 31, 16, 59, tzinfo=UTC)) == 2027  # 23:59 WIB
    assert next_agenda_year(datetime(2026, 12, 31, 17, 0, tzinfo=UTC)) == 2028  # 1 January, 00:00 WIB


def test_readiness_on_the_fixture_sorts_events_by_their_dates_in_the_year(agenda) -> None:
    readiness = agenda_readiness(2027)
    assert titles(readiness.tentative) == ["Panjang Jimat"]  # its 2027 exhibition is still tentative
    assert titles(readiness.missing) == ["Cap Go Meh", "Nadran"]
    assert titles(readiness.confirmed) == []
    assert titles(readiness.untranslated) == ["Cap Go Meh", "Nadran"]
    assert not readiness.ready
    [jimat] = readiness.tentative
    assert [(line.key, line.status, line.projected) for line in jimat.dates] == [("2027-pameran", "tentative", True)]
    assert titles(agenda_readiness(2026).confirmed) == ["Panjang Jimat"]


def test_after_the_rollover_only_the_organiser_event_misses_a_date(agenda) -> None:
    roll_over(2027, NOW)
    readiness = agenda_readiness(2027)
    assert titles(readiness.tentative) == ["Cap Go Meh", "Panjang Jimat"]
    assert titles(readiness.missing) == ["Nadran"]
    [jimat] = [event for event in readiness.events if event.title == "Panjang Jimat"]
    assert [line.key for line in jimat.dates] == ["2027-pameran", "2027"]  # 12 August, then 15 August


def test_an_event_is_confirmed_when_every_date_in_the_year_is_settled(agenda) -> None:
    page = EventPage.objects.get(locale__language_code="id", slug="panjang-jimat")
    rows = list(page.occurrences.all())
    for row in rows:
        row.status = "confirmed" if row.key == "2027-pameran" else row.status
    page.occurrences = rows
    page.save_revision().publish()
    assert titles(agenda_readiness(2027).confirmed) == ["Panjang Jimat"]


def moderator_client() -> Client:
    user = get_user_model().objects.create_user("sari", "sari@example.org", "sandi-rahasia-123")
    user.groups.add(Group.objects.get(name=MODERATOR))
    client = Client()
    client.force_login(user)
    return client


def test_the_dashboard_panel_shows_next_years_numbers_in_indonesian(agenda) -> None:
    home = moderator_client().get("/admin/")
    year = next_agenda_year()
    assert home.status_code == 200
    assert f"Kesiapan agenda {year}" in home.text
    assert "Belum diterjemahkan: 2" in home.text
    assert f"{reverse('agenda_readiness')}?year={year}" in home.text


def test_the_report_lists_each_event_and_a_tentative_date_can_be_confirmed_from_there(agenda) -> None:
    client = moderator_client()
    report = client.get(f"{reverse('agenda_readiness')}?year=2027")
    assert report.status_code == 200
    assert "Gulirkan agenda ke tahun 2027" in report.text  # Cap Go Meh has a rule and no 2027 date yet
    assert "menunggu tanggal dari penyelenggara" in report.text and "belum diterjemahkan" in report.text
    row = Occurrence.objects.get(page__locale__language_code="id", key="2027-pameran")
    url = reverse("agenda_change_occurrence", args=[row.pk])
    assert f"{url}?year=2027&amp;action=confirm" in report.text
    done = client.post(url, {"action": "confirm", "step": "apply", "year": "2027"}, follow=True)
    assert "Sudah diterbitkan" in done.text
    row = Occurrence.objects.get(page__locale__language_code="id", key="2027-pameran")
    assert (row.status, row.sequence) == ("confirmed", 1)
