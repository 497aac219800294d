"""Moderasi Komunitas: a contributor submits, a moderator approves (it goes live) or asks for changes."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Locale, TaskState, WorkflowState

from cms.attractions.models import AttractionIndexPage, AttractionPage
from cms.editorial.roles import CONTRIBUTOR, MODERATOR
from cms.promotions.models import Promotion
from tests.cms.editorial_support import client_for, draft, form_data, person, tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def category():
    return tree()


@pytest.fixture
def ani():
    return person("ani", CONTRIBUTOR)


@pytest.fixture
def sari():
    return person("sari", MODERATOR)


def propose(client, category) -> AttractionPage:
    """The contributor fills in a new attraction in the admin and presses 'Submit to Moderasi Komunitas'."""
    index = AttractionIndexPage.objects.get(locale__language_code="id")
    url = reverse("wagtailadmin_pages:add", args=["attractions", "attractionpage", index.pk])
    html = client.get(url).content.decode()
    fields = {"title": "Tahu Gejrot Pak Edi", "slug": "tahu-gejrot-pak-edi", "kind": "dish",
              "summary": "Tahu goreng dengan kuah bawang, cabai dan gula merah.", "category": str(category.pk),
              "body": "Dijual di gerobak dekat alun-alun.", "action-submit": "submit"}  # fmt: skip
    response = client.post(url, form_data(html, **fields))
    assert response.status_code == 302, response.content.decode()[:3000]
    return AttractionPage.objects.get(slug="tahu-gejrot-pak-edi")


def current_task_state(page) -> TaskState:
    return WorkflowState.objects.active().for_instance(page).get().current_task_state


def test_a_submitted_attraction_waits_for_a_moderator_and_is_not_live(category, ani, sari) -> None:
    page = propose(client_for(ani), category)
    assert not page.live and page.owner == ani
    state = WorkflowState.objects.for_instance(page).get()
    assert state.status == "in_progress" and state.requested_by == ani
    dashboard = client_for(sari).get(reverse("wagtailadmin_home")).content.decode()
    assert "Tahu Gejrot Pak Edi" in dashboard  # "awaiting your review"


def test_a_moderator_approves_and_the_attraction_is_live(category, ani, sari) -> None:
    page = propose(client_for(ani), category)
    task_state = current_task_state(page)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    response = client_for(sari).post(url, {"comment": ""})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live and not page.has_unpublished_changes
    assert WorkflowState.objects.for_instance(page).get().status == "approved"
    assert page.live_revision.user == ani  # the contributor's words went live


def test_a_contributor_cannot_approve(category, ani) -> None:
    page = propose(client_for(ani), category)
    task_state = current_task_state(page)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    client_for(ani).post(url, {"comment": ""})
    page.refresh_from_db()
    assert not page.live


def test_rejecting_with_a_comment_returns_the_draft_to_its_author(category, ani, sari) -> None:
    page = propose(client_for(ani), category)
    task_state = current_task_state(page)
    comment = "Tambahkan jam buka dan harga per porsi, ya."
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", task_state.pk])
    client_for(sari).post(url, {"comment": comment})
    page.refresh_from_db()
    assert not page.live
    task_state.refresh_from_db()
    assert task_state.status == "rejected" and task_state.comment == comment and task_state.finished_by == sari
    assert WorkflowState.objects.for_instance(page).get().status == "needs_changes"
    editor = client_for(ani).get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert editor.status_code == 200 and comment in editor.content.decode()  # the author sees why, and may edit
    assert any(message.to == [ani.email] for message in mail.outbox)


def test_resubmitting_after_changes_goes_back_to_the_moderator(category, ani, sari) -> None:
    page = draft(ani, "Docang", category)
    state = page.get_workflow().start(page, ani)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, sari, "reject", comment="Terlalu singkat.")
    client = client_for(ani)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    body = "Docang adalah lontong dengan daun singkong, toge dan parutan kelapa."
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]),
                           form_data(html, body=body, **{"action-submit": "submit"}))  # fmt: skip
    assert response.status_code == 302
    state = WorkflowState.objects.for_instance(page).filter(status="in_progress").get()
    assert state.current_task_state.revision.as_object().body == body


def test_promotions_go_through_the_same_workflow(category, sari) -> None:
    promotion = Promotion.objects.create(
        title="Diskon Empal",
        slug="diskon-empal",
        summary="Potongan harga 10%.",
        business="Warung Empal",
        valid_from=date(2026, 1, 1),
        valid_until=date(2026, 12, 31),
        live=False,
        locale=Locale.objects.get(language_code="id"),
    )
    promotion.save_revision(user=sari)
    state = promotion.get_workflow().start(promotion, sari)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, sari, "approve", comment="")
    promotion.refresh_from_db()
    assert promotion.live


def test_the_author_sees_the_request_for_changes_as_a_banner_in_indonesian(category, ani, sari) -> None:
    page = draft(ani, "Docang", category)
    state = page.get_workflow().start(page, ani)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, sari, "reject", comment="Tambahkan jam buka.")
    html = client_for(ani).get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    banner = html[html.index('class="messages"'):]
    banner = banner[: banner.index("</ul>")]
    assert "sari meminta perbaikan: “Tambahkan jam buka.”" in banner and "kirim lagi untuk ditinjau" in banner


def test_a_moderators_dashboard_starts_with_what_awaits_review(category, ani, sari) -> None:
    propose(client_for(ani), category)
    html = client_for(sari).get(reverse("wagtailadmin_home")).content.decode()
    panels = [html.index(marker) for marker in ('id="awaiting-review-section"', 'id="build-status-section"')]
    assert panels == sorted(panels)


def test_the_status_panel_says_a_sent_back_page_is_with_its_author(category, ani, sari) -> None:
    page = draft(ani, "Docang", category)
    state = page.get_workflow().start(page, ani)
    html = client_for(ani).get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "Dalam moderasi" in html  # while the moderator has it
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, sari, "reject", comment="Tambahkan jam buka.")
    html = client_for(ani).get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "Kembali ke penulis: perlu perbaikan" in html and "Dalam moderasi" not in html
