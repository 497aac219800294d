"""A patch build: publish one edit by re-rendering only what it touched, into the live release.

A full or incremental build writes a whole new release and swaps it in; at 10,000 pages, linking the
unchanged ~100,000 files into it alone takes longer than the half second an edit may take. When the
last build's record says which outputs read what changed, and the URLs are the same as last time,
a patch build instead:

1. renders those outputs with Frozen-Flask into an empty staging folder, compresses the ones whose
   bytes differ from the live files, and stops there if anything fails (the live site is untouched);
2. moves each changed file into the live release with an atomic rename (readers see the old file or
   the new one, never half of one), and appends the new record to `state.patches`;
3. then brings the search index up to date: the shards of the changed pages, in a folder beside the
   live one that replaces it;
4. then prints the booklets (PDFs, seconds each) the edit touched and moves them in the same way, into
   the same undo step; until they are in, the record says "applying", so a cut-short build is full next.

Anything else (another stamp, a URL that came or went, a page that links something new) is left to
the incremental build, which writes a new release: a patch never guesses.
"""

from __future__ import annotations

import os
import shutil
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

from flask import Flask, url_for
from flask_frozen import Freezer, MissingURLGeneratorWarning

from site_builder import copied, incremental, releases
from site_builder.compression import COMPRESSIBLE, compress_copies
from site_builder.errors import BuildError
from site_builder.freezing import FREEZER_SETTINGS, freezing
from site_builder.web.app import url_generators

INDEXED = b"data-pagefind-body"
Progress = Callable[[str, int, int], None]  # (step, done, total)


class Patch:
    """What one patch build did, for the BuildResult."""

    def __init__(self, live: Path) -> None:
        self.live = live
        self.rendered: list[str] = []  # files Frozen-Flask rendered
        self.changed: list[str] = []  # of those, the ones whose bytes differ from the live file
        self.added: list[str] = []  # of the changed ones, files the live release did not have
        self.removed: list[str] = []  # files no output links any more (an old share image)
        self.live_seconds = 0.0  # from the start of the build until the changed files were live
        self.search_seconds = 0.0
        self.trailing_seconds = 0.0  # after the search index: the booklets (TRAILING) made live


def try_patch(app: Flask, out: Path, plan: incremental.Plan, started: float, report: Progress) -> Patch | None:
    """Patch the live release, or None when only a new release can be right (nothing was written then)."""
    live = releases.current(out)
    previous = plan.previous
    if previous is None or live is None or plan.previous_release is None:
        return None
    if live != plan.previous_release.resolve():
        return None  # someone rolled back: the record describes another release
    if plan.urls_may_differ():
        report("urls", 0, 1)
        plan.start_generating()
        with app.app_context():
            for generator in url_generators():
                for endpoint, values in generator():
                    plan.note_generated(endpoint, values)
        if plan.generated_digest() != previous.generated_digest:
            return None
    urls = plan.dirty_urls()
    patch = Patch(live)
    folder = releases.releases_dir(out)
    assert plan.versions is not None
    if not urls:
        if plan.dirty_keys:  # changed, but nothing reads it any more: remember the new versions
            incremental.save_patch(folder, previous, {}, {key: plan.versions[key] for key in plan.dirty_keys})
        patch.live_seconds = time.perf_counter() - started
        return patch
    trailing = [url for url in urls if url.endswith(TRAILING)]
    pages = [url for url in urls if url not in trailing]
    undo = None
    if pages:
        published = _publish(app, live, pages, plan, folder, patch, report, trailing=bool(trailing))
        if published is None:
            return None
        undo, searched = published
        patch.live_seconds = time.perf_counter() - started
        if searched and undo is not None:
            listed = [output.path for output in previous.outputs.values()]  # the same URLs: try_patch checked
            patch.search_seconds = _refresh_search_index(live, listed, searched, undo, report)
    else:
        patch.live_seconds = time.perf_counter() - started
    if trailing:  # the booklets follow the pages, as the search index does; one undo step for both
        moment = time.perf_counter()
        if _publish(app, live, trailing, plan, folder, patch, report, undo=undo) is None:
            raise BuildError("the pages are live, but a booklet now links a file no output had; build again")
        patch.trailing_seconds = time.perf_counter() - moment
    patch.rendered.sort()
    return patch


