"""Spreadsheet import of attractions: template, row-by-row report, all-or-nothing, valid rows only, no duplicates."""

from __future__ import annotations

import csv
from datetime import time
from io import BytesIO, StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook
from wagtail.models import WorkflowState

from cms.attractions.models import AttractionPage
from cms.editorial.bulk_import import COLUMNS, apply_import, parse_hours, parse_prices, plan_import
from cms.editorial.roles import CONTRIBUTOR, MODERATOR
from tests.cms.editorial_support import client_for, person, tree

pytestmark = pytest.mark.django_db

HEADER = [name for name, _help in COLUMNS]
GOOD = {"nama": "Goa Sunyaragi", "ringkasan": "Taman air berbentuk gua karang dari abad ke-18.",
        "isi": "Tempat para sultan bermeditasi.", "kategori": "wisata sejarah", "lat": "-6,7336", "lon": "108.5386",
        "keyakinan": "tinggi", "kecamatan": "Kesambi", "jam_buka": "Senin-Minggu 08.00-17.00; Jumat tutup",
        "harga": "umum 15.000; pelajar Rp 10000; anak gratis", "nama_en": "Sunyaragi Cave Park",
        "ringkasan_en": "An 18th-century water garden of coral caves."}  # fmt: skip
DISH = {"nama": "Empal Gentong", "ringkasan": "Gulai daging sapi dari gentong tanah liat.",
        "kategori": "Wisata Sejarah", "jenis": "kuliner"}  # fmt: skip
BAD = {"nama": "Tanpa Lokasi", "ringkasan": "pendek", "kategori": "Belanja", "jam_buka": "tiap hari",
       "harga": "turis 5000"}  # fmt: skip


def xlsx(*rows: dict[str, str]) -> bytes:
    workbook = Workbook()
    workbook.active.append(HEADER)
    for row in rows:
        workbook.active.append([row.get(name, "") for name in HEADER])
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_bytes(*rows: dict[str, str]) -> bytes:
    out = StringIO()
    writer = csv.DictWriter(out, HEADER, delimiter=";")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


@pytest.fixture
def category():
    return tree()


@pytest.fixture
def moderator(category):
    return person("sari", MODERATOR)


def upload(client, name: str, content: bytes):
    return client.post(reverse("editorial_import"), {"file": SimpleUploadedFile(name, content)})


def test_hours_are_read_from_indonesian_text() -> None:
    rows = parse_hours("Senin-Minggu 08:00-17:00; Jumat tutup; Sabtu 24 jam")
    assert [row["day"] for row in rows] == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    assert rows[0] == {"day": "mon", "opens": time(8), "closes": time(17)}
    assert rows[4] == {"day": "fri", "closed": True} and rows[5] == {"day": "sat", "open_24h": True}
    assert [row["day"] for row in parse_hours("Sabtu-Senin 19.00-23.00")] == ["mon", "sat", "sun"]
    with pytest.raises(ValueError, match="08:00-17:00"):
        parse_hours("Senin pagi saja")


def test_prices_are_read_from_indonesian_text() -> None:
    assert parse_prices("umum 15.000; pelajar Rp 10000; anak gratis") == [("umum", 15000), ("pelajar", 10000),
                                                                         ("anak", 0)]  # fmt: skip
    with pytest.raises(ValueError, match="turis"):
        parse_prices("turis 5000")


def test_the_template_downloads_as_xlsx_with_every_column_and_a_guide(moderator) -> None:
    response = client_for(moderator).get(reverse("editorial_import_template"))
    workbook = load_workbook(BytesIO(response.content))
    assert [cell.value for cell in workbook.worksheets[0][1]] == HEADER
    assert workbook.worksheets[1].title == "Petunjuk"
    csv_template = client_for(moderator).get(reverse("editorial_import_template"), {"format": "csv"})
    assert csv_template.content.decode("utf-8-sig").splitlines()[0] == ",".join(HEADER)


