"""What's on today, this weekend and in the next 7 days, counted from the build's date."""

from __future__ import annotations

import re
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from site_builder.catalog import JAKARTA
from site_builder.snapshot import load_catalog
from site_builder.web.app import create_app
from site_builder.web.whats_on import WINDOWS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
THURSDAY = datetime(2026, 12, 3, 9, 0, tzinfo=JAKARTA)  # Festival Uji (cancelled) is on Saturday 5 December


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("whats-on") / "content"
    shutil.copytree(FIXTURES / "tiny", root)
    for section in ("categories", "events"):
        shutil.copytree(FIXTURES / "agenda-extra" / section, root / section, dirs_exist_ok=True)
    return root


def client_on(content: Path, now: datetime):
    return create_app(load_catalog(content), now=now, content_dir=content).test_client()


def main_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.get_data(as_text=True)
    return html[html.index("<main") : html.index("</main>")]


@pytest.mark.parametrize(
    ("today", "first", "last"),
    [
        (date(2026, 12, 3), date(2026, 12, 5), date(2026, 12, 6)),  # Thursday: the coming weekend
        (date(2026, 12, 5), date(2026, 12, 5), date(2026, 12, 6)),  # Saturday: this one
        (date(2026, 12, 6), date(2026, 12, 6), date(2026, 12, 6)),  # Sunday: what is left of it
        (date(2026, 12, 7), date(2026, 12, 12), date(2026, 12, 13)),  # Monday: the next one
    ],
)
def test_this_weekend_is_the_saturday_and_sunday_ahead_or_under_way(today, first, last):
    weekend = next(w for w in WINDOWS if w.name == "weekend")
    assert weekend.days(today) == (first, last)


def test_this_weekend_lists_what_happens_on_the_weekend_of_the_build_date(content):
    client = client_on(content, THURSDAY)
    html = main_of(client, "/agenda/akhir-pekan-ini/")
    assert "<h1>Akhir pekan ini</h1>" in html
    assert '<time datetime="2026-12-05">Sabtu, 5 Desember 2026</time>' in html
    assert "Festival Uji" in html and "Dibatalkan" in html
    english = main_of(client, "/en/agenda/this-weekend/")
    assert "<h1>This weekend</h1>" in english and "Test Festival" in english


def test_today_and_next_7_days_follow_the_build_date(content):
    thursday = client_on(content, THURSDAY)
    assert "Festival Uji" not in main_of(thursday, "/agenda/hari-ini/")
    assert "Tidak ada acara tercatat" in main_of(thursday, "/agenda/hari-ini/")
    assert "Test Festival" in main_of(thursday, "/en/agenda/next-7-days/")
    later = client_on(content, datetime(2026, 12, 7, tzinfo=JAKARTA))
    assert "Test Festival" not in main_of(later, "/en/agenda/next-7-days/")


def test_home_and_agenda_link_to_the_three_windows_in_both_languages(content):
    client = client_on(content, THURSDAY)
    for url, links in (
        ("/", ["/agenda/hari-ini/", "/agenda/akhir-pekan-ini/", "/agenda/7-hari-ke-depan/"]),
        ("/en/agenda/", ["/en/agenda/today/", "/en/agenda/this-weekend/", "/en/agenda/next-7-days/"]),
    ):
        hrefs = re.findall(r'href="([^"]+)"', main_of(client, url))
        assert all(link in hrefs for link in links), url


def test_the_windows_are_frozen_in_both_languages(content):
    app = create_app(load_catalog(content), now=THURSDAY, content_dir=content)
    with app.test_request_context():
        from site_builder.web import whats_on

        assert len(list(whats_on.urls())) == 6
