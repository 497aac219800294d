"""The email after a moderator asks for changes: in the author's language, never a "rejection", linking to the CMS."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from wagtail.users.models import UserProfile

from cms.editorial.roles import CONTRIBUTOR, MODERATOR
from tests.cms.editorial_support import client_for, draft, person, tree

pytestmark = pytest.mark.django_db
COMMENT = "Tambahkan jam buka dan harga per porsi, ya."


def ask_for_changes(language: str) -> tuple[mail.EmailMessage, str]:
    """Siti submits an attraction, Budi asks for changes in the admin; returns Siti's email and the edit link."""
    siti, budi = person("siti", CONTRIBUTOR), person("budi", MODERATOR)
    profile = UserProfile.get_for_user(siti)
    profile.preferred_language = language
    profile.save()
    page = draft(siti, "Tahu Gejrot", tree())
    task_state = page.get_workflow().start(page, siti).current_task_state
    mail.outbox.clear()
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", task_state.pk])
    response = client_for(budi).post(url, {"comment": COMMENT})
    assert response.status_code in (200, 302), response.content[:500]
    [email] = [m for m in mail.outbox if m.to == [siti.email]]
    return email, settings.WAGTAILADMIN_BASE_URL + reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_an_indonesian_author_reads_that_the_moderator_asks_for_changes() -> None:
    email, edit_link = ask_for_changes("")  # no preference: the CMS's language, Indonesian
    text = f"{email.subject}\n{email.body}"
    assert "Moderator meminta perbaikan" in email.subject and "Tahu Gejrot" in email.subject
    assert "Moderator meminta perbaikan" in email.body and f'Catatan moderator: "{COMMENT}"' in email.body
    assert "Halo siti," in email.body
    assert "ditolak" not in text.lower() and "reject" not in text.lower()
    assert edit_link in email.body and "localhost" not in text


def test_an_english_author_reads_it_in_english() -> None:
    email, edit_link = ask_for_changes("en")
    text = f"{email.subject}\n{email.body}"
    assert email.subject == 'Changes were requested for "Tahu Gejrot"'
    assert "Changes were requested" in email.body and f"The moderator's note: \"{COMMENT}\"" in email.body
    assert "reject" not in text.lower() and "perbaikan" not in text
    assert edit_link in email.body


def test_without_a_setting_the_links_point_where_the_readme_says_the_cms_runs(monkeypatch) -> None:
    monkeypatch.delenv("WAGTAILADMIN_BASE_URL", raising=False)
    base = runpy.run_path(str(Path(settings.BASE_DIR) / "cms" / "settings" / "base.py"))
    assert base["WAGTAILADMIN_BASE_URL"] == "http://127.0.0.1:8000"
