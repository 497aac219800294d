"""Markdown → sanitised HTML, cached on disk by content hash.

Contributed text is untrusted: the allow-list below is the only HTML that reaches a page.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

import markdown
import nh3

# Bump when the Markdown extensions or the allow-list change, so old cache entries are ignored.
RENDERER_VERSION = "1"

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "em",
    "h2",
    "h3",
    "h4",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
    "del",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto", "tel", "geo"}


def render_markdown(text: str) -> str:
    html = markdown.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    # Headings start at h2: the page title is the only h1.
    html = _demote_h1(html)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def _demote_h1(html: str) -> str:
    return html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")


class MarkdownCache:
    """Rendered HTML by sha256 of (renderer version, source); kept between builds when given a folder."""

    # Rendered HTML by folder, shared by the caches of one process: a worker that builds after every
    # publish reads the folder once, not 10,000 files per build.
    _shared: dict[Path | None, dict[str, str]] = {}
    _packed: dict[Path, frozenset[str]] = {}  # the keys in each folder's pack file
    SHARED_LIMIT = 100_000
    PACK = "pack.pickle"  # what the last build used, in one file: a new process reads it, not 10,000 files

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self.hits = 0
        self.misses = 0
        self.used: set[str] = set()
        self._memory: dict[str, str] = self._shared.setdefault(folder, {}) if folder is not None else {}
        if len(self._memory) > self.SHARED_LIMIT:
            self._memory.clear()
        if folder is not None and folder not in self._packed:
            try:
                with open(folder / self.PACK, "rb") as stream:
                    pack = pickle.load(stream)  # noqa: S301 - our own cache file
            except (OSError, pickle.UnpicklingError, EOFError, ValueError):
                pack = {}
            if isinstance(pack, dict):
                self._memory.update(pack)
                self._packed[folder] = frozenset(pack)

    def save_pack(self) -> None:
        """Write the pack of what this cache rendered or found, when the pack lacks more than a few of those
        (a publish adds one body: the per-file cache has it; rewriting the pack each time would cost more)."""
        if self.folder is None:
            return
        missing = len(self.used - self._packed.get(self.folder, frozenset()))
        if self.folder in self._packed and missing <= max(50, len(self.used) // 100):
            return
        pack = {key: self._memory[key] for key in self.used}
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.folder / f".{self.PACK}.{os.getpid()}.tmp"
        with open(temporary, "wb") as stream:
            pickle.dump(pack, stream, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(self.folder / self.PACK)
        self._packed[self.folder] = frozenset(pack)

    def render(self, text: str) -> str:
        key = hashlib.sha256(f"{RENDERER_VERSION}\0{text}".encode()).hexdigest()
        self.used.add(key)
        if key in self._memory:
            self.hits += 1
            return self._memory[key]
        path = self.folder / key[:2] / f"{key}.html" if self.folder else None
        if path is not None and path.is_file():
            html = path.read_text(encoding="utf-8")
            self.hits += 1
        else:
            html = render_markdown(text)
            self.misses += 1
            if path is not None:
                _write_atomically(path, html)
        self._memory[key] = html
        return html


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)
