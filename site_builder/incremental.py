"""Incremental builds: record what each URL reads while it renders, and re-render only what changed.

While freezing, every request runs with a fresh `catalog.READS` set. Items record (uid, aspect) as
their fields are read, the Catalog records ("collection", name) as a collection is read. After a
successful build the map URL → (file, reads, url_for calls) is saved with the version of every key
(`state.pickle` beside the releases). The next build re-renders a URL only when a key it read has a
new version; the others are hard-linked from the previous release, which is never written to.
Each output also records ("template", name) for every theme template it loaded, so a changed template
re-renders only what used it. Anything else that affects every page (the theme's static files and
catalogs, code, today, base URL, site manifest) forces a full build.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import pickle
import shutil
import sys
import unicodedata
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from flask import Flask, Response, request

from site_builder import catalog as c

STATE_FILE = "state.pickle"
STATE_FORMAT = 2
PATCHES_FILE = "state.patches"  # patch builds append (outputs, versions) here; a full build starts over
APPLYING = "applying-patch"  # present while a patch is written into the live release
WIDE = 200  # an output reading one aspect of more items of a kind than this depends on all of them
# (above a page of the app API, 100 items, so an edit re-renders only the API page that holds the item)
Key = tuple[str, str]
Call = tuple[str, dict[str, Any]]  # a url_for call: (endpoint, values)
LIBRARIES = ("flask", "werkzeug", "jinja2", "frozen-flask", "markdown", "nh3", "pillow", "brotli", "pagefind")
# The trade downloads' bytes depend on these too (site_builder/booklet.py, spreadsheet.py).
LIBRARIES += ("weasyprint", "pydyf", "openpyxl", "fontpkg-noto-sans")


class Output(NamedTuple):
    """What one URL wrote and read (a tuple: the record holds tens of thousands, and loads fast)."""

    path: str  # relative to the release
    reads: frozenset[Key]
    calls: tuple[Call, ...]  # url_for calls made while rendering: the URLs it makes Frozen-Flask freeze


@dataclass
class State:
    release: str  # the release folder these outputs are in
    stamp: str  # digest of everything global
    versions: dict[Key, str]
    outputs: dict[str, Output]  # by URL
    generated: frozenset[tuple[str, tuple]] = frozenset()  # (endpoint, values) the URL generators yielded
    generated_digest: str = ""  # of those, in order: the same digest means the same URLs


def _package_digest() -> str:
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parent
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={importlib.metadata.version(name)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(name.encode())
    digest.update(sys.version.encode())
    return digest.hexdigest()


# The code this process runs: hashed once, when it was imported.
CODE_VERSION = _package_digest()


def stamp(app: Flask) -> str:
    """Everything that affects every page; a change means a full build."""
    config = app.config
    parts = (
        STATE_FORMAT,
        CODE_VERSION,
        config["THEME"].shared_fingerprint,  # templates are keys of their own: ("template", name)
        config["NOW"].isoformat(),
        config["BASE_URL"],
        config.get("CMS_URL", ""),
        repr(config["CATALOG"].site),
        config.get("CONTENT_DIR", ""),
        str(config.get("IMAGE_CACHE", "")),
        config.get("MAP_TILES", ""),
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()


# -- versions ---------------------------------------------------------------------------------------


class Versions:
    """The version of each key in one Catalog, computed when first asked."""

    def __init__(self, catalog: c.Catalog, scope: str = "", theme: Any = None) -> None:
        self.catalog = catalog
        self.theme = theme  # site_builder.web.theme.Theme: the version of ("template", name)
        self.scope = scope  # the build's stamp: item fields hold paths into the content folder, for one
        self.by_uid = catalog.by_uid
        self.by_kind: dict[str, list[c.Item]] = {}
        for name in c.COLLECTIONS:
            for item in c.unrecorded(catalog, name):
                self.by_kind.setdefault(type(item).kind, []).append(item)
        self.kind_of = {item.uid: kind for kind, items in self.by_kind.items() for item in items}
        self._known: dict[Key, str] = {}

    def widen(self, reads: Iterable[Key]) -> set[Key]:
        """`reads` with the same aspect of more than WIDE items of one kind replaced by one ("all", ...) key:
        a list of thousands of cards depends on one key, not on thousands (smaller records, same answer)."""
        reads = set(reads)
        if len(reads) <= WIDE:  # most outputs: no aspect of more than WIDE items can be among them
            return reads
        kind_of = self.kind_of
        counts: dict[tuple[str, str], int] = {}
        for uid, aspect in reads:
            kind = kind_of.get(uid)
            if kind is not None:
                counts[(kind, aspect)] = counts.get((kind, aspect), 0) + 1
        wide = {pair for pair, count in counts.items() if count > WIDE}
        if not wide:
            return reads
        kept = {key for key in reads if (kind_of.get(key[0]), key[1]) not in wide}
        kept.update(("all", f"{kind}.{aspect}") for kind, aspect in wide)
        return kept

    def __getitem__(self, key: Key) -> str:
        found = self._known.get(key)
        if found is None:
            token = c.READS.set(None)  # working out a version is not a read of the page being rendered
            try:
                found = self._known[key] = self._compute(key)
            finally:
                c.READS.reset(token)
        return found

    def _compute(self, key: Key) -> str:
        first, aspect = key
        if first == "all":  # ("all", "attraction.card"): that aspect of every item of that kind
            kind, _, of = aspect.partition(".")
            uids = sorted(item.uid for item in self.by_kind.get(kind, ()))
            return _digest(tuple(self[(uid, of)] for uid in uids))
        if first == "theme":  # ("theme", "fingerprint"): every file of the theme
            return self.theme.fingerprint if self.theme is not None else "no theme"
        if first == "template":
            return self.theme.template_version(aspect) if self.theme is not None else "no theme"
        if first == "collection":
            return _digest(tuple(item.uid for item in c.unrecorded(self.catalog, aspect)))
        if first == "summary":
            from site_builder.web.queries import SUMMARIES

            return _digest(SUMMARIES[aspect](self.catalog))
        item = self.by_uid.get(first)
        if item is None:
            return "absent"
        content = c.unrecorded(item, "content_hash")
        if aspect == "full":
            return f"{type(item).__name__}:{content}"
        # An item's fields come from its bundle alone, so the same content hash gives the same version.
        remembered = (self.scope, first, aspect, type(item).__name__, content)
        found = _ITEM_VERSIONS.get(remembered)
        if found is None:
            if len(_ITEM_VERSIONS) > 500_000:
                _ITEM_VERSIONS.clear()
            found = _ITEM_VERSIONS[remembered] = self._item_version(item, aspect)
        return found

    @staticmethod
    def _item_version(item: c.Item, aspect: str) -> str:
        values: list[object] = [type(item).__name__]
        for name, of in c.aspects_of(type(item)).items():
            if of != aspect:
                continue
            value = c.unrecorded(item, name)
            if name == "translations":
                value = tuple((lang, t.lang, t.slug, t.title, t.summary) for lang, t in value.items())
            values.append((name, value))
        return _digest(values)


# (stamp, uid, aspect, kind, content hash) → version, kept for the life of the process (a worker builds often).
_ITEM_VERSIONS: dict[tuple[str, str, str, str, str], str] = {}


def _digest(value: object) -> str:
    return hashlib.blake2b(repr(value).encode(), digest_size=12).hexdigest()


# -- state on disk ---------------------------------------------------------------------------------


def load_state(folder: Path) -> State | None:
    """The last successful build's record, if its release still exists: the full build's record plus the
    patches applied since. A worker keeps it in memory while the files stay as it left them."""
    signature = _signature(folder)
    kept = _STATES.get(folder)
    if kept is not None and kept[0] == signature:
        found: State | None = kept[1]
    else:
        found = _read_state(folder)
    if found is None or not (folder / found.release).is_dir() or (folder / APPLYING).exists():
        return None  # no record, or a patch was cut short: the next build is a full one
    _STATES[folder] = (signature, found)
    return found


def _read_state(folder: Path) -> State | None:
    try:
        with open(folder / STATE_FILE, "rb") as stream:
            found = pickle.load(stream)  # noqa: S301 - our own file, beside our own releases
        if not isinstance(found, State):
            return None
        with suppress(FileNotFoundError), open(folder / PATCHES_FILE, "rb") as stream:
            while True:
                try:
                    release, outputs, versions, removed = pickle.load(stream)  # noqa: S301 - as above
                except EOFError:
                    break
                if release != found.release:
                    return None
                found.outputs.update(outputs)
                found.versions.update(versions)
                for url in removed:
                    found.outputs.pop(url, None)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError):
        return None
    return found


def _signature(folder: Path) -> tuple:
    found = []
    for name in (STATE_FILE, PATCHES_FILE):
        try:
            info = (folder / name).stat()
        except OSError:
            found.append(None)
        else:
            found.append((info.st_ino, info.st_size, info.st_mtime_ns))
    return tuple(found)


# folder → (files' signature, State): the record this process read or wrote last.
_STATES: dict[Path, tuple[tuple, State]] = {}


def save_state(folder: Path, state: State) -> None:
    """A full build's record; the patches of the release before it no longer apply."""
    temporary = folder / f".{STATE_FILE}.{os.getpid()}.tmp"
    with open(temporary, "wb") as stream:
        pickle.dump(state, stream, protocol=pickle.HIGHEST_PROTOCOL)
    with suppress(FileNotFoundError):
        (folder / PATCHES_FILE).unlink()
    temporary.replace(folder / STATE_FILE)
    _STATES[folder] = (_signature(folder), state)


