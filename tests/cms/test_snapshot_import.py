"""Import upserts by uid and language, changes nothing when run twice, and refuses bad files whole."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from cms.agenda.models import EventPage
from cms.attractions.models import AttractionPage
from cms.core.models import Category
from cms.core.snapshot.importer import import_snapshot
from cms.core.snapshot.reading import SnapshotProblems
from cms.promotions.models import Promotion
from site_builder.snapshot import check_content, frontmatter

from .conftest import FIXTURE_CONTENT

pytestmark = pytest.mark.django_db
KERATON = "1b7e2c8f-4d2e-4e7c-8b63-2a1f3d4e5b01"


def copy_fixture(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURE_CONTENT, tmp_path / "content"))


def test_import_creates_each_item_in_both_languages_with_one_translation_key(imported: Path) -> None:
    pages = AttractionPage.objects.filter(translation_key=KERATON)
    assert sorted(p.locale.language_code for p in pages) == ["en", "id"]
    english = pages.get(locale__language_code="en")
    assert english.slug == "kasepuhan-palace" and english.live
    assert english.get_parent().get_parent().slug == "home"
    assert english.latitude == -6.7261 and [h.day for h in english.hours.all()] == ["mon", "fri", "sat"]
    assert english.hours_note == "Hours may change on holidays." and english.prices_note == ""
    assert english.images.get().alt == "The red-brick gate of Kasepuhan Palace"


def test_import_keeps_occurrences_timed_or_all_day(imported: Path) -> None:
    timed, all_day = EventPage.objects.get(slug="panjang-jimat", locale__language_code="id").occurrences.all()
    assert timed.start.isoformat() == "2026-08-24T13:00:00+00:00" and timed.start_date is None
    assert all_day.start is None and str(all_day.start_date) == "2027-08-12" and str(all_day.end_date) == "2027-08-14"


def test_importing_twice_changes_nothing_and_makes_no_revisions(imported: Path) -> None:
    revisions = Revision.objects.count()
    outcome = import_snapshot(imported)
    assert outcome == {"unchanged": 7}
    assert Revision.objects.count() == revisions


def test_identical_image_files_become_one_wagtail_image(imported: Path) -> None:
    assert get_image_model().objects.count() == 1  # cover.png and promo.png have the same bytes


def test_imported_images_are_titled_with_what_they_show_for_the_image_chooser(imported: Path) -> None:
    titles = list(get_image_model().objects.values_list("title", flat=True))
    assert titles and not any(title.endswith((".png", ".jpg", ".jpeg", ".webp")) for title in titles)
    cover = AttractionPage.objects.get(locale__language_code="id", slug="keraton-kasepuhan").images.first()
    assert cover.image.title == cover.alt


def test_an_edited_file_updates_its_item_and_publishes_it(imported: Path, tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    path = content / "categories" / "wisata-sejarah" / "index.id.md"
    path.write_text(path.read_text().replace("title: Wisata Sejarah", "title: Sejarah dan Budaya"))
    outcome = import_snapshot(content)
    assert outcome == {"updated": 1, "unchanged": 6}
    assert Category.objects.get(translation_key="0a6f1b7e-3c1d-4d6b-9a52-1f0e2c3d4a01",
                                locale__language_code="id").title == "Sejarah dan Budaya"  # fmt: skip


def test_promotions_are_published_through_a_revision(imported: Path) -> None:
    promotion = Promotion.objects.get(slug="contoh-nasi-jamblang")
    assert promotion.live and promotion.live_revision is not None
    assert [h.slug for h in promotion.target_hotspots.all()] == ["alun-alun-kejaksan"]


def test_a_bad_file_is_reported_with_file_field_and_fix_and_nothing_is_written(db: None, tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    path = content / "attractions" / "keraton-kasepuhan" / "index.id.md"
    path.write_text(path.read_text().replace("lat: -6.7261", "lat: -96.7261").replace("kind: place", "kind: palace"))
    (content / "events" / "panjang-jimat" / "index.en.md").write_text("---\nuid: nope\n---\n")
    pages = Page.objects.count()
    with pytest.raises(SnapshotProblems) as invalid:
        import_snapshot(content)
    found = {(p.path, p.field) for p in invalid.value.problems}
    assert ("content/attractions/keraton-kasepuhan/index.id.md", "location.lat") in found
    assert ("content/attractions/keraton-kasepuhan/index.id.md", "kind") in found
    assert ("content/events/panjang-jimat/index.en.md", "slug") in found
    lat = next(p for p in invalid.value.problems if p.field == "location.lat")
    assert lat.line is not None and "at least -90" in lat.fix
    assert Page.objects.count() == pages and not Category.objects.exists()


def test_a_fact_the_schema_allows_but_the_model_rejects_rolls_back_everything(db: None, tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    path = content / "attractions" / "keraton-kasepuhan" / "index.id.md"
    path.write_text(path.read_text().replace("closes: '17:00'", "closes: '07:00'"))
    with pytest.raises(SnapshotProblems) as invalid:
        import_snapshot(content)
    assert [(p.path, p.field, p.message) for p in invalid.value.problems] == [
        ("content/attractions/keraton-kasepuhan/index.id.md", "hours.0.closes", "Jam tutup harus setelah jam buka"),
        ("content/events/panjang-jimat/index.id.md", "", "refers to an item that could not be imported"),
    ]
    assert not Category.objects.exists() and not AttractionPage.objects.exists()


def test_import_command_lists_every_problem_and_fails(db: None, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    content = copy_fixture(tmp_path)
    (content / "hotspots" / "alun-alun-kejaksan" / "index.id.md").write_text("no front matter\n")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_content", "--content", str(content))
    assert "content/hotspots/alun-alun-kejaksan/index.id.md:1:" in capsys.readouterr().err


def test_a_reference_to_a_missing_item_is_reported(db: None, tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    shutil.rmtree(content / "hotspots")
    with pytest.raises(SnapshotProblems) as invalid:
        import_snapshot(content)
    assert [(p.field, p.fix) for p in invalid.value.problems] == [
        ("targets.hotspots.0", "use the uid of an item in content/hotspots/")]


# --- import and check are one gate: what check refuses, import refuses with the same message -----

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'


def _svg_as_png(content: Path) -> None:
    (content / "attractions" / "keraton-kasepuhan" / "cover.png").write_bytes(SVG)


def _no_manifest(content: Path) -> None:
    (content / "manifest.yaml").unlink()


def _schema_version_2(content: Path) -> None:
    path = content / "manifest.yaml"
    path.write_text(path.read_text().replace("schema_version: 1", "schema_version: 2"))


def _title_on_two_lines(content: Path) -> None:
    path = content / "categories" / "wisata-sejarah" / "index.id.md"
    document = frontmatter.parse(path.read_text())
    path.write_text(frontmatter.dump({**document.meta, "title": "Wisata\nBEGIN:VEVENT"}, document.body))


@pytest.mark.parametrize("damage", [_svg_as_png, _no_manifest, _schema_version_2, _title_on_two_lines])
def test_import_refuses_what_check_refuses_with_the_same_message(db: None, tmp_path: Path, damage) -> None:
    content = copy_fixture(tmp_path)
    damage(content)
    refused_by_check = [str(error) for error in check_content(content)]
    assert refused_by_check
    with pytest.raises(SnapshotProblems) as invalid:
        import_snapshot(content)
    assert [str(problem) for problem in invalid.value.problems] == refused_by_check
    assert not Category.objects.exists() and not get_image_model().objects.exists()
