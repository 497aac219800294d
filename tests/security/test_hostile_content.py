"""Contributors are untrusted: hostile text in every text field either is refused by check or builds harmlessly.

A corpus of attacks (script tags, event handlers, javascript: URLs, SVG, entity tricks, attribute
breakouts, CRLF + BEGIN:VEVENT, </script> for JSON-LD, router variables, here-doc terminators,
control and bidi characters, very long strings, commas, semicolons, backslashes, non-BMP) goes into
every text field of every item type in both languages, written as content files from
tests/fixtures/tiny. What check refuses must be named with file, field and fix; the rest is built
once, and then every feed parses (icalendar, vobject, ics) and passes an RFC 5545 line lint, every
JSON document validates against its published schema, and no page runs a script in Chromium.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import icalendar
import ics
import pytest
import vobject

from site_builder.build import build_site
from site_builder.snapshot import check_content, frontmatter
from tests.browser.conftest import serving
from tests.conftest import TINY, TINY_NOW
from tests.site_builder.test_api import _validate_every_document

MARK = "window.__pwned=1"
ACCEPTED = [  # what a one-line field may hold: check lets it through, so the outputs must make it harmless
    f"<script>{MARK}</script>",
    f'"><img src=x onerror="{MARK}">',
    f"' onmouseover='{MARK}' autofocus onfocus='{MARK}' x='",
    f'<svg onload="{MARK}"><a href="javascript:{MARK}">svg</a></svg>',
    f"&lt;script&gt;{MARK}&lt;/script&gt; &#60;img src=x onerror={MARK}&#62; &amp;lt;",
    f"</script><script>{MARK}</script><!--",
    "Alun-alun, Blok A; C:\\new \\, \\; \\n 🎭𝔘𐍈",
    "$(if chap-id)X$(endif) $(link-login-only) $tok $authaction WISTAKON_BODY_ID",
    f"javascript:{MARK}",
    "{{ 7*7 }} {% raw %} ${7*7} <![CDATA[ ]]> `id` ; EOF",
]
MULTILINE_EXTRA = "\nWISTAKON_BODY_ID\nBEGIN:VEVENT\nEND:VCALENDAR\n$(link-login-only)\n"
BODY = f"""
<script>{MARK}</script>

<img src=x onerror="{MARK}"> <iframe src="javascript:{MARK}"></iframe>

[tautan](javascript:{MARK}) [data](data:text/html,<script>{MARK}</script>) <a href="jAvAsCrIpT:{MARK}">a</a>

<svg><script>{MARK}</script></svg> <math><mi xlink:href="javascript:{MARK}">m</mi></math>