def save_patch(
    folder: Path, state: State, outputs: dict[str, Output], versions: dict[Key, str], removed: Iterable[str] = ()
) -> None:
    """Record a patch build: append what changed (small) instead of writing the whole record again."""
    removed = tuple(removed)
    state.outputs.update(outputs)
    state.versions.update(versions)
    for url in removed:
        state.outputs.pop(url, None)
    with open(folder / PATCHES_FILE, "ab") as stream:
        pickle.dump((state.release, outputs, versions, removed), stream, protocol=pickle.HIGHEST_PROTOCOL)
    _STATES[folder] = (_signature(folder), state)


def link_or_copy(source: Path, target: Path) -> None:
    """Put `source`'s bytes at `target` (a new name) without ever opening `source` for writing."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError:  # another filesystem: copy to a new file, then rename it into place
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        shutil.copyfile(source, temporary)
        temporary.replace(target)


def url_to_path(url: str) -> str:
    """The file Frozen-Flask writes for `url` (its urlpath_to_filepath, NFC-normalised)."""
    return unicodedata.normalize("NFC", (url + "index.html" if url.endswith("/") else url)[1:])


# -- memoised pure steps ----------------------------------------------------------------------------------


class Memo:
    """Results of pure, costly steps, kept between builds (none at the moment: API documents' schema checks
    used to be remembered here, by a digest of the schema name and the document)."""

    FILE = "incremental-memo.pickle"
    _memory: dict[Path | None, dict[str, Any]] = {}

    def __init__(self, folder: Path | None) -> None:
        self.path = Path(folder) / self.FILE if folder is not None else None
        found = self._memory.get(self.path) if self.path is not None else None
        if found is None and self.path is not None:
            try:
                with open(self.path, "rb") as stream:
                    found = pickle.load(stream)  # noqa: S301 - our own cache file
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
                found = None
        if not isinstance(found, dict) or found.get("code") != CODE_VERSION:
            found = {"code": CODE_VERSION, "valid": set()}
        self.valid: set[bytes] = found["valid"]
        self.used: set[bytes] = set()

    def save(self, prune: bool = True) -> None:
        """Keep what this build used (`prune`), or everything known (a patch build uses only a few)."""
        if self.path is None:
            return
        found = {"code": CODE_VERSION, "valid": self.used if prune else self.valid}
        self._memory[self.path] = found
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        with open(temporary, "wb") as stream:
            pickle.dump(found, stream, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(self.path)


# -- recording while freezing -------------------------------------------------------------------------


class _Unlisted(deque):
    """Frozen-Flask's queue of url_for calls, keeping only calls to URLs the generators do not yield."""

    def __init__(self, generated: set[tuple[str, tuple]]) -> None:
        super().__init__()
        self.generated = generated

    def append(self, call: Call) -> None:
        endpoint, values = call
        try:
            listed = (endpoint, tuple(sorted(values.items()))) in self.generated
        except TypeError:
            listed = False
        if not listed:
            super().append(call)


