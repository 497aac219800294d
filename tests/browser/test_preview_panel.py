"""Wagtail's preview panel shows an unsaved draft rendered by the builder's preview server, inside the admin.

The CMS runs as pytest-django's live server; the preview server (site_builder.preview) runs on a
free port and fetches the draft from the CMS's /preview-api/. Nothing is saved or published.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from site_builder.preview import create_preview_app

from .conftest import free_port

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # Wagtail's image renditions for the editor's thumbnails leave a SpooledTemporaryFile to the collector.
    pytest.mark.filterwarnings(
        "ignore:Exception ignored in.*SpooledTemporaryFile:pytest.PytestUnraisableExceptionWarning"
    ),
]
# Playwright's sync API keeps an event loop in this thread; Django's ORM calls here are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

FIXTURE_CONTENT = Path(__file__).parents[1] / "cms" / "fixtures" / "content"
USERNAME, PASSWORD = "editor", "pratinjau-rahasia-1"


@pytest.fixture
def preview_server(live_server, tmp_path: Path, settings) -> Iterator[str]:
    content = Path(shutil.copytree(FIXTURE_CONTENT, tmp_path / "content"))
    port = free_port()
    server = make_server("127.0.0.1", port, create_preview_app(content, live_server.url), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}/"
    settings.WAGTAIL_HEADLESS_PREVIEW = {"CLIENT_URLS": {"default": url}}
    yield url
    server.shutdown()


def test_editing_a_title_shows_in_the_preview_iframe_without_publishing(
    browser, live_server, preview_server: str, django_user_model
) -> None:
    from cms.attractions.models import AttractionPage
    from cms.core.snapshot.importer import import_snapshot

    import_snapshot(FIXTURE_CONTENT)
    django_user_model.objects.create_superuser(USERNAME, "editor@localhost", PASSWORD)
    page_id = AttractionPage.objects.get(slug="keraton-kasepuhan").pk

    context = browser.new_context()
    tab = context.new_page()
    frame_errors: list[str] = []
    tab.on("console", lambda message: frame_errors.append(message.text) if "frame" in message.text.lower() else None)
    try:
        tab.goto(f"{live_server.url}/admin/login/")
        tab.fill("#id_username", USERNAME)
        tab.fill("#id_password", PASSWORD)
        tab.click("button[type=submit]")
        tab.wait_for_url(f"{live_server.url}/admin/")
        tab.goto(f"{live_server.url}/admin/pages/{page_id}/edit/")
        tab.fill("#id_title", "Keraton Kasepuhan Dalam Pratinjau")
        tab.click("button[data-side-panel-toggle='preview']")

        draft = tab.frame_locator("#w-preview-iframe").frame_locator("iframe").locator("h1")
        draft.filter(has_text="Keraton Kasepuhan Dalam Pratinjau").wait_for(timeout=30_000)
        inner = next(frame for frame in tab.frames if frame.url.startswith(preview_server))
        assert 'class="hours"' in inner.content(), "the real theme's attraction page"
        assert not [text for text in frame_errors if "refused" in text.lower()], frame_errors
    finally:
        context.close()

    page = AttractionPage.objects.get(pk=page_id)
    assert page.title == "Keraton Kasepuhan" and not page.has_unpublished_changes, "nothing saved or published"
