"""Findability outputs (site_builder.web.seo): sitemap, robots, Atom feeds, manifest, icons, share images."""

from __future__ import annotations

import json
import re
from io import BytesIO
from xml.etree import ElementTree as ET

import pytest
from PIL import Image

from site_builder import artwork
from site_builder.web import jsonld
from tests.conftest import TINY_NOW

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def cache_in_tmp(app, tmp_path):
    app.config["IMAGE_CACHE"] = str(tmp_path)
    return tmp_path


def _sitemap_entries(client) -> dict[str, ET.Element]:
    """Every <url> of every sitemap the index at /sitemap.xml lists, by its <loc>."""
    index = ET.fromstring(client.get("/sitemap.xml").get_data())
    assert index.tag == f"{SITEMAP}sitemapindex"
    entries: dict[str, ET.Element] = {}
    for loc in index.iter(f"{SITEMAP}loc"):
        response = client.get(loc.text.removeprefix("https://wisata.example.test"))
        assert response.status_code == 200 and response.mimetype == "application/xml"
        root = ET.fromstring(response.get_data())
        assert root.tag == f"{SITEMAP}urlset" and len(root)
        for url in root.findall(f"{SITEMAP}url"):
            assert url.findtext(f"{SITEMAP}loc") not in entries
            entries[url.findtext(f"{SITEMAP}loc")] = url
    return entries


def test_sitemap_lists_every_page_once_with_absolute_urls_and_hreflang_alternates(client):
    entries = _sitemap_entries(client)
    assert all(loc.startswith("https://wisata.example.test/") for loc in entries)
    palace = entries["https://wisata.example.test/en/attractions/test-palace/"]
    alternates = {link.get("hreflang"): link.get("href") for link in palace.findall(f"{XHTML}link")}
    assert alternates == {
        "id": "https://wisata.example.test/wisata/keraton-uji/",
        "en": "https://wisata.example.test/en/attractions/test-palace/",
        "x-default": "https://wisata.example.test/wisata/keraton-uji/",
    }
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00", palace.findtext(f"{SITEMAP}lastmod"))
    assert "https://wisata.example.test/404.html" not in entries
    assert "https://wisata.example.test/peta/" in entries and "https://wisata.example.test/agenda/" in entries


def test_the_sitemap_index_lists_the_pages_then_item_pages_in_chunks_of_the_same_size(client, monkeypatch):
    from site_builder.web import seo

    monkeypatch.setattr(seo, "SITEMAP_CHUNK", 1)
    before = set(_sitemap_entries(client))
    index = ET.fromstring(client.get("/sitemap.xml").get_data())
    names = [loc.text.rsplit("/", 1)[1] for loc in index.iter(f"{SITEMAP}loc")]
    assert names[0] == "pages.xml" and "attractions-1.xml" in names and "events-1.xml" in names
    attractions = [name for name in names if name.startswith("attractions-")]
    assert attractions == [f"attractions-{n}.xml" for n in range(1, len(attractions) + 1)]
    one = ET.fromstring(client.get("/sitemaps/attractions-1.xml").get_data())
    assert len(one.findall(f"{SITEMAP}url")) == 2  # one attraction, in each language
    monkeypatch.setattr(seo, "SITEMAP_CHUNK", 500)
    assert set(_sitemap_entries(client)) == before  # the same pages, however they are split
    assert client.get(f"/sitemaps/attractions-{len(attractions) + 1}.xml").status_code == 404


def test_sitemap_children_are_only_those_the_schema_allows(client):
    index = ET.fromstring(client.get("/sitemap.xml").get_data())
    assert {child.tag for sitemap in index for child in sitemap} == {f"{SITEMAP}loc"}
    allowed = {f"{SITEMAP}loc", f"{SITEMAP}lastmod", f"{XHTML}link"}
    assert {child.tag for url in _sitemap_entries(client).values() for child in url} <= allowed


def test_base_url_makes_every_sitemap_url_absolute_on_that_host(tiny_catalog):
    from site_builder.web.app import create_app

    client = create_app(tiny_catalog, now=TINY_NOW, base_url="https://cirebon.example/").test_client()
    index = ET.fromstring(client.get("/sitemap.xml").get_data())
    for sitemap in index.iter(f"{SITEMAP}loc"):
        assert sitemap.text.startswith("https://cirebon.example/sitemaps/")
        root = ET.fromstring(client.get(sitemap.text.removeprefix("https://cirebon.example")).get_data())
        assert all(loc.text.startswith("https://cirebon.example/") for loc in root.iter(f"{SITEMAP}loc"))


