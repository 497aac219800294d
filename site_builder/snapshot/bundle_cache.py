"""Parsed, valid bundles kept between loads, so an unchanged folder is not read and checked again."""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from time import time_ns

from site_builder.snapshot.bundles import Bundle


class BundleCache:
    """Parsed and validated bundles by folder, reused while its files' names, sizes and mtimes stay the same.

    Kept in memory for a long-lived process (the CMS publisher) and in a pickle between processes.
    Cross-references are checked over every bundle on every load, cached or not.
    """

    FORMAT = 1
    RACY_NS = 3_000_000_000  # a file changed this recently may change again within the same mtime tick
    _memory: dict[Path, dict[str, tuple[tuple, Bundle]]] = {}

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.changed = False
        found = self._memory.get(self.path)
        if found is None:
            try:
                with open(self.path, "rb") as stream:
                    saved = pickle.load(stream)  # noqa: S301 - our own cache file
                found = saved["bundles"] if saved.get("format") == (self.FORMAT, _code_digest()) else {}
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, KeyError, TypeError):
                found = {}
        self.bundles: dict[str, tuple[tuple, Bundle]] = found
        self.seen: set[str] = set()

    @staticmethod
    def signature(folder: Path) -> tuple:
        with os.scandir(folder) as entries:
            stats = [(e.name, e.stat()) for e in entries if e.is_file()]
        return tuple(sorted((name, st.st_size, st.st_mtime_ns) for name, st in stats))

    def get(self, key: str, signature: tuple) -> Bundle | None:
        self.seen.add(key)
        found = self.bundles.get(key)
        return found[1] if found is not None and found[0] == signature else None

    def put(self, key: str, signature: tuple, bundle: Bundle) -> None:
        if any(mtime > time_ns() - self.RACY_NS for _, _, mtime in signature):
            return  # not trusted yet: read it again next time
        self.bundles[key] = (signature, bundle)
        self.changed = True

    def save(self) -> None:
        for gone in set(self.bundles) - self.seen:
            del self.bundles[gone]
            self.changed = True
        self._memory[self.path] = self.bundles
        if not self.changed:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        with open(temporary, "wb") as stream:
            pickle.dump({"format": (self.FORMAT, _code_digest()), "bundles": self.bundles}, stream, protocol=5)
        temporary.replace(self.path)


def _code_digest() -> str:
    """The code that parses and validates a bundle: a cache made by other code is not used."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for path in sorted([*here.rglob("*"), here.parent / "catalog.py"]):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.read_bytes())
    return digest.hexdigest()
