"""The travel agents' downloads: `wistakon build` on the demo content writes each year's booklet (PDF) and
spreadsheet (XLSX, CSV) in both languages, and they hold the same occurrences as the year's .ics feed.

The booklet's pages are rendered to PNG (pdftoppm) into tests/artifacts/trade/ (or $WISTAKON_TEST_ARTIFACTS)
for a person to look at.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import icalendar
import openpyxl
import pytest
import yaml
from werkzeug.test import Client

from site_builder.catalog import JAKARTA
from site_builder.serve import site_app
from site_builder.snapshot import load_catalog
from site_builder.web.app import create_app
from site_builder.web.i18n import format_date

REPO = Path(__file__).resolve().parents[2]
TINY = REPO / "tests" / "fixtures" / "tiny"
WISTAKON = Path(sys.executable).with_name("wistakon")
DOWNLOADS = {
    "id": "agenda/kalender-event-{year}",
    "en": "en/agenda/calendar-of-events-{year}",
}
MARKS = {"id": ("BELUM PASTI", "DITUNDA", "DIBATALKAN"), "en": ("TENTATIVE", "POSTPONED", "CANCELLED")}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

pytestmark = pytest.mark.slow


def _wistakon_build(out: Path) -> Path:
    subprocess.run(
        [str(WISTAKON), "build", "--content", str(REPO / "content"), "--out", str(out), "--full"],
        check=True,
        capture_output=True,
        cwd=REPO,
        timeout=900,
    )
    return out.resolve()


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _wistakon_build(tmp_path_factory.mktemp("trade") / "dist")


def _artifacts() -> Path:
    folder = Path(os.environ.get("WISTAKON_TEST_ARTIFACTS") or REPO / "tests" / "artifacts") / "trade"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _pdf_text(path: Path) -> str:
    """The PDF's text as pdftotext reads it, whitespace collapsed (lines wrap anywhere)."""
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return re.sub(r"\s+", " ", text)


def _feed_events(release: Path, lang: str, year: int) -> list[icalendar.Event]:
    feed = release / ("en/" if lang == "en" else "") / f"agenda/{year}.ics"
    calendar = icalendar.Calendar.from_ical(feed.read_bytes())
    return list(calendar.walk("VEVENT"))


def _start(event: icalendar.Event) -> date | datetime:
    return event.decoded("dtstart")


def _start_date(event: icalendar.Event) -> date:
    start = _start(event)
    return start.astimezone(JAKARTA).date() if isinstance(start, datetime) else start


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("year", [2026, 2027])
def test_every_year_has_a_booklet_and_spreadsheets_in_both_languages(release, lang, year):
    stem = release / DOWNLOADS[lang].format(year=year)
    assert stem.with_suffix(".pdf").read_bytes().startswith(b"%PDF-")
    assert stem.with_suffix(".xlsx").read_bytes().startswith(b"PK\x03\x04")
    assert stem.with_suffix(".csv").read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_booklet_lists_every_2027_occurrence_with_its_date_and_tentative_mark(release, lang):
    text = _pdf_text(release / (DOWNLOADS[lang].format(year=2027) + ".pdf"))
    title = {"id": "Kalender Event Kota Cirebon 2027", "en": "Cirebon City Calendar of Events 2027"}[lang]
    assert title in text
    events = _feed_events(release, lang, 2027)
    assert len(events) > 5
    tentative, postponed, cancelled = MARKS[lang]
    body = text[text.index(MARKS[lang][0], text.index(title) + len(title)) :]  # past the cover and the key
    cursor = 0
    for event in sorted(events, key=lambda e: (_start_date(e), str(_start(e)))):
        summary = re.sub(r"\s+", " ", str(event["summary"]))
        day = format_date(_start_date(event), lang)
        dated = body.find(day, cursor)
        assert dated != -1, f"{summary}: no entry dated {day} after position {cursor}"
        found = body.find(summary, dated)
        entry_line = body[dated:found]  # the date line: date, time, mark; then the title
        assert found != -1 and len(entry_line) < 160, f"{summary} is not the entry dated {day}: {entry_line!r}"
        if isinstance(_start(event), datetime):
            assert f"{_start(event).astimezone(JAKARTA):%H:%M}" in entry_line
        status = str(event["status"])
        if status == "TENTATIVE":
            assert tentative in entry_line or postponed in entry_line, f"{summary}: no tentative mark"
        elif status == "CANCELLED":
            assert cancelled in entry_line
        else:
            assert not any(mark in entry_line for mark in MARKS[lang]), f"{summary} is marked but confirmed"
        cursor = found + len(summary)


