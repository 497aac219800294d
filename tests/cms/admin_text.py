"""What a person reads on an admin page, and which of it is Wagtail's or Django's English."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import django
import polib
import wagtail

# Words that read the same in Bahasa Indonesia, codes, and names; each is fine on an Indonesian screen.
ALLOWED = {
    "OK", "ID", "URL", "Slug", "slug", "Email", "Status", "Admin", "Editor", "Filter", "Log", "Media", "Total", "Label",
    "Tag", "Alias", "Minimum", "Administrator",  # the same word in Indonesian; Administrator is also a role
    "English", "Bahasa Indonesia", "Indonesian", "Wagtail", "Wistakon", "Pokdarwis",  # languages, proper nouns
    "JSON", "CSV", "XLSX", "PDF", "HTML", "GIF", "PNG", "JPEG", "WebP", "RSS", "ICS", "SVG", "AVIF",  # formats
}  # fmt: skip
MIN_LENGTH = 3  # "No", "Go", "To" and other two-letter msgids are also Indonesian words or symbols
REPO = Path(__file__).resolve().parents[2]
_PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"[A-Za-z]{2,}")
_VOID = {"input", "img", "br", "hr", "meta", "link", "source", "area", "col", "embed", "wbr"}
_MENUS_AND_FORMS = {"wagtail-sidebar-props", "w-edit-handler-data"}  # JSON the sidebar and the editor render
_SHOWN_KEYS = {"label", "footer_text", "help_text"}
_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")


def _normal(text: str) -> str:
    return " ".join(text.split())


def _catalog_files() -> list[Path]:
    roots = [Path(wagtail.__file__).parent, Path(django.__file__).parent / "conf",
             *(Path(django.__file__).parent / "contrib" / app for app in ("auth", "contenttypes"))]  # fmt: skip
    ours = sorted(p for p in REPO.glob("cms/**/locale/id/LC_MESSAGES/django*.po") if "locale_wagtail" not in p.parts)
    return sorted(p for root in roots for p in root.rglob("locale/en/LC_MESSAGES/django*.po")) + ours


@cache
def english() -> tuple[frozenset[str], re.Pattern[str]]:
    """English msgids of Wagtail, Django and the project: plain ones as a set, ones with placeholders as a pattern."""
    plain: set[str] = set()
    patterns: set[str] = set()
    for path in _catalog_files():
        ours = path.is_relative_to(REPO / "cms")
        for entry in polib.pofile(str(path)):
            if ours and entry.msgstr == entry.msgid:
                continue  # our translator kept the word: it reads the same in Indonesian ("Agenda", "WiFi")
            for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
                for text in map(_normal, _TAG.split(msgid)):  # a msgid with markup shows as several text nodes
                    if len(text) < MIN_LENGTH or text.rstrip(":").strip() in ALLOWED:
                        continue
                    if not _PLACEHOLDER.search(text):
                        plain.add(text)
                    elif len(_WORD.findall(_PLACEHOLDER.sub("", text))) >= 2:  # "Status %(x)s" would match Indonesian
                        patterns.add(r"\S.*?".join(re.escape(part) for part in _PLACEHOLDER.split(text)))
    alternation = "|".join(sorted(patterns, key=len, reverse=True))
    return frozenset(plain), re.compile(f"(?:{alternation})")


@cache
def english_in(text: str) -> bool:
    plain, pattern = english()
    return text in plain or pattern.fullmatch(text) is not None


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.links: list[str] = []
        self._skip: list[str] = []  # open <script>, <style> or hidden elements: nothing inside is read
        self._json = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if self._skip:
            self._skip += [tag] if tag == self._skip[0] else []
            return
        if "hidden" in a and tag in _VOID:
            return
        if tag in ("script", "style") or "hidden" in a:
            self._skip.append(tag)
            self._json = a.get("id") in _MENUS_AND_FORMS
            return
        self.texts.extend(a[name] for name in _ATTRIBUTES if a.get(name))

    def handle_endtag(self, tag: str) -> None:
        if self._skip and tag == self._skip[0]:
            self._skip.pop()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.texts.append(data)
        elif self._json and self._skip == ["script"]:
            self.texts.extend(_labels(json.loads(data)))


def _labels(data: object) -> Iterator[str]:
    """The words the admin's scripts show from its JSON: menu items' and form blocks' labels and help."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in _SHOWN_KEYS and isinstance(value, str):
                yield value
            else:
                yield from _labels(value)
    elif isinstance(data, list):
        for value in data:
            yield from _labels(value)


def read(body: str, content_type: str) -> tuple[list[str], list[str]]:
    """(visible texts, link targets) of an HTML page or of a chooser's JSON answer with its HTML inside."""
    if content_type.startswith("application/json"):
        body = json.loads(body).get("html") or ""
    reader = _Reader()
    reader.feed(body)
    reader.close()
    return [t for t in map(_normal, reader.texts) if t], reader.links


def english_texts(texts: list[str], content: frozenset[str] = frozenset()) -> Iterator[str]:
    """The texts that are English msgids; `content` (titles the editors wrote, e.g. the English "Attractions"
    page) is not the admin's own text."""
    seen: set[str] = set()
    for text in texts:
        if text not in seen and text not in content and english_in(text):
            seen.add(text)
            yield text
