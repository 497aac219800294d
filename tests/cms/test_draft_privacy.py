"""A contributor never reads another contributor's unpublished draft, through any admin path.

Budi writes "Nasi Jamblang Bu Nur" in the admin and submits it; it is never published. Ani, another
contributor, probes every admin path that lists or returns pages: its title and slug must never reach her.
Budi himself and the moderator still find it on the same paths.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Task

from cms.attractions.models import AttractionIndexPage, AttractionPage
from cms.editorial.roles import CONTRIBUTOR, MODERATOR, REVIEW_TASK
from tests.cms.editorial_support import client_for, draft, form_data, person, tree

pytestmark = pytest.mark.django_db

SECRET = "jamblang"  # a word of the draft's title, searched for
REVEALING = ("nasi jamblang bu nur", "nasi-jamblang-bu-nur")  # its title and slug (a search echoes only SECRET)
HOME = "/admin/"


@pytest.fixture
def scene():
    """Ani and Budi (contributors), Sari (moderator); Budi's draft, submitted, locked by Sari."""
    category = tree()
    ani, budi, sari = person("ani", CONTRIBUTOR), person("budi", CONTRIBUTOR), person("sari", MODERATOR)
    draft(ani, "Tahu Gejrot", category)
    index = AttractionIndexPage.objects.get(locale__language_code="id")
    url = reverse("wagtailadmin_pages:add", args=["attractions", "attractionpage", index.pk])
    client = client_for(budi)
    fields = {"title": "Nasi Jamblang Bu Nur", "slug": "nasi-jamblang-bu-nur", "kind": "dish",
              "summary": "Nasi dalam daun jati dengan lauk pilihan.", "category": str(category.pk),
              "body": "Dekat Stasiun Kejaksan.", "action-submit": "submit"}  # fmt: skip
    response = client.post(url, form_data(client.get(url).content.decode(), **fields))
    assert response.status_code == 302, response.content.decode()[:3000]
    secret = AttractionPage.objects.get(slug="nasi-jamblang-bu-nur")
    assert not secret.live and secret.owner == budi
    Page.objects.filter(pk=secret.pk).update(locked=True, locked_by=sari, locked_at=timezone.now())
    return {"ani": ani, "budi": budi, "sari": sari, "page": secret, "index": index}


def listings(scene) -> list[str]:
    """Every admin URL that lists pages (or shows page titles) for a contributor."""
    index = scene["index"].pk
    return [
        HOME,
        "/admin/api/main/pages/",
        f"/admin/api/main/pages/?child_of={index}",
        f"/admin/api/main/pages/?search={SECRET}",
        f"/admin/api/main/pages/?descendant_of={index}&fields=title,slug",
        f"/admin/pages/search/?q={SECRET}",
        f"/admin/pages/search/results/?q={SECRET}",
        f"/admin/search/?q={SECRET}",  # not in Wagtail 8 (its sidebar search is pages/search/): kept for upgrades
        f"/admin/pages/{index}/",
        f"/admin/pages/{index}/results/",
        f"/admin/choose-page/{index}/",
        f"/admin/choose-page/search/?q={SECRET}",
        "/admin/choose-page/",
        "/admin/reports/site-history/",
        "/admin/reports/site-history/results/",
        "/admin/reports/aging-pages/",  # lists published pages only, today
        "/admin/reports/locked/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/reports/page-types-usage/",
        "/admin/pages/usage/attractions/attractionpage/",
        reverse("editorial_completeness"),
    ]


def details(scene) -> list[str]:
    """Every admin URL that returns the draft itself, by its id."""
    page = scene["page"]
    pk, revision = page.pk, page.latest_revision_id
    task = Task.objects.get(name=REVIEW_TASK).pk
    names = ["edit", "view_draft", "preview_on_edit", "history", "history_results", "usage", "revisions_index",
             "workflow_history", "copy", "confirm_workflow_cancellation"]  # fmt: skip
    return [
        f"/admin/api/main/pages/{pk}/",
        f"/admin/api/main/pages/find/?id={pk}",
        f"/admin/pages/{pk}/",
        f"/admin/pages/{pk}/results/",
        f"/admin/choose-page/{pk}/",
        *(reverse(f"wagtailadmin_pages:{name}", args=[pk]) for name in names),
        reverse("wagtailadmin_pages:revisions_view", args=[pk, revision]),
        f"/admin/pages/{pk}/revisions/compare/earliest...latest/",
        reverse("wagtailadmin_pages:workflow_preview", args=[pk, task]),
        reverse("simple_translation:submit_page_translation", args=[pk]),
    ]


def leaks(response) -> bool:
    text = (response.content.decode() + response.get("Location", "")).lower()
    return any(word in text for word in REVEALING)


def test_another_contributor_finds_the_draft_on_no_listing(scene) -> None:
    client = client_for(scene["ani"])
    found = [url for url in listings(scene) if leaks(client.get(url))]
    assert found == [], "\n".join(found)


def test_another_contributor_is_refused_every_url_of_the_draft(scene) -> None:
    client = client_for(scene["ani"])
    answers = {url: client.get(url) for url in details(scene)}
    opened = {url: r.status_code for url, r in answers.items()
              if not (r.status_code in (403, 404) or (r.status_code == 302 and r["Location"] == HOME))}  # fmt: skip
    assert opened == {}
    assert [url for url, response in answers.items() if leaks(response)] == []


@pytest.mark.parametrize("who", ["budi", "sari"])
def test_the_owner_and_the_moderator_still_find_the_draft(scene, who: str) -> None:
    client = client_for(scene[who])
    pk, index = scene["page"].pk, scene["index"].pk
    for url in (f"/admin/api/main/pages/{pk}/", f"/admin/api/main/pages/?child_of={index}",
                f"/admin/pages/search/?q={SECRET}", f"/admin/pages/{index}/", f"/admin/choose-page/{index}/",
                f"/admin/choose-page/search/?q={SECRET}", reverse("editorial_completeness"),
                reverse("wagtailadmin_pages:history", args=[pk])):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200 and leaks(response), url


def test_the_moderator_sees_the_draft_in_site_history_and_review(scene) -> None:
    client = client_for(scene["sari"])
    for url in ("/admin/reports/site-history/", "/admin/reports/workflow/", HOME, "/admin/reports/page-types-usage/",
                reverse("wagtailadmin_pages:edit", args=[scene["page"].pk])):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200 and leaks(response), url


def test_the_page_types_report_is_refused_to_a_contributor_and_left_out_of_the_menu(scene) -> None:
    response = client_for(scene["ani"]).get("/admin/reports/page-types-usage/", follow=True)
    assert response.redirect_chain == [(HOME, 302)]
    html = response.content.decode()
    assert "Hanya moderator yang dapat melihat laporan ini." in html
    assert "/admin/reports/page-types-usage/" not in html
    assert "/admin/reports/page-types-usage/" in client_for(scene["sari"]).get(HOME).content.decode()


def test_a_shared_draft_is_listed_for_the_contributor_it_is_shared_with(scene) -> None:
    from cms.editorial.models import DraftShare

    DraftShare.objects.create(page=scene["page"], user=scene["ani"], shared_by=scene["sari"])
    client = client_for(scene["ani"])
    for url in (f"/admin/api/main/pages/{scene['page'].pk}/", f"/admin/pages/search/?q={SECRET}"):
        response = client.get(url)
        assert response.status_code == 200 and leaks(response), url
