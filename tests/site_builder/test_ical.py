"""The agenda's iCalendar feeds: valid RFC 5545 that independent parsers read the same way.

Each feed is checked with icalendar (which wrote it) and with vobject and ics, which did not.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import icalendar
import ics
import pytest
import vobject
from hypothesis import example, given, settings
from hypothesis import strategies as st

from site_builder import ical
from site_builder.build import BuildError, build_site
from site_builder.catalog import JAKARTA, Catalog, Event, Venue
from site_builder.snapshot import load_catalog
from site_builder.web import agenda, feeds, queries
from site_builder.web.app import create_app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TINY_NOW = datetime(2026, 10, 1, 12, 0, tzinfo=JAKARTA)
RITE = "55555555-5555-4555-8555-555555555555"
FESTIVAL = "88888888-8888-4888-8888-888888888888"
HOST = "wisata.example.test"


def agenda_content(folder: Path) -> Path:
    """The tiny site plus tests/fixtures/agenda-extra (cancelled, postponed, moved, undated events)."""
    content = folder / "content"
    shutil.copytree(FIXTURES / "tiny", content)
    for section in ("categories", "events"):
        shutil.copytree(FIXTURES / "agenda-extra" / section, content / section, dirs_exist_ok=True)
    return content


@pytest.fixture(scope="module")
def agenda_catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    return load_catalog(agenda_content(tmp_path_factory.mktemp("agenda")))


def feed_bytes(catalog: Catalog, lang: str = "id", events: list[Event] | None = None) -> bytes:
    calendar = ical.feed(
        catalog,
        queries.happenings(catalog, events),
        lang,
        name="Agenda uji",
        event_url=lambda event: f"https://{HOST}/acara/{event.t(lang).slug}/",
    )
    return ical.to_bytes(calendar, "test feed")


def vevents(body: bytes) -> dict[str, str]:
    """Each VEVENT's raw text (unfolded), by UID."""
    unfolded = body.decode().replace("\r\n ", "")
    blocks = re.findall(r"BEGIN:VEVENT\r\n(.*?)END:VEVENT\r\n", unfolded, re.S)
    return {re.search(r"^UID:(.*)$", block, re.M).group(1).strip(): block for block in blocks}


def by_uid_vobject(body: bytes) -> dict[str, object]:
    return {event.uid.value: event for event in vobject.readOne(body.decode()).vevent_list}


# --- valid and readable -------------------------------------------------------------------------


def test_feed_parses_with_icalendar_vobject_and_ics_alike(agenda_catalog):
    body = feed_bytes(agenda_catalog)
    uids = {f"{RITE}-2026@{HOST}", f"{RITE}-2027@{HOST}"} | {
        f"{FESTIVAL}-{key}@{HOST}" for key in ("2026-des", "2027-mar", "2027-agu")
    }
    assert {str(e["UID"]) for e in icalendar.Calendar.from_ical(body).walk("VEVENT")} == uids
    assert set(by_uid_vobject(body)) == uids
    assert {e.uid for e in ics.Calendar(body.decode()).events} == uids


def test_feed_lines_end_in_crlf_and_fold_under_75_octets(agenda_catalog):
    body = feed_bytes(agenda_catalog)
    assert body.endswith(b"\r\n") and b"\n" not in body.replace(b"\r\n", b"")
    assert max(len(line) for line in body.split(b"\r\n")) <= 75


def test_feed_carries_a_vtimezone_for_asia_jakarta(agenda_catalog):
    calendar = icalendar.Calendar.from_ical(feed_bytes(agenda_catalog))
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Asia/Jakarta"
    (standard,) = zone.walk("STANDARD")
    assert standard["TZOFFSETTO"].td == timedelta(hours=7)
    assert calendar.get_missing_tzids() == set()


