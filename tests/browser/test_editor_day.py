"""An editor's day on a running `wistakon demo`, in Indonesian: a contributor writes a place with the map
picker and the hours shortcut, is warned that it is thin, submits; the moderator asks for changes; the
contributor sees the request on top of the editor and fixes it; the moderator approves and the page goes
live on the built site. Then the moderator confirms a 2027 date other than the projected one (the .ics
moves, same UID, higher SEQUENCE) and undoes it.

Screenshots of each admin screen are kept in tests/artifacts/editor-day/ (git-ignored).
"""

from __future__ import annotations

import base64
import time
import urllib.request
from pathlib import Path

import icalendar
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from . import test_editorial_flow as flow

pytestmark = pytest.mark.browser

demo = flow.demo  # the same demo fixture, started once for this module
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "editor-day"
TITLE, SLUG = "Taman Uji Peta", "taman-uji-peta"
EVENT_SLUG = "grebeg-ageng-idul-adha"  # projected for 17 May 2027; the sidang isbat may move it
TILE = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9"
                        "awAAAABJRU5ErkJggg==")  # a 1×1 PNG
MORE_WORDS = " ".join(["Taman ini teduh dan ramai dikunjungi keluarga pada akhir pekan."] * 6)
BUILT_WITHIN_S = 180


def shot(tab, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def log_in(browser, demo, username: str):
    context, tab = flow.log_in(browser, demo, username)
    tiles: list[str] = []

    def tile(route) -> None:
        tiles.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=TILE)

    context.route("https://tile.openstreetmap.org/**", tile)  # the default tile server, answered locally
    tab.tiles = tiles
    tab.console = []
    tab.on("console", lambda message: tab.console.append(message.text))
    tab.on("pageerror", lambda error: tab.console.append(str(error)))
    return context, tab


def wait_for_score(tab, condition: str) -> int:
    """The completeness score once `condition` (JS, on the number `n`) holds."""
    score = tab.locator("[data-writing-score] [data-score]")
    try:
        tab.wait_for_function(f"s => {{ const n = Number(s.textContent); return /^\\d+$/.test(s.textContent) "
                              f"&& ({condition}); }}", arg=score.element_handle(), timeout=15_000)  # fmt: skip
    except PlaywrightTimeout as error:
        raise AssertionError(f"score {score.inner_text()!r}; console: {tab.console}") from error
    return int(score.inner_text())


def submit(tab) -> None:
    with tab.expect_navigation():
        tab.evaluate("document.querySelector(\"button[name='action-submit']\").click()")
    assert "/edit/" in tab.url or "/admin/pages/" in tab.url
    errors = tab.locator(".error-message, .help-critical").all_inner_texts()
    assert not errors, errors


def occurrence_2027(demo) -> dict:
    """UID, SEQUENCE and start of the event's 2027 date in its built .ics."""
    with urllib.request.urlopen(f"{demo.site}acara/{EVENT_SLUG}.ics") as response:  # noqa: S310 - local demo
        calendar = icalendar.Calendar.from_ical(response.read())
    for event in calendar.walk("VEVENT"):
        start = event.decoded("DTSTART")
        if start.year == 2027:
            return {"uid": str(event["UID"]), "sequence": int(event.get("SEQUENCE", 0)), "day": start.date()}
    raise AssertionError("no 2027 date in the event's .ics")


def wait_for_ics(demo, day: str, since: dict) -> dict:
    deadline = time.monotonic() + BUILT_WITHIN_S
    while (found := occurrence_2027(demo))["day"].isoformat() != day or found["sequence"] <= since["sequence"]:
        assert time.monotonic() < deadline, f"the .ics still says {found} after {BUILT_WITHIN_S} s"
        time.sleep(1)
    return found


