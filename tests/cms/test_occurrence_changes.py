"""SEQUENCE goes up when an occurrence's date, time, venue or status changes: from code, import and the admin."""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from cms.agenda.models import EventPage, Occurrence
from cms.agenda.rollover import roll_over
from cms.core.snapshot.export import export_snapshot
from cms.core.snapshot.importer import import_snapshot
from cms.editorial.roles import MODERATOR
from site_builder.build import build_site
from site_builder.calendars import JAKARTA

from .conftest import FIXTURE_CONTENT

pytestmark = pytest.mark.django_db

FIXTURE_UPDATED = datetime(2026, 8, 1, 10, 0, tzinfo=JAKARTA)  # the 2026 row's `updated` in the fixture


@pytest.fixture
def event(imported: Path) -> EventPage:
    return EventPage.objects.get(locale__language_code="id", slug="panjang-jimat")


def stored(page: EventPage, key: str) -> Occurrence:
    return Occurrence.objects.get(page_id=page.pk, key=key)


def publish_with(page: EventPage, key: str, **changes: object) -> Occurrence:
    """Change one row the way the editor's form does (the whole cluster saved again), publish, reread it."""
    page = EventPage.objects.get(pk=page.pk)
    rows = list(page.occurrences.all())
    for row in rows:
        if row.key == key:
            for name, value in changes.items():
                setattr(row, name, value)
    page.occurrences = rows
    page.save_revision().publish()
    return stored(page, key)


def recently(value: datetime | None) -> bool:
    return value is not None and abs(timezone.now() - value) < timedelta(minutes=2)


@pytest.mark.parametrize(("key", "changes"), [
    ("2026", {"end": datetime(2026, 8, 25, 1, 0, tzinfo=JAKARTA)}),  # a longer night
    ("2026", {"start": datetime(2026, 8, 24, 21, 0, tzinfo=JAKARTA)}),  # a later start, same day
    ("2026", {"venue_name": "Langgar Agung"}),
    ("2026", {"status": "cancelled"}),
    ("2027-pameran", {"end_date": date(2027, 8, 15)}),
    ("2027-pameran", {"status": "confirmed"}),
])  # fmt: skip
def test_a_date_time_venue_or_status_change_bumps_the_sequence_once(event, key: str, changes: dict) -> None:
    before = stored(event, key)
    after = publish_with(event, key, **changes)
    assert after.sequence == before.sequence + 1
    assert recently(after.updated)
    again = publish_with(event, key)  # saving again without a change
    assert again.sequence == after.sequence and again.updated == after.updated


def test_an_edit_of_the_text_leaves_every_sequence_alone(event) -> None:
    before = {row.key: (row.sequence, row.updated) for row in Occurrence.objects.filter(page_id=event.pk)}
    page = EventPage.objects.get(pk=event.pk)
    page.body += "\n\nDatanglah lebih awal."
    page.summary = "Arak-arakan pusaka keraton pada malam 12 Mulud, ramai sekali."
    page.save_revision().publish()
    assert {row.key: (row.sequence, row.updated) for row in Occurrence.objects.filter(page_id=event.pk)} == before


def test_moving_a_confirmed_date_keeps_the_date_first_announced(event) -> None:
    confirmed = publish_with(event, "2027-pameran", status="confirmed")
    assert confirmed.previous_start_date is None  # confirming without a move
    moved = publish_with(event, "2027-pameran", start_date=date(2027, 8, 19), end_date=date(2027, 8, 21))
    assert (moved.sequence, moved.previous_start_date, moved.previous_start) == (2, date(2027, 8, 12), None)
    again = publish_with(event, "2027-pameran", start_date=date(2027, 8, 26), end_date=date(2027, 8, 28))
    assert (again.sequence, again.previous_start_date) == (3, date(2027, 8, 12))
    # The 2026 row already says where it was first announced; a further move keeps that.
    later = publish_with(event, "2026", start=datetime(2026, 8, 25, 20, 0, tzinfo=JAKARTA),
                         end=datetime(2026, 8, 26, 0, 0, tzinfo=JAKARTA))  # fmt: skip
    assert (later.sequence, later.previous_start) == (2, datetime(2026, 8, 23, 20, 0, tzinfo=JAKARTA))


def test_confirming_a_projection_on_another_day_is_not_a_reschedule(event) -> None:
    confirmed = publish_with(event, "2027-pameran", status="confirmed", start_date=date(2027, 8, 13),
                             end_date=date(2027, 8, 15))  # fmt: skip
    assert (confirmed.sequence, confirmed.status, confirmed.key) == (1, "confirmed", "2027-pameran")
    assert confirmed.previous_start_date is None and confirmed.previous_start is None


