"""Loading content/: every problem is reported at once, with file, line, field and fix."""

from __future__ import annotations

import shutil
from datetime import date, datetime, time
from pathlib import Path

import pytest

from site_builder.catalog import JAKARTA
from site_builder.snapshot import SnapshotInvalid, check_content, load_catalog

TINY = Path(__file__).parents[2] / "fixtures" / "tiny"
KERATON = "attractions/keraton-uji/index.id.md"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(TINY, copy)
    return copy


def edit(content: Path, relative: str, old: str, new: str) -> None:
    path = content / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(content: Path) -> list[str]:
    return [str(error) for error in check_content(content)]


def test_tiny_fixture_loads_into_typed_objects(tiny_catalog):
    keraton = tiny_catalog.attraction("33333333-3333-4333-8333-333333333333")
    assert keraton.t("en").title == "Test Palace"
    assert keraton.location.lat == -6.7261
    assert keraton.hours[0].opens == time(8, 0)
    assert keraton.images[0].width == 16 and keraton.images[0].alt["en"] == "Illustration of a palace gate"
    event = tiny_catalog.events[0]
    timed, all_day = event.occurrences
    assert timed.start == datetime(2026, 8, 24, 20, 0, tzinfo=JAKARTA)
    assert timed.start.tzinfo is not None
    assert all_day.start == date(2027, 8, 13) and all_day.end == date(2027, 8, 15)  # exclusive end
    assert all_day.last_date == date(2027, 8, 14)


def test_every_problem_is_reported_at_once_with_file_line_field_and_fix(content):
    edit(content, KERATON, "lat: -6.7261", "lat: -96.7261")
    edit(content, KERATON, "amount: 15000", "amount: -5")
    edit(content, "hotspots/alun-alun-uji/index.id.md", "router: mikrotik", "router: cisco")
    found = problems(content)
    assert len(found) == 3
    lat = next(p for p in found if "location.lat" in p)
    assert lat.startswith(f"content/{KERATON}:")
    assert "out of range" in lat and "Fix: use a value at least -90" in lat
    router = next(p for p in found if "'router'" in p)
    assert "Fix: use one of: mikrotik, opennds" in router


def test_line_number_points_at_the_bad_field(content):
    edit(content, KERATON, "lat: -6.7261", "lat: north")
    (error,) = check_content(content)
    line = (content / KERATON).read_text().splitlines()[error.line - 1]
    assert "lat: north" in line


def test_unknown_field_names_the_allowed_ones(content):
    edit(content, KERATON, "kind: place", "kind: place\nopening: daily")
    (error,) = check_content(content)
    assert error.field == "opening" and "allowed fields here" in error.fix and "hours" in error.fix


def test_shared_fact_in_a_translation_is_refused(content):
    edit(content, "attractions/keraton-uji/index.en.md", "slug: test-palace", "slug: test-palace\ncategory: x")
    (error,) = check_content(content)
    assert error.path.endswith("index.en.md") and error.field == "category"
    assert "shared facts live in index.id.md" in error.fix


def test_broken_yaml_is_reported_not_raised(content):
    edit(content, KERATON, "title: Keraton Uji", "title: [Keraton Uji")
    (error,) = check_content(content)
    assert "not valid YAML" in error.message and error.line is not None


def test_reference_to_a_missing_category_is_reported(content):
    edit(content, KERATON, "category: 11111111-1111-4111-8111-111111111111",
         "category: 99999999-9999-4999-8999-999999999999")  # fmt: skip
    (error,) = check_content(content)
    assert error.field == "category" and "not an item in categories" in error.message


def test_closing_before_opening_is_reported(content):
    edit(content, KERATON, "closes: '17:00'", "closes: '07:00'")
    (error,) = check_content(content)
    assert error.field == "hours.0.closes" and "not after it opens" in error.message


def test_event_ending_before_it_starts_is_reported(content):
    edit(content, "events/upacara-uji/index.id.md", "end: '2027-08-14'", "end: '2027-08-10'")
    (error,) = check_content(content)
    assert error.field == "occurrences.1.end" and "before the start" in error.message


def test_naive_time_is_refused(content):
    event = "events/upacara-uji/index.id.md"
    edit(content, event, "start: '2026-08-24T20:00:00+07:00'", "start: '2026-08-24T20:00:00'")
    found = problems(content)
    assert any("occurrences.0.start" in p for p in found)


def test_bad_rule_names_the_rule_field(content):
    edit(content, "events/upacara-uji/index.id.md", "calendar: javanese-aboge\n  month: 3",
         "calendar: javanese-aboge\n  month: 13")  # fmt: skip
    found = problems(content)
    assert any("rule.month" in p for p in found)


def test_duplicate_uid_is_reported(content):
    shutil.copytree(content / "attractions/taman-uji", content / "attractions/taman-kembar")
    edit(content, "attractions/taman-kembar/index.id.md", "slug: taman-uji", "slug: taman-kembar")
    found = problems(content)
    assert any("is already used by content/attractions/taman-" in p for p in found)


def test_missing_image_file_is_reported(content):
    (content / "attractions/keraton-uji/cover.png").unlink()
    (error,) = check_content(content)
    assert error.field == "images.0.file" and "does not exist" in error.message


def test_item_without_indonesian_original_is_reported(content):
    (content / "attractions/keraton-uji/index.id.md").unlink()
    found = problems(content)
    assert any("has no index.id.md" in p for p in found)


def test_load_raises_with_all_problems(content):
    edit(content, KERATON, "lat: -6.7261", "lat: 200")
    edit(content, "hotspots/alun-alun-uji/index.id.md", "router: mikrotik", "router: cisco")
    with pytest.raises(SnapshotInvalid) as raised:
        load_catalog(content)
    assert "content has 2 problems; nothing was built" in str(raised.value)
