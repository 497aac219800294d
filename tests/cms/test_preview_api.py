"""/preview-api/: the one draft a preview token names, as a content bundle; a bare 403 for anything else."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.signing import TimestampSigner, b62_encode
from django.test import Client
from wagtail_headless_preview.models import PagePreview

from cms.agenda.models import EventPage
from cms.attractions.models import AttractionPage
from cms.core.snapshot.export import export_snapshot
from site_builder.preview import create_preview_app

pytestmark = pytest.mark.django_db
ATTRACTION = "attractions.attractionpage"


def preview_of(page: AttractionPage | EventPage, **changes: object) -> str:
    """Press Preview on an edited draft, as the admin does; returns the token."""
    draft = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    return draft.create_page_preview().token


def ask(content_type: str, token: str) -> object:
    return Client().get("/preview-api/", {"content_type": content_type, "token": token})


def test_a_valid_token_gives_the_draft_as_its_content_bundle(imported: Path) -> None:
    page = AttractionPage.objects.get(slug="keraton-kasepuhan")
    token = preview_of(page, title="Keraton Kasepuhan (draf)")
    response = ask(ATTRACTION, token)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    draft = response.json()
    assert draft["section"] == "attractions" and draft["folder"] == "keraton-kasepuhan"
    assert draft["uid"] == str(page.translation_key) and draft["lang"] == "id"
    assert "title: Keraton Kasepuhan (draf)" in draft["files"]["index.id.md"]
    assert "title: Kasepuhan Palace" in draft["files"]["index.en.md"]  # the published translation
    assert set(draft["images"]) == {"cover.png"}


def test_the_draft_is_not_published_or_saved(imported: Path) -> None:
    page = AttractionPage.objects.get(slug="keraton-kasepuhan")
    ask(ATTRACTION, preview_of(page, title="Hanya Pratinjau"))
    page.refresh_from_db()
    assert page.title == "Keraton Kasepuhan" and not page.has_unpublished_changes


@pytest.mark.parametrize("token", ["", "nonsense", "id=1:1uXyZ:forged-signature"])
def test_a_missing_or_forged_token_gets_a_bare_403(imported: Path, token: str) -> None:
    preview_of(AttractionPage.objects.get(slug="keraton-kasepuhan"), title="Rahasia")
    response = ask(ATTRACTION, token)
    assert response.status_code == 403 and response.content == b""


def test_a_signed_token_without_a_stored_preview_gets_403(imported: Path) -> None:
    page = AttractionPage.objects.get(slug="keraton-kasepuhan")
    token = page.get_preview_signer().sign(f"id={page.pk}")  # well signed, never previewed
    assert ask(ATTRACTION, token).status_code == 403


def test_an_expired_token_gets_403(imported: Path) -> None:
    class TwoHoursAgo(TimestampSigner):
        def timestamp(self) -> str:
            return b62_encode(int(time.time()) - 2 * 60 * 60)

    page = AttractionPage.objects.get(slug="keraton-kasepuhan")
    token = TwoHoursAgo(salt="headlesspreview.token").sign(f"id={page.pk}")
    PagePreview.objects.create(token=token, content_type=ContentType.objects.get_for_model(AttractionPage),
                               content_json=page.to_json())  # fmt: skip
    response = ask(ATTRACTION, token)
    assert response.status_code == 403 and response.content == b""


def test_a_token_only_works_for_its_own_content_type(imported: Path) -> None:
    token = preview_of(AttractionPage.objects.get(slug="keraton-kasepuhan"), title="Rahasia")
    assert ask("agenda.eventpage", token).status_code == 403
    assert ask("auth.user", token).status_code == 403
    assert ask("nonsense", token).status_code == 403


def test_a_token_never_shows_another_draft(imported: Path) -> None:
    """Another page's draft, and an unpublished draft of the translation, stay out of the answer."""
    kasepuhan = AttractionPage.objects.get(slug="keraton-kasepuhan")
    english = AttractionPage.objects.get(slug="kasepuhan-palace")
    english.title = "Secret English Draft"
    english.save_revision()
    empal = AttractionPage.objects.get(slug="empal-gentong")
    empal.title = "Draf Rahasia Empal"
    empal.save_revision()
    preview_of(empal, title="Pratinjau Rahasia Empal")
    text = ask(ATTRACTION, preview_of(kasepuhan, title="Keraton Draf")).content.decode()
    assert "Keraton Draf" in text
    assert "Secret English Draft" not in text and "Empal" not in text


def test_an_english_draft_is_previewed_in_english_over_the_published_original(imported: Path) -> None:
    english = AttractionPage.objects.get(slug="kasepuhan-palace")
    draft = ask(ATTRACTION, preview_of(english, title="Kasepuhan Palace, edited")).json()
    assert draft["lang"] == "en" and draft["folder"] == "keraton-kasepuhan"
    assert "title: Kasepuhan Palace, edited" in draft["files"]["index.en.md"]
    assert "title: Keraton Kasepuhan" in draft["files"]["index.id.md"]


def test_an_event_draft_is_previewed_too(imported: Path) -> None:
    event = EventPage.objects.get(locale__language_code="id")
    draft = ask("agenda.eventpage", preview_of(event, title="Panjang Jimat (draf)")).json()
    assert draft["section"] == "events" and "title: Panjang Jimat (draf)" in draft["files"]["index.id.md"]


def test_the_preview_server_renders_the_draft_and_the_live_site_is_unchanged(imported: Path, live_server,
                                                                            tmp_path: Path) -> None:  # fmt: skip
    """The builder's preview server, fetching from this CMS, shows the draft with the real theme."""
    content = Path(shutil.copytree(imported, tmp_path / "content"))
    before = (content / "attractions" / "keraton-kasepuhan" / "index.id.md").read_bytes()
    token = preview_of(AttractionPage.objects.get(slug="keraton-kasepuhan"), title="Keraton Kasepuhan Baru")
    client = create_preview_app(content, live_server.url).test_client()
    response = client.get(f"/?content_type={ATTRACTION}&token={token}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200, html
    assert "<h1>Keraton Kasepuhan Baru</h1>" in html
    assert response.headers["Content-Security-Policy"] == f"frame-ancestors 'self' {live_server.url}"
    assert (content / "attractions" / "keraton-kasepuhan" / "index.id.md").read_bytes() == before
    export_snapshot(content)  # what publishing would write: still the published title
    assert "title: Keraton Kasepuhan\n" in (content / "attractions" / "keraton-kasepuhan" / "index.id.md").read_text()


def test_pages_point_wagtails_preview_at_the_preview_server(imported: Path, settings) -> None:
    settings.WAGTAIL_HEADLESS_PREVIEW = {"CLIENT_URLS": {"default": "http://127.0.0.1:8020/"}}
    page = AttractionPage.objects.get(slug="keraton-kasepuhan")
    response = page.make_preview_request()
    html = response.content.decode()
    assert '<iframe src="http://127.0.0.1:8020/?content_type=attractions.attractionpage&amp;token=' in html


def test_the_admins_preview_view_may_be_framed_by_the_admin_only(imported: Path, admin_client, settings) -> None:
    """Wagtail lifts X-Frame-Options to SAMEORIGIN for its preview view; no CSP of ours blocks the inner frame."""
    settings.X_FRAME_OPTIONS = "DENY"  # as in production
    page = AttractionPage.objects.get(slug="keraton-kasepuhan")
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/preview/")
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-src" not in response.get("Content-Security-Policy", "")
    assert admin_client.get("/admin/")["X-Frame-Options"] == "DENY"
