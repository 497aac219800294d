"""The last build's record on disk: each URL's file, reads and links, with the versions it was made from."""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from site_builder.incremental.versions import Call, Key

STATE_FILE = "state.pickle"
PATCHES_FILE = "state.patches"  # patch builds append (outputs, versions) here; a full build starts over
APPLYING = "applying-patch"  # present while a patch is written into the live release


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
