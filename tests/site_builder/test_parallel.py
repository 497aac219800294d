"""Rendering over forked processes (site_builder/shards.py): the same release as one process, failures said."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from site_builder import releases, shards
from site_builder.build import BuildError
from site_builder.web import render
from tests.site_builder.test_incremental import (
    add_item,
    build,
    change_body,
    change_title,
    make_site,
    tree_digest,
)


def test_a_release_rendered_by_two_processes_is_byte_identical_to_one_rendered_by_one(tmp_path):
    content, theme = make_site(tmp_path)
    alone = build(content, theme, tmp_path / "one" / "dist", incremental_build=False, workers=1)
    shared = build(content, theme, tmp_path / "two" / "dist", incremental_build=False, workers=2)
    assert shared.rendered == alone.rendered and shared.files == alone.files
    assert tree_digest(shared.release) == tree_digest(alone.release)  # pages, copies, .gz/.br, search index
    # Incremental in two processes: what it links and what it renders, merged, is a clean build's.
    change_body(content, theme, 1)
    change_title(content, theme, 2)
    add_item(content, theme, 3)  # a new URL: a new release, not a patch
    again = build(content, theme, tmp_path / "two" / "dist", workers=2)
    assert again.incremental and not again.patched and again.linked > 0
    clean = build(content, theme, tmp_path / "clean" / "dist", incremental_build=False, workers=1)
    assert tree_digest(again.release) == tree_digest(clean.release)


def test_a_url_failing_in_a_forked_process_fails_the_build_naming_it_and_leaves_the_live_site(tmp_path, monkeypatch):
    content, theme = make_site(tmp_path)
    out = tmp_path / "dist"
    good = build(content, theme, out, workers=1)
    before = tree_digest(good.release)
    parent, original = os.getpid(), render.render_template

    def fails_in_a_forked_process(template, **context):
        if os.getpid() != parent:
            raise ZeroDivisionError("division by zero")
        return original(template, **context)

    monkeypatch.setattr(render, "render_template", fails_in_a_forked_process)
    with pytest.raises(BuildError, match=r"rendering /\S* failed: ZeroDivisionError"):
        build(content, theme, out, incremental_build=False, workers=2)
    assert out.resolve() == good.release and tree_digest(good.release) == before
    assert [p.name for p in releases.releases(out)] == [good.release.name]
    assert not list(releases.releases_dir(out).glob("building-*"))
    assert multiprocessing.active_children() == []


def test_the_number_of_render_processes_can_be_forced(monkeypatch):
    monkeypatch.setenv(shards.ENV, "1")
    assert shards.worker_count(100_000) == 1
    assert shards.worker_count(100_000, 3) == 3
    monkeypatch.delenv(shards.ENV)
    assert shards.worker_count(10) == 1  # too little to share out
    monkeypatch.setenv(shards.ENV, "many")
    with pytest.raises(BuildError, match="WISTAKON_WORKERS"):
        shards.worker_count(10)