def test_every_timed_value_names_its_tzid_and_every_date_says_value_date(agenda_catalog):
    body = feed_bytes(agenda_catalog).decode()
    starts_and_ends = [line for line in body.split("\r\n") if line.startswith(("DTSTART", "DTEND"))]
    in_events = starts_and_ends[1:]  # the first DTSTART is the VTIMEZONE's local STANDARD onset
    assert in_events
    for line in in_events:
        assert line.startswith(("DTSTART;TZID=Asia/Jakarta:", "DTEND;TZID=Asia/Jakarta:")) or (
            ";VALUE=DATE:" in line
        ), line
    timed = by_uid_vobject(body.encode())[f"{FESTIVAL}-2027-agu@{HOST}"]
    assert timed.dtstart.value.utcoffset() == timedelta(hours=7)
    assert timed.dtstart.value.replace(tzinfo=None) == datetime(2027, 8, 20, 19, 0)


def test_all_day_dtend_is_the_day_after_the_last_day(agenda_catalog):
    # The content says the 2027 rite runs 13–14 August (last day inclusive); RFC 5545 wants the 15th.
    block = vevents(feed_bytes(agenda_catalog))[f"{RITE}-2027@{HOST}"]
    assert "DTSTART;VALUE=DATE:20270813" in block
    assert "DTEND;VALUE=DATE:20270815" in block
    parsed = by_uid_vobject(feed_bytes(agenda_catalog))[f"{RITE}-2027@{HOST}"]
    assert parsed.dtend.value == date(2027, 8, 15)


def test_uid_is_the_event_uid_and_occurrence_key_at_the_site_host(agenda_catalog):
    blocks = vevents(feed_bytes(agenda_catalog))
    assert f"{RITE}-2026@{HOST}" in blocks
    assert f"{FESTIVAL}-2027-mar@{HOST}" in blocks


def test_uid_does_not_change_when_the_date_is_confirmed_and_moved(tiny_catalog):
    rite = tiny_catalog.events[0]
    projected = rite.occurrences[1]
    confirmed = replace(projected, start=date(2027, 8, 14), end=date(2027, 8, 16), status="confirmed", sequence=1)
    moved = replace(tiny_catalog, events=(replace(rite, occurrences=(rite.occurrences[0], confirmed)),))
    assert set(vevents(feed_bytes(tiny_catalog))) == set(vevents(feed_bytes(moved)))


# --- deterministic: the content decides every byte ----------------------------------------------


def test_two_builds_of_the_same_content_give_identical_bytes():
    first = load_catalog(FIXTURES / "tiny")
    second = load_catalog(FIXTURES / "tiny")
    assert feed_bytes(first) == feed_bytes(second)


def test_dtstamp_and_last_modified_come_from_the_content_not_the_clock(agenda_catalog):
    block = vevents(feed_bytes(agenda_catalog))[f"{FESTIVAL}-2026-des@{HOST}"]
    assert "DTSTAMP:20260920T030000Z" in block  # the occurrence's updated, 10:00 WIB
    assert "LAST-MODIFIED:20261001T020000Z" in block  # the event text changed later, on 1 Oct 09:00 WIB


def test_changing_one_occurrence_changes_only_its_vevent(tiny_catalog):
    rite = tiny_catalog.events[0]
    changed_occurrence = replace(
        rite.occurrences[1],
        status="confirmed",
        sequence=1,
        updated=datetime(2027, 2, 1, 9, 0, tzinfo=JAKARTA),
    )
    changed = replace(tiny_catalog, events=(replace(rite, occurrences=(rite.occurrences[0], changed_occurrence)),))
    before, after = vevents(feed_bytes(tiny_catalog)), vevents(feed_bytes(changed))
    same, moved = f"{RITE}-2026@{HOST}", f"{RITE}-2027@{HOST}"
    assert before[same] == after[same]
    assert "SEQUENCE:0" in before[moved] and "STATUS:TENTATIVE" in before[moved]
    assert "SEQUENCE:1" in after[moved] and "STATUS:CONFIRMED" in after[moved]
    assert "DTSTAMP:20270201T020000Z" in after[moved]
    assert "Tanggal menunggu konfirmasi" not in after[moved]


def test_components_are_sorted_by_date_whatever_order_the_events_come_in(agenda_catalog):
    reversed_catalog = replace(agenda_catalog, events=tuple(reversed(agenda_catalog.events)))
    assert feed_bytes(agenda_catalog) == feed_bytes(reversed_catalog)


# --- what each VEVENT says ----------------------------------------------------------------------


