"""One build's plan: record what each URL reads while Frozen-Flask renders it, and link what is clean."""

from __future__ import annotations

import hashlib
import os
import pickle
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask, Response, request

from site_builder import catalog as c
from site_builder.incremental.files import link_or_copy, url_to_path
from site_builder.incremental.record import Output, State, load_state
from site_builder.incremental.versions import CODE_VERSION, Call, Key, Versions, stamp


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
