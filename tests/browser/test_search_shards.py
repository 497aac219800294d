"""The search page over an index in several shards: merged results, and an edit found after its patch build."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from site_builder import search
from site_builder.build import build_site
from site_builder.snapshot.frontmatter import dump, parse
from tests.browser.conftest import serving
from tests.site_builder.test_search import found

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
NOW = datetime.fromisoformat("2026-08-01T09:00:00+07:00")


@pytest.fixture(scope="module")
def sharded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, Path]]:
    """The demo content with a search index in many shards, served: (URL, content, output)."""
    root = tmp_path_factory.mktemp("sharded")
    content, out = root / "content", root / "dist"
    shutil.copytree(REPO / "content", content)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "SHARD_PAGES", 8)
        build_site(content, out, now=NOW, cache_dir=root / "cache")
    with serving(out) as url:
        yield url, content, out


def results(page, url: str) -> list[str]:
    page.goto(url)
    page.locator("#search-results li").first.wait_for()
    return sorted(page.locator("#search-results a").evaluate_all("links => links.map(a => a.getAttribute('href'))"))


def test_search_merges_the_shards_and_finds_what_every_shard_holds(page, sharded):
    url, _, out = sharded
    pages = found(out / "pagefind", "en", "kasepuhan")
    count = json.loads((out / "pagefind" / "shards.json").read_text())["count"]
    shards = {search.shard_of(f"{address.strip('/')}/index.html", count) for address in pages}  # all English
    assert 1 < len(pages) <= 20 and len(shards) > 1
    assert results(page, f"{url}en/search/?q=kasepuhan") == pages


def test_an_edit_is_found_by_the_search_page_after_its_patch_build(page, sharded):
    url, content, out = sharded
    text = content / "attractions" / "keraton-kasepuhan" / "index.id.md"
    document = parse(text.read_text(encoding="utf-8"))
    text.write_text(dump(document.meta, f"{document.body}\n\nZamrudwistakon."), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "SHARD_PAGES", 8)
        result = build_site(content, out, now=NOW, cache_dir=out.parent / "cache")
    assert result.patched and result.search_seconds > 0
    assert results(page, f"{url}cari/?q=zamrudwistakon") == ["/wisata/keraton-kasepuhan/"]
