"""Each editorial role, tried for real through the admin with the test client."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, WorkflowContentType, WorkflowPage

from cms.attractions.models import AttractionIndexPage
from cms.editorial.models import DraftShare
from cms.editorial.roles import ADMINISTRATOR, CONTRIBUTOR, MODERATOR, WORKFLOW
from cms.promotions.models import Promotion
from tests.cms.editorial_support import client_for, draft, form_data, person, tree

pytestmark = pytest.mark.django_db

HOME = "/admin/"


@pytest.fixture
def category():
    return tree()


@pytest.fixture
def ani():
    return person("ani", CONTRIBUTOR)


@pytest.fixture
def budi():
    return person("budi", CONTRIBUTOR)


@pytest.fixture
def moderator():
    return person("sari", MODERATOR)


def edit_url(page: Page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_the_migration_creates_the_three_groups_with_indonesian_descriptions() -> None:
    for name in (CONTRIBUTOR, MODERATOR, ADMINISTRATOR):
        group = Group.objects.get(name=name)
        assert len(group.role.description) > 40
    assert "draf" in Group.objects.get(name=CONTRIBUTOR).role.description


def test_setup_roles_can_run_again_without_duplicating_anything(category) -> None:
    before = (GroupPagePermission.objects.count(), Group.objects.count())
    out = StringIO()
    call_command("setup_roles", stdout=out)
    call_command("setup_roles", stdout=out)
    assert (GroupPagePermission.objects.count(), Group.objects.count()) == before
    assert f"workflow '{WORKFLOW}' on 4 index page(s)" in out.getvalue()


def test_the_workflow_covers_both_index_pages_in_both_languages_and_promotions(category, ani) -> None:
    for index in AttractionIndexPage.objects.all():
        assert WorkflowPage.objects.get(page=index).workflow.name == WORKFLOW
    assert draft(ani, "Tahu Gejrot", category).get_workflow().name == WORKFLOW
    assert WorkflowContentType.objects.get(content_type__model="promotion").workflow.name == WORKFLOW
    assert Promotion().get_workflow().name == WORKFLOW


def test_a_contributor_can_open_the_form_for_a_new_attraction(category, ani) -> None:
    index = AttractionIndexPage.objects.get(locale__language_code="id")
    response = client_for(ani).get(reverse("wagtailadmin_pages:add", args=["attractions", "attractionpage",
                                                                          index.pk]))  # fmt: skip
    assert response.status_code == 200


def test_a_contributor_cannot_publish_their_own_draft(category, ani) -> None:
    page = draft(ani, "Tahu Gejrot", category)
    client = client_for(ani)
    html = client.get(edit_url(page)).content.decode()
    assert 'name="action-publish"' not in html
    client.post(edit_url(page), form_data(html, **{"action-publish": "publish"}))
    page.refresh_from_db()
    assert not page.live


def test_a_contributor_cannot_delete_even_their_own_draft(category, ani) -> None:
    page = draft(ani, "Tahu Gejrot", category)
    client = client_for(ani)
    response = client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    assert response.status_code == 302 and response["Location"] == HOME
    assert Page.objects.filter(pk=page.pk).exists()


def test_a_contributor_cannot_bulk_delete(category, ani) -> None:
    page = draft(ani, "Tahu Gejrot", category)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"]) + f"?id={page.pk}"
    response = client_for(ani).post(url)
    assert response.status_code == 302 and response["Location"] == HOME
    assert Page.objects.filter(pk=page.pk).exists()


@pytest.mark.parametrize("view", ["edit", "view_draft", "history", "revisions_index", "workflow_history", "copy"])
def test_a_contributor_cannot_open_another_contributors_draft(category, ani, budi, view: str) -> None:
    page = draft(budi, "Nasi Jamblang Bu Nur", category)
    response = client_for(ani).get(reverse(f"wagtailadmin_pages:{view}", args=[page.pk]), follow=True)
    assert response.redirect_chain[0] == (HOME, 302)
    assert "draf orang lain" in response.content.decode()


def test_a_contributor_does_not_see_another_contributors_draft_in_the_explorer(category, ani, budi) -> None:
    draft(ani, "Tahu Gejrot", category)
    draft(budi, "Nasi Jamblang Bu Nur", category)
    index = AttractionIndexPage.objects.get(locale__language_code="id")
    html = client_for(ani).get(reverse("wagtailadmin_explore", args=[index.pk])).content.decode()
    assert "Tahu Gejrot" in html
    assert "Nasi Jamblang Bu Nur" not in html


def test_a_draft_shared_by_a_moderator_opens_for_the_contributor(category, ani, budi, moderator) -> None:
    page = draft(budi, "Nasi Jamblang Bu Nur", category)
    moderator_client = client_for(moderator)
    add = reverse("editorial_draft_shares:add")
    response = moderator_client.post(add, {"page": page.pk, "user": ani.pk})
    assert response.status_code == 302, response.content.decode()[:2000]
    share = DraftShare.objects.get(page=page, user=ani)
    assert share.shared_by == moderator
    assert client_for(ani).get(edit_url(page)).status_code == 200


def test_a_contributor_cannot_share_drafts(category, ani) -> None:
    response = client_for(ani).get(reverse("editorial_draft_shares:add"))
    assert response.status_code in (302, 403)


def test_a_moderator_can_open_and_publish_a_contributors_draft(category, ani, moderator) -> None:
    page = draft(ani, "Tahu Gejrot", category)
    client = client_for(moderator)
    html = client.get(edit_url(page)).content.decode()
    response = client.post(edit_url(page), form_data(html, **{"action-publish": "publish"}))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live


def test_a_moderator_can_delete_a_draft(category, ani, moderator) -> None:
    page = draft(ani, "Tahu Gejrot", category)
    response = client_for(moderator).post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    assert response.status_code == 302
    assert not Page.objects.filter(pk=page.pk).exists()


@pytest.mark.parametrize("url_name", ["wagtailsnippets_hotspots_hotspot:list",
                                      "wagtailsnippets_promotions_promotion:list"])  # fmt: skip
def test_hotspots_and_promotions_are_for_moderators_only(category, ani, moderator, url_name: str) -> None:
    assert client_for(moderator).get(reverse(url_name)).status_code == 200
    assert client_for(ani).get(reverse(url_name)).status_code in (302, 403)


def test_only_an_administrator_manages_user_accounts(category, moderator) -> None:
    admin = person("admin-dkis", ADMINISTRATOR)
    assert client_for(admin).get(reverse("wagtailusers_users:index")).status_code == 200
    assert client_for(moderator).get(reverse("wagtailusers_users:index")).status_code in (302, 403)


def test_a_contributor_may_upload_images_but_not_documents(category, ani) -> None:
    client = client_for(ani)
    assert client.get(reverse("wagtailimages:add")).status_code == 200
    assert client.get(reverse("wagtaildocs:add")).status_code in (302, 403)


ACCOUNTS = """username,email,first_name,last_name,group
ani,ani@pokdarwis.example,Ani,Rahma,Kontributor Komunitas
sari,sari@dkis.example,Sari,Dewi,moderator
"""


def test_import_contributors_creates_each_account_once(category, tmp_path) -> None:
    file = tmp_path / "akun.csv"
    file.write_text(ACCOUNTS)
    out = StringIO()
    call_command("import_contributors", str(file), stdout=out)
    assert "row 2 ani: create (Kontributor Komunitas)" in out.getvalue()
    call_command("import_contributors", str(file), stdout=out)
    assert "0 created, 0 added to a group, 2 unchanged" in out.getvalue()
    ani = get_user_model().objects.get(username="ani")
    assert list(ani.groups.values_list("name", flat=True)) == [CONTRIBUTOR] and not ani.has_usable_password()


def test_import_contributors_creates_nothing_when_one_row_is_bad(category, tmp_path) -> None:
    file = tmp_path / "akun.csv"
    file.write_text(ACCOUNTS + "budi,bukan-surel,Budi,,Penonton\n")
    out = StringIO()
    with pytest.raises(CommandError, match="no account was created"):
        call_command("import_contributors", str(file), stdout=out)
    assert "row 4 budi:" in out.getvalue() and "email" in out.getvalue() and "group" in out.getvalue()
    assert not get_user_model().objects.filter(username__in=["ani", "sari", "budi"]).exists()


def test_an_administrator_adds_contributors_from_a_csv_in_the_admin(category) -> None:
    admin = person("admin-dkis", ADMINISTRATOR)
    client = client_for(admin)
    page = client.get(reverse("editorial_contributors")).content.decode()
    assert "Kontributor Komunitas" in page  # the role descriptions are explained
    bad = SimpleUploadedFile("akun.csv", (ACCOUNTS + "ani,lain@example.org,A,B,moderator\n").encode())
    response = client.post(reverse("editorial_contributors"), {"file": bad})
    assert 'data-row="4"' in response.content.decode()
    assert not get_user_model().objects.filter(username="sari").exists()
    good = SimpleUploadedFile("akun.csv", ACCOUNTS.encode())
    assert client.post(reverse("editorial_contributors"), {"file": good}).status_code == 302
    assert get_user_model().objects.get(username="sari").groups.get().name == MODERATOR


def test_a_moderator_cannot_add_accounts(category, moderator) -> None:
    assert client_for(moderator).get(reverse("editorial_contributors")).status_code in (302, 403)


def test_wagtails_default_groups_are_folded_into_the_roles() -> None:
    assert not Group.objects.filter(name__in=["Moderators", "Editors"]).exists()  # gone after migrate
    legacy = Group.objects.create(name="Moderators")
    old_hand = get_user_model().objects.create_user("lama", "lama@example.org", "sandi-rahasia-123")
    old_hand.groups.add(legacy)
    call_command("setup_roles", stdout=StringIO())
    assert not Group.objects.filter(name="Moderators").exists()
    assert list(old_hand.groups.values_list("name", flat=True)) == [MODERATOR]
