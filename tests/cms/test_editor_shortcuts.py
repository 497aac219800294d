"""The attraction editor's shortcuts: opening hours in one line, the map picker, completeness while writing."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest
from django.urls import reverse

from cms.attractions.models import AttractionIndexPage, AttractionPage
from cms.editorial.roles import CONTRIBUTOR
from tests.cms.editorial_support import client_for, form_data, person, tree

pytestmark = pytest.mark.django_db
PLACE = {"title": "Goa Sunyaragi Uji", "slug": "goa-sunyaragi-uji", "kind": "place",
         "summary": "Taman gua batu karang peninggalan keraton.", "body": "Taman air keraton.",
         "latitude": "-6.7235", "longitude": "108.5383", "confidence": "high"}  # fmt: skip


@pytest.fixture
def setup():
    category = tree()
    index = AttractionIndexPage.objects.get(locale__language_code="id")
    client = client_for(person("ani", CONTRIBUTOR))
    url = reverse("wagtailadmin_pages:add", args=["attractions", "attractionpage", index.pk])
    return client, url, client.get(url).content.decode(), category, index


def test_one_line_of_hours_replaces_the_days_on_save(setup) -> None:
    client, url, html, category, _index = setup
    line = "Senin-Jumat 08:00-16:00; Sabtu 24 jam; Minggu tutup"
    response = client.post(url, form_data(html, **PLACE, category=str(category.pk), hours_shortcut=line))
    assert response.status_code == 302, response.content.decode()[:3000]
    page = AttractionPage.objects.get(slug=PLACE["slug"]).get_latest_revision_as_object()
    rows = [(r.day, r.opens, r.closes, r.closed, r.open_24h) for r in page.hours.all()]
    weekday = [(day, time(8), time(16), False, False) for day in ("mon", "tue", "wed", "thu", "fri")]
    assert rows == [*weekday, ("sat", None, None, False, True), ("sun", None, None, True, False)]

    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    html = client.get(edit).content.decode()
    assert 'name="hours-TOTAL_FORMS" value="7"' in html.replace("\n", " ")
    response = client.post(edit, form_data(html, hours_shortcut="Senin-Minggu 09:00-15:00"))
    assert response.status_code == 302, response.content.decode()[:3000]
    page = AttractionPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert {(r.opens, r.closes) for r in page.hours.all()} == {(time(9), time(15))}
    assert len(page.hours.all()) == 7


def test_a_wrong_line_of_hours_is_named_in_the_form_and_nothing_is_saved(setup) -> None:
    client, url, html, category, _index = setup
    data = form_data(html, **PLACE, category=str(category.pk), hours_shortcut="Senin-Jumat 17:00-08:00")
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "“Senin-Jumat 17:00-08:00”: jam tutup harus jam yang sah dan sesudah jam buka." in html
    assert not AttractionPage.objects.filter(slug=PLACE["slug"]).exists()


def test_the_editor_offers_the_hours_presets_and_a_map_that_loads_only_on_request(setup) -> None:
    _client, _url, html, _category, _index = setup
    assert 'data-hours-preset="Senin-Minggu 08:00-17:00"' in html
    assert "data-map-picker" in html and 'data-prefix=""' in html
    assert 'data-leaflet-js="/static/vendor/leaflet/leaflet.js"' in html
    assert 'data-tiles="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in html
    assert "<script" not in html.split("data-map-picker")[1].split("</div>")[0]  # nothing loads by itself
    assert "tile.openstreetmap.org/" not in html.replace('data-tiles="https://tile.openstreetmap.org/', "")


def test_the_vendored_leaflet_is_served_to_the_admin() -> None:
    from django.contrib.staticfiles import finders

    found = finders.find("vendor/leaflet/leaflet.js")
    assert found and "Leaflet" in Path(found).read_text(encoding="utf-8")[:2000]


def test_completeness_while_writing_scores_the_form_as_it_stands(setup) -> None:
    client, url, html, category, index = setup
    score_url = reverse("editorial_writing_score", args=["attraction", "add", index.pk])
    assert f'data-url="{score_url}"' in html

    thin = client.post(score_url, form_data(html, title="Baru")).json()
    assert thin["thin"] is True and thin["score"] < thin["threshold"]
    assert "location" in thin["codes"] and "hours" in thin["codes"]
    assert "koordinat belum ada" in thin["gaps"]  # the dashboard's labels, in the editor's language

    words = " ".join(["kata"] * 60)
    fuller = client.post(score_url, form_data(html, **{**PLACE, "body": words}, category=str(category.pk),
                                              hours_shortcut="Senin-Minggu 08:00-17:00")).json()  # fmt: skip
    assert fuller["codes"] == ["image", "translation-en", "prices"]
    assert fuller["score"] > thin["score"]


def test_completeness_while_writing_refuses_people_who_cannot_edit(setup) -> None:
    _client, _url, _html, _category, index = setup
    stranger = client_for(person("tamu", None))
    url = reverse("editorial_writing_score", args=["attraction", "add", index.pk])
    assert stranger.post(url, {}).status_code in (302, 403)


def test_the_event_editor_has_the_venue_map_and_the_score(imported) -> None:
    from cms.agenda.models import EventPage
    from cms.editorial.roles import MODERATOR

    event = EventPage.objects.filter(locale__language_code="id").first()
    client = client_for(person("sari", MODERATOR))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[event.pk])).content.decode()
    assert 'data-prefix="venue_"' in html
    score_url = reverse("editorial_writing_score", args=["event", "edit", event.pk])
    assert f'data-url="{score_url}"' in html
    result = client.post(score_url, form_data(html)).json()
    assert result["score"] == assess_saved(event)


def assess_saved(page) -> int:
    from cms.editorial.completeness import assess, facts_of

    translated = page.get_translations().live().exists()
    return assess(facts_of(page, translated)).score


def test_the_hotspot_editor_has_the_map_picker_too(setup) -> None:
    from cms.editorial.roles import MODERATOR

    html = client_for(person("sari", MODERATOR)).get(reverse("wagtailsnippets_hotspots_hotspot:add")).content.decode()
    assert "data-map-picker" in html and "core/map_picker.js" in html