def test_cancelled_occurrence_stays_in_the_feed_as_cancelled(agenda_catalog):
    parsed = by_uid_vobject(feed_bytes(agenda_catalog))[f"{FESTIVAL}-2026-des@{HOST}"]
    assert parsed.status.value == "CANCELLED"
    assert parsed.sequence.value == "2"
    assert "Acara ini dibatalkan." in parsed.description.value


def test_postponed_occurrence_is_tentative_with_a_note(agenda_catalog):
    english = by_uid_vobject(feed_bytes(agenda_catalog, "en"))[f"{FESTIVAL}-2027-mar@{HOST}"]
    assert english.status.value == "TENTATIVE"
    assert english.description.value == (
        "A coastal festival for tests, with commas, semicolons; and emoji 🎉.\n\n"
        "This event is postponed; a new date will be announced."
    )


def test_tentative_date_says_so_in_the_description_in_the_feed_language(agenda_catalog):
    for lang, line in (("id", "Tanggal menunggu konfirmasi"), ("en", "Date to be confirmed")):
        parsed = by_uid_vobject(feed_bytes(agenda_catalog, lang))[f"{RITE}-2027@{HOST}"]
        assert parsed.status.value == "TENTATIVE"
        assert parsed.description.value.splitlines()[-1] == line


def test_moved_date_names_the_original_date(agenda_catalog):
    parsed = by_uid_vobject(feed_bytes(agenda_catalog, "en"))[f"{FESTIVAL}-2027-agu@{HOST}"]
    assert parsed.status.value == "CONFIRMED"
    assert parsed.description.value.endswith("Originally scheduled for Friday 13 August 2027.")


def test_location_geo_url_and_categories_come_from_the_venue_and_event(agenda_catalog):
    body = feed_bytes(agenda_catalog, "en")
    rite = by_uid_vobject(body)[f"{RITE}-2026@{HOST}"]
    assert rite.location.value == "Test Palace, Jl. Uji No. 1, Kasepuhan, Lemahwungkuk, Kota Cirebon"
    assert rite.geo.value == "-6.7261;108.5708"
    assert rite.url.value == f"https://{HOST}/acara/test-rite/"
    assert rite.categories.value == ["Adat Keraton"]
    festival = by_uid_vobject(body)[f"{FESTIVAL}-2027-agu@{HOST}"]
    assert festival.location.value == (
        "Lapangan Kebumen, Blok A; Panggung 🎭, Jl. Pesisir No. 2, Lemahwungkuk, Kota Cirebon"
    )
    assert festival.summary.value == "Test Festival, Coast; Night 🎉"
    assert festival.categories.value == ["City festivals"]


def with_full_address(catalog: Catalog) -> Catalog:
    """The tiny site with the palace's address written out in full, as editors often do."""
    palace = next(a for a in catalog.attractions if a.location and a.location.kelurahan == "Kasepuhan")
    address = "Jl. Uji No. 1, Kasepuhan, Lemahwungkuk, Kota Cirebon 45114"
    moved = replace(palace, location=replace(palace.location, address=address))
    return replace(catalog, attractions=tuple(moved if a is palace else a for a in catalog.attractions))


def test_location_does_not_repeat_what_the_address_already_says(agenda_catalog):
    body = feed_bytes(with_full_address(agenda_catalog), "en")
    rite = by_uid_vobject(body)[f"{RITE}-2026@{HOST}"]
    assert rite.location.value == "Test Palace, Jl. Uji No. 1, Kasepuhan, Lemahwungkuk, Kota Cirebon 45114"


def test_google_calendar_link_does_not_repeat_the_address_either(agenda_catalog):
    catalog = with_full_address(agenda_catalog)
    rite = next(e for e in catalog.events if e.uid == RITE)
    with create_app(catalog, now=TINY_NOW).test_request_context("/"):
        link = agenda.google_template(rite, rite.occurrences[0], "id")
    (location,) = parse_qs(urlsplit(link).query)["location"]
    assert location == "Keraton Uji, Jl. Uji No. 1, Kasepuhan, Lemahwungkuk, Kota Cirebon 45114"


