"""The service worker and offline pages (site_builder.web.offline)."""

from __future__ import annotations

import json
import re

from site_builder.web.app import create_app
from tests.conftest import TINY_NOW


def _constant(script: str, name: str):
    return json.loads(re.search(rf"const {name} = (.+?);\n", script).group(1))


def test_service_worker_precaches_the_shell_and_the_agenda_in_both_languages(client):
    response = client.get("/sw.js")
    assert response.mimetype == "text/javascript"
    precache = _constant(response.get_data(as_text=True), "PRECACHE")
    for path in ("/", "/en/", "/offline/", "/en/offline/", "/agenda/", "/en/agenda/"):
        assert path in precache
    assert any(path.startswith("/agenda/20") for path in precache)
    assert all(client.get(path).status_code == 200 for path in precache)


def test_cache_name_is_tied_to_the_build(tiny_catalog):
    def cache_name(now) -> str:
        return _constant(create_app(tiny_catalog, now=now).test_client().get("/sw.js").get_data(as_text=True), "CACHE")

    assert cache_name(TINY_NOW) == cache_name(TINY_NOW)
    assert re.fullmatch(r"wistakon-[0-9a-f]{12}", cache_name(TINY_NOW))
    assert cache_name(TINY_NOW.replace(day=2)) != cache_name(TINY_NOW)


def test_a_content_change_changes_the_cache_name(tiny_catalog):
    from dataclasses import replace

    edited = replace(tiny_catalog, attractions=(replace(tiny_catalog.attractions[0], content_hash="edited"),))
    before = create_app(tiny_catalog, now=TINY_NOW).test_client().get("/sw.js").get_data(as_text=True)
    after = create_app(edited, now=TINY_NOW).test_client().get("/sw.js").get_data(as_text=True)
    assert _constant(before, "CACHE") != _constant(after, "CACHE")


def test_offline_page_speaks_both_languages(client):
    html = client.get("/offline/").get_data(as_text=True)
    assert "<h1>Anda sedang luring</h1>" in html
    assert '<section lang="en"' in html and "You are offline" in html
    english = client.get("/en/offline/").get_data(as_text=True)
    assert "<h1>You are offline</h1>" in english and "Anda sedang luring" in english
    assert '<meta name="robots" content="noindex">' in english


def test_pages_register_the_worker_without_blocking_rendering(client):
    html = client.get("/").get_data(as_text=True)
    head = html.split("</head>")[0]
    assert "<script src=" not in head
    assert 'navigator.serviceWorker.register("/sw.js")' in html.split("</footer>")[1]
