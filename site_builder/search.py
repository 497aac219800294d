"""The static search index: Pagefind, in shards that an edit re-indexes one at a time.

Pages opt in with `data-pagefind-body` (attraction and event pages) and carry `type` and `category`
filters, so the search page can narrow results without a server.

Pagefind has no incremental mode (its index numbers every page), and its Python API answers one
message per 0.1 s, too slow for thousands of pages. So the pages are spread over buckets by the
name of their folder (an item's pages in every language often share it), and each bucket's pages
in one language are a shard: a Pagefind bundle of its own, indexed by the Pagefind binary from hard
links to those pages only. `shards.json` names the shards of each language; the search page merges
them with Pagefind's `mergeIndex`. A build or patch indexes again only the shards in which an
indexed page changed, came or went, and links the others from the previous bundle, so the bundle
is the same bytes as a clean build's. A page's result (URL, title, excerpt, filters) is the one a
single index of every page gives; results from several shards are ordered by Pagefind's merge of
their scores, which each shard weighs by its own page count.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import posixpath
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import cbor2

BUNDLE = "pagefind"
MANIFEST = "shards.json"  # in BUNDLE: how many shards the pages are spread over, and which hold pages
SHARD_PAGES = 1000  # HTML pages per bucket, about (a shard is a bucket's pages in one language); doubles as needed
# Pagefind's binary files: this signature, then CBOR, all gzipped.
SIGNATURE = b"pagefind_dcd"
# What the search page needs of a Pagefind bundle; its UI scripts and styles are left out of each shard.
KEPT = re.compile(r"pagefind\.js|pagefind-worker\.js|pagefind-entry\.json|wasm\.[\w-]+\.pagefind|pagefind\..+\.pf_meta")
# An element with the attribute (content text cannot contain a raw "<").
INDEXED = re.compile(rb"<[^<>]*\sdata-pagefind-body[\s/>=]")
LANGUAGE = re.compile(rb"<html[^<>]*\slang=\"?([^\"\s>]+)")  # Pagefind keeps an index per <html lang>


class SearchIndexError(RuntimeError):
    pass


@dataclass(frozen=True)
class SearchIndex:
    folder: Path
    seconds: float
    files: list[str]  # relative to the release, compressed copies left out
    reused: list[str] = field(default_factory=list)  # of those, the ones linked from the previous bundle
    shards: list[str] = field(default_factory=list)  # shards indexed by this build


def build_search_index(release: Path, subdir: str = BUNDLE) -> SearchIndex:
    """Index every page of `release` into `release`/`subdir`/, as a clean build does."""
    pages = [path.relative_to(release).as_posix() for path in release.rglob("*.html")]
    return update_search_index(release, pages, subdir=subdir)


def update_search_index(
    release: Path,
    pages: Iterable[str],
    changed: Iterable[str] | None = None,
    previous: Path | None = None,
    before: Path | None = None,
    subdir: str = BUNDLE,
    compress: Callable[[Path], None] | None = None,
) -> SearchIndex:
    """Write the search bundle of `release` (whose HTML outputs are `pages`) into `release`/`subdir`/.

    With `previous` (a release whose bundle is `previous`/BUNDLE), only the shards of `changed`
    pages (re-rendered, added or removed) are indexed again, and only if the page is indexed now or
    was before (its old bytes are in `before`, `previous` unless said); the rest are linked.
    With `compress`, the bundle's scripts and JSON get their compressed copies too (linked or made).
    """
    started = time.perf_counter()
    html = sorted({name for name in pages if name.endswith(".html")})
    count = shard_count(len(html))
    kept, stale = _reusable(release, count, changed, previous, before)
    indexed = _pages_to_index(release, html, count, stale)
    folder = release / subdir
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    reused: list[str] = []
    for shard in sorted(kept):
        assert previous is not None
        reused += _link_shard(previous / BUNDLE / shard, folder / shard, release, compressed=compress is not None)
    with ThreadPoolExecutor(2) as pool:  # two runs at a time: each one's start-up and writing leave a core idle
        written = pool.map(lambda shard: _index_shard(release, folder / shard, indexed[shard]), sorted(indexed))
        files = [*reused, *(name for names in written for name in names)]
    if not indexed and not kept:
        raise SearchIndexError("no page has data-pagefind-body, so there is nothing to search")
    languages: dict[str, list[str]] = {}
    for shard in sorted({*indexed, *kept}):
        languages.setdefault(shard.rpartition("-")[0], []).append(shard)
    manifest = folder / MANIFEST
    manifest.write_text(json.dumps({"count": count, "shards": languages}, separators=(",", ":")), encoding="utf-8")
    files.append(manifest.relative_to(release).as_posix())
    if compress is not None:
        done = set(reused)
        for name in files:
            if name not in done and Path(name).suffix in (".js", ".css", ".json"):  # Pagefind's chunks are gzipped
                compress(release / name)
    return SearchIndex(folder, time.perf_counter() - started, sorted(files), sorted(reused), sorted(indexed))


def shard_count(pages: int) -> int:
    """How many buckets `pages` HTML pages are spread over: a power of two, about SHARD_PAGES pages each."""
    count = 1
    while count * SHARD_PAGES < pages:
        count *= 2
    return count


def shard_of(page: str, count: int) -> str:
    """The bucket of a page: by its folder's name, which an item's pages often share in every language."""
    digest = hashlib.sha256(PurePosixPath(page).parent.name.encode("utf-8")).digest()
    return f"{int.from_bytes(digest[:4], 'big') % count:02d}"


def _reusable(
    release: Path, count: int, changed: Iterable[str] | None, previous: Path | None, before: Path | None
) -> tuple[set[str], set[str] | None]:
    """The previous bundle's shards that stay as they are, and the shards to index again (None: all)."""
    old = _manifest(previous / BUNDLE) if previous is not None else None
    if previous is None or old is None or old.get("count") != count or changed is None:
        return set(), None
    stale = set()
    for name in changed:
        stale.update(f"{language}-{shard_of(name, count)}" for language in _touched(release, before or previous, name))
    return {shard for shards in old["shards"].values() for shard in shards} - stale, stale


