"""A portal page opened in Chromium with the network cut: it renders completely and asks for nothing."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest

from site_builder.build import build_site
from tests.conftest import TINY, TINY_NOW

pytestmark = pytest.mark.browser

SLUG = "alun-alun-uji"


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("portal") / "dist"
    build_site(TINY, out, now=TINY_NOW)
    return out


@pytest.fixture
def offline_tab(browser):
    """A tab whose every request is recorded, and aborted unless it is the page's own file."""
    context = browser.new_context()
    tab = context.new_page()
    tab.requests = []

    def block(route) -> None:
        tab.requests.append(route.request.url)
        if route.request.url == tab.own_url:
            route.continue_()
        else:
            route.abort()

    context.route("**/*", block)
    yield tab
    context.close()


@pytest.mark.parametrize(
    ("file", "lang", "heading"), [("index.html", "id", "Promo di sekitar"), ("en.html", "en", "Local offers")]
)
def test_splash_renders_completely_with_the_network_blocked(tiny_site, offline_tab, file, lang, heading):
    page_file = (tiny_site / "portal" / SLUG / file).resolve()
    offline_tab.own_url = page_file.as_uri()
    failed: list[str] = []
    offline_tab.on("requestfailed", lambda request: failed.append(request.url))
    offline_tab.goto(offline_tab.own_url)
    assert offline_tab.evaluate("document.documentElement.lang") == lang
    assert offline_tab.locator("h2").first.inner_text() == heading
    assert offline_tab.locator("ol li").count() == 2  # both attractions, with their distance
    assert offline_tab.evaluate("getComputedStyle(document.querySelector('.t')).backgroundColor") == "rgb(29, 52, 97)"
    assert offline_tab.evaluate("document.scripts.length + document.images.length + document.styleSheets.length") == 1
    assert offline_tab.requests == [offline_tab.own_url] and failed == []


def test_mikrotik_login_page_with_pap_renders_offline_without_script(tiny_site, offline_tab, tmp_path):
    with zipfile.ZipFile(io.BytesIO((tiny_site / "portal" / SLUG / "mikrotik.zip").read_bytes())) as pack:
        login = pack.read(f"wistakon-{SLUG}/login.html").decode()
    # What RouterOS serves for HTTP-PAP: the $(if chap-id) block removed, variables filled in.
    start, end = login.index("$(if chap-id)"), login.index("$(endif)") + len("$(endif)")
    pap = (login[:start] + login[end:]).replace('$(if chap-id) onsubmit="return doLogin()"$(endif)', "")
    pap = pap.replace("$(if error)<p><b>$(error)</b></p>$(endif)", "").replace("$(if trial == 'yes')", "")
    pap = pap.replace("$(endif)", "").replace("$(link-login-only)", "http://10.5.50.1/login")
    for variable in ("$(link-orig-esc)", "$(link-orig)", "$(username)", "$(mac-esc)"):
        pap = pap.replace(variable, "")
    served = tmp_path / "login.html"
    served.write_text(pap, encoding="utf-8")
    offline_tab.own_url = served.as_uri()
    offline_tab.goto(offline_tab.own_url)
    assert offline_tab.evaluate("document.scripts.length") == 0
    assert offline_tab.locator("form#login input[name=password]").count() == 1
    assert offline_tab.requests == [offline_tab.own_url]


def test_md5_js_computes_the_chap_response_like_python(tiny_site, browser):
    with zipfile.ZipFile(io.BytesIO((tiny_site / "portal" / SLUG / "mikrotik.zip").read_bytes())) as pack:
        md5 = pack.read(f"wistakon-{SLUG}/md5.js").decode()
    tab = browser.new_page()
    try:
        tab.set_content("<!doctype html><title>md5</title>")
        tab.add_script_tag(content=md5)
        chap_id, challenge = "\371", "\357\015\330\013\021\234\145\245\303\253\142\246\133\175\375\316"
        for password in ("", "rahasia", "kata sandi panjang " * 5):
            expected = hashlib.md5((chap_id + password + challenge).encode("latin-1")).hexdigest()
            assert tab.evaluate("s => hexMD5(s)", chap_id + password + challenge) == expected
    finally:
        tab.close()
