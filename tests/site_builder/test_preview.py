"""Live preview: a draft bundle from the CMS preview API, rendered by the real theme.

The CMS side of the API is tested in tests/cms; here a local HTTP server hands out the draft
exactly as the CMS does (the bundle files `export` would write).
"""

from __future__ import annotations

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from site_builder.preview import create_preview_app

TINY = Path(__file__).parents[1] / "fixtures" / "tiny"
BUNDLE = TINY / "attractions" / "keraton-uji"


def draft_of(title: str, lang: str = "id", body_extra: str = "") -> dict:
    text = (BUNDLE / "index.id.md").read_text().replace("title: Keraton Uji", f"title: {title}")
    return {
        "section": "attractions",
        "folder": "keraton-uji",
        "uid": "33333333-3333-4333-8333-333333333333",
        "lang": lang,
        "files": {"index.id.md": text + body_extra, "index.en.md": (BUNDLE / "index.en.md").read_text()},
        "images": {"cover.png": base64.b64encode((BUNDLE / "cover.png").read_bytes()).decode()},
    }


@pytest.fixture
def cms():
    """A local stand-in for the CMS preview API: token → draft."""
    drafts: dict[str, dict] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            query = parse_qs(urlsplit(self.path).query)
            draft = drafts.get(query.get("token", [""])[0])
            body = json.dumps(draft or {"error": "bad token"}).encode()
            self.send_response(200 if draft else 403)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", drafts
    server.shutdown()
    server.server_close()


def test_draft_is_rendered_with_the_theme_and_framable_by_the_cms(cms):
    url, drafts = cms
    drafts["t1"] = draft_of("Keraton Draf Baru")
    client = create_preview_app(TINY, url).test_client()
    response = client.get("/?content_type=attractions.attractionpage&token=t1")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<h1>Keraton Draf Baru</h1>" in html
    assert '<table class="hours">' in html  # the same template as the frozen page
    assert response.headers["Content-Security-Policy"] == f"frame-ancestors 'self' {url}"
    assert "X-Frame-Options" not in response.headers


def test_preview_in_english_shows_the_english_page(cms):
    url, drafts = cms
    drafts["t2"] = draft_of("Keraton Draf", lang="en")
    html = create_preview_app(TINY, url).test_client().get("/?content_type=x&token=t2").get_data(as_text=True)
    assert '<html lang="en">' in html and "<h1>Test Palace</h1>" in html


def test_page_assets_of_the_draft_are_served(cms):
    url, drafts = cms
    drafts["t3"] = draft_of("Keraton Draf")
    client = create_preview_app(TINY, url).test_client()
    client.get("/?content_type=x&token=t3")
    image = client.get("/media/attractions/keraton-uji/cover.png")
    assert image.status_code == 200 and image.data.startswith(b"\x89PNG")


def test_untrusted_draft_text_cannot_run_script(cms):
    url, drafts = cms
    drafts["t4"] = draft_of("Keraton Draf", body_extra="\n\n<img src=x onerror=alert(1)><script>alert(2)</script>")
    html = create_preview_app(TINY, url).test_client().get("/?content_type=x&token=t4").get_data(as_text=True)
    assert "onerror" not in html and "alert(2)" not in html


def test_invalid_draft_lists_its_problems_instead_of_crashing(cms):
    url, drafts = cms
    draft = draft_of("Keraton Draf")
    draft["files"]["index.id.md"] = draft["files"]["index.id.md"].replace("lat: -6.7261", "lat: 123")
    drafts["t5"] = draft
    response = create_preview_app(TINY, url).test_client().get("/?content_type=x&token=t5")
    assert response.status_code == 422
    assert "location.lat" in response.get_data(as_text=True)


def test_bad_token_says_press_preview_again(cms):
    url, _ = cms
    response = create_preview_app(TINY, url).test_client().get("/?content_type=x&token=nope")
    assert response.status_code == 502 and "press Preview again" in response.get_data(as_text=True)


def test_draft_of_a_new_item_not_yet_in_the_snapshot_is_previewed(cms):
    url, drafts = cms
    draft = draft_of("Tempat Baru Sekali")
    draft["folder"] = "tempat-baru"
    draft["uid"] = "88888888-8888-4888-8888-888888888888"
    draft["files"] = {
        "index.id.md": draft["files"]["index.id.md"]
        .replace("33333333-3333-4333-8333-333333333333", draft["uid"])
        .replace("slug: keraton-uji", "slug: tempat-baru")
    }
    drafts["t6"] = draft
    html = create_preview_app(TINY, url).test_client().get("/?content_type=x&token=t6").get_data(as_text=True)
    assert "<h1>Tempat Baru Sekali</h1>" in html
