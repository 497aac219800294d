"""Completeness: the pure score, the facts read from pages, the dashboard panel and the exported report."""

from __future__ import annotations

import csv
from io import BytesIO, StringIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cms.attractions.models import AttractionPage
from cms.editorial.completeness import Facts, assess, facts_of, rows_for
from cms.editorial.roles import CONTRIBUTOR, MODERATOR
from tests.cms.editorial_support import client_for, draft, person

COMPLETE = Facts(kind="attraction", language="id", translated=True, images=2, images_without_alt=0, body_words=120,
                 has_category=True, location="exact", has_hours=True, has_prices=True)  # fmt: skip


def with_(**changes) -> Facts:
    return Facts(**{**COMPLETE.__dict__, **changes})


def test_a_complete_attraction_scores_100_without_gaps() -> None:
    assert assess(COMPLETE).score == 100 and assess(COMPLETE).gaps == ()


def test_an_empty_place_lists_every_gap_in_a_stable_order() -> None:
    empty = with_(translated=False, images=0, body_words=3, has_category=False, location="missing",
                  has_hours=False, has_prices=False)  # fmt: skip
    result = assess(empty)
    assert result.score == 0
    assert result.gaps == ("image", "translation-en", "hours", "prices", "location", "short", "category")


@pytest.mark.parametrize(
    ("changes", "gap", "score"),
    [
        ({"images": 0}, "image", 79),
        ({"images_without_alt": 1}, "alt", 95),
        ({"translated": False}, "translation-en", 80),
        ({"has_hours": False}, "hours", 90),
        ({"has_prices": False}, "prices", 90),
        ({"location": "missing"}, "location", 85),
        ({"location": "approximate"}, "location-approximate", 92),
        ({"body_words": 49}, "short", 85),
        ({"has_category": False}, "category", 95),
    ],
)
def test_each_gap_costs_its_weight(changes: dict, gap: str, score: int) -> None:
    result = assess(with_(**changes))
    assert result.gaps == (gap,) and result.score == score


def test_a_dish_is_not_asked_for_hours_prices_or_coordinates() -> None:
    dish = with_(location=None, has_hours=None, has_prices=None)
    assert assess(dish).score == 100


def test_an_english_item_without_indonesian_misses_the_indonesian_version() -> None:
    assert assess(with_(language="en", translated=False)).gaps == ("translation-id",)


def test_labels_are_indonesian() -> None:
    from django.utils import translation

    with translation.override("id"):
        assert assess(with_(images=0)).labels == ["tidak ada foto"]


@pytest.mark.django_db
def test_facts_of_the_imported_fixture_pages(imported) -> None:
    keraton = AttractionPage.objects.get(slug="keraton-kasepuhan", locale__language_code="id")
    facts = facts_of(keraton, translated=True)
    assert (facts.images, facts.location, facts.has_hours, facts.has_prices) == (1, "exact", True, True)
    empal = AttractionPage.objects.get(slug="empal-gentong", locale__language_code="id")
    result = assess(facts_of(empal, translated=False))
    assert set(result.gaps) == {"image", "translation-en", "short"}
    rows = {row.title: row for row in rows_for()}
    assert rows["Keraton Kasepuhan"].gaps == ("short",)
    assert rows["Empal Gentong"].score < rows["Keraton Kasepuhan"].score
    assert "Panjang Jimat" in {row.title for row in rows.values() if row.kind == "event"}


@pytest.mark.django_db
def test_a_contributors_draft_is_measured_as_they_last_saved_it(imported) -> None:
    ani = person("ani", CONTRIBUTOR)
    from cms.core.models import Category

    page = draft(ani, "Tahu Gejrot", Category.objects.get(slug="wisata-sejarah", locale__language_code="id"))
    page.body = "kata " * 60
    page.save_revision(user=ani)
    row = next(row for row in rows_for(ani) if row.title == "Tahu Gejrot")
    assert "short" not in row.gaps


@pytest.mark.django_db
def test_the_report_lists_filters_and_hides_others_drafts(imported) -> None:
    from cms.core.models import Category

    category = Category.objects.get(slug="wisata-sejarah", locale__language_code="id")
    ani, budi = person("ani", CONTRIBUTOR), person("budi", CONTRIBUTOR)
    draft(budi, "Draf Rahasia Budi", category)
    url = reverse("editorial_completeness")
    moderator = client_for(person("sari", MODERATOR))
    html = moderator.get(url).content.decode()
    assert "Keraton Kasepuhan" in html and "Panjang Jimat" in html and "Draf Rahasia Budi" in html
    only_events = moderator.get(url, {"type": "event"}).content.decode()
    assert "Panjang Jimat" in only_events and "Keraton Kasepuhan" not in only_events
    no_image = moderator.get(url, {"gap": "image"}).content.decode()
    assert "Empal Gentong" in no_image and "Keraton Kasepuhan" not in no_image
    assert "Draf Rahasia Budi" not in client_for(ani).get(url).content.decode()


@pytest.mark.django_db
def test_the_report_exports_to_csv(imported) -> None:
    query = {"export": "csv", "type": "attraction"}
    response = client_for(person("sari", MODERATOR)).get(reverse("editorial_completeness"), query)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(StringIO(text)))
    assert {row["Judul"] for row in rows} == {"Keraton Kasepuhan", "Empal Gentong"}
    empal = next(row for row in rows if row["Judul"] == "Empal Gentong")
    assert empal["Kode kekurangan"].split() == ["image", "translation-en", "short"]
    assert int(empal["Skor"]) < 100 and empal["uid"] == "1b7e2c8f-4d2e-4e7c-8b63-2a1f3d4e5b02"


@pytest.mark.django_db
def test_the_report_exports_to_xlsx(imported) -> None:
    response = client_for(person("sari", MODERATOR)).get(reverse("editorial_completeness"), {"export": "xlsx"})
    assert response.status_code == 200
    workbook = load_workbook(BytesIO(b"".join(response.streaming_content)), read_only=True)
    sheet = workbook.worksheets[0]
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert header[:4] == ["Judul", "Jenis", "Kategori", "Skor"]
    titles = {row[0] for row in rows}
    assert {"Keraton Kasepuhan", "Empal Gentong", "Panjang Jimat"} <= titles
    assert all(isinstance(row[3], int) for row in rows)


@pytest.mark.django_db
def test_the_admin_home_shows_coverage_worst_gaps_and_the_agenda_place(imported) -> None:
    html = client_for(person("sari", MODERATOR)).get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="editorial-completeness' in html or "editorial-completeness" in html
    assert "Kelengkapan konten" in html and "Empal Gentong" in html
    assert "data-agenda-readiness" in html


@pytest.mark.django_db
def test_contributors_get_the_writing_guide_on_the_admin_home(imported) -> None:
    html = client_for(person("ani", CONTRIBUTOR)).get(reverse("wagtailadmin_home")).content.decode()
    assert "Cara menulis entri yang baik" in html