@pytest.mark.parametrize(
    ("parts", "said"),
    [
        (["Makam", "Jl. Raya, Desa Astana", "Astana", "Gunungjati"], "Makam, Jl. Raya, Desa Astana, Gunungjati"),
        (["Alun-alun", "Jl. Kartini, Kebonbaru, Kota Cirebon 45121", "Kebonbaru", "Kota Cirebon"],
         "Alun-alun, Jl. Kartini, Kebonbaru, Kota Cirebon 45121"),
        (["Balai Kota", "", "Kejaksan", "Kecamatan Kejaksan"], "Balai Kota, Kejaksan"),
    ],
)  # fmt: skip
def test_location_parts_already_said_are_left_out(parts, said):
    assert ical.joined_once(parts) == said


def test_calendar_properties_tell_clients_its_name_zone_and_refresh_rate(tiny_catalog):
    body = feed_bytes(tiny_catalog).decode()
    header = body.split("BEGIN:VTIMEZONE")[0].split("\r\n")
    for line in (
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "NAME:Agenda uji",
        "X-WR-CALNAME:Agenda uji",
        "X-WR-TIMEZONE:Asia/Jakarta",
        "REFRESH-INTERVAL;VALUE=DURATION:PT12H",
        "X-PUBLISHED-TTL:PT12H",
    ):
        assert line in header
    assert any(line.startswith("PRODID:-//Wistakon//") for line in header)


def test_a_feed_over_the_size_limit_fails_naming_the_feed(tiny_catalog, monkeypatch):
    monkeypatch.setattr(ical, "FEED_LIMIT_BYTES", 100)
    calendar = ical.feed(tiny_catalog, queries.happenings(tiny_catalog), "id", name="Agenda")
    with pytest.raises(ical.FeedTooLarge, match=r"/agenda\.ics is [\d,]+ bytes"):
        ical.to_bytes(calendar, "/agenda.ics")