def test_a_draft_and_its_publication_bump_the_sequence_once(event) -> None:
    page = EventPage.objects.get(pk=event.pk)
    rows = list(page.occurrences.all())
    rows[0].status = "postponed"
    page.occurrences = rows
    page.save_revision()
    assert stored(event, "2026").sequence == 1  # the live row waits for the publication
    draft = page.get_latest_revision_as_object()
    draft.title = "Panjang Jimat (Pelal Ageng)"
    draft.save_revision().publish()
    assert (stored(event, "2026").sequence, stored(event, "2026").status) == (2, "postponed")


def test_a_new_venue_for_the_event_bumps_the_rows_that_take_it(event) -> None:
    page = EventPage.objects.get(pk=event.pk)
    page.venue, page.venue_name = None, "Alun-alun Kejaksan"
    page.venue_latitude, page.venue_longitude, page.venue_confidence = -6.7097, 108.5592, "high"
    page.save_revision().publish()
    assert stored(event, "2026").sequence == 2
    assert stored(event, "2027-pameran").sequence == 0  # it has its own venue


def test_the_sequence_never_goes_down(event) -> None:
    assert publish_with(event, "2026", sequence=0).sequence == 1


def test_an_import_that_moves_a_date_bumps_the_sequence_unless_the_file_did(event, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    original = content / "events/panjang-jimat/index.id.md"
    text = original.read_text()
    original.write_text(text.replace("start: '2027-08-12'", "start: '2027-08-11'"))
    import_snapshot(content)
    row = stored(event, "2027-pameran")
    assert (row.start_date, row.sequence) == (date(2027, 8, 11), 1) and recently(row.updated)
    original.write_text(
        text.replace(
            "start: '2027-08-12'\n  end: '2027-08-14'\n  status: tentative\n  sequence: 0",
            "start: '2027-08-13'\n  end: '2027-08-14'\n  status: tentative\n  sequence: 5",
        )
    )
    import_snapshot(content)
    assert stored(event, "2027-pameran").sequence == 5


# -- confirming in the admin reaches the next build ------------------------------------------------


def edit_form(html: str) -> dict[str, str]:
    """The page editor's fields as the browser submits them."""
    form = BeautifulSoup(html, "html.parser").find("form", id="page-edit-form")
    data: dict[str, str] = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name, kind = field.get("name"), field.get("type")
        if not name or kind in ("submit", "button", "file", "image"):
            continue
        if kind in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.name == "textarea":
            data[name] = field.text.removeprefix("\n")
        elif field.name == "select":
            chosen = field.find("option", selected=True)
            data[name] = chosen.get("value", "") if chosen else ""
        else:
            data[name] = field.get("value", "")
    return data


def event_feed(out: Path, key: str) -> dict[str, object]:
    """SEQUENCE and STATUS of one occurrence in the Indonesian 'add to calendar' feed of Panjang Jimat."""
    [feed] = [p for p in out.rglob("panjang-jimat.ics") if "/en/" not in p.as_posix()]
    for component in Calendar.from_ical(feed.read_bytes()).walk("VEVENT"):
        if str(component["UID"]).partition("@")[0].endswith(f"-{key}"):
            return {"sequence": int(component["SEQUENCE"]), "status": str(component["STATUS"])}
    raise AssertionError(f"no occurrence {key} in {feed}")


def build(tmp_path: Path, name: str) -> Path:
    content = tmp_path / f"{name}-content"
    shutil.copytree(FIXTURE_CONTENT, content)
    export_snapshot(content)
    out = tmp_path / f"{name}-site"
    build_site(content, out, now=datetime(2026, 12, 1, 9, 0, tzinfo=JAKARTA), cache_dir=tmp_path / "cache")
    return out


@pytest.mark.slow
def test_confirming_a_rolled_over_date_in_the_admin_changes_sequence_and_status_in_the_next_build(
    event, tmp_path: Path
) -> None:
    roll_over(2027, datetime(2026, 11, 28, 9, 0, tzinfo=JAKARTA))
    before = event_feed(build(tmp_path, "before"), "2027")
    assert before == {"sequence": 0, "status": "TENTATIVE"}

    moderator = get_user_model().objects.create_user("sari", "sari@example.org", "sandi-rahasia-123")
    moderator.groups.add(Group.objects.get(name=MODERATOR))
    client = Client()
    client.force_login(moderator)
    url = reverse("wagtailadmin_pages:edit", args=[event.pk])
    data = edit_form(client.get(url).text)
    [row] = [name.removesuffix("-key") for name, value in data.items()
             if name.startswith("occurrences-") and name.endswith("-key") and value == "2027"]  # fmt: skip
    data[f"{row}-status"] = "confirmed"
    response = client.post(url, {**data, "action-publish": "action-publish"})
    assert response.status_code == 302, response.content.decode()[:2000]

    confirmed = stored(event, "2027")
    assert (confirmed.status, confirmed.sequence, confirmed.projected) == ("confirmed", 1, True)
    after = event_feed(build(tmp_path, "after"), "2027")
    assert after == {"sequence": before["sequence"] + 1, "status": "CONFIRMED"}
