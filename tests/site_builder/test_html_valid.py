"""The whole demo build: every page passes the Nu HTML checker, and no internal link or anchor is broken.

The checker is npm's vnu-jar (tests/browser/package.json), run with Java.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from site_builder.build import build_site

REPO = Path(__file__).resolve().parents[2]
VNU = REPO / "tests" / "browser" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
HTML_VALIDATE = REPO / "tests" / "browser" / "node_modules" / "html-validate" / "bin" / "html-validate.mjs"
HTML_VALIDATE_CONFIG = REPO / "tests" / "browser" / "htmlvalidate.json"  # html-validate:recommended
EXTERNAL = ("http:", "https:", "mailto:", "tel:", "geo:", "webcal:", "data:")
MAX_PAGE_BYTES = 50 * 1024
ROUTER_FILES = re.compile(r"portal/[^/]+/(mikrotik|opennds)/")  # published one by one for the routers to fetch

pytestmark = pytest.mark.slow


def _require(tool: str, found: bool) -> None:
    if found:
        return
    # A missing tool fails rather than skips: `make test` installs what it can and names what it cannot.
    pytest.fail(f"{tool} is missing; run `make test`, or see tests/browser/README.md")


@pytest.fixture(scope="module")
def demo_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html") / "dist"
    return build_site(REPO / "content", out, cache_dir=tmp_path_factory.mktemp("md")).release


def pages(release: Path) -> list[Path]:
    """The site's pages. A router pack's files (portal/<slug>/<router>/…) are pages of the router's own web
    server, with its variables in them: tests/site_builder/test_portal.py checks those."""
    return sorted(p for p in release.rglob("*.html") if not ROUTER_FILES.match(p.relative_to(release).as_posix()))


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])
        for name in ("href", "src"):
            if values.get(name) and not (tag == "link" and values.get("rel") in ("canonical", "alternate")):
                self.urls.append(values[name])
        if values.get("srcset"):
            self.urls += [candidate.split()[0] for candidate in values["srcset"].split(",")]


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _target(release: Path, page: Path, url: str) -> tuple[Path, str]:
    parts = urlsplit(url)
    path = unquote(parts.path)
    if not path:
        return page, parts.fragment
    found = release / path.lstrip("/") if path.startswith("/") else page.parent / path
    if path.endswith("/") or found.is_dir():
        found = found / "index.html"
    return found, parts.fragment


def test_every_page_passes_the_nu_html_checker(demo_release):
    _require("java", shutil.which("java") is not None)
    _require(str(VNU), VNU.is_file())
    files = [str(p) for p in pages(demo_release)]
    done = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=900,
    )
    messages = json.loads(done.stderr or '{"messages": []}')["messages"]
    problems = [f"{m['url'].split('/dist/')[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert problems == [], "\n".join(problems[:30])
    assert len(files) > 200


def test_every_page_passes_html_validate_recommended_rules(demo_release):
    _require("node", shutil.which("node") is not None)
    _require(str(HTML_VALIDATE), HTML_VALIDATE.is_file())
    files = [str(p) for p in pages(demo_release)]
    done = subprocess.run(
        ["node", str(HTML_VALIDATE), "--config", str(HTML_VALIDATE_CONFIG), "--formatter", "text", *files],
        capture_output=True,
        text=True,
        timeout=900,
    )
    problems = [line.split("/dist/")[-1] for line in done.stdout.splitlines() if line.strip()]
    assert (done.returncode, problems[:30]) == (0, [])
    assert len(files) > 200


def test_no_internal_link_or_anchor_is_broken(demo_release):
    parsed = {page: _parse(page) for page in pages(demo_release)}
    broken = []
    for page, links in parsed.items():
        for url in links.urls:
            if url.startswith(EXTERNAL) or url.startswith("$("):  # $(…): MikroTik fills these in on the router
                continue
            target, fragment = _target(demo_release, page, url)
            if not target.is_file():
                broken.append(f"{page.relative_to(demo_release)} → {url} (no {target.relative_to(demo_release)})")
            elif fragment and target.suffix == ".html":
                ids = (parsed.get(target) or _parse(target)).ids
                if fragment not in ids:
                    broken.append(f"{page.relative_to(demo_release)} → {url} (no #{fragment})")
    assert broken == [], "\n".join(broken[:30])


def test_every_content_page_is_at_most_50_kb(demo_release):
    sizes = {p.relative_to(demo_release).as_posix(): p.stat().st_size for p in pages(demo_release)}
    too_big = {name: size for name, size in sizes.items() if size > MAX_PAGE_BYTES}
    assert too_big == {}


def test_every_page_title_fits_in_70_characters(demo_release):
    import html
    import re

    titles = {
        p.relative_to(demo_release).as_posix(): html.unescape(found.group(1))
        for p in pages(demo_release)
        if (found := re.search(r"<title>([^<]*)</title>", p.read_text(encoding="utf-8")))
    }
    assert {name: title for name, title in titles.items() if len(title) > 70} == {}
    assert titles["acara/calendar-of-event-kota-cirebon/index.html"].startswith("Calendar of Event Kota Cirebon")
