"""The version of every key an output can read, and the stamp of what every output depends on."""

from __future__ import annotations

import hashlib
import importlib.metadata
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from flask import Flask

from site_builder import catalog as c

STATE_FORMAT = 2
WIDE = 200  # an output reading one aspect of more items of a kind than this depends on all of them
# (above a page of the app API, 100 items, so an edit re-renders only the API page that holds the item)
Key = tuple[str, str]
Call = tuple[str, dict[str, Any]]  # a url_for call: (endpoint, values)
LIBRARIES = ("flask", "werkzeug", "jinja2", "frozen-flask", "markdown", "nh3", "pillow", "brotli", "pagefind")
# The trade downloads' bytes depend on these too (site_builder/booklet.py, spreadsheet.py).
LIBRARIES += ("weasyprint", "pydyf", "openpyxl", "fontpkg-noto-sans")


def _package_digest() -> str:
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parents[1]  # site_builder/
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
