"""The build, top to bottom: load → validate → Catalog → Flask app → Frozen-Flask → post-build → swap."""

from __future__ import annotations

import fcntl
import functools
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from flask import Flask, url_for

from site_builder import incremental, releases, shards
from site_builder.catalog import Catalog
from site_builder.compression import COMPRESSIBLE, compress_copies
from site_builder.errors import BuildError, disk_error
from site_builder.freezing import FREEZER_SETTINGS
from site_builder.markup import MarkdownCache
from site_builder.patch import Patch, try_patch
from site_builder.snapshot import load_catalog
from site_builder.web.app import create_app, url_generators
from site_builder.web.theme import Theme

Progress = Callable[[str, int, int], None]  # (step, done, total)


@dataclass
class BuildResult:
    release: Path
    files: list[str] = field(default_factory=list)
    seconds: float = 0.0
    catalog: Catalog | None = None
    rendered: int = 0  # outputs Frozen-Flask rendered; the rest were linked from the previous release
    linked: int = 0
    rendered_files: list[str] = field(default_factory=list)
    incremental: bool = False  # False: a full build (no usable record, or something global changed)
    patched: bool = False  # True: the changed files were written into the live release (site_builder/patch.py)
    live_seconds: float = 0.0  # from the start until the new bytes were live (the search index may follow)
    search_seconds: float = 0.0
    changes: dict | None = None  # for a patch: files added/changed/removed, as cms/publishing/changes.py counts them


def _disk_errors(build: Callable[..., BuildResult]) -> Callable[..., BuildResult]:
    """A full disk or a read-only output folder ends in a BuildError that says so (the release is discarded)."""

    @functools.wraps(build)
    def guarded(content_dir: Path, out: Path, **options: Any) -> BuildResult:
        try:
            return build(content_dir, out, **options)
        except OSError as error:
            problem = disk_error(error, Path(out).absolute())
            if problem is None:
                raise
            raise problem from error

    return guarded