def _pages_to_index(release: Path, html: list[str], count: int, stale: set[str] | None) -> dict[str, list[str]]:
    """The indexed pages of each shard to index (every one when `stale` is None), read for their language."""
    buckets: dict[str, list[str]] = {}
    for name in html:
        buckets.setdefault(shard_of(name, count), []).append(name)
    indexed: dict[str, list[str]] = {}
    for bucket in sorted(buckets if stale is None else {shard.rpartition("-")[2] for shard in stale}):
        for name in buckets.get(bucket, []):
            language = _language(release / name)
            shard = f"{language}-{bucket}"
            if language is not None and (stale is None or shard in stale):
                indexed.setdefault(shard, []).append(name)
    return indexed


def _manifest(bundle: Path) -> dict | None:
    """The bundle's shards.json, or None when it has none (or one from before shards were per language)."""
    try:
        manifest = json.loads((bundle / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest.get("shards"), dict) else None


def _language(page: Path) -> str | None:
    """The language of an indexed page (its shard's prefix), or None for a page Pagefind leaves out."""
    try:
        html = page.read_bytes()
    except FileNotFoundError:
        return None
    if INDEXED.search(html) is None:
        return None
    found = LANGUAGE.search(html)
    language = re.sub(r"[^a-z0-9-]", "", found[1].decode("ascii", "replace").lower()) if found else ""
    return language or "unknown"


def _touched(release: Path, before: Path, name: str) -> set[str]:
    """The languages whose shard a changed output takes into re-indexing: an indexed page changed, came or went."""
    if not name.endswith(".html"):
        return set()
    now, then = release / name, before / name
    languages = {_language(now), _language(then)} - {None}
    if languages and now.is_file() and then.is_file() and now.read_bytes() == then.read_bytes():
        return set()
    return languages  # type: ignore[return-value]


def _index_shard(release: Path, shard: Path, pages: list[str]) -> list[str]:
    """Run the Pagefind binary over hard links to `pages` only, writing the bundle into `shard`."""
    from pagefind.service import get_executable

    binary = get_executable()
    if binary is None:
        raise SearchIndexError("the Pagefind binary is missing; install it with: pip install 'pagefind[bin]'")
    site = Path(tempfile.mkdtemp(prefix=".search-", dir=release.parent))
    try:
        for name in pages:
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            _link(release / name, site / name)
        command = [str(binary), "--site", str(site), "--output-path", str(shard), "--silent"]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=600)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise SearchIndexError(
                f"Pagefind could not run ({error}); install it with: pip install 'pagefind[bin]'"
            ) from error
    finally:
        shutil.rmtree(site, ignore_errors=True)
    if done.returncode != 0:
        raise SearchIndexError(
            f"Pagefind failed (exit {done.returncode}): {(done.stderr or done.stdout).strip()[-2000:]}"
        )
    if not (shard / "pagefind-entry.json").is_file():
        raise SearchIndexError(f"Pagefind ran but wrote no {shard / 'pagefind-entry.json'}")
    for path in shard.iterdir():
        if path.is_file() and not KEPT.fullmatch(path.name):
            path.unlink()
    canonicalise(shard)
    return sorted(p.relative_to(release).as_posix() for p in shard.rglob("*") if p.is_file())


