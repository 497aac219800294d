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


def test_the_filled_in_template_example_imports_cleanly(moderator) -> None:
    response = client_for(moderator).get(reverse("editorial_import_template"))
    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    header, example = ([str(v or "") for v in row] for row in sheet.iter_rows(values_only=True))
    plans = plan_import([dict(zip(header, example, strict=True))], moderator)
    assert plans[0].valid, plans[0].errors


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