def test_a_subscription_over_the_limit_leaves_out_its_oldest_past_occurrences_first(tiny_catalog, monkeypatch):
    happenings = queries.happenings(tiny_catalog)
    starts = sorted(h.occurrence.start_date for h in happenings)
    today = starts[-1]  # every occurrence but the last lies in the past
    whole = ical.feed(tiny_catalog, happenings, "id", name="Agenda")
    whole_size = len(whole.to_ical())
    events = whole.walk("VEVENT")
    assert len(events) >= 2
    monkeypatch.setattr(ical, "FEED_LIMIT_BYTES", whole_size - len(events[0].to_ical()) // 2)

    with pytest.raises(ical.FeedTooLarge):  # not a subscription: over the limit fails
        ical.to_bytes(ical.feed(tiny_catalog, happenings, "id", name="Agenda"), "/agenda.ics")
    body = ical.to_bytes(ical.feed(tiny_catalog, happenings, "id", name="Agenda"), "/agenda.ics", subscribed_on=today)
    kept = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert [str(e["uid"]) for e in kept] == [str(e["uid"]) for e in events[1:]]  # only the oldest gave way
    assert vobject.readOne(body.decode()).name == "VCALENDAR"

    monkeypatch.setattr(ical, "FEED_LIMIT_BYTES", 100)  # the coming ones alone are over: the feed fails, named
    with pytest.raises(ical.FeedTooLarge, match="/agenda.ics"):
        ical.to_bytes(ical.feed(tiny_catalog, happenings, "id", name="Agenda"), "/agenda.ics", subscribed_on=today)


# --- any text survives: icalendar escapes and folds, another parser reads it back ---------------


def as_rfc5545_text(text: str) -> str:
    """What a TEXT value can carry: LF for every line break (CRLF, CR), no control characters.

    A byte-order mark is dropped too: parsers strip it, so it cannot survive a round trip.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f\ufeff]", "", text)


@settings(max_examples=200, deadline=None)
@given(title=st.text(), summary=st.text(), venue=st.text())
@example(title="C:\\Nama\\new", summary="baris 1\r\nbaris 2\rbaris 3\n", venue="Alun-alun, Blok A; 🎭")
@example(title="\ufeffJudul", summary="é" * 200 + "🎉" * 40, venue="\\,\\;\\n\\N")
@example(title="a\x00b\x1fc\x7fd\te", summary=" awal dan akhir ", venue="\u2028\x85\x1c")
def test_any_title_summary_and_venue_survive_a_round_trip_through_vobject(tiny_catalog, title, summary, venue):
    rite = tiny_catalog.events[0]
    original = rite.translations["id"]
    translation = replace(original, title=title, summary=summary)
    confirmed = replace(rite.occurrences[0], status="confirmed")
    event = replace(
        rite,
        translations={"id": translation},
        venue=Venue(name=venue),
        occurrences=(confirmed,),
    )
    catalog = replace(tiny_catalog, events=(event,))
    (parsed,) = vobject.readOne(feed_bytes(catalog).decode()).vevent_list
    assert parsed.summary.value == as_rfc5545_text(title)
    assert parsed.description.value == as_rfc5545_text(summary)
    assert parsed.location.value == as_rfc5545_text(venue)


# --- the feeds blueprint: every feed kind at its URL, in both languages -------------------------


@pytest.fixture
def agenda_client(agenda_catalog):
    return create_app(agenda_catalog, now=TINY_NOW).test_client()


FEED_URLS = {
    "/agenda.ics": "Agenda budaya",
    "/en/agenda.ics": "Cultural agenda",
    "/agenda/2027.ics": "Agenda 2027",
    "/en/agenda/2027.ics": "Agenda 2027",
    "/agenda/kategori/festival-kota.ics": "Festival Kota",
    "/en/agenda/category/city-festivals.ics": "City festivals",
    "/agenda/tempat/keraton-uji.ics": "Keraton Uji",
    "/en/agenda/venue/test-palace.ics": "Test Palace",
    "/agenda/tempat/lapangan-kebumen-blok-a-panggung.ics": "Lapangan Kebumen",
    "/acara/festival-uji.ics": "Festival Uji",
    "/en/events/test-festival.ics": "Test Festival",
}


@pytest.mark.parametrize("url", FEED_URLS)
def test_every_feed_kind_is_served_as_text_calendar(agenda_client, url):
    response = agenda_client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    parsed = vobject.readOne(response.get_data(as_text=True))
    assert parsed.x_wr_calname.value.startswith(FEED_URLS[url])


def test_upcoming_feed_keeps_cancelled_occurrences(agenda_client):
    assert f"{FESTIVAL}-2026-des@{HOST}" in set(vevents(agenda_client.get("/agenda.ics").data))


def subscribed_uids(catalog: Catalog, now: datetime, url: str) -> set[str]:
    response = create_app(catalog, now=now).test_client().get(url)
    assert response.status_code == 200
    return set(vevents(response.data))


@pytest.mark.parametrize("url", ["/agenda.ics", "/en/agenda.ics", "/agenda/tempat/keraton-uji.ics",
                                 "/en/agenda/category/adat-keraton.ics"])  # fmt: skip
def test_subscription_feeds_keep_an_occurrence_three_months_after_it_happened(agenda_catalog, url):
    # Calendar apps delete what vanishes from a subscribed feed; the rite of 24 Aug 2026 must stay.
    three_months_later = datetime(2026, 11, 24, tzinfo=JAKARTA)
    uids = subscribed_uids(agenda_catalog, three_months_later, url)
    assert f"{RITE}-2026@{HOST}" in uids and f"{RITE}-2027@{HOST}" in uids


def test_subscription_feeds_drop_occurrences_over_a_year_old(agenda_catalog):
    uids = subscribed_uids(agenda_catalog, datetime(2027, 8, 25, tzinfo=JAKARTA), "/agenda.ics")
    assert f"{RITE}-2026@{HOST}" not in uids  # 24 Aug 2026: a year and a day before
    assert f"{RITE}-2027@{HOST}" in uids
    assert subscribed_uids(agenda_catalog, datetime(2027, 8, 24, tzinfo=JAKARTA), "/agenda.ics") >= {
        f"{RITE}-2026@{HOST}"
    }


def test_a_year_before_29_february_is_28_february():
    assert feeds.kept_since(date(2028, 2, 29)) == date(2027, 2, 28)
    assert feeds.kept_since(date(2027, 3, 1)) == date(2026, 3, 1)


def test_year_feed_holds_every_occurrence_of_that_year(agenda_client):
    assert set(vevents(agenda_client.get("/agenda/2026.ics").data)) == {
        f"{RITE}-2026@{HOST}",
        f"{FESTIVAL}-2026-des@{HOST}",
    }
    assert agenda_client.get("/agenda/2031.ics").status_code == 404


def test_category_and_venue_feeds_hold_only_their_events(agenda_client):
    festivals = set(vevents(agenda_client.get("/en/agenda/category/city-festivals.ics").data))
    assert festivals and all(uid.startswith(FESTIVAL) for uid in festivals)
    palace = set(vevents(agenda_client.get("/agenda/tempat/keraton-uji.ics").data))
    assert palace == {f"{RITE}-2026@{HOST}", f"{RITE}-2027@{HOST}"}
    assert agenda_client.get("/agenda/kategori/sejarah.ics").status_code == 404  # an attraction category


def test_event_feed_holds_all_its_occurrences_and_links_back_in_its_language(agenda_client):
    body = agenda_client.get("/en/events/test-rite.ics").data
    parsed = by_uid_vobject(body)
    assert set(parsed) == {f"{RITE}-2026@{HOST}", f"{RITE}-2027@{HOST}"}
    assert parsed[f"{RITE}-2026@{HOST}"].url.value == f"https://{HOST}/en/events/test-rite/"
    assert parsed[f"{RITE}-2026@{HOST}"].transp.value == "OPAQUE"


# --- the build: every .ics it writes is valid -----------------------------------------------------


def test_every_ics_in_a_frozen_build_parses_with_two_independent_parsers(tmp_path):
    result = build_site(agenda_content(tmp_path), tmp_path / "dist", now=TINY_NOW, cache_dir=tmp_path / "cache")
    feeds = sorted(name for name in result.files if name.endswith(".ics"))
    assert "agenda.ics" in feeds and "en/agenda/2027.ics" in feeds and "acara/upacara-uji.ics" in feeds
    assert len(feeds) == 2 * (1 + 2 + 2 + 2 + 3)  # per language: all, 2 years, 2 categories, 2 venues, 3 events
    for name in feeds:
        text = (result.release / name).read_text(encoding="utf-8")
        assert vobject.readOne(text).name == "VCALENDAR", name
        ics.Calendar(text)
        assert len(text.encode()) < ical.FEED_LIMIT_BYTES


def test_a_build_with_a_feed_over_the_limit_fails_naming_the_feed(tmp_path, monkeypatch):
    monkeypatch.setattr(ical, "FEED_LIMIT_BYTES", 1500)  # the tiny site's event feeds are ~1.6 kB
    too_large = r"calendar feed /(en/)?(agenda|acara/[a-z-]+|events/[a-z-]+)\.ics is [\d,]+ bytes"
    with pytest.raises(BuildError, match=too_large):
        build_site(FIXTURES / "tiny", tmp_path / "dist", now=TINY_NOW, cache_dir=tmp_path / "cache")
    assert not (tmp_path / "dist").exists()


HOSTILE_TEXT = "Alun-alun, Blok A; C:\\new\nBEGIN:VEVENT\r\nUID:x 🎭"


def test_calendar_name_and_categories_are_escaped_text_that_parsers_read_back(tiny_catalog):
    rite = tiny_catalog.events[0]
    category = tiny_catalog.category(rite.category_uid)
    renamed = replace(category, translations={"id": replace(category.translations["id"], title=HOSTILE_TEXT)})
    catalog = replace(tiny_catalog, categories=(renamed,))
    calendar = ical.feed(catalog, queries.happenings(catalog), "id", name=HOSTILE_TEXT)
    body = ical.to_bytes(calendar, "hostile feed")
    unfolded = body.decode().replace("\r\n ", "")
    assert unfolded.split("\r\n").count("BEGIN:VEVENT") == len(icalendar.Calendar.from_ical(body).walk("VEVENT"))
    expected = ical.plain_text(HOSTILE_TEXT)
    parsed = vobject.readOne(body.decode())
    assert parsed.contents["x-wr-calname"][0].value == expected
    assert parsed.contents["name"][0].value == expected
    assert [event.categories.value for event in parsed.vevent_list] == [[expected]] * len(parsed.vevent_list)
    assert "X-WR-CALNAME:Alun-alun\\, Blok A\\; C:\\\\new\\nBEGIN:VEVENT\\nUID:x 🎭" in unfolded