def _link_shard(source: Path, target: Path, release: Path, compressed: bool) -> list[str]:
    """Link a shard the previous bundle has unchanged; the files linked, compressed copies left out.

    Plain strings, not Paths: a patch links every unchanged shard, about one file per indexed page."""
    names = []
    prefix = target.relative_to(release).as_posix()
    for folder, _, files in os.walk(source):
        inside = os.path.relpath(folder, source)
        into = os.path.join(target, inside)
        os.makedirs(into, exist_ok=True)
        for file in files:
            is_copy = file.endswith((".gz", ".br"))
            if compressed or not is_copy:
                _link(os.path.join(folder, file), os.path.join(into, file))
            if not is_copy:
                names.append(posixpath.normpath(f"{prefix}/{inside}/{file}"))
    return sorted(names)


def _link(source: str | Path, target: str | Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another filesystem
        shutil.copyfile(source, target)


def canonicalise(folder: Path) -> None:
    """Make Pagefind's filter indexes, metadata and entry file the same bytes for the same pages.

    Pagefind 1.5 writes filter values (and so the filter and metadata file names) in hash-map order,
    which changes from run to run (Pagefind issue #638). We sort them and rename the files by their
    content, the way Pagefind names them, so the same content still gives the same release.
    """
    entry_file = folder / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    for lang, language in sorted(entry["languages"].items()):
        meta_file = folder / f"pagefind.{language['hash']}.pf_meta"
        meta = _read(meta_file)
        renamed = {}
        for name, filter_hash in meta[3]:
            old = folder / "filter" / f"{filter_hash}.pf_filter"
            values = _read(old)
            values[1] = sorted(values[1], key=lambda value: value[0])
            renamed[name] = _write(old, values, f"{lang}_", 7)
        meta[3] = sorted([name, renamed[name]] for name, _ in meta[3])
        meta[5] = sorted(meta[5])
        language["hash"] = _write(meta_file, meta, f"pagefind.{lang}_", 10).removeprefix("pagefind.")
    entry["languages"] = dict(sorted(entry["languages"].items()))
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _read(path: Path) -> list:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise SearchIndexError(f"{path} is not a Pagefind index file this version understands")
    return cbor2.loads(data[len(SIGNATURE) :])


def _write(old: Path, value: list, prefix: str, digits: int) -> str:
    """Replace `old` by `value`, named by a digest of its bytes; return the new name without its suffix."""
    data = gzip.compress(SIGNATURE + cbor2.dumps(value), compresslevel=9, mtime=0)
    stem = prefix + hashlib.sha256(data).hexdigest()[:digits]
    old.unlink()
    old.with_name(stem + old.suffix).write_bytes(data)
    return stem
