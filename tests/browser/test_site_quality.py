"""The tourist site in Debian's Chromium: search, offline reloads, the map, axe-core, console errors, weight.

axe-core comes from npm (tests/browser/package.json; see tests/browser/README.md). Map tiles are the
one thing allowed to leave the machine, and these tests block them.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
TILES = "https://tile.openstreetmap.org/**"
# One page of every type, in both languages where the type has two.
PAGE_TYPES = {
    "home": "",
    "home (en)": "en/",
    "attraction list": "wisata/",
    "category list": "en/attractions/category/history/",
    "attraction": "wisata/keraton-kasepuhan/",
    "attraction (en)": "en/attractions/keraton-kasepuhan/",
    "event": "acara/panjang-jimat/",
    "agenda": "agenda/",
    "agenda (en)": "en/agenda/",
    "search": "cari/",
    "search (en)": "en/search/",
    "map": "peta/",
    "hotspot list": "wifi/",
    "offline": "offline/",
    "404": "no-such-page/",
}
FIRST_LOAD_BUDGET = 300 * 1024
# Resolves true once the service worker controls the page and has this page in its cache.
WORKER_KEEPS_THIS_PAGE = """async () => {
    await navigator.serviceWorker.ready;
    for (let tries = 0; tries < 150; tries++) {
        if (navigator.serviceWorker.controller && await caches.match(location.pathname)) return true;
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return false;
}"""


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing; run `make test`, or: npm ci --prefix tests/browser --ignore-scripts")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def console_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.route(TILES, lambda route: route.abort())
    return errors


def axe_violations(page, axe_source: str) -> list[str]:
    page.add_script_tag(content=axe_source)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
    ]


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_every_page_type_has_no_axe_violations_no_console_errors_and_stays_on_the_machine(
    page, site_url, axe_source, console_errors, path
):
    response = page.goto(site_url + path)
    assert response.status == (404 if path == "no-such-page/" else 200)
    page.wait_for_load_state("networkidle")

    assert axe_violations(page, axe_source) == []
    expected = (
        ["Failed to load resource: the server responded with a status of 404 (Not Found)"] if "no-such" in path else []
    )
    assert console_errors == expected
    assert page.offsite_requests == []


def test_search_finds_a_known_attraction_in_indonesian_and_english(page, site_url, console_errors):
    page.goto(f"{site_url}cari/")
    page.get_by_label("Kata kunci").fill("kasepuhan")
    results = page.locator("#search-results")
    results.get_by_role("link", name="Keraton Kasepuhan", exact=True).wait_for()
    assert page.get_by_role("status").inner_text().endswith("hasil")

    page.goto(f"{site_url}en/search/?q=kasepuhan")
    results.get_by_role("link", name="Kasepuhan Palace (Keraton Kasepuhan)", exact=True).wait_for()
    assert results.get_by_role("link").first.get_attribute("href").startswith("/en/")
    assert console_errors == []
    assert page.offsite_requests == []


def test_search_filters_narrow_results_to_events(page, site_url):
    page.goto(f"{site_url}en/search/")
    page.get_by_label("Search for").fill("kasepuhan")
    page.get_by_role("link", name="Kasepuhan Palace (Keraton Kasepuhan)", exact=True).wait_for()
    page.get_by_label("Type").select_option("event")
    page.wait_for_function(
        "() => !document.querySelector('#search-results a[href=\"/en/attractions/keraton-kasepuhan/\"]')"
    )
    links = page.locator("#search-results a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert links and all(href.startswith("/en/events/") for href in links)


def test_search_script_loads_only_on_the_search_page_and_the_index_only_when_searching(page, site_url):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{site_url}wisata/keraton-kasepuhan/")
    page.wait_for_load_state("networkidle")
    assert not any("/pagefind/" in url or "/js/search." in url for url in requested)

    page.goto(f"{site_url}cari/")
    page.wait_for_load_state("networkidle")
    assert any("/js/search." in url for url in requested)
    assert not any("/pagefind/" in url for url in requested)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - a local test server
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.fixture
def own_server(built_demo):
    """A `wistakon serve` of the demo that a test may stop, to take the site off the network."""
    port = _free_port()
    command = [sys.executable, "-m", "site_builder.cli", "serve", "--out", str(built_demo), "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    _wait_for(url)
    yield url, server
    if server.poll() is None:
        server.terminate()
        server.wait(timeout=10)


def test_a_visited_page_reloads_offline_and_an_unvisited_one_shows_the_offline_page(page, own_server):
    # Chromium's offline emulation stops navigations before a service worker sees them, so we go
    # offline the way a tourist's phone does: the site stops answering.
    site_url, server = own_server
    page.goto(f"{site_url}en/attractions/sunyaragi-water-palace/")
    assert page.evaluate(WORKER_KEEPS_THIS_PAGE), "the service worker did not take over and keep this page"
    server.terminate()
    server.wait(timeout=10)

    page.reload()
    assert page.locator("h1").inner_text().startswith("Sunyaragi")
    page.goto(f"{site_url}en/agenda/")  # precached, never visited
    assert page.locator("h1").inner_text() == "Cultural agenda"
    page.goto(f"{site_url}en/attractions/kasepuhan-palace/")  # neither
    assert page.locator("h1").first.inner_text() == "You are offline"
    page.goto(f"{site_url}wisata/keraton-kasepuhan/")
    assert page.locator("h1").first.inner_text() == "Anda sedang luring"
    assert page.locator("section[lang=en] h2").inner_text() == "You are offline"


def test_a_new_build_gets_a_new_cache_name(page, site_url):
    page.goto(f"{site_url}sw.js")
    assert re.search(r'const CACHE = "wistakon-[0-9a-f]{12}";', page.content())


def test_map_page_is_a_list_by_area_and_loads_tiles_only_when_asked(page, site_url, console_errors):
    page.goto(f"{site_url}en/map/")
    page.wait_for_load_state("networkidle")
    assert page.offsite_requests == []
    assert page.locator(".places li").count() >= 40
    assert page.get_by_role("heading", name="District Lemahwungkuk · Kota Cirebon").count() == 1

    page.get_by_role("button", name="Show the map").click()
    page.locator(".leaflet-container").wait_for()
    page.locator(".leaflet-interactive").first.wait_for()
    page.wait_for_timeout(500)
    assert page.offsite_requests, "the map asked for no tiles"
    assert all(url.startswith("https://tile.openstreetmap.org/") for url in page.offsite_requests)


def test_map_page_without_a_connection_offers_no_map_and_keeps_the_list(page, site_url):
    page.goto(f"{site_url}peta/")
    page.context.set_offline(True)  # navigator.onLine turns false and the page hears 'offline'
    try:
        page.get_by_role("button", name="Tampilkan peta").wait_for(state="hidden")
        assert page.locator("#map-offline").is_visible()
        assert page.locator(".places li").count() >= 40
    finally:
        page.context.set_offline(False)
    page.get_by_role("button", name="Tampilkan peta").wait_for()


@pytest.mark.parametrize("path", ["", "wisata/keraton-kasepuhan/", "acara/panjang-jimat/", "agenda/", "en/map/"])
def test_first_load_transfers_at_most_300_kb(page, site_url, path):
    sizes: list[int] = []
    page.on("requestfinished", lambda request: sizes.append(request.sizes()["responseBodySize"]))
    page.goto(site_url + path)
    page.mouse.wheel(0, 20000)  # lazy images below the fold count too
    page.wait_for_load_state("networkidle")
    assert sum(sizes) <= FIRST_LOAD_BUDGET, f"{path}: {sum(sizes)} bytes"


def test_pages_offer_webp_renditions_with_explicit_sizes_and_alt(page, site_url):
    page.goto(f"{site_url}wisata/")
    images = page.locator("picture img")
    assert images.count() >= 40
    for img in images.all()[:5]:
        assert img.get_attribute("width") and img.get_attribute("height") and img.get_attribute("alt") is not None
    assert images.nth(0).get_attribute("loading") is None  # the first card may be the largest paint
    assert images.nth(5).get_attribute("loading") == "lazy"
    assert page.locator("picture source[type='image/webp']").count() == images.count()
    current = page.evaluate("() => document.querySelector('picture img').currentSrc")
    assert current.endswith(".webp")
