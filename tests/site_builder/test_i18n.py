"""Interface words from the theme's gettext catalogs, formats from Babel; a new language is a catalog."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, time
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from site_builder.catalog import JAKARTA
from site_builder.web import i18n
from site_builder.web.app import create_app
from site_builder.web.theme import THEMES_DIR, Theme
from tests.conftest import REPO, TINY_NOW

LOCALE = THEMES_DIR / "default" / "locale"

# A translator's Sundanese catalog, as Poedit writes it: one word translated, one left empty, one fuzzy.
SUNDANESE = r"""
msgid ""
msgstr ""
"Language: su\n"
"Content-Type: text/plain; charset=utf-8\n"

msgid "home"
msgstr "Tepas"

msgid "agenda_year"
msgstr "Agénda taun {year}"

msgid "search"
msgstr ""

#, fuzzy
msgid "upcoming"
msgstr "Acara nu bakal datang"
"""


@pytest.fixture
def default_theme():
    yield
    i18n.use_theme([THEMES_DIR / "default"])  # create_app switched i18n.word() to a temporary theme


@pytest.fixture
def sundanese_app(tiny_catalog, tmp_path, default_theme):
    (tmp_path / "theme.yaml").write_text("extends: default\n")
    po = tmp_path / "locale" / "su" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(SUNDANESE, encoding="utf-8")
    return create_app(tiny_catalog, now=TINY_NOW, theme=Theme(tmp_path))


def _catalog(lang: str) -> set[str]:
    with (LOCALE / lang / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return {message.id for message in read_po(po) if message.id and message.string}


def test_words_and_formats_come_out_as_before_in_indonesian_and_english():
    day = datetime(2026, 7, 6, 19, 30, tzinfo=JAKARTA)
    assert i18n.word("id", "agenda_year", year=2026) == "Agenda 2026"
    assert i18n.word("en", "upcoming") == "Coming up"
    assert i18n.format_date(day, "id") == "Senin, 6 Juli 2026"
    assert i18n.format_date(day, "en") == "Monday 6 July 2026"
    assert i18n.format_date(date(2026, 8, 17), "id", weekday=False) == "17 Agustus 2026"
    assert i18n.format_time(day) == "19:30" and i18n.format_time(time(8, 5), "en") == "08:05"
    assert i18n.format_distance(1250, "id") == "1,2 km" and i18n.format_distance(1250, "en") == "1.2 km"
    assert i18n.format_distance(436, "en") == "440 m"
    assert i18n.MONTHS["id"][11] == "Desember" and i18n.WEEKDAY_NAMES["en"]["sun"] == "Sunday"


def test_prices_use_each_languages_number_format_with_the_rupiah_sign():
    assert i18n.format_idr(15000, "id") == "Rp15.000"
    assert i18n.format_idr(20000, "en") == "Rp20,000"
    assert i18n.format_idr(1250000, "en") == "Rp1,250,000"
    assert i18n.format_idr(0, "en") == "Free"


def test_english_attraction_page_shows_english_prices(client):
    html = client.get("/en/attractions/test-palace/").get_data(as_text=True)
    assert "<td>Rp15,000</td>" in html and "Rp15.000" not in html


def test_a_key_in_no_catalog_is_an_error_naming_it():
    with pytest.raises(KeyError, match="'no_such_word'.*messages.po"):
        i18n.word("en", "no_such_word")


def test_jinja_i18n_extension_speaks_the_pages_language(app):
    template = app.jinja_env.from_string(
        "{{ _('home') }} · {{ _('page_of', n=2, total=5) }} · {{ word(lang, 'home') }}"
    )
    assert template.render(lang="id") == "Beranda · Halaman 2 dari 5 · Beranda"
    assert template.render(lang="en") == "Home · Page 2 of 5 · Home"


def test_a_third_language_is_a_catalog_not_code(sundanese_app):
    template = sundanese_app.jinja_env.from_string(
        "{{ word(lang, 'home') }}|{{ _('agenda_year', year=2027) }}|{{ word(lang, 'search') }}|"
        "{{ word(lang, 'upcoming') }}|{{ day | date(lang) }}|{{ 15000 | idr(lang) }}"
    )
    rendered = template.render(lang="su", day=date(2026, 7, 6))
    # translated words; empty and fuzzy entries fall back to Indonesian; Babel's Sundanese weekday names
    assert rendered == "Tepas|Agénda taun 2027|Cari|Acara mendatang|Senén, 6 Juli 2026|Rp15.000"
    assert i18n.word("su", "home") == "Tepas"  # the Python side (feeds, calendars) reads the same catalog
    assert i18n.word("id", "home") == "Beranda"


def test_every_word_key_in_templates_and_code_is_in_the_indonesian_and_english_catalogs(tmp_path):
    """The documented `pybabel extract` finds the keys; both catalogs hold every one of them."""
    pot = tmp_path / "messages.pot"
    pybabel = Path(sys.executable).parent / "pybabel"
    command = [pybabel, "extract", "-F", "babel.cfg", "-k", "word:2", "-o", pot, "."]
    subprocess.run(command, cwd=REPO, check=True, capture_output=True)
    with pot.open("rb") as f:
        used = {message.id for message in read_po(f) if message.id}
    indonesian, english = _catalog("id"), _catalog("en")
    assert indonesian == english, f"only in one catalog: {sorted(indonesian ^ english)}"
    assert {"home", "agenda_year", "subscribe_note", "portal_welcome"} <= used
    families = {key for key in used if key.endswith(".")}  # word(lang, "type." + kind)
    assert sorted(used - families - indonesian) == []
    assert all(any(key.startswith(family) for key in indonesian) for family in families)


def test_a_broken_catalog_is_an_error_naming_the_file(tiny_catalog, tmp_path, default_theme):
    (tmp_path / "theme.yaml").write_text("extends: default\n")
    po = tmp_path / "locale" / "su" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid "home"\nmsgstr "Tepas"\n\nmsgid "search"\nmsgtsr "Sungsi"\n', encoding="utf-8")
    create_app(tiny_catalog, now=TINY_NOW, theme=Theme(tmp_path))
    with pytest.raises(ValueError, match=r"su/LC_MESSAGES/messages\.po, line 5: .*misformatted keyword.*msgtsr"):
        i18n.word("su", "home")
