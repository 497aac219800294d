"""Issue 15's flow on a running `wistakon demo`: a visitor without JavaScript suggests an event with a
poster, another (with JavaScript) sends the date of an undated event; a moderator makes the draft and
applies the date, publishes both, and the pages, the .ics feeds and the API show them."""

from __future__ import annotations

import json
import time
import urllib.request
from io import BytesIO
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image

from .test_editorial_flow import demo, log_in, status_of  # noqa: F401 - demo is a fixture
from .test_site_quality import AXE, axe_violations

pytestmark = pytest.mark.browser

TITLE, SLUG = "Festival Layang-layang Uji", "festival-layang-layang-uji"
UNDATED, UNDATED_UID = "sedekah-bumi", "ad1413c6-8205-5a46-83af-15b2de24bf0d"
LIVE_WITHIN_S = 240  # publish → live: one export and build each, on a shared machine
MIN_FILL_S = 4.5  # WISTAKON_SUGGESTION_MIN_SECONDS, and a little more


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - the local demo
        return response.read().decode()


def reference(url: str) -> str:
    return parse_qs(urlsplit(url).query)["ref"][0]


def publish_from_editor(tab) -> None:
    with tab.expect_navigation():
        tab.evaluate("document.querySelector(\"button[name='action-publish']\").click()")
    assert "/edit/" not in tab.url or not tab.locator(".help-critical").count(), tab.url


def wait_until(check, what: str) -> float:
    started = time.monotonic()
    while not check():
        assert time.monotonic() - started < LIVE_WITHIN_S, f"{what} not live within {LIVE_WITHIN_S} s"
        time.sleep(1)
    return time.monotonic() - started


def test_suggestions_become_live_content_after_moderation(browser, demo, tmp_path) -> None:  # noqa: F811
    poster = tmp_path / "poster.png"
    out = BytesIO()
    Image.new("RGB", (600, 800), (180, 30, 60)).save(out, "PNG")
    poster.write_bytes(out.getvalue())

    # 1. No JavaScript: the agenda's "Usulkan acara" form, with a poster.
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{demo.site}agenda/")
    tab.click("summary:has-text('Usulkan acara')")
    tab.fill("#event-title", TITLE)
    tab.fill("#event-start", "2027-07-20")
    tab.fill("#event-venue-name", "Pantai Kejawanan")
    tab.fill("#event-organiser", "Pokdarwis Kejawanan")
    tab.fill("#event-text", "Lomba layang-layang hias untuk umum di pantai, terbuka bagi semua umur.")
    tab.set_input_files("#event-image", str(poster))
    tab.fill("#event-contact", "siti@example.org")
    with tab.expect_navigation():
        tab.click("form:has(#event-title) button[type=submit]")
    assert tab.url.startswith(f"{demo.site}usulan/terima-kasih/?ref=WK-"), tab.url
    assert tab.locator("#suggest-ref-nojs").is_visible()
    event_ref = reference(tab.url)
    context.close()

    # 2. With JavaScript: "Kirim tanggal" on an event without a date; the form fetches its signed start time.
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(f"{demo.site}en/agenda/")
    tab.click("summary:has-text('Suggest an event')")
    assert axe_violations(tab, AXE.read_text(encoding="utf-8")) == []  # the open form, as the site's pages
    tab.goto(f"{demo.site}acara/{UNDATED}/")
    tab.click("summary:has-text('Kirim tanggal')")
    tab.click("summary:has-text('Laporkan koreksi')")
    assert axe_violations(tab, AXE.read_text(encoding="utf-8")) == []
    tab.wait_for_function("document.querySelector('form:has(#date-start) input[name=token]').value !== ''")
    tab.fill("#date-start", "2027-06-15")
    tab.fill("#date-note", "Diumumkan oleh kuwu desa.")
    time.sleep(MIN_FILL_S)
    with tab.expect_navigation():
        tab.click("form:has(#date-start) button[type=submit]")
    date_ref = reference(tab.url)
    assert tab.locator("#suggest-ref").inner_text() == date_ref and not tab.locator("#suggest-ref-nojs").is_visible()
    context.close()

    # 3. The moderator: a draft from the first, the date into a revision of the second; then publishes both.
    context, tab = log_in(browser, demo, "moderator-uji")
    tab.goto(f"{demo.cms}/admin/suggestions/")
    assert "1 usulan tanggal menunggu" in tab.content()
    tab.click(f"a:has-text('{event_ref}')")
    with tab.expect_navigation():
        tab.click("button:has-text('Buat draf acara')")
    assert "/admin/pages/" in tab.url and "/edit/" in tab.url
    assert status_of(f"{demo.site}acara/{SLUG}/") == 404, "a draft, not published"
    publish_from_editor(tab)
    tab.goto(f"{demo.cms}/admin/suggestions/")
    tab.click(f"a:has-text('{date_ref}')")
    with tab.expect_navigation():
        tab.click("button:has-text('Terapkan tanggal')")
    publish_from_editor(tab)
    context.close()

    # 4. Live: the pages, the feeds and the API.
    seconds = wait_until(lambda: status_of(f"{demo.site}acara/{SLUG}/") == 200, "the new event")
    wait_until(lambda: "2027" in fetch(f"{demo.site}acara/{UNDATED}.ics"), "the sent date")
    print(f"publish → live: {seconds:.1f} s")
    page = fetch(f"{demo.site}acara/{SLUG}/")
    assert f"<h1>{TITLE}</h1>" in page and "20 Juli 2027" in page and "/media/" in page
    uid = demo.shell(f"from cms.agenda.models import EventPage; "
                     f"print(EventPage.objects.get(slug='{SLUG}').translation_key)")  # fmt: skip
    feed = fetch(f"{demo.site}acara/{SLUG}.ics")
    assert f"UID:{uid}-2027@" in feed and f"SUMMARY:{TITLE}" in feed and "SEQUENCE:0" in feed
    dated = fetch(f"{demo.site}acara/{UNDATED}.ics")
    assert f"UID:{UNDATED_UID}-2027@" in dated and "DTSTART;VALUE=DATE:20270615" in dated
    api = json.loads(fetch(f"{demo.site}api/v1/events/{uid}.json"))
    assert TITLE in json.dumps(api, ensure_ascii=False) and "siti@example.org" not in json.dumps(api)
    assert "2027-06-15" in fetch(f"{demo.site}api/v1/events/{UNDATED_UID}.json")
