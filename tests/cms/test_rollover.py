"""Rolling the agenda over to a year: the rules' dates, once, never over an editor's date; command and admin."""

from __future__ import annotations

from datetime import datetime, timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils.text import slugify
from wagtail.models import Revision

from cms.agenda.models import AgendaIndexPage, EventPage, Occurrence
from cms.agenda.rollover import roll_over
from cms.core.snapshot.export import export_snapshot
from cms.editorial.roles import CONTRIBUTOR, MODERATOR
from site_builder.calendars import JAKARTA, Rule, project_occurrences

from .conftest import snapshot_bytes

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=JAKARTA)
RULES = {
    "Grebeg Syawal": {"calendar": "hijri", "month": 10, "day": 8, "start_time": "06:30", "duration_minutes": 240},
    "Cap Go Meh": {"calendar": "chinese", "month": 1, "day": 15, "start_time": "14:00", "duration_minutes": 300},
    "Idul Fitri": {"calendar": "hijri", "month": 10, "day": 1, "span_days": 2},
    "Warsa Enggal": {"calendar": "gregorian", "month": 12, "day": 31, "start_time": "19:00", "duration_minutes": 300},
    "Nadran": {"calendar": "organiser"},
}


def add_event(title: str, rule: dict) -> EventPage:
    """A published Indonesian event beside the fixture's Panjang Jimat, with the same category and venue."""
    model = EventPage.objects.get(locale__language_code="id", slug="panjang-jimat")
    page = EventPage(title=title, slug=slugify(title), summary=f"{title}: acara uji rollover.", rule=rule,
                     category=model.category, venue=model.venue, updated=NOW - timedelta(days=30))  # fmt: skip
    AgendaIndexPage.objects.get(locale__language_code="id").add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def agenda(imported: Path) -> dict[str, EventPage]:
    pages = {title: add_event(title, rule) for title, rule in RULES.items()}
    pages["Panjang Jimat"] = EventPage.objects.get(locale__language_code="id", slug="panjang-jimat")
    return pages


def rows(page: EventPage) -> dict[str, Occurrence]:
    return {row.key: row for row in Occurrence.objects.filter(page_id=page.pk)}


def as_stored(projected) -> tuple:
    """A projection as an Occurrence row stores it: all-day ends on the last day, inclusive, or not at all."""
    if not projected.all_day:
        return projected.start, projected.end, None, None
    last = projected.end - timedelta(days=1)
    return None, None, projected.start, last if last != projected.start else None


def test_rollover_adds_the_dates_each_rule_projects_as_tentative_projected_rows(agenda) -> None:
    report = roll_over(2027, NOW)
    for title, page in agenda.items():
        expected = project_occurrences(Rule.from_mapping(page.rule), 2027)
        stored = rows(page)
        for projected in expected:
            row = stored[projected.key]
            assert (row.start, row.end, row.start_date, row.end_date) == as_stored(projected), title
            status = "confirmed" if page.rule["calendar"] == "gregorian" else "tentative"
            assert (row.status, row.sequence, row.projected, row.updated) == (status, 0, True, NOW), title
        assert {line.key for line in report.added if line.title == title} == {p.key for p in expected}
    assert rows(agenda["Cap Go Meh"])["2027"].start == datetime(2027, 2, 20, 14, 0, tzinfo=JAKARTA)
    assert rows(agenda["Warsa Enggal"])["2027"].end == datetime(2028, 1, 1, 0, 0, tzinfo=JAKARTA)
    assert rows(agenda["Idul Fitri"])["2027"].end_date == rows(agenda["Idul Fitri"])["2027"].start_date + timedelta(1)


def test_rollover_publishes_its_rows_so_the_export_holds_them(agenda, tmp_path: Path) -> None:
    roll_over(2027, NOW)
    page = EventPage.objects.get(pk=agenda["Grebeg Syawal"].pk)
    assert page.live and not page.has_unpublished_changes
    export_snapshot(tmp_path / "content")
    text = (tmp_path / "content/events/grebeg-syawal/index.id.md").read_text()
    assert "key: '2027'\n  start: '2027-03-17T06:30:00+07:00'" in text
    assert "updated: '2026-11-28T09:00:00+07:00'\n  projected: true" in text


def test_rollover_twice_adds_nothing_and_exports_the_same_bytes(agenda, tmp_path: Path) -> None:
    roll_over(2027, NOW)
    export_snapshot(tmp_path / "first")
    counts = (Occurrence.objects.count(), Revision.objects.count())
    second = roll_over(2027, NOW + timedelta(days=3))
    assert not second.changed and len(second.unchanged) == len(roll_over(2027, NOW, dry_run=True).unchanged) > 0
    assert (Occurrence.objects.count(), Revision.objects.count()) == counts
    export_snapshot(tmp_path / "second")
    assert snapshot_bytes(tmp_path / "first") == snapshot_bytes(tmp_path / "second")


def test_rollover_never_overwrites_a_confirmed_date(agenda) -> None:
    page = agenda["Grebeg Syawal"]
    chosen = datetime(2027, 3, 18, 7, 0, tzinfo=JAKARTA)
    page.occurrences = [Occurrence(key="2027", start=chosen, end=chosen + timedelta(hours=3), status="confirmed",
                                   sequence=2, updated=NOW - timedelta(days=1))]  # fmt: skip
    page.save_revision().publish()
    report = roll_over(2027, NOW)
    row = rows(page)["2027"]
    assert (row.start, row.status, row.sequence, row.projected) == (chosen, "confirmed", 2, False)
    assert [(line.title, line.key) for line in report.kept] == [("Grebeg Syawal", "2027")]