@_disk_errors
def build_site(
    content_dir: Path,
    out: Path,
    *,
    now: datetime | None = None,
    base_url: str | None = None,
    cms_url: str | None = None,
    theme: str | Path = "default",
    cache_dir: Path | None = None,
    progress: Progress | None = None,
    incremental_build: bool = True,
    tiles: str | None = None,
    workers: int | None = None,
) -> BuildResult:
    """Build `content_dir` into a new release and make it live at `out` (a symlink).

    With `incremental_build`, outputs whose inputs did not change since the last build are linked
    from the previous release instead of rendered; the bytes are the same as a full build's.
    `workers` processes render (default: WISTAKON_WORKERS, else one per core when there is enough to do).
    """
    started = time.perf_counter()
    out = Path(out).absolute()
    report = progress or (lambda step, done, total: None)
    report("load", 0, 1)
    bundle_cache = Path(cache_dir) / "snapshot-bundles.pickle" if cache_dir else None
    markdown = MarkdownCache(cache_dir)
    catalog = load_catalog(Path(content_dir), markdown, bundle_cache=bundle_cache)  # SnapshotInvalid
    markdown.save_pack()
    report("load", 1, 1)

    def make_app() -> Flask:
        folder = Path(content_dir).absolute()
        return create_app(catalog, now=now, theme=Theme(theme), content_dir=folder, base_url=base_url, tiles=tiles,
                          cms_url=cms_url)

    app = make_app()
    releases_folder = releases.releases_dir(out)
    releases_folder.mkdir(parents=True, exist_ok=True)
    with open(releases_folder / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one build at a time per output folder
        plan = incremental.Plan.start(app, releases_folder if incremental_build else None, cache_dir)
        patched = try_patch(app, out, plan, started, report) if plan.incremental else None
        if patched is not None:
            if plan.memo is not None:
                plan.memo.save(prune=False)
            return _patch_result(patched, plan, catalog, started)
        if plan.incremental:  # a patch was tried: start again from an app with nothing cached
            app = make_app()
            plan = incremental.Plan.start(app, releases_folder, cache_dir)
        building = releases.new_release(out)
        try:
            files = freeze(app, building, report, plan=plan, workers=workers)
            post_build(building, files, report, plan=plan)
            release = releases.activate(out, building)
        except BaseException:
            releases.discard(building)
            raise
        incremental.save_state(releases_folder, plan.state(release.name))
        if plan.memo is not None:
            plan.memo.save()
        releases.prune(out)  # after the swap: the new release is live already
    seconds = time.perf_counter() - started
    return BuildResult(
        release=release,
        files=files,
        seconds=seconds,
        live_seconds=seconds,
        catalog=catalog,
        rendered=len(plan.rendered),
        linked=len(plan.linked),
        rendered_files=sorted(plan.rendered),
        incremental=plan.incremental,
    )


def _patch_result(patched: Patch, plan: incremental.Plan, catalog: Catalog, started: float) -> BuildResult:
    assert plan.previous is not None
    added = patched.added
    changed = [name for name in patched.changed if name not in added]
    return BuildResult(
        release=patched.live,
        files=sorted(output.path for output in plan.previous.outputs.values()),
        seconds=time.perf_counter() - started,
        catalog=catalog,
        rendered=len(patched.rendered),
        linked=len(plan.previous.outputs) - len(patched.rendered),
        rendered_files=patched.rendered,
        incremental=True,
        patched=True,
        live_seconds=patched.live_seconds,
        search_seconds=patched.search_seconds,
        changes={
            "added": len(added),
            "changed": len(changed),
            "removed": len(patched.removed),
            "examples": {"added": releases.examples(added), "changed": releases.examples(changed),
                         "removed": releases.examples(patched.removed)},
        },
    )


def freeze(
    app: Flask,
    destination: Path,
    report: Progress,
    every_endpoint: bool = False,
    plan: incremental.Plan | None = None,
    workers: int | None = None,
) -> list[str]:
    """Write every URL of `app` into `destination` with Frozen-Flask; its warnings are errors.

    `every_endpoint` also fails when an endpoint froze nothing (for fixtures that have every kind of item).
    `plan` records what each URL reads, and links the outputs it finds unchanged instead of rendering them.
    `workers` processes render (site_builder/shards.py; default: WISTAKON_WORKERS, else one per core).
    Text outputs get their compressed copies as they are written.
    """
    plan = plan or incremental.Plan.start(app, None)
    destination = destination.absolute()
    app.config.update(FREEZER_SETTINGS, FREEZER_DESTINATION=str(destination))
    urls, endpoints = _generate_urls(app, plan)
    total = len(urls)

    def progress(done: int) -> None:
        report("render", done, max(total, done))

    count = shards.worker_count(sum(plan.is_clean(url) is None for url in urls), workers)
    if count == 1:
        written = shards.render_shard(app, plan, destination, urls, progress)
    else:
        written = shards.render(app, plan, destination, shards.split(urls, plan, count), progress)
    if every_endpoint:
        _check_endpoints(app, endpoints, written.values())
    linked = set(plan.linked)
    plan.rendered = [name for name in written if name not in linked]
    return sorted(written)


def _generate_urls(app: Flask, plan: incremental.Plan) -> tuple[list[str], set[str]]:
    """Every URL the generators yield, once each, in order, as Frozen-Flask names them; and their endpoints."""
    urls: dict[str, None] = {}
    endpoints: set[str] = set()
    plan.start_generating()
    try:
        with app.test_request_context():
            for generator in url_generators():
                for endpoint, values in generator():
                    plan.note_generated(endpoint, values)
                    endpoints.add(endpoint)
                    urls[urlsplit(unquote(url_for(endpoint, **values))).path] = None
    except BuildError:
        raise
    except Exception as error:
        raise BuildError(f"listing the site's URLs failed: {type(error).__name__}: {error}") from error
    return list(urls), endpoints


def _check_endpoints(app: Flask, endpoints: set[str], urls: Iterable[str]) -> None:
    """Fail when an endpoint froze nothing: a fixture with every kind of item must have a URL of each."""
    adapter = app.url_map.bind("localhost")
    seen = endpoints | {adapter.match(url, method="GET")[0] for url in urls}
    missing = {rule.endpoint for rule in app.url_map.iter_rules() if "GET" in (rule.methods or ())} - seen
    if missing:
        raise BuildError(f"nothing frozen for endpoints {', '.join(sorted(missing))}: a URL generator is missing")


def post_build(release: Path, files: list[str], report: Progress, plan: incremental.Plan | None = None) -> None:
    """Index the pages for search, then precompress the index's scripts (.br and .gz) for WhiteNoise to send
    as they are (the rendered outputs got theirs as they were written: site_builder/shards.py).

    With a `plan`, the search index's shards in which no indexed page changed are linked from the previous
    release (site_builder/search.py), and their compressed copies with them.
    """
    from concurrent.futures import ThreadPoolExecutor

    from site_builder.search import SearchIndexError, update_search_index

    previous = plan.previous_release if plan is not None and plan.incremental else None
    linked = set(plan.linked) if previous is not None else set()
    changed = None  # the outputs re-rendered, and those gone since the previous release
    if previous is not None and plan is not None and plan.previous is not None:
        gone = {output.path for output in plan.previous.outputs.values()}.difference(files)
        changed = [*(name for name in files if name not in linked), *gone]
    report("search", 0, 1)
    try:
        index = update_search_index(release, files, changed, previous)
    except SearchIndexError as error:
        raise BuildError(str(error)) from error
    linked.update(index.reused)
    index_files = index.files
    report(f"search {index.seconds:.1f} s ({len(index.shards)} shards indexed)", 1, 1)
    # Pagefind's own index chunks (.pf_*) are compressed already; its scripts and styles are not.
    written = [name for name in index_files if Path(name).suffix in (".js", ".css", ".json")]
    compressible = [name for name in written if Path(name).suffix in COMPRESSIBLE]

    def compress(name: str) -> None:
        path = release / name
        if name in linked and previous is not None:
            # The same bytes as the previous release's file, so the same compressed copies.
            for suffix in (".gz", ".br"):
                for _, copy in incremental.previous_files(previous, [name + suffix]):
                    incremental.link_or_copy(copy, path.with_name(path.name + suffix))
            return
        compress_copies(path)

    # zlib and brotli release the GIL, so threads use every core.
    with ThreadPoolExecutor() as pool:
        for done, _ in enumerate(pool.map(compress, compressible), start=1):
            report("compress", done, len(compressible))