def test_the_booklet_explains_tentative_dates_and_names_the_office_and_its_date(release):
    text = _pdf_text(release / "agenda/kalender-event-2027.pdf")
    assert "Tentang tanggal yang belum pasti" in text and "sidang isbat" in text
    assert "Dinas Kebudayaan dan Pariwisata (Disbudpar) Kota Cirebon" in text
    manifest = yaml.safe_load((REPO / "content" / "manifest.yaml").read_text())
    assert manifest["site"]["contact"]["id"] in text
    made = load_catalog(REPO / "content").updated.astimezone(JAKARTA).date()  # the build's day: the last change
    assert f"Dibuat {format_date(made, 'id', weekday=False)}" in text
    info = subprocess.run(
        ["pdfinfo", "-isodates", str(release / "agenda/kalender-event-2027.pdf")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert "Page size:       595.276 x 841.89 pts (A4)" in info
    assert re.search(rf"CreationDate:\s+{made.isoformat()}T00:00:00\+07", info), info
    assert re.search(rf"ModDate:\s+{made.isoformat()}T00:00:00\+07", info), info


def test_the_booklet_embeds_its_own_font(release):
    fonts = subprocess.run(
        ["pdffonts", str(release / "en/agenda/calendar-of-events-2027.pdf")], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    assert fonts and all(" yes yes yes " in line for line in fonts), fonts
    assert any("Booklet-Sans-Bold" in line for line in fonts) and any("+Booklet-Sans " in line for line in fonts)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_booklets_pages_are_kept_as_png_artefacts(release, lang):
    folder = _artifacts()
    prefix = folder / f"booklet-2027-{lang}"
    for old in folder.glob(f"{prefix.name}-*.png"):
        old.unlink()
    subprocess.run(
        ["pdftoppm", "-r", "80", "-png", str(release / (DOWNLOADS[lang].format(year=2027) + ".pdf")), str(prefix)],
        check=True,
    )
    pages = sorted(folder.glob(f"{prefix.name}-*.png"))
    assert len(pages) >= 4  # cover, key and contents, then the months
    assert all(page.read_bytes().startswith(b"\x89PNG") for page in pages)


def _workbook_rows(path: Path) -> list[dict[str, object]]:
    sheet = openpyxl.load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_workbook_has_the_same_rows_as_the_years_ics_feed(release, lang):
    rows = _workbook_rows(release / (DOWNLOADS[lang].format(year=2027) + ".xlsx"))
    events = _feed_events(release, lang, 2027)
    columns = list(rows[0])
    uid, title, _, start, end, start_time, end_time, all_day, status, _, lat, lon, *_, page, ics = columns
    by_uid = {row[uid]: row for row in rows}
    assert len(by_uid) == len(rows) == len(events)
    expected_status = {
        "id": {"TENTATIVE": {"belum pasti", "ditunda"}, "CONFIRMED": {"pasti"}, "CANCELLED": {"dibatalkan"}},
        "en": {"TENTATIVE": {"tentative", "postponed"}, "CONFIRMED": {"confirmed"}, "CANCELLED": {"cancelled"}},
    }[lang]
    for event in events:
        row = by_uid.pop(str(event["uid"]))
        assert row[title] == str(event["summary"])
        assert row[start].date() == _start_date(event)
        assert row[all_day] is not isinstance(_start(event), datetime)
        if isinstance(_start(event), datetime):
            assert row[start_time] == _start(event).astimezone(JAKARTA).time()
            assert row[end_time] == event.decoded("dtend").astimezone(JAKARTA).time()
        else:
            assert row[start_time] is None and row[end_time] is None
            assert (row[end] - row[start]).days + 1 == (event.decoded("dtend") - _start(event)).days
        assert row[status] in expected_status[str(event["status"])]
        assert row[page] == str(event["url"])
        assert row[ics].endswith(".ics") and row[ics].startswith(str(event["url"]).rstrip("/"))
        if "geo" in event:
            assert (row[lat], row[lon]) == (event["geo"].latitude, event["geo"].longitude)
    assert not by_uid


def test_the_csv_has_the_same_rows_as_the_workbook(release):
    stem = release / DOWNLOADS["en"].format(year=2027)
    table = list(csv.reader(io.StringIO(stem.with_suffix(".csv").read_bytes().decode("utf-8-sig"))))
    rows = _workbook_rows(stem.with_suffix(".xlsx"))
    assert table[0] == list(rows[0])
    assert len(table) == len(rows) + 1
    for line, row in zip(table[1:], rows, strict=True):
        values = list(row.values())
        assert line[0] == values[0] and line[1] == values[1]
        assert line[3] == values[3].date().isoformat()
        assert line[7] == ("true" if values[7] else "false")


def test_the_downloads_are_linked_from_the_year_the_event_and_the_travel_agents_page(release):
    year_page = (release / "agenda/2027/index.html").read_text()
    for suffix in (".pdf", ".xlsx", ".csv"):
        assert f'href="/agenda/kalender-event-2027{suffix}"' in year_page
    assert 'href="/agenda/biro-perjalanan/"' in year_page
    event_page = (release / "en/events/panjang-jimat/index.html").read_text()
    assert 'href="/en/agenda/calendar-of-events-2027.pdf"' in event_page
    agents = (release / "en/agenda/travel-agents/index.html").read_text()
    assert "For travel agents" in agents and 'href="/en/agenda/calendar-of-events-2026.xlsx"' in agents
    assert 'href="webcal://wisata.cirebonkota.go.id/en/agenda/2027.ics"' in agents
    assert 'hreflang="id" href="https://wisata.cirebonkota.go.id/agenda/biro-perjalanan/"' in agents
    assert "/en/agenda/travel-agents/" in (release / "sitemaps/pages.xml").read_text()


def test_serve_sends_the_downloads_with_their_types(release):
    client = Client(site_app(release))
    for path, kind in (
        ("/agenda/kalender-event-2027.pdf", "application/pdf"),
        ("/agenda/kalender-event-2027.xlsx", XLSX),
        ("/agenda/kalender-event-2027.csv", "text/csv"),
    ):
        response = client.get(path)
        response.get_data()
        response.close()
        assert response.status_code == 200 and response.headers["Content-Type"].split(";")[0] == kind
        if kind.startswith("text/"):
            header = response.headers["Content-Type"]
            assert header.count("charset") == 1 and "utf-8" in header


def test_a_second_build_writes_the_same_bytes(release, tmp_path):
    again = _wistakon_build(tmp_path / "dist")
    names = [
        DOWNLOADS[lang].format(year=year) + suffix
        for lang in DOWNLOADS
        for year in (2026, 2027)
        for suffix in (".pdf", ".xlsx", ".csv")
    ]
    for name in names:
        assert (again / name).read_bytes() == (release / name).read_bytes(), name


# -- hostile text ----------------------------------------------------------------------------------

LONG_WORD = "Sangat" + "panjang" * 14
HOSTILE_TITLE = '=HYPERLINK("http://x.test")<script>alert(1)</script>'
# Control characters never get this far: check refuses them (tests/security/test_hostile_content.py).
HOSTILE_SUMMARY = f"</style><b>tebal</b> bel [31m {LONG_WORD} & <!-- --> @SUM(A1)"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory):
    content = tmp_path_factory.mktemp("hostile") / "content"
    shutil.copytree(TINY, content)
    source = content / "events" / "upacara-uji" / "index.id.md"
    text = source.read_text(encoding="utf-8")
    quoted = {name: yaml.safe_dump(value, default_style='"', width=1000).strip() for name, value in
              (("title", HOSTILE_TITLE), ("summary", HOSTILE_SUMMARY))}  # fmt: skip
    text = text.replace("title: Upacara Uji", f"title: {quoted['title']}")
    text = text.replace("summary: Upacara adat untuk pengujian.", f"summary: {quoted['summary']}")
    source.write_text(text, encoding="utf-8")
    catalog = load_catalog(content)
    assert catalog.events[0].t("id").title == HOSTILE_TITLE
    return create_app(catalog, content_dir=content).test_client()


def test_hostile_text_is_plain_text_in_the_booklet(hostile, tmp_path):
    response = hostile.get("/agenda/kalender-event-2027.pdf")
    assert response.status_code == 200
    (tmp_path / "b.pdf").write_bytes(response.data)
    text = _pdf_text(tmp_path / "b.pdf")
    assert HOSTILE_TITLE in text
    assert "</style><b>tebal</b> bel [31m" in text  # markup as text
    assert LONG_WORD in text.replace(" ", "")  # wrapped anywhere, but all there
    assert "& <!-- --> @SUM(A1)" in text


def test_hostile_text_cannot_become_a_formula_in_the_csv(hostile):
    table = list(csv.reader(io.StringIO(hostile.get("/agenda/kalender-event-2027.csv").data.decode("utf-8-sig"))))
    assert table[1][1] == "'" + HOSTILE_TITLE
    assert table[1][2].startswith("</style><b>tebal</b> bel [31m ")
    assert not any(cell.startswith(("=", "+", "@")) for row in table for cell in row)
    assert not any(re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", cell) for row in table for cell in row)


def test_hostile_text_is_a_string_cell_in_the_workbook(hostile, tmp_path):
    (tmp_path / "t.xlsx").write_bytes(hostile.get("/agenda/kalender-event-2027.xlsx").data)
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    cell = sheet.cell(row=2, column=2)
    assert cell.value == HOSTILE_TITLE and cell.data_type == "s"  # not "f": never evaluated
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


# -- incremental builds ----------------------------------------------------------------------------


def test_an_agenda_edit_re_renders_the_downloads_and_an_unrelated_edit_does_not(tmp_path):
    from site_builder.build import build_site
    from site_builder.snapshot.frontmatter import dump, parse

    content = tmp_path / "content"
    shutil.copytree(TINY, content)
    now = datetime(2026, 10, 1, 12, 0, tzinfo=JAKARTA)

    def build():
        return build_site(content, tmp_path / "dist", now=now, cache_dir=tmp_path / "cache")

    def edit(path: Path, field: str, value: str) -> None:
        document = parse(path.read_text(encoding="utf-8"))
        path.write_text(dump({**document.meta, field: value}, document.body), encoding="utf-8")

    build()
    edit(content / "events" / "upacara-uji" / "index.id.md", "summary", "Ringkasan baru untuk biro perjalanan.")
    result = build()
    downloads = {f"agenda/kalender-event-{year}.{kind}" for year in (2026, 2027) for kind in ("pdf", "xlsx", "csv")}
    assert result.incremental and downloads <= set(result.rendered_files)
    assert "Ringkasan baru untuk biro perjalanan." in (result.release / "agenda/kalender-event-2027.csv").read_text()
    edit(content / "promotions" / "diskon-uji" / "index.id.md", "summary", "Diskon lain yang tidak ada di agenda.")
    result = build()
    assert result.incremental and result.rendered_files
    assert not any("kalender-event" in name or "calendar-of-events" in name for name in result.rendered_files)


def test_a_printed_booklet_is_kept_in_the_cache_and_reused_until_its_html_changes(tmp_path):
    from site_builder import booklet

    made = datetime(2026, 11, 1, tzinfo=JAKARTA)
    html = f"<!doctype html><html lang=id><style>{booklet.font_faces()}</style><p>Agenda Cirebon 2027</p></html>"
    first = booklet.render_pdf(html, made, tmp_path)
    kept = list((tmp_path / "booklets").glob("*.pdf"))
    assert len(kept) == 1 and kept[0].read_bytes() == first and first.startswith(b"%PDF-")

    booklet._RENDERED.clear()  # a new process: only the cache folder remembers
    kept[0].write_bytes(first.replace(b"Agenda", b"AGENDA", 1) if b"Agenda" in first else first + b"%kept")
    reused = booklet.render_pdf(html, made, tmp_path)
    assert reused == kept[0].read_bytes()  # read from the cache, not printed again

    booklet._RENDERED.clear()
    kept[0].write_bytes(b"<html>not a pdf</html>")  # a damaged cache file is printed again
    assert booklet.render_pdf(html, made, tmp_path) == first

    booklet._RENDERED.clear()
    other = booklet.render_pdf(html.replace("2027", "2028"), made, tmp_path)
    assert other != first and len(list((tmp_path / "booklets").glob("*.pdf"))) == 2