@pytest.mark.parametrize("status", ["postponed", "cancelled"])
def test_rollover_leaves_a_postponed_or_cancelled_projection_alone(agenda, status: str) -> None:
    roll_over(2027, NOW)
    page = EventPage.objects.get(pk=agenda["Cap Go Meh"].pk)
    [row] = page.occurrences.all()
    row.status, row.start = status, row.start + timedelta(days=7)
    row.end = row.start + timedelta(hours=5)
    page.occurrences = [row]
    page.save_revision().publish()
    before = rows(page)["2027"]
    roll_over(2027, NOW + timedelta(days=1))
    after = rows(page)["2027"]
    assert (after.start, after.status, after.sequence) == (before.start, status, before.sequence)


def test_rollover_moves_a_still_tentative_projection_the_rule_now_puts_elsewhere(agenda) -> None:
    roll_over(2027, NOW)
    page = EventPage.objects.get(pk=agenda["Cap Go Meh"].pk)
    page.rule = {**page.rule, "start_time": "15:00"}  # the organiser moved the parade an hour later
    page.save_revision().publish()
    report = roll_over(2027, NOW + timedelta(days=2))
    row = rows(page)["2027"]
    assert [line.key for line in report.updated] == ["2027"]
    assert row.start == datetime(2027, 2, 20, 15, 0, tzinfo=JAKARTA)
    assert (row.status, row.sequence, row.updated) == ("tentative", 1, NOW + timedelta(days=2))
    assert row.previous_start is None  # a guess corrected is not a rescheduled event


def test_organiser_events_are_reported_as_needing_a_date_and_get_no_rows(agenda) -> None:
    report = roll_over(2027, NOW)
    assert [line.title for line in report.needs_organiser] == ["Nadran"]
    assert report.needs_organiser[0].reason == "needs a date from the organiser"
    assert rows(agenda["Nadran"]) == {}


def test_rollover_keeps_an_unpublished_draft_a_draft_with_the_new_dates(agenda) -> None:
    page = EventPage.objects.get(pk=agenda["Cap Go Meh"].pk)
    page.summary = "Ringkasan baru yang belum diterbitkan."
    page.save_revision()
    roll_over(2027, NOW)
    live = EventPage.objects.get(pk=page.pk)
    assert live.summary != page.summary and "2027" in rows(live)
    draft = live.get_latest_revision_as_object()
    assert live.has_unpublished_changes and draft.summary == page.summary
    assert [row.key for row in draft.occurrences.all()] == ["2027"]


def test_the_command_dry_run_prints_what_it_would_add_and_changes_nothing(agenda) -> None:
    out = StringIO()
    call_command("rollover_agenda", "--year", "2027", "--now", "2026-11-28T09:00:00+07:00", "--dry-run", stdout=out)
    assert "+ Cap Go Meh [2027]: would add 2027-02-20 14:00–19:00 WIB, tentative" in out.getvalue()
    assert "? Nadran: needs a date from the organiser" in out.getvalue()
    assert not Occurrence.objects.filter(key="2027").exists()


def test_the_command_adds_then_reports_everything_already_there(agenda) -> None:
    first, second = StringIO(), StringIO()
    call_command("rollover_agenda", "--year", "2027", "--now", "2026-11-28T09:00:00+07:00", stdout=first)
    call_command("rollover_agenda", "--year", "2027", "--now", "2026-11-29T09:00:00+07:00", stdout=second)
    assert "+ Grebeg Syawal [2027]: added 2027-03-17 06:30–10:30 WIB, tentative" in first.getvalue()
    assert "Added 0 and moved 0 occurrences in 2027" in second.getvalue()
    assert "= Grebeg Syawal [2027]: already there" in second.getvalue()


def test_the_command_refuses_a_time_without_an_offset(agenda) -> None:
    with pytest.raises(Exception, match="no UTC offset"):
        call_command("rollover_agenda", "--year", "2027", "--now", "2026-11-28T09:00:00", stdout=StringIO())


def admin_client(username: str, group: str | None) -> Client:
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "sandi-rahasia-123")
    if group:
        user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


def test_a_moderator_confirms_the_rollover_in_the_admin_and_reads_indonesian(agenda) -> None:
    client = admin_client("sari", MODERATOR)
    url = f"{reverse('agenda_rollover')}?year=2027"
    preview = client.get(url)
    assert preview.status_code == 200 and "Gulirkan agenda ke tahun 2027" in preview.text
    assert "Cap Go Meh: 2027-02-20 14:00–19:00 WIB" in preview.text
    assert not Occurrence.objects.filter(key="2027").exists()  # asking is not doing
    done = client.post(reverse("agenda_rollover"), {"year": "2027"}, follow=True)
    assert "Agenda telah digulirkan ke tahun 2027" in done.text
    assert "acara masih menunggu tanggal dari penyelenggara" in done.text
    assert "2027" in rows(agenda["Cap Go Meh"])


def test_the_rollover_needs_the_roll_over_permission(agenda) -> None:
    client = admin_client("budi", CONTRIBUTOR)
    refused = client.get(f"{reverse('agenda_rollover')}?year=2027")
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")  # Wagtail's answer to PermissionDenied
    assert client.post(reverse("agenda_rollover"), {"year": "2027"}).status_code == 302
    assert "Gulirkan" not in client.get(reverse("agenda_readiness")).text
    assert not Occurrence.objects.filter(key="2027").exists()
