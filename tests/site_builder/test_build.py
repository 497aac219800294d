"""The whole build: deterministic bytes, atomic releases, and no half-written site."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from site_builder import releases
from site_builder.build import BuildError, build_site, freeze
from site_builder.snapshot import SnapshotInvalid

TINY = Path(__file__).parents[1] / "fixtures" / "tiny"


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_same_content_gives_the_same_bytes(tmp_path):
    first = build_site(TINY, tmp_path / "a" / "dist", cache_dir=tmp_path / "cache")
    second = build_site(TINY, tmp_path / "b" / "dist")  # cold Markdown cache
    assert tree_digest(first.release) == tree_digest(second.release)
    assert len(tree_digest(first.release)) > 20


def test_every_endpoint_has_a_url_generator(tiny_catalog, tmp_path):
    from site_builder.web.app import create_app
    from tests.conftest import TINY_NOW

    # With a CMS address, so the suggestion forms' thank-you pages are outputs too.
    app = create_app(tiny_catalog, now=TINY_NOW, content_dir=TINY, cms_url="https://cms.example.test")
    files = freeze(app, tmp_path / "site", lambda step, done, total: None, every_endpoint=True)
    assert "index.html" in files and "en/index.html" in files and "usulan/terima-kasih/index.html" in files


def test_build_writes_a_release_and_points_dist_at_it(tmp_path):
    out = tmp_path / "dist"
    result = build_site(TINY, out)
    assert out.is_symlink() and out.resolve() == result.release
    assert (out / "index.html").is_file() and (out / "en" / "index.html").is_file()
    assert (out / "wisata" / "keraton-uji" / "index.html").is_file()
    assert (out / "index.html.gz").is_file()


def test_failed_build_leaves_the_live_site_untouched(tmp_path):
    out = tmp_path / "dist"
    good = build_site(TINY, out)
    before = tree_digest(out)
    broken = tmp_path / "broken"
    shutil.copytree(TINY, broken)
    page = broken / "attractions" / "keraton-uji" / "index.id.md"
    page.write_text(page.read_text().replace("lat: -6.7261", "lat: 300"))
    with pytest.raises(SnapshotInvalid):
        build_site(broken, out)
    assert out.resolve() == good.release
    assert tree_digest(out) == before
    assert not list(releases.releases_dir(out).glob("building-*"))


def test_failure_while_rendering_discards_the_half_written_release(tmp_path):
    out = tmp_path / "dist"
    good = build_site(TINY, out)
    theme = tmp_path / "theme"
    shutil.copytree(Path(__file__).parents[2] / "themes" / "default", theme)
    broken = "{% extends 'base.html' %}{% block main %}{{ 1 / 0 }}{% endblock %}"
    (theme / "templates" / "attraction.html").write_text(broken)
    failure = r"rendering /wisata/keraton-uji/ failed: ZeroDivisionError"
    with pytest.raises(BuildError, match=failure):
        build_site(TINY, out, theme=theme)
    assert out.resolve() == good.release
    assert [p.name for p in releases.releases(out)] == [good.release.name]
    assert not list(releases.releases_dir(out).glob("building-*"))


def test_rollback_points_dist_at_the_previous_release(tmp_path):
    out = tmp_path / "dist"
    first = build_site(TINY, out)
    second = build_site(TINY, out, incremental_build=False)  # a full build: always a new release
    assert out.resolve() == second.release
    assert releases.rollback(out) == first.release
    assert out.resolve() == first.release


def test_only_the_last_releases_are_kept(tmp_path):
    out = tmp_path / "dist"
    for _ in range(releases.KEEP + 2):
        last = build_site(TINY, out, incremental_build=False)
    kept = releases.releases(out)
    assert len(kept) == releases.KEEP and kept[-1] == last.release
