"""A tourist on `wistakon serve`: home → English → an attraction, in Debian's Chromium."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_tourist_finds_hours_and_map_link_in_english_without_leaving_the_machine(page, site_url):
    page.goto(site_url)
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.locator("h1").first.inner_text() == "Wisata Kota Cirebon"

    page.get_by_role("link", name="English").click()
    page.wait_for_url(f"{site_url}en/")
    assert page.locator("html").get_attribute("lang") == "en"

    page.get_by_role("link", name="Places to visit").first.click()
    page.get_by_role("link", name="Kasepuhan Palace (Keraton Kasepuhan)").click()
    page.wait_for_url(f"{site_url}en/attractions/keraton-kasepuhan/")

    hours = page.locator("table.hours")
    assert "Monday" in hours.inner_text() and "08:00–17:00" in hours.inner_text()
    osm = page.get_by_role("link", name="OpenStreetMap")
    assert osm.get_attribute("href").startswith("https://www.openstreetmap.org/?mlat=-6.7261&mlon=108.5708")
    assert page.get_by_role("link", name="Map app (geo:)").get_attribute("href").startswith("geo:-6.7261,108.5708")

    assert page.offsite_requests == []


def test_language_switch_on_an_attraction_keeps_the_item(page, site_url):
    page.goto(f"{site_url}wisata/taman-air-gua-sunyaragi/")
    page.get_by_role("link", name="English").click()
    assert page.locator("h1").inner_text().startswith("Sunyaragi")
    page.get_by_role("link", name="Bahasa Indonesia").click()
    assert page.url == f"{site_url}wisata/taman-air-gua-sunyaragi/"
