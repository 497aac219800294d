"""The agenda pages, rendered by the Flask app over the tiny site plus tests/fixtures/agenda-extra."""

from __future__ import annotations

import json
import re
import shutil
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from flask import url_for
from markupsafe import Markup

from site_builder.catalog import JAKARTA
from site_builder.snapshot import load_catalog
from site_builder.web import agenda
from site_builder.web.app import create_app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TINY_NOW = datetime(2026, 10, 1, 12, 0, tzinfo=JAKARTA)


@pytest.fixture(scope="module")
def agenda_app(tmp_path_factory: pytest.TempPathFactory):
    content = tmp_path_factory.mktemp("agenda") / "content"
    shutil.copytree(FIXTURES / "tiny", content)
    for section in ("categories", "events"):
        shutil.copytree(FIXTURES / "agenda-extra" / section, content / section, dirs_exist_ok=True)
    return create_app(load_catalog(content), now=TINY_NOW, content_dir=content)


@pytest.fixture
def agenda_client(agenda_app):
    return agenda_app.test_client()


def html_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def main_of(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def hrefs(html: str) -> list[str]:
    return [Markup(h).unescape() for h in re.findall(r'href="([^"]*)"', html)]


# --- views ----------------------------------------------------------------------------------------


def test_year_view_groups_occurrences_by_month_in_date_order(agenda_client):
    html = main_of(html_of(agenda_client, "/agenda/2027/"))
    headings = re.findall(r'<h2 id="m-(\d{4}-\d{2})">([^<]+)</h2>', html)
    assert headings == [("2027-03", "Maret 2027"), ("2027-08", "Agustus 2027")]
    august = html.split('id="m-2027-08"')[1]
    assert august.index("Upacara Uji") < august.index("Festival Uji")  # 13 August before 20 August


def test_year_view_exists_for_every_year_with_occurrences_in_both_languages(agenda_client):
    assert "<h1>Agenda 2026</h1>" in html_of(agenda_client, "/agenda/2026/")
    english = html_of(agenda_client, "/en/agenda/2027/")
    assert re.search(r'<h2 id="m-2027-08">August 2027</h2>', english)
    assert agenda_client.get("/agenda/2031/").status_code == 404


def test_upcoming_view_leaves_out_what_is_over_and_groups_by_month(agenda_client):
    html = main_of(html_of(agenda_client, "/agenda/"))
    assert "e-55555555-5555-4555-8555-555555555555-2026" not in html  # August 2026 is before NOW
    assert re.findall(r'<h2 id="m-([\d-]+)">', html) == ["2026-12", "2027-03", "2027-08"]


def test_tentative_date_shows_a_badge_and_says_date_to_be_confirmed(agenda_client):
    html = main_of(html_of(agenda_client, "/agenda/"))
    item = re.search(r'<li class="happening happening--tentative".*?</li>', html, re.S).group(0)
    assert '<a class="badge badge--tentative" href="/agenda/#why-javanese">Belum pasti</a>' in item
    assert "Tanggal menunggu konfirmasi" in item
    english = main_of(html_of(agenda_client, "/en/events/test-rite/"))
    assert '<a class="badge badge--tentative" href="/en/agenda/#why-javanese">Tentative</a>' in english
    assert "Date to be confirmed" in english


@pytest.mark.parametrize(("url", "words"), [("/agenda/", "keraton"), ("/en/agenda/", "keratons")])
def test_agenda_explains_why_each_kind_of_date_is_tentative_and_how_far_it_may_move(agenda_client, url, words):
    html = main_of(html_of(agenda_client, url))
    why = {key: re.search(rf'<p id="why-{key}">([^<]+)</p>', html).group(1) for key in ("hijri", "javanese", "organiser")}  # noqa: E501
    assert "sidang isbat" in why["hijri"] and "±1" in why["hijri"]
    assert "Aboge" in why["javanese"] and words in why["javanese"]
    assert why["organiser"]
    # every tentative badge on the page points at one of these explanations
    targets = re.findall(r'class="badge badge--tentative" href="[^"#]*#(why-[a-z]+)"', html)
    assert targets and all(f'id="{target}"' in html for target in targets)


def test_event_page_marks_past_occurrences_and_confirmed_dates(agenda_client):
    rite = main_of(html_of(agenda_client, "/acara/upacara-uji/"))
    past = re.search(r'<li class="happening happening--confirmed" id="o-2026">.*?</li>', rite, re.S).group(0)
    assert '<span class="badge badge--past">Sudah lewat</span>' in past
    assert "badge--confirmed" not in past and "Google" not in past
    festival = main_of(html_of(agenda_client, "/en/events/test-festival/"))
    confirmed = re.search(r'<li class="happening happening--confirmed" id="o-2027-agu">.*?</li>', festival, re.S)
    assert '<span class="badge badge--confirmed">Confirmed</span>' in confirmed.group(0)
    assert "badge--past" not in festival.split('id="o-2027-mar"')[1]


def test_cancelled_occurrence_is_listed_as_cancelled(agenda_client):
    html = main_of(html_of(agenda_client, "/agenda/"))
    item = re.search(r'<li class="happening happening--cancelled".*?</li>', html, re.S).group(0)
    assert "Festival Uji" in item
    assert '<span class="badge badge--cancelled">Dibatalkan</span>' in item
    assert "Acara ini dibatalkan." in item


def test_postponed_occurrence_is_listed_as_postponed(agenda_client):
    html = main_of(html_of(agenda_client, "/en/agenda/"))
    item = re.search(r'<li class="happening happening--postponed".*?</li>', html, re.S).group(0)
    assert '<span class="badge badge--postponed">Postponed</span>' in item
    assert "a new date will be announced" in item


def test_moved_date_names_its_original_date(agenda_client):
    html = main_of(html_of(agenda_client, "/en/events/test-festival/"))
    assert "Originally scheduled for Friday 13 August 2027." in html


def test_event_without_a_date_says_date_to_be_announced(agenda_client):
    agenda_page = main_of(html_of(agenda_client, "/agenda/"))
    undated = agenda_page.split('id="undated"')[1]
    assert "Kirab Uji" in undated and "Tanggal akan diumumkan" in undated
    event_page = main_of(html_of(agenda_client, "/en/events/kirab-uji/"))
    assert "Date to be announced" in event_page
    assert ".ics" not in event_page.split('id="venue"')[0]  # nothing to add to a calendar yet


def test_category_view_lists_only_its_events(agenda_client):
    html = main_of(html_of(agenda_client, "/en/agenda/category/city-festivals/"))
    assert "<h1>City festivals</h1>" in html
    assert "Test Festival" in html and "Test Rite" not in html
    assert 'aria-current="page">City festivals' in html
    palace_rites = main_of(html_of(agenda_client, "/agenda/kategori/adat-keraton/"))
    assert "Upacara Uji" in palace_rites and "Festival Uji" not in palace_rites


def test_category_view_exists_only_for_event_categories(agenda_client):
    assert agenda_client.get("/agenda/kategori/sejarah/").status_code == 404


# --- subscribe and add to calendar ------------------------------------------------------------------


def test_agenda_offers_webcal_https_and_google_subscriptions(agenda_client):
    links = hrefs(main_of(html_of(agenda_client, "/en/agenda/")))
    assert "webcal://wisata.example.test/en/agenda.ics" in links
    assert "https://wisata.example.test/en/agenda.ics" in links
    google = next(link for link in links if link.startswith("https://calendar.google.com/calendar/render?cid="))
    assert unquote(google.split("cid=", 1)[1]) == "webcal://wisata.example.test/en/agenda.ics"


def test_year_and_category_views_subscribe_to_their_own_feed(agenda_client):
    year_links = hrefs(html_of(agenda_client, "/agenda/2027/"))
    assert "webcal://wisata.example.test/agenda/2027.ics" in year_links
    category_links = hrefs(html_of(agenda_client, "/en/agenda/category/city-festivals/"))
    assert "webcal://wisata.example.test/en/agenda/category/city-festivals.ics" in category_links


def test_subscribe_links_point_at_feeds_that_exist(agenda_client):
    for page_url in ("/agenda/", "/en/agenda/2027/", "/agenda/kategori/festival-kota/", "/en/events/test-rite/"):
        for link in hrefs(html_of(agenda_client, page_url)):
            if link.startswith("https://wisata.example.test/") and link.endswith(".ics"):
                path = urlsplit(link).path
                assert agenda_client.get(path).mimetype == "text/calendar", (page_url, path)


def test_event_page_offers_its_ics_and_a_google_template_link(agenda_client):
    html = main_of(html_of(agenda_client, "/acara/upacara-uji/"))
    assert re.search(r'<a class="button" href="/acara/upacara-uji.ics" download', html)
    google = [link for link in hrefs(html) if "action=TEMPLATE" in link]
    assert len(google) == 1  # the 2026 occurrence is over; only 2027 is still to come
    query = parse_qs(urlsplit(google[0]).query)
    assert query["text"] == ["Upacara Uji"]
    assert query["dates"] == ["20270813/20270815"]  # all-day: dates, end exclusive
    assert query["details"][0].startswith("Upacara adat untuk pengujian.")
    assert "https://wisata.example.test/acara/upacara-uji/" in query["details"][0]
    assert query["location"][0].startswith("Keraton Uji, Jl. Uji No. 1")


def test_google_template_gives_timed_occurrences_in_utc(agenda_client):
    html = main_of(html_of(agenda_client, "/en/events/test-festival/"))
    google = [parse_qs(urlsplit(link).query) for link in hrefs(html) if "action=TEMPLATE" in link]
    # 20 Aug 2027 19:00–22:00 WIB; the cancelled and the postponed dates get no link.
    assert [q["dates"] for q in google] == [["20270820T120000Z/20270820T150000Z"]]
    assert google[0]["text"] == ["Test Festival, Coast; Night 🎉"]
    assert google[0]["ctz"] == ["Asia/Jakarta"]


def test_event_page_subscribes_to_its_venue(agenda_client):
    links = hrefs(html_of(agenda_client, "/en/events/test-festival/"))
    assert "webcal://wisata.example.test/en/agenda/venue/lapangan-kebumen-blok-a-panggung.ics" in links


# --- JSON-LD, discovery and the freezer -----------------------------------------------------------------


def test_event_jsonld_has_one_event_per_occurrence_with_its_status(agenda_client):
    html = html_of(agenda_client, "/en/events/test-festival/")
    blocks = [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]
    by_id = {block["@id"]: block for block in blocks}
    base = "urn:uuid:88888888-8888-4888-8888-888888888888"
    assert by_id[f"{base}#2026-des"]["eventStatus"] == "https://schema.org/EventCancelled"
    assert by_id[f"{base}#2027-mar"]["eventStatus"] == "https://schema.org/EventPostponed"
    moved = by_id[f"{base}#2027-agu"]
    assert moved["eventStatus"] == "https://schema.org/EventRescheduled"
    assert moved["previousStartDate"] == "2027-08-13T19:00:00+07:00"


def test_agenda_pages_announce_their_feed_for_discovery(agenda_client):
    html = html_of(agenda_client, "/agenda/2027/")
    assert (
        '<link rel="alternate" type="text/calendar" title="Agenda 2027" href="https://wisata.example.test/agenda/2027.ics">'
        in html
    )


def test_every_agenda_page_is_registered_for_the_freezer(agenda_app):
    with agenda_app.test_request_context():
        registered = {url_for(endpoint, **values) for endpoint, values in agenda.urls()}
    for url in (
        "/agenda/",
        "/en/agenda/",
        "/agenda/2026/",
        "/en/agenda/2027/",
        "/agenda/kategori/festival-kota/",
        "/en/agenda/category/adat-keraton/",
        "/acara/kirab-uji/",
        "/en/events/test-festival/",
    ):
        assert url in registered