def test_the_templates_example_row_is_refused_and_never_matches_a_real_page(moderator) -> None:
    client = client_for(moderator)
    apply_import(plan_import([GOOD], moderator), moderator)
    response = client.get(reverse("editorial_import_template"))
    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    header, example = ([str(v or "") for v in row] for row in sheet.iter_rows(values_only=True))
    example_row = dict(zip(header, example, strict=True))
    with translation.override("id"):
        plans = plan_import([example_row, {**example_row, "slug": "goa-sunyaragi"}], moderator)
    assert plans[0].action == "error" and plans[0].page_id is None
    assert "Ini baris contoh dari templat" in plans[0].errors[0]
    # Filled in with only a real slug, every other value is the example's: it is a change, shown as such.
    assert plans[1].action == "update"
    assert ("ringkasan", GOOD["ringkasan"], example_row["ringkasan"]) in plans[1].changes
    upload(client, "wisata.xlsx", xlsx(example_row))
    client.post(reverse("editorial_import_report"), {"rows": "all"})
    assert list(AttractionPage.objects.filter(locale__language_code="id").values_list("slug", flat=True)) == [
        "goa-sunyaragi"]  # fmt: skip


def test_an_update_is_shown_field_by_field_and_changes_nothing_until_confirmed(moderator) -> None:
    apply_import(plan_import([GOOD], moderator), moderator)
    page = AttractionPage.objects.get(slug="goa-sunyaragi")
    revisions = page.revisions.count()
    changed = {**GOOD, "ringkasan": "Taman air gua karang yang lain.", "jam_buka": "Senin-Minggu 09:00-16:00"}
    client = client_for(moderator)
    upload(client, "wisata.xlsx", xlsx(changed))
    html = client.get(reverse("editorial_import_report")).content.decode()
    assert 'data-row="2" data-action="update"' in html and "data-updates-warning" in html
    assert '<tr data-change="ringkasan">' in html and f"<del>{GOOD['ringkasan']}</del>" in html
    assert "<ins>Taman air gua karang yang lain.</ins>" in html
    assert '<tr data-change="jam_buka">' in html and "mon 09:00-16:00" in html
    assert 'data-change="nama"' not in html  # unchanged fields are not listed
    page.refresh_from_db()
    assert page.summary == GOOD["ringkasan"] and page.revisions.count() == revisions
    response = client.post(reverse("editorial_import_report"), {"rows": "all"}, follow=True)
    page.refresh_from_db()
    assert page.summary == "Taman air gua karang yang lain." and page.hours.first().opens == time(9)
    assert "0 baru, 1 diperbarui, 0 tidak berubah, 0 baris dilewati" in response.content.decode()


def test_the_counts_after_importing_only_the_valid_rows_are_right(moderator) -> None:
    client = client_for(moderator)
    upload(client, "wisata.xlsx", xlsx(GOOD, BAD))
    response = client.post(reverse("editorial_import_report"), {"rows": "valid"}, follow=True)
    assert "1 baru, 0 diperbarui, 0 tidak berubah, 1 baris dilewati" in response.content.decode()
    assert AttractionPage.objects.filter(locale__language_code="id").count() == 1


def test_each_problem_is_said_once_and_about_the_right_field(moderator, category) -> None:
    type(category).objects.create(title="Upacara Adat", slug="upacara-adat", summary="Upacara.", applies_to=["event"],
                                  locale=category.locale)  # fmt: skip
    row = {**GOOD, "lat": "", "lon": "", "keyakinan": "", "kategori": "Tidak Ada", "jam_buka": "Senin 25:00-17:00"}
    plan = plan_import([row], moderator)[0]
    location = [error for error in plan.errors if error.startswith("lat/lon/keyakinan")]
    assert len(location) == 1, plan.errors
    hours = next(error for error in plan.errors if error.startswith("jam_buka"))
    assert "jam buka bukan jam yang benar" in hours and "tutup" not in hours
    category = next(error for error in plan.errors if error.startswith("kategori"))
    assert "Wisata Sejarah" in category and "Upacara Adat" not in category


def test_an_imported_address_loses_a_trailing_comma(moderator) -> None:
    apply_import(plan_import([{**GOOD, "alamat": "Jl. Brigjen Dharsono, "}], moderator), moderator)
    assert AttractionPage.objects.get(slug="goa-sunyaragi").address == "Jl. Brigjen Dharsono"


def test_a_bad_row_is_reported_per_column_and_nothing_is_written(moderator) -> None:
    client = client_for(moderator)
    upload(client, "wisata.xlsx", xlsx(GOOD, BAD))
    html = client.get(reverse("editorial_import_report")).content.decode()
    assert 'data-row="2" data-action="create"' in html and 'data-row="3" data-action="error"' in html
    for column in ("ringkasan", "kategori", "lat/lon", "jam_buka", "harga"):
        assert column in html
    client.post(reverse("editorial_import_report"), {"rows": "all"})
    assert not AttractionPage.objects.exists()


