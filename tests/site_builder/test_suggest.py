"""Suggestion forms in the theme: present only with a CMS address, posting there, valid HTML, a thank-you page."""

from __future__ import annotations

import json
import subprocess
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from site_builder.catalog import JAKARTA
from site_builder.web.app import create_app
from tests.conftest import TINY, TINY_NOW

CMS = "https://cms.example.go.id"
REPO = Path(__file__).resolve().parents[2]
VNU = REPO / "tests" / "browser" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PAGES = {
    "attraction": "/wisata/keraton-uji/",
    "event": "/acara/upacara-uji/",
    "agenda": "/agenda/",
    "thanks": "/usulan/terima-kasih/",
    "thanks_en": "/en/suggest/thank-you/",
}


class Forms(HTMLParser):
    """Each <form>'s action and the names of its fields, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "form":
            self.forms.append({"action": values.get("action"), "enctype": values.get("enctype"), "fields": {}})
        elif tag in ("input", "select", "textarea") and self.forms and values.get("name"):
            self.forms[-1]["fields"][values["name"]] = values.get("value")


def forms_on(html: str) -> list[dict]:
    parser = Forms()
    parser.feed(html)
    return [form for form in parser.forms if form["action"] and form["action"].startswith(CMS)]


@pytest.fixture
def site(tiny_catalog):
    """The tiny site with forms, on a day after the event's last date (so it needs one)."""
    later = datetime(2028, 1, 10, tzinfo=JAKARTA)
    return create_app(tiny_catalog, now=later, content_dir=TINY, cms_url=CMS + "/").test_client()


def test_without_a_cms_address_there_are_no_forms_and_no_thank_you_page(client) -> None:
    for path in ("/wisata/keraton-uji/", "/acara/upacara-uji/", "/agenda/"):
        html = client.get(path).get_data(as_text=True)
        assert "suggest__form" not in html and "suggest.js" not in html
    assert client.get("/usulan/terima-kasih/").status_code == 404


def test_an_attraction_has_a_correction_form_posting_to_the_cms(site) -> None:
    html = site.get(PAGES["attraction"]).get_data(as_text=True)
    [form] = forms_on(html)
    assert form["action"] == f"{CMS}/suggestions/send/" and form["enctype"] == "multipart/form-data"
    assert form["fields"]["kind"] == "correction" and form["fields"]["item"] == "33333333-3333-4333-8333-333333333333"
    assert {"problem", "text", "image", "contact", "website", "token", "lang"} <= set(form["fields"])
    assert "Laporkan koreksi" in html and "hanya dilihat moderator" in html


def test_an_event_without_a_coming_date_asks_for_one(site, app) -> None:
    html = site.get(PAGES["event"]).get_data(as_text=True)
    kinds = [form["fields"]["kind"] for form in forms_on(html)]
    assert kinds == ["date", "correction"] and "Kirim tanggal" in html
    with_date = create_app(app.config["CATALOG"], now=TINY_NOW, content_dir=TINY, cms_url=CMS).test_client()
    later = [f["fields"]["kind"] for f in forms_on(with_date.get("/en/events/test-rite/").get_data(as_text=True))]
    assert later == ["correction"]  # a coming date is known: only corrections


def test_the_agenda_offers_to_suggest_an_event_with_a_poster(site) -> None:
    html = site.get("/en/agenda/").get_data(as_text=True)
    [form] = forms_on(html)
    assert form["fields"]["kind"] == "event" and form["fields"]["lang"] == "en"
    assert {"title", "start_date", "date_unknown", "venue", "venue_name", "organiser", "text", "image"} <= set(
        form["fields"]
    )
    assert "Suggest an event" in html


def test_the_thank_you_page_explains_the_reference_without_javascript(site) -> None:
    html = site.get(PAGES["thanks"]).get_data(as_text=True)
    assert "setelah “ref=”" in html and 'id="suggest-ref"' in html and "suggest" in html
    assert "after “ref=”" in site.get(PAGES["thanks_en"]).get_data(as_text=True)


def nu_errors(files: list[Path]) -> list[tuple[str, str]]:
    done = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    messages = json.loads(done.stderr or '{"messages": []}')["messages"]
    return sorted((m["url"].rsplit("/", 1)[-1], m["message"]) for m in messages)


def test_the_forms_add_no_error_for_the_nu_html_checker(site, client, tmp_path) -> None:
    """The tiny fixture keeps one deliberately bad link (a sanitised href): compared with the same pages
    built without forms, the forms and thank-you pages add nothing."""
    (tmp_path / "with").mkdir(), (tmp_path / "without").mkdir()
    for name, path in PAGES.items():
        (tmp_path / "with" / f"{name}.html").write_bytes(site.get(path).get_data())
        if not name.startswith("thanks"):
            (tmp_path / "without" / f"{name}.html").write_bytes(client.get(path).get_data())
    with_forms = nu_errors(sorted((tmp_path / "with").glob("*.html")))
    without = nu_errors(sorted((tmp_path / "without").glob("*.html")))
    assert len(without) == 1 and with_forms == without


def test_wistakon_build_takes_the_cms_address_from_the_option_or_the_environment(tmp_path, monkeypatch) -> None:
    from click.testing import CliRunner

    from site_builder.cli import main

    monkeypatch.setenv("WISTAKON_CMS_URL", CMS)
    out = tmp_path / "dist"
    done = CliRunner().invoke(main, ["build", "--content", str(TINY), "--out", str(out), "--date", "2028-01-10"])
    assert done.exit_code == 0, done.output
    assert f'action="{CMS}/suggestions/send/"' in (out / "acara" / "upacara-uji" / "index.html").read_text()
    assert (out / "usulan" / "terima-kasih" / "index.html").is_file()
    monkeypatch.delenv("WISTAKON_CMS_URL")
    done = CliRunner().invoke(main, ["build", "--content", str(TINY), "--out", str(out), "--date", "2028-01-10"])
    assert done.exit_code == 0, done.output
    assert "suggest__form" not in (out / "acara" / "upacara-uji" / "index.html").read_text()
    assert not (out / "usulan").exists()
    other = "https://forms.example.go.id"
    done = CliRunner().invoke(main, ["build", "--content", str(TINY), "--out", str(out), "--date", "2028-01-10",
                                     "--cms-url", other])  # fmt: skip
    assert done.exit_code == 0, done.output
    assert f'action="{other}/suggestions/send/"' in (out / "wisata" / "keraton-uji" / "index.html").read_text()
