"""The printable booklet: a theme's HTML in, PDF bytes out, through WeasyPrint.

Pure: no Flask. The same HTML gives the same bytes: the dates WeasyPrint writes come from the HTML's
`dcterms.created` / `dcterms.modified` meta tags (the build's date), the file identifier is a digest
of the HTML, and the only font is Noto Sans from the `fontpkg-noto-sans` wheel, embedded (subset).
Noto Sans is a variable font: WeasyPrint makes each weight a static font with fontTools, which stamps
the font's `head.modified` with the clock unless SOURCE_DATE_EPOCH is set; we set it to the build's date.
WeasyPrint may fetch nothing but that font: no network, no file a contributor could name.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import fontpkg_noto_sans
from weasyprint import HTML
from weasyprint.urls import URLFetcher

FONT_FAMILY = "Booklet Sans"
FONT_FILES = {
    "normal": fontpkg_noto_sans.ROOT / "files" / "NotoSans[wdth,wght].ttf",
    "italic": fontpkg_noto_sans.ROOT / "files" / "NotoSans-Italic[wdth,wght].ttf",
}
_KEPT = 16  # booklets kept in memory: a worker re-renders the same year often, a PDF takes ~0.5 s


class BookletError(RuntimeError):
    """WeasyPrint could not render a booklet."""


class _FontsOnly(URLFetcher):
    """Fetches the booklet's own font files and refuses every other URL."""

    allowed = frozenset(path.as_uri() for path in FONT_FILES.values())

    def fetch(self, url: str, headers: object = None) -> object:
        if url not in self.allowed:
            raise ValueError(f"the booklet fetches nothing but its fonts; refused {url[:80]!r}")
        return super().fetch(url, headers)


def font_faces() -> str:
    """@font-face rules for the variable Noto Sans: one per style and weight the booklet uses."""
    rules = []
    for style, path in FONT_FILES.items():
        name = path.as_uri().rsplit("/", 1)[1]  # relative to the font folder: the HTML names no local path
        for weight in (400, 700):
            rules.append(
                f'@font-face{{font-family:"{FONT_FAMILY}";src:url("{name}");font-style:{style};font-weight:{weight}}}'
            )
    return "\n".join(rules)


_RENDERED: OrderedDict[str, bytes] = OrderedDict()


@contextmanager
def _source_date(made: datetime) -> Iterator[None]:
    """SOURCE_DATE_EPOCH (reproducible-builds.org) set to `made` while WeasyPrint and fontTools work."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(made.timestamp()))
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def _recipe() -> str:
    """What besides the HTML decides a booklet's bytes: WeasyPrint, its PDF writer and the font."""
    names = ("weasyprint", "pydyf", "fontpkg-noto-sans")
    return "|".join(f"{name}={importlib.metadata.version(name)}" for name in names)


def render_pdf(html: str, made: datetime, cache: Path | None = None) -> bytes:
    """The PDF of `html` (a whole document with its CSS inline) made on `made` (aware): same input, same bytes.

    With a `cache` folder, a PDF is kept there by a digest of its input, like image renditions: a full
    rebuild (a template or the code changed) prints only the booklets whose HTML changed. A booklet of
    a thousand events takes WeasyPrint a minute.
    """
    digest = hashlib.sha256(f"{made.isoformat()}\0{_recipe()}\0{html}".encode()).hexdigest()
    found = _RENDERED.get(digest)
    kept = Path(cache) / "booklets" / f"{digest}.pdf" if cache is not None else None
    if found is None and kept is not None and kept.is_file():
        found = kept.read_bytes()
        if not found.startswith(b"%PDF-"):  # a cache file that is not a PDF is ignored and printed again
            found = None
    if found is None:
        missing = [str(path) for path in FONT_FILES.values() if not Path(path).is_file()]
        if missing:
            raise BookletError(f"the booklet's font is missing: {', '.join(missing)}; reinstall fontpkg-noto-sans")
        folder = FONT_FILES["normal"].parent.as_uri() + "/"
        document = HTML(string=html, base_url=folder, url_fetcher=_FontsOnly(allowed_protocols=("file",)))
        with _source_date(made):
            found = document.write_pdf(pdf_identifier=digest[:32].encode())
        if kept is not None:
            from site_builder.images import write_atomically

            write_atomically(kept, lambda path: path.write_bytes(found))
    _RENDERED[digest] = found
    _RENDERED.move_to_end(digest)
    while len(_RENDERED) > _KEPT:
        _RENDERED.popitem(last=False)
    return found