@contextmanager
def recording(into: set[Key] | None = None) -> Iterator[set[Key]]:
    """Record reads into a fresh set (also passed on to the enclosing recording, if any)."""
    outer = c.READS.get()
    reads: set[Key] = set() if into is None else into
    token = c.READS.set(reads)
    try:
        yield reads
    finally:
        c.READS.reset(token)
        if outer is not None:
            outer.update(reads)


@dataclass
class Plan:
    """One build's decisions: which URLs to re-render, which to link, and what each one read."""

    app: Flask
    previous: State | None
    previous_release: Path | None
    destination: Path | None = None
    stamp: str = ""
    versions: Versions | None = None
    dirty_keys: set[Key] = field(default_factory=set)
    outputs: dict[str, Output] = field(default_factory=dict)
    rendered: list[str] = field(default_factory=list)  # files written by Frozen-Flask
    linked: list[str] = field(default_factory=list)  # files linked from the previous release
    image_owner: dict[str, str] = field(default_factory=dict)
    memo: Memo | None = None
    generated: set[tuple[str, tuple]] = field(default_factory=set)  # (endpoint, values) the generators yield
    _generated_digest: Any = field(default_factory=lambda: hashlib.blake2b(digest_size=16))
    _interned: dict[Key, Key] = field(default_factory=dict)
    _sets: dict[frozenset[Key], frozenset[Key]] = field(default_factory=dict)
    _logged: Any = None  # Frozen-Flask's queue of url_for calls still to freeze
    _calls: list[Call] | None = None
    _token: Any = None

    @classmethod
    def start(cls, app: Flask, state_folder: Path | None, cache_dir: Path | None = None) -> Plan:
        catalog: c.Catalog = app.config["CATALOG"]
        catalog.by_uid  # noqa: B018 - built now, so no URL records the whole catalog for it
        build_stamp = stamp(app)
        plan = cls(app, None, None, stamp=build_stamp, versions=Versions(catalog, build_stamp, app.config["THEME"]))
        plan.memo = Memo(cache_dir or state_folder) if state_folder is not None else Memo(None)
        previous = load_state(state_folder) if state_folder is not None else None
        if state_folder is not None and previous is not None and previous.stamp == plan.stamp:
            plan.previous, plan.previous_release = previous, state_folder / previous.release
            plan.dirty_keys = {key for key, version in previous.versions.items() if plan.versions[key] != version}
            plan.generated = set(previous.generated)
        plan.image_owner = {
            image.file: item.uid
            for item in (*catalog.attractions, *catalog.events, *catalog.promotions)
            for image in item.images
        }
        return plan

    @property
    def incremental(self) -> bool:
        return self.previous is not None

    def is_clean(self, url: str) -> Output | None:
        """The previous output of `url` if nothing it read has changed."""
        if self.previous is None:
            return None
        found = self.previous.outputs.get(url)
        if found is None or not found.reads.isdisjoint(self.dirty_keys):
            return None
        return found

    def dirty_urls(self) -> list[str]:
        """The URLs of the last build that read something that changed since."""
        assert self.previous is not None
        dirty = self.dirty_keys
        return [url for url, output in self.previous.outputs.items() if not output.reads.isdisjoint(dirty)]

    def urls_may_differ(self) -> bool:
        """Whether the URL generators might yield other URLs than last time. Only changes of text and
        facts no URL is made from (the "full" aspect: body, hours, prices…) cannot add or remove one."""
        return any(not (aspect == "full" or aspect.endswith(".full")) for _, aspect in self.dirty_keys)

    def start_generating(self) -> None:
        """Forget the URLs generated before: the generators are about to run."""
        self.generated.clear()  # in place: Frozen-Flask's queue (_Unlisted) holds this set
        self._generated_digest = hashlib.blake2b(digest_size=16)

    def generated_digest(self) -> str:
        return self._generated_digest.hexdigest()

    # Frozen-Flask hooks ----------------------------------------------------------------------------

    def install(self, freezer: Any, destination: Path) -> None:
        """Hook the app and the freezer: record each request, and link what need not be rendered."""
        self.destination = destination
        app = self.app
        app.before_request_funcs.setdefault(None, []).append(self._before)
        app.after_request_funcs.setdefault(None, []).insert(0, self._after)
        app.url_default_functions.setdefault(None, []).insert(0, self._log_call)
        # Frozen-Flask queues every url_for call until the generators are done: millions of links on a
        # big site. Only links to what no generator yields (share images) need freezing from the queue.
        freezer.url_for_logger.logged_calls = _Unlisted(self.generated)
        self._logged = freezer.url_for_logger.logged_calls
        app.config["FREEZER_SKIP_EXISTING"] = self._skip

    def uninstall(self) -> None:
        app = self.app
        app.before_request_funcs[None].remove(self._before)
        app.after_request_funcs[None].remove(self._after)
        app.url_default_functions[None].remove(self._log_call)
        app.config["FREEZER_SKIP_EXISTING"] = False

    @contextmanager
    def discovering(self) -> Iterator[None]:
        """While URLs are generated and rendered. API documents are checked against their schema each time
        they are built: the compiled check costs less than the digest that used to skip it."""
        yield

    def _before(self) -> None:
        self._calls = []
        self._token = c.READS.set(set())

    def _after(self, response: Response) -> Response:
        reads = c.READS.get() or set()
        c.READS.reset(self._token)
        reads.update(self.file_reads(request.endpoint or "", request.view_args or {}))
        calls = tuple({repr(call): call for call in self._calls or ()}.values())  # each link once
        self.record(request.path, reads, calls)
        self._calls = None
        return response

    def record(self, url: str, reads: set[Key], calls: tuple[Call, ...] = ()) -> None:
        """What `url` wrote and read; keys and key sets are shared between outputs (smaller records)."""
        assert self.versions is not None
        reads = self.versions.widen(reads)
        interned = self._interned
        shared = frozenset(interned.setdefault(key, key) for key in reads)
        shared = self._sets.setdefault(shared, shared)  # list pages of one collection read the same keys
        self.outputs[url] = Output(url_to_path(url), shared, calls)

    def merge(self, outputs: dict[str, Output], linked: list[str]) -> None:
        """Take in what another process recorded while rendering its shard (site_builder/shards.py)."""
        sets = self._sets
        for url, output in outputs.items():
            reads = sets.setdefault(output.reads, output.reads)
            self.outputs[url] = output if reads is output.reads else output._replace(reads=reads)
        self.linked.extend(linked)

    def file_reads(self, endpoint: str, values: dict[str, Any]) -> set[Key]:
        """What a served file depends on that its URL does not say: an original image can be replaced."""
        if endpoint == "media.image":
            return {(self.image_owner.get(values["file"], "?"), "card")}
        return set()

    def note_generated(self, endpoint: str, values: dict[str, Any]) -> None:
        with suppress(TypeError):
            key = (endpoint, tuple(sorted(values.items())))
            self.generated.add(key)
            self._generated_digest.update(repr(key).encode())

    def _log_call(self, endpoint: str, values: dict[str, Any]) -> None:
        # Only links to what no generator yields (e.g. share images) must be replayed for a linked page.
        if self._calls is None:
            return
        try:
            key = (endpoint, tuple(sorted(values.items())))
        except TypeError:
            key = None
        if key is None or key not in self.generated:
            self._calls.append((endpoint, values.copy()))

    def _skip(self, url: str, path: str) -> bool:
        found = self.is_clean(url)
        if found is None or self.previous_release is None:
            return False
        source = self.previous_release / found.path
        target = Path(path)
        if target.exists() or found.path != target.relative_to(self.destination).as_posix() or not source.is_file():
            return False
        link_or_copy(source, target)
        self.outputs[url] = found
        self.linked.append(found.path)
        self._logged.extend((endpoint, dict(values)) for endpoint, values in found.calls)
        return True

    # after the freeze -------------------------------------------------------------------------------

    def state(self, release: str) -> State:
        assert self.versions is not None
        keys = {key for output in self.outputs.values() for key in output.reads}
        return State(
            release,
            self.stamp,
            {key: self.versions[key] for key in keys},
            dict(self.outputs),
            frozenset(self.generated),
            self.generated_digest(),
        )


def previous_files(release: Path, names: Iterable[str]) -> Iterator[tuple[str, Path]]:
    """(name, file) for each of `names` that exists in `release`."""
    for name in names:
        path = release / name
        if path.is_file():
            yield name, path