# Outputs that take seconds each (WeasyPrint's booklets): a patch makes the pages live first, then these.
# Until they are written the record says "applying", so a build cut short here is a full one next time.
TRAILING = (".pdf",)


def _publish(
    app: Flask,
    live: Path,
    urls: list[str],
    plan: incremental.Plan,
    folder: Path,
    patch: Patch,
    report: Progress,
    *,
    trailing: bool = False,
    undo: Path | None = None,
) -> tuple[Path | None, list[str]] | None:
    """Render `urls`, move the files whose bytes changed into the live release and record them: (the undo
    step, the indexed pages that changed), or None when only a new release can be right. With `trailing`,
    more outputs follow, and the APPLYING marker stays until they are written."""
    previous = plan.previous
    assert previous is not None and plan.versions is not None
    staging = folder / f"patch-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        written = _render(app, staging, urls, plan, report)
        new, orphans = _links_that_changed(app, plan, urls)
        if new:  # a page links a file no output had: a new share image after a title edit, say
            if undo is not None:
                return None
            written += _render(app, staging, new, plan, report)
            if any(plan.outputs[url].calls for url in new):
                return None  # and that links further: leave it to a full freeze
            urls = urls + new
        gone = [previous.outputs[url].path for url in orphans]
        rendered = sorted(set(written) - set(gone))
        changed = [name for name in rendered if not _same_bytes(staging / name, live / name)]
        patch.rendered += rendered
        patch.changed += changed
        patch.added += [name for name in changed if not (live / name).exists()]
        for name in changed:
            if Path(name).suffix in COMPRESSIBLE:
                compress_copies(staging / name)
        searched = [name for name in [*changed, *gone] if _indexed(staging / name) or _indexed(live / name)]
        if trailing:
            (folder / incremental.APPLYING).write_text(str(live))
        # Nothing to write (the re-rendered bytes are the same): no undo step, so rollback undoes a real change.
        if changed or gone:
            undo = _apply(staging, live, changed, gone, folder, undo)
        kept = [url for url in urls if url not in orphans]
        keys = plan.dirty_keys.union(*(plan.outputs[url].reads for url in kept))
        versions = {key: plan.versions[key] for key in keys}
        incremental.save_patch(folder, previous, {url: plan.outputs[url] for url in kept}, versions, orphans)
        patch.removed += gone
        if not trailing:
            (folder / incremental.APPLYING).unlink(missing_ok=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return undo, searched


def _render(app: Flask, staging: Path, urls: list[str], plan: incremental.Plan, report: Progress) -> list[str]:
    """Render exactly `urls` into `staging` with Frozen-Flask (its MIME checks on); the files written."""
    app.config.update(FREEZER_SETTINGS, FREEZER_DESTINATION=str(staging))
    # Only the given URLs: the pages they link exist already (try_patch checks they link the same).
    freezer = Freezer(app, with_static_files=False, with_no_argument_rules=False, log_url_for=False)
    freezer.register_generator(lambda: iter(urls))
    plan.install(freezer, staging)
    app.config["FREEZER_SKIP_EXISTING"] = copied.Linker(app, plan)  # nothing from the live release; copies linked
    written = []
    with freezing(app, plan):
        warnings.simplefilter("ignore", MissingURLGeneratorWarning)
        for done, page in enumerate(freezer.freeze_yield(), start=1):
            written.append(Path(page.path).as_posix())
            report("render", done, len(urls))
    plan.rendered = written
    return written


def _links_that_changed(app: Flask, plan: incremental.Plan, urls: list[str]) -> tuple[list[str], list[str]]:
    """After re-rendering `urls`: the URLs their url_for-only links (share images) now point at that no output
    had yet (to render), and the outputs no page links any more (to remove)."""
    assert plan.previous is not None
    outputs = plan.previous.outputs
    before = {_call_key(call): call for url in urls for call in outputs[url].calls}
    after = {_call_key(call): call for url in urls for call in plan.outputs[url].calls}
    if before.keys() == after.keys():
        return [], []
    rendered = set(urls)
    gone = before.keys() - after.keys()
    if gone:  # still linked from a page that was not re-rendered?
        gone -= {_call_key(call) for url, output in outputs.items() if url not in rendered for call in output.calls}
    with app.test_request_context():
        new = [_address(after[key]) for key in after.keys() - before.keys()]
        orphans = [_address(before[key]) for key in sorted(gone, key=repr)]
    return sorted({url for url in new if url not in outputs}), [url for url in orphans if url in outputs]


def _call_key(call: incremental.Call) -> tuple:
    endpoint, values = call
    return endpoint, tuple(sorted(values.items()))


def _address(call: incremental.Call) -> str:
    endpoint, values = call
    return unquote(url_for(endpoint, **values))  # as Frozen-Flask names it


def _indexed(page: Path) -> bool:
    """Whether Pagefind indexes this page (so a change to it makes the search index stale)."""
    return page.suffix == ".html" and page.is_file() and INDEXED in page.read_bytes()


def _same_bytes(new: Path, old: Path) -> bool:
    try:
        return old.stat().st_size == new.stat().st_size and old.read_bytes() == new.read_bytes()
    except FileNotFoundError:
        return False


def _apply(staging: Path, live: Path, changed: list[str], gone: list[str], folder: Path, undo: Path | None) -> Path:
    """Rename each changed file (and its compressed copies) over the live one and delete the `gone` ones,
    keeping the old files in the release's undo journal for `wistakon rollback` (releases.rollback).

    The APPLYING marker stays if this is cut short, so the next build is a full one into a new release.
    """
    (folder / incremental.APPLYING).write_text(str(live))
    undo = undo or releases.new_undo(live)  # the booklets that follow a patch join its undo step
    listed = undo / releases.ADDED
    added = listed.read_text(encoding="utf-8").splitlines() if listed.is_file() else []
    for name in [*changed, *gone]:
        for file in (name + ".gz", name + ".br", name):
            source, target = staging / file, live / file
            if target.is_file():
                (undo / file).parent.mkdir(parents=True, exist_ok=True)
                os.link(target, undo / file)  # the old bytes, kept under a new name
            elif source.is_file():
                added.append(file)
            if source.is_file() and name not in gone:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(source, target)
            else:
                target.unlink(missing_ok=True)  # gone, or now under 512 bytes: no compressed copy
    (undo / releases.ADDED).write_text("".join(f"{name}\n" for name in added), encoding="utf-8")
    return undo


def _refresh_search_index(live: Path, pages: list[str], changed: list[str], undo: Path, report: Progress) -> float:
    """Index the shards of the `changed` pages again, into a bundle beside the live one (the other shards
    linked into it), then rename it into place; the old one goes into the patch's undo step."""
    from site_builder.search import BUNDLE, SearchIndexError, update_search_index

    report("search", 0, 1)
    fresh = f".{BUNDLE}-{os.getpid()}"
    try:
        index = update_search_index(live, pages, changed, live, undo, fresh, compress=compress_copies)
    except SearchIndexError as error:
        shutil.rmtree(live / fresh, ignore_errors=True)
        raise BuildError(f"the pages are live, but the search index could not be refreshed: {error}") from error
    if (live / BUNDLE).exists():
        os.rename(live / BUNDLE, undo / BUNDLE)
    os.rename(index.folder, live / BUNDLE)
    report(f"search {index.seconds:.1f} s ({len(index.shards)} shards indexed)", 1, 1)
    return index.seconds
