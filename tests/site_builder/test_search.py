"""The search index (site_builder.search) over a built site, and the search page (site_builder.web.search_page)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from site_builder.build import build_site
from site_builder.search import build_search_index
from tests.conftest import TINY, TINY_NOW

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def tiny_release(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("search") / "dist"
    return build_site(TINY, out, now=TINY_NOW, cache_dir=tmp_path_factory.mktemp("md")).release


def _digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file() and p.suffix not in (".br", ".gz")
    }


def test_the_build_writes_one_pagefind_index_per_language(tiny_release):
    entry = (tiny_release / "pagefind" / "pagefind-entry.json").read_text()
    assert '"id":' in entry and '"en":' in entry
    assert (tiny_release / "pagefind" / "pagefind.js").is_file()
    assert list((tiny_release / "pagefind" / "filter").glob("*.pf_filter"))


def test_only_attraction_and_event_pages_are_indexed_with_type_and_category_filters(tiny_release):
    html = (tiny_release / "wisata" / "keraton-uji" / "index.html").read_text()
    assert "data-pagefind-body" in html
    assert 'data-pagefind-filter="type:attraction"' in html
    assert 'data-pagefind-filter="category:' in html
    assert "data-pagefind-body" not in (tiny_release / "index.html").read_text()


def test_indexing_the_same_pages_twice_gives_the_same_bytes(tiny_release, tmp_path):
    # Pagefind writes filter values in hash-map order; canonicalise() sorts them.
    copy = tmp_path / "copy"
    shutil.copytree(tiny_release, copy, ignore=shutil.ignore_patterns("pagefind"))
    index = build_search_index(copy)
    assert index.seconds > 0
    assert _digests(copy / "pagefind") == _digests(tiny_release / "pagefind")


def test_search_page_has_a_labelled_form_and_loads_its_script_deferred(client):
    html = client.get("/en/search/").get_data(as_text=True)
    assert '<form class="search" role="search"' in html
    assert '<label for="search-q">Search for</label>' in html
    assert '<option value="attraction">Place to visit</option>' in html
    assert '<option value="event">Event</option>' in html
    assert "/pagefind/" not in html.split("<main")[0]
    assert "/static/js/search." in html and '" defer></script>' in html
    assert "js/search." not in client.get("/en/").get_data(as_text=True)