def test_the_curator_may_import_only_the_valid_rows(moderator) -> None:
    client = client_for(moderator)
    upload(client, "wisata.xlsx", xlsx(GOOD, BAD, DISH))
    response = client.post(reverse("editorial_import_report"), {"rows": "valid"})
    assert response.status_code == 302
    assert sorted(AttractionPage.objects.filter(locale__language_code="id").values_list("title", flat=True)) == [
        "Empal Gentong", "Goa Sunyaragi"]  # fmt: skip


def test_a_moderators_import_is_published_with_hours_prices_and_english(moderator) -> None:
    client = client_for(moderator)
    upload(client, "wisata.xlsx", xlsx(GOOD))
    client.post(reverse("editorial_import_report"), {"rows": "all"})
    page = AttractionPage.objects.get(slug="goa-sunyaragi")
    assert (
        page.live and page.latitude == -6.7336 and page.confidence == "high" and page.category.slug == "wisata-sejarah"
    )
    assert [(h.day, h.closed) for h in page.hours.all()][4] == ("fri", True)
    assert [(p.visitor, p.amount) for p in page.prices.all()] == [("umum", 15000), ("pelajar", 10000), ("anak", 0)]
    english = AttractionPage.objects.get(translation_key=page.translation_key, locale__language_code="en")
    assert english.live and english.title == "Sunyaragi Cave Park" and english.hours.count() == 7


def test_importing_the_same_file_twice_creates_no_duplicates(moderator) -> None:
    client = client_for(moderator)
    for _attempt in range(2):
        upload(client, "wisata.csv", csv_bytes(GOOD, DISH))
        client.post(reverse("editorial_import_report"), {"rows": "all"})
    assert AttractionPage.objects.filter(locale__language_code="id").count() == 2
    assert AttractionPage.objects.filter(locale__language_code="en").count() == 1
    plans = plan_import([GOOD, DISH], moderator)
    assert [plan.action for plan in plans] == ["unchanged", "unchanged"]


def test_a_changed_row_updates_the_same_attraction_found_by_uid(moderator) -> None:
    apply_import(plan_import([GOOD], moderator), moderator)
    page = AttractionPage.objects.get(slug="goa-sunyaragi")
    renamed = {
        **GOOD,
        "uid": str(page.translation_key),
        "slug": "taman-sunyaragi",
        "ringkasan": "Taman air gua karang.",
    }
    plans = plan_import([renamed], moderator)
    assert plans[0].action == "update"
    apply_import(plans, moderator)
    page.refresh_from_db()
    assert (page.slug, page.summary) == ("taman-sunyaragi", "Taman air gua karang.")
    assert AttractionPage.objects.filter(locale__language_code="id").count() == 1


def test_duplicate_rows_in_one_file_are_refused(moderator) -> None:
    with translation.override("id"):
        plans = plan_import([GOOD, GOOD], moderator)
    assert plans[0].valid and not plans[1].valid
    assert plans[1].errors == ["Objek wisata yang sama dengan baris 2; simpan salah satunya saja."]


def test_a_contributors_import_becomes_drafts_in_the_workflow(category) -> None:
    ani = person("ani", CONTRIBUTOR)
    client = client_for(ani)
    upload(client, "wisata.xlsx", xlsx(DISH))
    client.post(reverse("editorial_import_report"), {"rows": "all"})
    page = AttractionPage.objects.get(slug="empal-gentong")
    assert not page.live and page.owner == ani
    assert WorkflowState.objects.for_instance(page).get().status == "in_progress"


def test_a_file_that_is_no_spreadsheet_is_refused_with_a_message(moderator) -> None:
    response = upload(client_for(moderator), "wisata.xlsx", b"<html>not a workbook</html>")
    assert response.status_code == 200 and "xlsx" in response.content.decode()
    response = upload(client_for(moderator), "wisata.pdf", b"%PDF-1.4")
    assert "csv" in response.content.decode()


def test_people_without_a_role_cannot_import(category) -> None:
    nobody = person("tamu", None)
    nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert client_for(nobody).get(reverse("editorial_import")).status_code in (302, 403)