def test_an_editors_day(browser, demo) -> None:  # noqa: PLR0915 - one walk through the whole day
    page_url = f"{demo.site}wisata/{SLUG}/"

    # The contributor writes a place: the hours shortcut, the map picker, the completeness score.
    context, tab = log_in(browser, demo, "kontributor-uji")
    tab.goto(f"{demo.cms}/admin/pages/add/attractions/attractionpage/{demo.index_id}/")
    tab.fill("#id_title", TITLE)
    tab.press("#id_title", "Tab")
    tab.evaluate(f"(s => {{ if (!s.value) s.value = '{SLUG}'; }})(document.querySelector('#id_slug'))")
    tab.fill("#id_summary", "Taman kota yang teduh untuk bersantai sore hari.")
    tab.evaluate(f"document.querySelector('#id_category').value = '{demo.category_id}'")
    tab.fill("#id_body", "Taman kecil di tengah kota.")
    tab.get_by_role("button", name="Setiap hari 08:00–17:00").click()
    assert tab.input_value("#id_hours_shortcut") == "Senin-Minggu 08:00-17:00"

    assert not tab.tiles, "no tiles before the editor asks for the map"
    tab.get_by_role("button", name="Tampilkan peta").first.click()
    tab.wait_for_selector("[data-map].leaflet-container")
    for _ in range(4):  # zoom 13 → 17: one click is then a few metres
        tab.click(".leaflet-control-zoom-in")
        tab.wait_for_timeout(400)
    tab.locator("[data-map]").first.click()
    assert tab.tiles and all(url.startswith("https://tile.openstreetmap.org/") for url in tab.tiles)
    latitude, longitude = float(tab.input_value("#id_latitude")), float(tab.input_value("#id_longitude"))
    assert abs(latitude - -6.7063) < 0.01 and abs(longitude - 108.5570) < 0.01, (latitude, longitude)
    assert tab.input_value("#id_confidence") == "high"
    assert 1 <= int(tab.input_value("#id_accuracy_m")) <= 25

    # The map's coordinates and the hours count; the short text, the prices and the image still lack.
    settled = "n < 50 && !s.closest('[data-writing-score]').textContent.includes('koordinat belum ada')"
    assert wait_for_score(tab, settled) < 50
    assert "jam buka belum diisi" not in tab.locator("[data-writing-score] [data-missing]").inner_text()
    assert "deskripsi kurang dari 50 kata" in tab.locator("[data-writing-score] [data-missing]").inner_text()
    tab.locator("[data-writing-score]").scroll_into_view_if_needed()
    shot(tab, "01-kontributor-menulis")

    dialogs: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    submit(tab)
    assert len(dialogs) == 1 and "masih tipis" in dialogs[0], dialogs
    shot(tab, "02-kontributor-terkirim")
    context.close()
    page_id = int(demo.shell(f"from cms.attractions.models import AttractionPage as P; p = P.objects.get(slug="
                             f"'{SLUG}').get_latest_revision_as_object(); assert len(p.hours.all()) == 7, "
                             f"p.hours.all(); print(p.pk)"))  # fmt: skip
    assert flow.status_of(page_url) == 404

    # The moderator asks for changes, with a comment.
    context, tab = log_in(browser, demo, "moderator-uji")
    tab.goto(f"{demo.cms}/admin/pages/{page_id}/edit/")
    shot(tab, "03-moderator-meninjau")
    tab.evaluate("document.querySelector(\"button[data-workflow-action-name='reject']\").click()")
    comment = tab.locator(".modal textarea[name='comment']")
    comment.wait_for()
    comment.fill("Tolong tambahkan harga tiket dan deskripsi yang lebih lengkap.")
    shot(tab, "04-moderator-minta-perbaikan")
    with tab.expect_navigation():
        tab.locator(".modal form button[type='submit']").click()
    context.close()

    # The contributor sees the request on top of the editor, and fixes it.
    context, tab = log_in(browser, demo, "kontributor-uji")
    tab.goto(f"{demo.cms}/admin/pages/{page_id}/edit/")
    banner = tab.locator(".messages").inner_text()
    assert "meminta perbaikan" in banner and "Tolong tambahkan harga tiket" in banner, banner
    shot(tab, "05-kontributor-melihat-permintaan")
    later_dialogs: list[str] = []
    tab.on("dialog", lambda dialog: (later_dialogs.append(dialog.message), dialog.accept()))
    tab.fill("#id_body", f"Taman kecil di tengah kota. {MORE_WORDS}")
    tab.fill("#id_prices_note", "Gratis, parkir motor Rp 2.000.")
    assert wait_for_score(tab, "n >= 50") >= 50
    tab.locator("[data-writing-score]").scroll_into_view_if_needed()
    shot(tab, "06-kontributor-memperbaiki")
    submit(tab)
    assert later_dialogs == [], "no warning once the entry is no longer thin"
    context.close()

    # The moderator approves; the worker exports and builds; the page is on the site.
    context, tab = log_in(browser, demo, "moderator-uji")
    tab.goto(f"{demo.cms}/admin/pages/{page_id}/edit/")
    approve = "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
    with tab.expect_navigation():
        tab.evaluate(f'document.querySelector("{approve}").click()')
    approved = time.monotonic()
    while flow.status_of(page_url) != 200:
        assert time.monotonic() - approved < BUILT_WITHIN_S, f"{page_url} not live within {BUILT_WITHIN_S} s"
        time.sleep(0.5)
    with urllib.request.urlopen(page_url) as response:  # noqa: S310 - the local demo
        html = response.read().decode()
    assert f"<h1>{TITLE}</h1>" in html and "Gratis, parkir motor" in html

    # The sidang isbat moves Idul Adha 2027 a day earlier: confirm the other date, then undo it.
    before = occurrence_2027(demo)
    assert before["day"].isoformat() == "2027-05-17"
    row_id, event_id = demo.shell(f"from cms.agenda.models import EventPage as E; e = E.objects.get(slug='{EVENT_SLUG}'"
                                  f", locale__language_code='id'); print(e.occurrences.get(key='2027').pk, e.pk)"
                                  ).split()  # fmt: skip
    tab.goto(f"{demo.cms}/admin/agenda/readiness/?year=2027")
    shot(tab, "07-moderator-kesiapan-agenda")
    tab.click(f"a[href*='/agenda/dates/{row_id}/'][href*='action=move']")
    assert tab.locator("input[name='action'][value='move']").is_checked()
    tab.fill("#id_day", "2027-05-16")
    tab.fill("#id_reason", "Hasil sidang isbat")
    shot(tab, "08-moderator-tanggal-lain")
    tab.click("button[name='step'][value='review']")
    assert "16-05-2027" in tab.locator("[data-confirm-step]").inner_text()
    shot(tab, "09-moderator-periksa")
    tab.get_by_role("button", name="Ya, terbitkan perubahan ini").click()
    tab.wait_for_url("**/agenda/readiness/?year=2027")
    shot(tab, "10-moderator-diterbitkan")
    assert tab.locator(".messages .success").count() == 1, tab.locator(".messages").all_inner_texts()
    moved = wait_for_ics(demo, "2027-05-16", before)
    assert moved["uid"] == before["uid"] and moved["sequence"] > before["sequence"]

    tab.click(f"a[data-undo-link][href*='/agenda/events/{event_id}/undo/']")
    shot(tab, "11-moderator-batalkan")
    tab.get_by_role("button", name="Ya, batalkan perubahannya").click()
    tab.wait_for_url("**/agenda/readiness/?year=2027")
    shot(tab, "12-moderator-dibatalkan")
    assert tab.locator(".messages .success").count() == 1, tab.locator(".messages").all_inner_texts()
    undone = wait_for_ics(demo, "2027-05-17", moved)
    assert undone["uid"] == before["uid"] and undone["sequence"] > moved["sequence"]
    context.close()