</script><script>{MARK}</script>
WISTAKON_BODY_ID
BEGIN:VEVENT
"""
REFUSED = ["Uji\r\nBEGIN:VEVENT\r\nUID:evil", "Uji\x00nul", "Uji \u202eevil", "Uji \u2066isolate\u2069", "Uji\x1b[31m"]

# Every text field, by section: (dotted path, the longest the schema allows). Both languages have title and summary.
SHARED = [("title", 120), ("summary", 320)]
ORIGINAL_FIELDS = {
    "categories": [],
    "attractions": [("location.address", 200), ("location.kelurahan", 80), ("location.desa", 80),
                    ("location.kecamatan", 80), ("hours_note", 2000), ("prices_note", 2000),
                    ("accessibility", 2000), ("images.0.alt", 250), ("images.0.credit", 200), ("sources.0", 500),
                    ("contact.website", 500)],
    "events": [("organiser", 200), ("venue.name", 200), ("venue.location.address", 200), ("rule_note", 500),
               ("observed.0.note", 300), ("occurrences.0.venue_name", 200), ("sources.0", 500), ("website", 500)],
    "hotspots": [("ssid", 32), ("area", 80), ("program", 200), ("location.address", 200),
                 ("location.kecamatan", 80), ("sources.0", 500)],
    "promotions": [("business", 120), ("targets.areas.0", 80), ("link", 500)],
}  # fmt: skip
TRANSLATION_FIELDS = {"attractions": [("hours_note", 2000), ("prices_note", 2000), ("accessibility", 2000),
                                      ("images.0.alt", 250)]}  # fmt: skip
MULTILINE = {"hours_note", "prices_note", "accessibility", "rule_note"}
URLS = {"website", "link"}  # http(s) only, by schema: the attack is an attribute breakout
URL_ATTACK = f"https://example.test/\"'><script>{MARK}</script><img/src=x/onerror={MARK}>?a=1&b=<svg/onload={MARK}>"
MANIFEST_FIELDS = [("site.name.id", 200), ("site.name.en", 200), ("site.tagline.id", 200), ("site.tagline.en", 200)]


def _set(meta: dict, dotted: str, value: str) -> bool:
    """Put `value` at `dotted`, making mappings on the way; False where a list item is not there."""
    steps = dotted.split(".")
    last = steps[-1]
    target: object = meta
    for step, following in zip(steps[:-1], steps[1:], strict=True):
        if isinstance(target, list):
            if int(step) >= len(target):
                return False
            target = target[int(step)]
        else:
            target = target.setdefault(step, [] if following.isdigit() else {})  # type: ignore[union-attr]
    if isinstance(target, list):
        if int(last) > len(target) or (int(last) == len(target) and dotted.startswith(("images", "observed"))):
            return False
        target[int(last) :] = [value, *target[int(last) + 1 :]]
    else:
        target[last] = value  # type: ignore[index]
    return True


def _prepare(content: Path) -> None:
    """Both languages for every item; events at a named venue (the venue.name field)."""
    for original in sorted(content.glob("*/*/index.id.md")):
        document = frontmatter.parse(original.read_text(encoding="utf-8"))
        if original.parent.parent.name == "events":
            where = {"lat": -6.72, "lon": 108.56, "confidence": "high"}
            document.meta["venue"] = {"name": "Lapangan", "location": where}
            original.write_text(frontmatter.dump(document.meta, document.body), encoding="utf-8")
        translation = original.with_name("index.en.md")
        if not translation.exists():
            meta = {key: document.meta[key] for key in ("uid", "slug", "title", "summary", "updated")}
            translation.write_text(frontmatter.dump(meta, "English text."), encoding="utf-8")


def _fields(content: Path) -> Iterator[tuple[Path, str, int]]:
    for path in sorted(content.glob("*/*/index.*.md")):
        section, lang = path.parent.parent.name, path.name.split(".")[1]
        extra = ORIGINAL_FIELDS[section] if lang == "id" else TRANSLATION_FIELDS.get(section, [])
        for dotted, longest in [*SHARED, *extra, ("body", 5000)]:
            yield path, dotted, longest


def _fill(content: Path, value_for) -> set[tuple[str, str]]:
    """Write `value_for(field, longest)` into every text field; the (file, field) pairs written."""
    written = set()
    documents: dict[Path, frontmatter.Document] = {}
    for path, dotted, longest in _fields(content):
        document = documents.setdefault(path, frontmatter.parse(path.read_text(encoding="utf-8")))
        value = value_for(dotted, longest)
        if dotted == "body":
            documents[path] = frontmatter.Document(document.meta, value, document.front_matter)
        elif not _set(document.meta, dotted, value):
            continue
        written.add((f"content/{path.relative_to(content).as_posix()}", dotted))
    for path, document in documents.items():
        path.write_text(frontmatter.dump(document.meta, document.body), encoding="utf-8")
    manifest = content / "manifest.yaml"
    site = frontmatter.parse("---\n" + manifest.read_text(encoding="utf-8") + "---\n").meta
    for dotted, longest in MANIFEST_FIELDS:
        _set(site, dotted, value_for(dotted, longest))
        written.add(("content/manifest.yaml", dotted))
    manifest.write_text(frontmatter.dump(site, "").removeprefix("---\n").removesuffix("---\n"), encoding="utf-8")
    return written


def _hostile_content(folder: Path) -> Path:
    content = folder / "content"
    shutil.copytree(TINY, content)
    _prepare(content)
    return content


# --- what check refuses, it names ---------------------------------------------------------------


def test_control_bidi_and_line_breaks_in_every_text_field_are_refused_naming_file_field_and_fix(tmp_path):
    content = _hostile_content(tmp_path)
    refused = itertools.cycle(REFUSED)
    # The body is the file's own text: reading it makes any CRLF a line break, which a body may hold.
    written = _fill(content, lambda dotted, longest: next(refused) if dotted != "body" else f"Teks{REFUSED[1]}")
    named = {(error.path, error.field) for error in check_content(content) if error.fix}
    assert written - named == set()
    assert len(written) > 60


# --- what check accepts builds, and stays harmless everywhere -----------------------------------


def _accepted_value(counter: Iterator[int]):
    def value_for(dotted: str, longest: int) -> str:
        if dotted == "body":
            return BODY + "\n\n" + "𝔘 Teks panjang, dengan; koma\\ " * 60
        if dotted.split(".")[-1] in URLS:
            return URL_ATTACK
        attack = ACCEPTED[next(counter) % len(ACCEPTED)]
        if dotted.split(".")[-1] in MULTILINE:
            attack += MULTILINE_EXTRA
        if dotted == "ssid":
            return attack[:longest]
        return (attack + " ") * (longest // (len(attack) + 1)) + attack[: longest % (len(attack) + 1)]

    return value_for


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    content = _hostile_content(folder)
    _fill(content, _accepted_value(itertools.count()))
    problems = check_content(content)
    assert problems == [], "\n".join(map(str, problems))
    build_site(content, folder / "dist", now=TINY_NOW)
    return folder / "dist"


TEXT_PROPERTIES = {b"SUMMARY", b"LOCATION", b"DESCRIPTION", b"COMMENT", b"NAME", b"X-WR-CALNAME", b"X-WR-CALDESC"}


def _lint_rfc5545(body: bytes, name: str) -> None:
    """The line rules a strict reader applies: CRLF lines of at most 75 octets, NAME[;PARAMS]:VALUE, nesting."""
    assert body.endswith(b"\r\n") and b"\r\n\r\n" not in body, name
    lines = body[:-2].split(b"\r\n")
    open_components: list[bytes] = []
    for line in lines:
        assert b"\r" not in line and b"\n" not in line, (name, line)
        assert len(line) <= 75, (name, line)
        assert not any(byte < 0x20 and byte != 0x09 or byte == 0x7F for byte in line), (name, line)
    unfolded = body.replace(b"\r\n ", b"").replace(b"\r\n\t", b"")[:-2].split(b"\r\n")
    for line in unfolded:
        prop, _, value = line.partition(b":")
        if prop.split(b";")[0].upper() in TEXT_PROPERTIES:  # RFC 5545 3.3.11: every , ; \\ escaped
            assert re.fullmatch(rb"(?:[^\\,;]|\\[\\,;nN])*", value), (name, line)
        elif prop.split(b";")[0].upper() == b"CATEGORIES":
            assert re.fullmatch(rb"(?:[^\\;]|\\[\\,;nN])*", value), (name, line)
        assert re.match(rb"^[A-Za-z0-9-]+(;[A-Za-z0-9-]+=(\"[^\"]*\"|[^\";:,]*)(,(\"[^\"]*\"|[^\";:,]*))*)*:", line), (
            name, line)  # fmt: skip
        if line.startswith(b"BEGIN:"):
            open_components.append(line[6:])
        elif line.startswith(b"END:"):
            assert open_components.pop() == line[4:], (name, line)
    assert open_components == [], name


def test_every_feed_of_the_hostile_build_parses_three_ways_and_passes_the_line_lint(hostile_site):
    feeds = sorted(hostile_site.rglob("*.ics"))
    assert len(feeds) >= 10 and all(MARK.encode() in path.read_bytes() for path in feeds)
    for path in feeds:
        body = path.read_bytes()
        _lint_rfc5545(body, path.name)
        calendar = icalendar.Calendar.from_ical(body)
        events = calendar.walk("VEVENT")
        assert body.replace(b"\r\n ", b"").split(b"\r\n").count(b"BEGIN:VEVENT") == len(events), path
        assert len(vobject.readOne(body.decode()).contents.get("vevent", [])) == len(events), path
        assert len(ics.Calendar(body.decode()).events) == len(events), path
        for event in events:
            assert "\r" not in str(event["SUMMARY"]) and str(event["LOCATION"])


def test_every_json_document_of_the_hostile_build_validates_against_its_schema(hostile_site):
    assert _validate_every_document(hostile_site) >= 10
    for page in sorted(hostile_site.rglob("*.html")):
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(), re.S):
            json.loads(block)


@pytest.fixture(scope="module")
def served(hostile_site: Path) -> Iterator[str]:
    with serving(hostile_site) as url:
        yield url


SENTINEL = """
Object.defineProperty(window, "__pwned", {
  configurable: false,
  get() { return undefined; },
  set(value) { document.documentElement.dataset.pwned = (document.documentElement.dataset.pwned || "") + "!"; },
});
"""


def scripts_that_ran(browser, site: Path, url: str) -> list[str]:
    """Load every HTML page of `site` (served at `url`) in one Chromium context; what ran that should not."""
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert sum(MARK in (site / page).read_text() for page in pages) >= 20  # the attacks reached the pages
    fired: list[str] = []
    context = browser.new_context()
    try:
        context.add_init_script(SENTINEL)
        context.route(re.compile(r"^(?!http://127\.0\.0\.1).*"), lambda route: route.abort())  # offline
        tab = context.new_page()
        current = [""]
        tab.on("dialog", lambda dialog: (fired.append(f"{current[0]}: dialog {dialog.message}"), dialog.dismiss()))
        tab.on("pageerror", lambda error: fired.append(f"{current[0]}: page error {error}"))
        tab.on("console", lambda message: fired.append(f"{current[0]}: {message.text}")
               if message.type == "error" and "Content Security Policy" in message.text else None)  # fmt: skip
        for relative in pages:
            current[0] = relative
            tab.goto(url + relative, wait_until="load")
            tab.mouse.move(10, 10)
            tab.keyboard.press("Tab")
            tab.wait_for_timeout(50)
            if tab.evaluate("document.documentElement.dataset.pwned || ''"):
                fired.append(f"{relative}: a script from content ran")
    finally:
        context.close()
    return fired


@pytest.mark.browser
def test_no_script_from_content_runs_on_any_page_in_chromium(browser, hostile_site, served):
    assert scripts_that_ran(browser, hostile_site, served) == []
