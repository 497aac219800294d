"""The search index (site_builder.search) over a built site, and the search page (site_builder.web.search_page)."""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
from pathlib import Path

import pytest

from site_builder import releases, search
from site_builder.build import build_site
from site_builder.search import SIGNATURE, _read, build_search_index, shard_of
from tests.conftest import TINY, TINY_NOW
from tests.site_builder.test_incremental import build, make_site, rewrite, tree_digest

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


def found(bundle: Path, lang: str, word: str) -> list[str]:
    """The URLs of the pages Pagefind's index lists under `word` (as stemmed), over every shard."""
    urls = []
    for shard in json.loads((bundle / "shards.json").read_text())["shards"].get(lang, []):
        folder = bundle / shard
        languages = json.loads((folder / "pagefind-entry.json").read_text())["languages"]
        assert list(languages) == [lang]
        meta = _read(folder / f"pagefind.{languages[lang]['hash']}.pf_meta")
        for _, _, chunk in meta[2]:
            for term, hits, *_ in _read(folder / "index" / f"{chunk}.pf_index")[0]:
                for page, *_ in hits if term == word else []:
                    fragment = gzip.decompress((folder / "fragment" / f"{meta[1][page][0]}.pf_fragment").read_bytes())
                    urls.append(json.loads(fragment[len(SIGNATURE) :])["url"])
    return sorted(urls)


@pytest.fixture
def many_shards(monkeypatch):
    """Two HTML pages a bucket, so the tiny site's items fall into several shards."""
    monkeypatch.setattr(search, "SHARD_PAGES", 2)


def test_the_build_writes_one_pagefind_index_per_language(tiny_release):
    shards = json.loads((tiny_release / "pagefind" / "shards.json").read_text())
    assert shards == {"count": 1, "shards": {"en": ["en-00"], "id": ["id-00"]}}
    assert '"en":' in (tiny_release / "pagefind" / "en-00" / "pagefind-entry.json").read_text()
    assert '"id":' in (tiny_release / "pagefind" / "id-00" / "pagefind-entry.json").read_text()
    assert (tiny_release / "pagefind" / "id-00" / "pagefind.js").is_file()
    assert list((tiny_release / "pagefind" / "id-00" / "filter").glob("*.pf_filter"))
    assert not list((tiny_release / "pagefind").rglob("pagefind-ui.js"))  # the theme has its own search page


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


def test_pages_are_spread_over_shards_by_folder_so_an_item_stays_in_one_place():
    assert search.shard_count(1) == 1 and search.shard_count(search.SHARD_PAGES) == 1
    assert search.shard_count(search.SHARD_PAGES + 1) == 2 and search.shard_count(6 * search.SHARD_PAGES) == 8
    assert shard_of("wisata/keraton-uji/index.html", 16) == shard_of("acara/keraton-uji/index.html", 16)
    assert {shard_of(f"wisata/{n}/index.html", 4) for n in range(40)} == {"00", "01", "02", "03"}


def test_an_edit_is_searchable_after_its_patch_which_indexes_only_its_shard_as_a_full_index_would(
    tmp_path, many_shards
):
    content, theme = make_site(tmp_path)
    out = tmp_path / "dist"
    first = build(content, theme, out)
    bundle = first.release / "pagefind"
    manifest = json.loads((bundle / "shards.json").read_text())
    shards = {shard for names in manifest["shards"].values() for shard in names}
    assert len(shards) > 3
    inodes = {p.relative_to(bundle): p.stat().st_ino for p in bundle.rglob("*") if p.is_file()}
    assert found(bundle, "id", "zamrudwistakon") == []

    rewrite(
        content / "attractions" / "keraton-uji" / "index.id.md", lambda meta, body: (meta, f"{body}\n\nZamrudwistakon.")
    )
    patched = build(content, theme, out)

    assert patched.patched and patched.release == first.release and patched.search_seconds > 0
    assert found(bundle, "id", "zamrudwistakon") == ["/wisata/keraton-uji/"]
    edited = "id-" + shard_of("wisata/keraton-uji/index.html", manifest["count"])
    relinked = {
        p.relative_to(bundle)
        for p in bundle.rglob("*")
        if p.is_file() and inodes.get(p.relative_to(bundle)) == p.stat().st_ino
    }
    assert {name.parts[0] for name in relinked if name.parts[0] != edited} == shards - {edited}
    assert not any(name.parts[0] == edited and name.suffix == ".pf_meta" for name in relinked)  # indexed again
    # The same bytes as indexing every page of the patched release from scratch.
    clean = tmp_path / "clean"
    shutil.copytree(patched.release, clean, ignore=shutil.ignore_patterns("pagefind"))
    build_search_index(clean)
    assert _digests(clean / "pagefind") == _digests(bundle)
    assert releases.rollback(out) == first.release
    assert found(bundle, "id", "zamrudwistakon") == []


def test_an_incremental_build_in_several_shards_is_byte_identical_to_a_clean_one(tmp_path, many_shards):
    content, theme = make_site(tmp_path)
    out = tmp_path / "dist"
    build(content, theme, out)
    shutil.rmtree(content / "events" / "festival-uji")  # its shard loses a page; a new release
    english = content / "attractions" / "keraton-uji" / "index.en.md"
    rewrite(english, lambda meta, body: (meta, f"{body}\n\nGreenwistakon."))
    result = build(content, theme, out)
    assert result.incremental and not result.patched
    fragments = list((result.release / "pagefind").rglob("*.pf_fragment"))
    assert any(p.stat().st_nlink > 1 for p in fragments)  # shards the edits left alone: linked, not indexed
    assert found(result.release / "pagefind", "en", "greenwistakon") == ["/en/attractions/test-palace/"]
    clean = build(content, theme, tmp_path / "clean" / "dist", incremental_build=False)
    assert tree_digest(result.release) == tree_digest(clean.release)
