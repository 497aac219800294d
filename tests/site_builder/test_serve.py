"""`wistakon serve`: WhiteNoise over a real build, as a browser or a calendar app sees it."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.test import Client

from site_builder.build import build_site
from site_builder.serve import site_app

TINY = Path(__file__).parents[1] / "fixtures" / "tiny"


class Served:
    """A WSGI client whose responses are read and closed at once (WhiteNoise streams open files)."""

    def __init__(self, app, out: Path) -> None:
        self.client = Client(app)
        self.out = out

    def get(self, path: str, **kwargs):
        response = self.client.get(path, **kwargs)
        response.get_data()
        response.close()
        return response


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> Served:
    out = tmp_path_factory.mktemp("serve") / "dist"
    build_site(TINY, out)
    return Served(site_app(out), out)


def test_feeds_are_text_calendar_with_one_charset(client):
    response = client.get("/agenda/2027.ics")
    assert response.status_code == 200
    assert response.headers["Content-Type"].split(";")[0] == "text/calendar"
    assert response.headers["Content-Type"].count("charset") == 1
    assert response.get_data().startswith(b"BEGIN:VCALENDAR")


def test_api_documents_are_json(client):
    response = client.get("/api/v1/index.json")
    assert response.status_code == 200 and response.headers["Content-Type"] == "application/json"


def test_pages_are_sent_precompressed_when_the_client_accepts_it(client):
    response = client.get("/", headers={"Accept-Encoding": "br, gzip"})
    assert response.headers["Content-Encoding"] == "br"
    assert client.get("/", headers={"Accept-Encoding": "gzip"}).headers["Content-Encoding"] == "gzip"


def test_fingerprinted_assets_are_immutable(client):
    static = client.out / "static"
    asset = next(p for p in sorted(static.rglob("*.css")))  # e.g. css/site.<fingerprint>.css
    response = client.get("/static/" + asset.relative_to(static).as_posix())
    assert response.status_code == 200 and "immutable" in response.headers["Cache-Control"]


def test_unknown_paths_get_the_404_page_in_their_language(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert '<html lang="en">' in response.get_data(as_text=True)
    assert '<html lang="id">' in client.get("/tidak-ada/").get_data(as_text=True)


# --- through the real `wistakon serve` and a real HTTP client ----------------------------------------


@pytest.fixture(scope="module")
def served_url(client) -> Iterator[str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    wistakon = Path(sys.executable).with_name("wistakon")
    server = subprocess.Popen(
        [str(wistakon), "serve", "--out", str(client.out), "--port", str(port)], stdout=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/", timeout=2).close()  # noqa: S310 - a local test server
                break
            except OSError:
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def fetch_missing(url: str) -> tuple[int, str, bytes]:
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(url, timeout=5)  # noqa: S310 - a local test server
    with raised.value as error:
        return error.code, error.headers["Content-Type"], error.read()


@pytest.mark.parametrize("path", ["/agenda/2028.ics", "/en/agenda/venue/nowhere.ics", "/acara/tidak-ada.ics"])
def test_an_unknown_feed_gets_a_plain_text_404_not_a_page(served_url, path):
    status, kind, body = fetch_missing(served_url + path)
    assert status == 404
    assert kind == "text/plain; charset=utf-8"
    assert body == f"Not found: {path}\n".encode()


@pytest.mark.parametrize("path", ["/api/v1/nope.json", "/api/v1/events/", "/portal/nowhere/portal.json"])
def test_an_unknown_api_path_gets_a_json_404(served_url, path):
    status, kind, body = fetch_missing(served_url + path)
    assert status == 404
    assert kind == "application/json"
    assert json.loads(body) == {"error": "not found", "path": path}


def test_an_unknown_page_still_gets_the_html_404_page(served_url):
    status, kind, body = fetch_missing(served_url + "/en/no-such-page/")
    assert (status, kind) == (404, "text/html; charset=utf-8")
    assert b'<html lang="en">' in body
