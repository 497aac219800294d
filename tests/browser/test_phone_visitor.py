"""A visitor on a 390×844 phone: what's on this weekend, dates they can trust, and a list that fits the screen.

The demo content is built for a fixed date, Thursday 3 June 2027, as the daily dated build would.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from .conftest import serving

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
BUILD_DATE = "2027-06-03"  # a Thursday: this weekend is 5–6 June 2027
KASEPUHAN = {"latitude": -6.7261, "longitude": 108.5708}
WIB = ZoneInfo("Asia/Jakarta")
REPO = Path(__file__).resolve().parents[2]
TILES = "https://tiles.example.test/{z}/{x}/{y}.png"  # our own tile server, not OpenStreetMap's public one


@pytest.fixture(scope="module")
def dated_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("dated") / "dist"
    build = [sys.executable, "-m", "site_builder.cli", "build", "--content", str(REPO / "content"), "--out", str(out),
             "--date", BUILD_DATE, "--tiles", TILES]  # fmt: skip
    subprocess.run(build, check=True, cwd=REPO, stdout=subprocess.DEVNULL)
    with serving(out) as url:
        yield url


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="en-GB")
    offsite: list[str] = []
    context.on("request", lambda r: None if r.url.startswith("http://127.0.0.1") else offsite.append(r.url))
    context.offsite_requests = offsite
    yield context
    context.close()


def test_this_weekend_from_the_home_page_lists_the_weekend_of_the_build_date(phone, dated_site):
    tab = phone.new_page()
    tab.goto(f"{dated_site}en/")
    tab.get_by_role("link", name="This weekend").click()
    tab.wait_for_url(f"{dated_site}en/agenda/this-weekend/")
    assert tab.locator("h1").inner_text() == "This weekend"
    assert tab.locator("main .lead").inner_text() == "Saturday 5 June 2027 – Sunday 6 June 2027"
    titles = tab.locator("main .happening__title").all_inner_texts()
    assert len(titles) == 2 and any("Suro" in title for title in titles)
    assert all("6 June 2027" in when for when in tab.locator("main .happening__when").all_inner_texts())
    assert phone.offsite_requests == []


def test_a_tentative_badge_leads_to_why_the_date_may_move(phone, dated_site):
    tab = phone.new_page()
    tab.goto(f"{dated_site}en/agenda/this-weekend/")
    suro = tab.locator("main .happening", has_text="Suro")
    suro.get_by_role("link", name="Tentative").click()
    tab.wait_for_url(f"{dated_site}en/agenda/#why-javanese")
    why = tab.locator("#why-javanese")
    assert "Aboge" in why.inner_text() and "a day after the national date" in why.inner_text()
    assert why.is_visible()
    box = why.bounding_box()
    assert box is not None and 0 <= box["y"] < PHONE["height"]  # scrolled to it


def test_event_page_marks_a_past_date_and_a_confirmed_one(phone, dated_site):
    tab = phone.new_page()
    tab.goto(f"{dated_site}en/events/warsa-enggal-kasepuhan/")
    past = tab.locator("#o-2026")
    assert past.locator(".badge").inner_text() == "Past"
    assert past.get_by_role("link", name="Add to Google Calendar").count() == 0
    coming = tab.locator("#o-2027")
    assert coming.locator(".badge").inner_text() == "Confirmed"
    assert coming.locator(".badge--confirmed").is_visible()
    assert "Tentative" not in coming.inner_text()


def test_near_me_sorts_the_list_by_distance_from_a_position_asked_on_tap(phone, dated_site):
    phone.grant_permissions(["geolocation"], origin=dated_site.rstrip("/"))
    phone.set_geolocation(KASEPUHAN)
    tab = phone.new_page()
    tab.goto(f"{dated_site}en/attractions/")
    first_before = tab.locator("#places > li .card__title").first.inner_text()
    tab.get_by_role("button", name="Near me").click()
    expect_status = tab.locator("#narrow-status")
    expect_status.filter(has_text="Sorted by distance").wait_for()
    titles = tab.locator("#places > li .card__title").all_inner_texts()
    assert titles[0].startswith("Kasepuhan Palace") and titles[0] != first_before
    distances = tab.locator("#places > li .card__distance").all_inner_texts()
    assert distances[0] == "0 m"
    metres = [float(d.split()[0]) * (1000 if d.endswith("km") else 1) for d in distances if d]
    assert metres == sorted(metres)
    assert phone.offsite_requests == []


@pytest.mark.parametrize(
    ("moment", "kasepuhan"),
    [(datetime(2027, 6, 7, 10, 0, tzinfo=WIB), "Open now"), (datetime(2027, 6, 7, 20, 30, tzinfo=WIB), "Closed now")],
)
def test_open_now_reads_the_hours_in_wib_and_never_calls_unknown_hours_closed(phone, dated_site, moment, kasepuhan):
    tab = phone.new_page()
    tab.clock.install(time=moment)
    tab.goto(f"{dated_site}en/attractions/")
    tab.get_by_label("Open now (WIB)").check()
    palace = tab.locator("#places > li").filter(has=tab.locator('a[href="/en/attractions/keraton-kasepuhan/"]'))
    unknown = tab.locator("#places > li", has_text="Cirebon City Hall")
    assert unknown.is_visible() and unknown.locator(".card__open").inner_text() == "Hours unknown"
    if kasepuhan == "Open now":
        assert palace.is_visible() and palace.locator(".card__open").inner_text() == "Open now"
    else:
        assert palace.is_hidden() and palace.get_attribute("data-open") == "closed"
    shown = int(re.match(r"(\d+) places shown", tab.locator("#narrow-status").inner_text()).group(1))
    assert shown == tab.locator("#places > li:visible").count()
    tab.get_by_label("Open now (WIB)").uncheck()
    assert palace.is_visible() and tab.locator("#places .card__open:visible").count() == 0


def test_narrowing_by_text_keeps_only_matching_places(phone, dated_site):
    tab = phone.new_page()
    tab.goto(f"{dated_site}en/attractions/")
    tab.get_by_label("Narrow this list").fill("palace")
    visible = tab.locator("#places > li:visible .card__title").all_inner_texts()
    assert "Kasepuhan Palace (Keraton Kasepuhan)" in visible
    assert tab.locator("#places > li:visible").count() < tab.locator("#places > li").count()


def test_search_says_it_is_loading_the_index_on_a_slow_network(phone, dated_site):
    tab = phone.new_page()
    tab.goto(f"{dated_site}en/search/")
    cdp = phone.new_cdp_session(tab)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 400, "downloadThroughput": 40 * 1024, "uploadThroughput": 20 * 1024},
    )
    tab.get_by_label("Search for").fill("kasepuhan")
    progress = tab.locator("#search-progress")
    progress.wait_for(state="visible", timeout=5000)
    assert "Loading the search index" in tab.locator("#search-status").inner_text()
    tab.locator("#search-results li").first.wait_for(timeout=90000)
    assert progress.is_hidden()
    excerpts = " ".join(tab.locator("#search-results .results__excerpt").all_inner_texts())
    assert excerpts and "Illustration" not in excerpts and "Ilustrasi" not in excerpts


def test_english_pages_caption_illustrations_and_format_prices_in_english(phone, dated_site):
    tab = phone.new_page()
    tab.goto(f"{dated_site}en/attractions/keraton-kasepuhan/")
    assert tab.locator("figure figcaption").inner_text() == "Illustration, not a photo"
    prices = tab.locator("table.prices").inner_text()
    assert "Rp20,000" in prices and "Rp20.000" not in prices
    tab.goto(f"{dated_site}wisata/keraton-kasepuhan/")
    assert tab.locator("figure figcaption").inner_text() == "Ilustrasi, bukan foto"
    assert "Rp20.000" in tab.locator("table.prices").inner_text()


@pytest.mark.parametrize(
    "path", ["en/agenda/this-weekend/", "agenda/", "acara/warsa-enggal-keraton-kasepuhan/", "en/attractions/"]
)
def test_phone_pages_have_no_axe_violations_with_the_list_tools_in_use(phone, dated_site, path):
    from .test_site_quality import AXE, axe_violations

    phone.grant_permissions(["geolocation"], origin=dated_site.rstrip("/"))
    phone.set_geolocation(KASEPUHAN)
    tab = phone.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(dated_site + path)
    if path == "en/attractions/":
        tab.get_by_label("Open now (WIB)").check()
        tab.get_by_role("button", name="Near me").click()
        tab.locator("#narrow-status").filter(has_text="Sorted by distance").wait_for()
    assert axe_violations(tab, AXE.read_text(encoding="utf-8")) == []
    assert errors == []


def test_map_dots_carry_the_numbers_of_the_list_and_tiles_come_from_the_configured_server(phone, dated_site):
    tab = phone.new_page()
    tiles: list[str] = []
    tab.route("https://tiles.example.test/**", lambda route: (tiles.append(route.request.url), route.abort()))
    tab.goto(f"{dated_site}en/map/")
    places = tab.locator(".places li")
    assert places.first.locator(".places__n").inner_text() == "1"
    tab.get_by_role("button", name="Show the map").click()
    tab.locator(".mapdot").first.wait_for()
    dots = tab.locator(".mapdot")
    assert dots.count() == places.count()
    assert sorted(int(n) for n in dots.all_inner_texts()) == list(range(1, places.count() + 1))
    first_title = places.first.locator("a").inner_text()
    assert tab.locator(".mapdot", has_text=re.compile(r"^1$")).get_attribute("title") == first_title
    assert tiles and all(url.startswith("https://tiles.example.test/") for url in tiles)
    assert not [url for url in phone.offsite_requests if "openstreetmap" in url]


@pytest.mark.parametrize("file", ["index.html", "en.html"])
def test_portal_splash_passes_wcag_aa_contrast_from_its_first_line(phone, dated_site, file):
    from .test_site_quality import AXE

    tab = phone.new_page()
    tab.goto(f"{dated_site}portal/cirebon-creative-center/{file}")
    assert tab.locator("header small").inner_text().startswith(("Selamat datang", "Welcome"))
    tab.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = tab.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2aa', 'wcag22aa']}})"
    )
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]] == []
