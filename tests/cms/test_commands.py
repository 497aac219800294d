"""setup_site and create_demo_admin can run any number of times; the admin speaks Indonesian."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from wagtail.models import Locale, Page, Site

from cms.agenda.models import AgendaIndexPage
from cms.attractions.models import AttractionIndexPage
from cms.core.models import HomePage

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_setup_site_builds_the_tree_once_in_both_languages() -> None:
    run("setup_site")
    pages = Page.objects.count()
    assert "created" not in run("setup_site")
    assert Page.objects.count() == pages
    assert sorted(Locale.objects.values_list("language_code", flat=True)) == ["en", "id"]
    for model in (HomePage, AttractionIndexPage, AgendaIndexPage):
        copies = model.objects.all()
        assert sorted(p.locale.language_code for p in copies) == ["en", "id"]
        assert len({p.translation_key for p in copies}) == 1
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class is HomePage and site.root_page.locale.language_code == "id"
    assert AttractionIndexPage.objects.get(locale__language_code="en").get_parent().specific_class is HomePage


def test_create_demo_admin_prints_the_login_and_can_log_in() -> None:
    output = run("create_demo_admin")
    assert "username: admin" in output and "password: wistakon-demo" in output
    run("create_demo_admin")
    assert get_user_model().objects.filter(username="admin", is_superuser=True).count() == 1
    assert Client().login(username="admin", password="wistakon-demo")


def test_the_admin_is_in_indonesian_by_default() -> None:
    run("setup_site")
    run("create_demo_admin")
    client = Client()
    client.login(username="admin", password="wistakon-demo")
    response = client.get("/admin/")
    assert response.status_code == 200
    assert 'lang="id"' in response.text and "Dasbor" in response.text


def test_the_page_editor_opens_for_an_attraction() -> None:
    run("setup_site")
    run("create_demo_admin")
    client = Client()
    client.login(username="admin", password="wistakon-demo")
    index = AttractionIndexPage.objects.get(locale__language_code="id")
    response = client.get(f"/admin/pages/add/attractions/attractionpage/{index.pk}/")
    assert response.status_code == 200
    assert "Jam buka" in response.text and "font-family: ui-monospace" in response.text
