"""The tourist pages, rendered by the Flask app over the tiny fixture site."""

from __future__ import annotations

import re
from pathlib import Path


def test_home_lists_highlights_and_upcoming_in_indonesian(client):
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="id">' in html
    assert "Keraton Uji" in html
    assert "Belum pasti" in html  # the tentative 2027 occurrence carries its badge


def test_english_home_lives_under_en(client):
    html = client.get("/en/").get_data(as_text=True)
    assert '<html lang="en">' in html
    assert "Test Palace" in html


def test_attraction_page_shows_hours_prices_and_map_links(client):
    html = client.get("/wisata/keraton-uji/").get_data(as_text=True)
    assert '<th scope="row">Senin</th>' in html and "08:00–17:00" in html
    assert "Tutup" in html and "Buka 24 jam" in html
    assert "Rp15.000" in html
    assert "https://www.openstreetmap.org/?mlat=-6.7261&amp;mlon=108.5708" in html
    assert 'href="geo:-6.7261,108.5708' in html


def test_language_switch_leads_to_the_same_item_in_english(client):
    html = client.get("/wisata/keraton-uji/").get_data(as_text=True)
    assert 'href="/en/attractions/test-palace/" hreflang="en"' in html
    english = client.get("/en/attractions/test-palace/").get_data(as_text=True)
    assert 'href="/wisata/keraton-uji/" hreflang="id"' in english


def test_pages_carry_hreflang_alternates_and_canonical(client):
    html = client.get("/en/attractions/test-palace/").get_data(as_text=True)
    assert '<link rel="canonical" href="https://wisata.example.test/en/attractions/test-palace/">' in html
    assert '<link rel="alternate" hreflang="id" href="https://wisata.example.test/wisata/keraton-uji/">' in html
    assert '<link rel="alternate" hreflang="en" href="https://wisata.example.test/en/attractions/test-palace/">' in html


def test_untranslated_item_appears_in_english_marked_as_indonesian(client):
    html = client.get("/en/attractions/taman-uji/").get_data(as_text=True)
    assert "not translated yet" in html
    assert '<article class="item" id="attraction-44444444-4444-4444-8444-444444444444" lang="id">' in html


def test_low_confidence_coordinates_are_shown_as_approximate(client):
    html = client.get("/en/attractions/taman-uji/").get_data(as_text=True)
    assert "Approximate location" in html and "±400 m" in html


def test_contributed_markdown_cannot_run_script(client):
    html = client.get("/wisata/keraton-uji/").get_data(as_text=True)
    prose = re.search(r'<div class="prose">(.*?)</div>', html, re.S).group(1)
    assert "<script" not in prose and "javascript:" not in prose
    assert "<strong>tua</strong>" in prose


def test_unknown_slug_is_404(client):
    assert client.get("/wisata/tidak-ada/").status_code == 404


def test_category_page_lists_only_its_attractions(client):
    html = client.get("/en/attractions/category/history/").get_data(as_text=True)
    assert "Test Palace" in html and 'aria-current="page">History' in html


def test_long_lists_are_split_into_pages_with_prev_and_next(app, monkeypatch):
    from site_builder.web import pages

    monkeypatch.setattr(pages, "PAGE_SIZE", 1)
    client = app.test_client()
    first = client.get("/wisata/").get_data(as_text=True)
    assert first.count('class="card"') == 1 and "Halaman 1 dari 2" in first
    assert 'rel="next" href="/wisata/halaman/2/"' in first
    second = client.get("/en/attractions/page/2/").get_data(as_text=True)
    assert second.count('class="card"') == 1 and 'rel="prev" href="/en/attractions/"' in second
    assert 'hreflang="id" href="https://wisata.example.test/wisata/halaman/2/"' in second
    assert client.get("/wisata/halaman/3/").status_code == 404
    assert client.get("/wisata/halaman/1/").headers["Location"].endswith("/wisata/")
    category = client.get("/wisata/kategori/sejarah/halaman/2/").get_data(as_text=True)
    assert 'rel="prev" href="/wisata/kategori/sejarah/"' in category
    with app.test_request_context():
        listed = [values for endpoint, values in pages.urls() if endpoint == "pages.attractions"]
    assert {"lang": "en", "number": 2} in listed


def test_map_tiles_come_from_the_configured_server_and_the_cli_refuses_a_bad_template(tmp_path):
    from click.testing import CliRunner

    from site_builder.cli import main
    from site_builder.snapshot import load_catalog
    from site_builder.web.app import create_app

    catalog = load_catalog(Path(__file__).resolve().parents[1] / "fixtures" / "tiny")
    own = "https://tiles.example.org/{z}/{x}/{y}.png"
    for tiles, expected in ((None, "https://tile.openstreetmap.org/{z}/{x}/{y}.png"), (own, own)):
        html = create_app(catalog, tiles=tiles).test_client().get("/en/map/").get_data(as_text=True)
        assert f'data-tiles="{expected}"' in html
    refused = CliRunner().invoke(main, ["build", "--out", str(tmp_path / "dist"), "--tiles", "http://x.org/tiles.png"])
    assert refused.exit_code == 2
    assert "is not a tile URL template; write https://…/{z}/{x}/{y}.png" in refused.output