def test_robots_points_to_the_sitemap_index(client):
    text = client.get("/robots.txt").get_data(as_text=True)
    assert "User-agent: *" in text
    assert "Sitemap: https://wisata.example.test/sitemap.xml" in text


def test_atom_feed_per_language_lists_items_newest_first(client):
    response = client.get("/en/feed.atom")
    assert response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.get_data())
    assert feed.tag == f"{ATOM}feed"
    updated = [entry.findtext(f"{ATOM}updated") for entry in feed.findall(f"{ATOM}entry")]
    assert updated and updated == sorted(updated, reverse=True)
    links = [entry.find(f"{ATOM}link").get("href") for entry in feed.findall(f"{ATOM}entry")]
    assert "https://wisata.example.test/en/attractions/test-palace/" in links
    ids = [entry.findtext(f"{ATOM}id") for entry in feed.findall(f"{ATOM}entry")]
    assert "urn:uuid:33333333-3333-4333-8333-333333333333" in ids
    assert ET.fromstring(client.get("/feed.atom").get_data()).get("{http://www.w3.org/XML/1998/namespace}lang") == "id"


def test_manifest_makes_the_site_installable_in_each_language(client):
    manifest = json.loads(client.get("/en/manifest.webmanifest").get_data())
    assert manifest["start_url"] == "/en/" and manifest["lang"] == "en" and manifest["display"] == "standalone"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    assert any(icon.get("purpose") == "maskable" for icon in manifest["icons"])
    for icon in manifest["icons"]:
        with Image.open(BytesIO(client.get(icon["src"]).get_data())) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"] and image.format == "PNG"


def test_pages_link_the_manifest_feed_and_a_1200x630_share_image(client, cache_in_tmp):
    html = client.get("/en/attractions/test-palace/").get_data(as_text=True)
    assert '<link rel="manifest" href="/en/manifest.webmanifest">' in html
    assert 'type="application/atom+xml"' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    share = re.search(
        r'<meta property="og:image" content="https://wisata.example.test(/share/[0-9a-f]{12}\.jpg)">', html
    )
    response = client.get(share.group(1))
    with Image.open(BytesIO(response.get_data())) as image:
        assert image.size == (1200, 630) and image.format == "JPEG"
    response.close()


def test_share_images_are_cached_by_their_text(tmp_path, monkeypatch):
    first = artwork.share_image(tmp_path, "Keraton Uji", "Wisata")
    drawn = []
    monkeypatch.setattr(artwork, "draw_share_image", lambda *a: drawn.append(a) or first.read_bytes())
    assert artwork.share_image(tmp_path, "Keraton Uji", "Wisata") == first
    assert drawn == []
    assert artwork.share_image(tmp_path, "Keraton Lain", "Wisata") != first


@pytest.mark.parametrize(
    ("tags", "category_slug", "expected"),
    [
        (("keraton", "museum"), "wisata-sejarah", ["TouristAttraction", "LandmarksOrHistoricalBuildings", "Museum"]),
        (("masjid",), "wisata-religi", ["TouristAttraction", "Mosque"]),
        (("ziarah",), "wisata-religi", ["TouristAttraction", "PlaceOfWorship"]),
        (("pantai",), "wisata-alam", ["TouristAttraction", "Beach"]),
        ((), "wisata-keluarga", ["TouristAttraction"]),
    ],
)
def test_attraction_json_ld_type_is_as_specific_as_tags_and_category_allow(tiny_catalog, tags, category_slug, expected):
    from dataclasses import replace

    category = next(iter(tiny_catalog.categories))
    translation = replace(category.t("id"), slug=category_slug)
    category = replace(category, translations={"id": translation})
    item = replace(tiny_catalog.attractions[0], tags=tags, category_uid=category.uid)
    catalog = replace(tiny_catalog, categories=(category,))
    assert sorted(jsonld.attraction_types(item, catalog)) == sorted(expected)


def test_a_sitemap_chunk_is_narrow_enough_to_depend_on_its_own_items_only():
    from site_builder import incremental
    from site_builder.web import seo

    assert seo.SITEMAP_CHUNK <= incremental.WIDE  # more, and a chunk would depend on every item of its kind
