"""'Add to calendar' in a real browser: the event page's .ics downloads and another parser reads it."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import vobject

from site_builder.catalog import JAKARTA, Event
from site_builder.snapshot import load_catalog

pytestmark = pytest.mark.browser

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture(scope="module")
def dated_event() -> tuple[Event, str]:
    """The demo's first event (by slug) that has a date, and the host its iCal UIDs end in."""
    catalog = load_catalog(CONTENT)
    events = sorted((e for e in catalog.events if e.occurrences), key=lambda e: e.t("id").slug)
    assert events, "content/ has no dated event: the demo content should have one"
    return events[0], urlsplit(catalog.site.base_url).hostname


@pytest.mark.parametrize(
    ("lang", "prefix", "label"), [("id", "", "Tambahkan ke kalender"), ("en", "en/", "Add to calendar")]
)
def test_add_to_calendar_downloads_the_events_ics(page, site_url, dated_event, lang, prefix, label):
    event, host = dated_event
    segment = "acara" if lang == "id" else "events"
    page.goto(f"{site_url}{prefix}{segment}/{event.t(lang).slug}/")

    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(label)).click()
    download = download_info.value

    assert download.suggested_filename == f"{event.t(lang).slug}.ics"
    calendar = vobject.readOne(Path(download.path()).read_text(encoding="utf-8"))
    parsed = {vevent.uid.value: vevent for vevent in calendar.vevent_list}
    assert set(parsed) == {f"{event.uid}-{o.key}@{host}" for o in event.occurrences}
    for occurrence in event.occurrences:
        start = parsed[f"{event.uid}-{occurrence.key}@{host}"].dtstart.value
        if isinstance(occurrence.start, datetime):
            assert start == occurrence.start
            assert start.astimezone(JAKARTA).utcoffset() == occurrence.start.astimezone(JAKARTA).utcoffset()
        else:
            assert start == occurrence.start and not isinstance(start, datetime)
    assert page.offsite_requests == []
