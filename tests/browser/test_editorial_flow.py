"""The whole editorial flow on a running `wistakon demo`: a contributor proposes, a moderator approves, and
the new attraction appears on the static site by itself (export + build by the publishing worker).

The demo runs as a subprocess on a scratch SQLite database, a copy of the demo content, a temporary
live-site folder and free ports. The accounts join the groups the editorial migration creates.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import free_port, wait_for

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
PASSWORD = "alur-uji-rahasia-1"
TITLE = "Nasi Lengko Uji Komunitas"
SLUG = "nasi-lengko-uji-komunitas"  # Wagtail makes it from the title
LIVE_WITHIN_S = 120  # approve → page on the site; one full export and build on the demo content
USERS = f"""
from django.contrib.auth.models import Group, User
from cms.attractions.models import AttractionIndexPage
from cms.editorial.roles import CONTRIBUTOR, MODERATOR
for name, group in (("kontributor-uji", CONTRIBUTOR), ("moderator-uji", MODERATOR)):
    user = User.objects.create_user(name, f"{{name}}@localhost", "{PASSWORD}")
    user.groups.add(Group.objects.get(name=group))
from cms.core.models import Category
food = next(c for c in Category.objects.filter(locale__language_code="id") if "attraction" in c.applies_to)
print(AttractionIndexPage.objects.get(locale__language_code="id").pk, food.pk)
"""


@dataclass
class Demo:
    cms: str
    site: str
    env: dict[str, str]
    index_id: int
    category_id: int
    process: subprocess.Popen | None = None
    log: Path | None = None

    def shell(self, code: str) -> str:
        done = subprocess.run([sys.executable, "-m", "cms", "shell", "-c", code], env=self.env, cwd=REPO,
                              capture_output=True, text=True, check=True)  # fmt: skip
        return done.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    root = tmp_path_factory.mktemp("demo")
    content = shutil.copytree(REPO / "content", root / "content")
    cms_port, site_port, preview_port = free_port(), free_port(), free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": f"sqlite:///{root / 'cms.sqlite3'}",
        "MEDIA_ROOT": str(root / "media"),
    }
    for name in ("WISTAKON_AUTO_BUILD", "WISTAKON_CONTENT_DIR", "WISTAKON_DIST_DIR", "WISTAKON_PREVIEW_URL"):
        env.pop(name, None)
    command = [sys.executable, "-m", "site_builder.cli", "demo", "--content", str(content), "--out",
               str(root / "dist"), "--cms-port", str(cms_port), "--site-port", str(site_port),
               "--preview-port", str(preview_port)]  # fmt: skip
    log = (root / "demo.log").open("w")
    process = subprocess.Popen(command, env=env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)  # fmt: skip
    cms, site = f"http://127.0.0.1:{cms_port}", f"http://127.0.0.1:{site_port}/"
    try:
        deadline = time.monotonic() + 300  # migrate, import and a full build of the demo content
        while status_of(f"{cms}/admin/login/") != 200:
            assert process.poll() is None, (root / "demo.log").read_text()[-3000:]
            assert time.monotonic() < deadline, "the demo did not start within 300 s"
            time.sleep(1)
        wait_for(site, seconds=30)
        demo = Demo(cms, site, env, 0, 0, process, root / "demo.log")
        demo.index_id, demo.category_id = map(int, demo.shell(USERS).split())
        yield demo
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)  # Ctrl-C: the demo stops the CMS, the worker and both servers
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()
        print((root / "demo.log").read_text()[-3000:])


def log_in(browser, demo: Demo, username: str):
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(f"{demo.cms}/admin/login/")
    tab.fill("#id_username", username)
    tab.fill("#id_password", PASSWORD)
    tab.click("button[type=submit]")
    tab.wait_for_url(f"{demo.cms}/admin/")
    return context, tab


def status_of(url: str) -> int:
    """The HTTP status of `url`, or 0 while nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - the local demo
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def test_contributor_proposes_moderator_approves_site_shows_it(browser, demo: Demo) -> None:
    page_url = f"{demo.site}wisata/{SLUG}/"

    context, tab = log_in(browser, demo, "kontributor-uji")
    tab.goto(f"{demo.cms}/admin/pages/add/attractions/attractionpage/{demo.index_id}/")
    tab.fill("#id_title", TITLE)
    tab.press("#id_title", "Tab")  # leaving the title fills the slug, as for a person typing
    # The slug field sits on the Promote tab; make sure it holds the slug this test expects.
    tab.evaluate(f"(s => {{ if (!s.value) s.value = '{SLUG}'; }})(document.querySelector('#id_slug'))")
    tab.fill("#id_summary", "Nasi dengan tempe, tahu, tauge dan bumbu kacang, usulan komunitas kuliner.")
    tab.select_option("#id_kind", "dish")
    tab.evaluate(f"document.querySelector('#id_category').value = '{demo.category_id}'")  # the chooser's input
    tab.fill("#id_body", "Sarapan khas Cirebon, **murah** dan mengenyangkan.")
    tab.on("dialog", lambda dialog: dialog.accept())  # "still thin, submit anyway?" (test_editor_day.py)
    with tab.expect_navigation():
        tab.evaluate("document.querySelector(\"button[name='action-submit']\").click()")
    assert "/admin/pages/add/" not in tab.url, tab.locator(".error-message, .help-critical").all_inner_texts()
    context.close()
    page_id = int(demo.shell(f"from cms.attractions.models import AttractionPage; "
                             f"print(AttractionPage.objects.get(slug='{SLUG}').pk)"))  # fmt: skip
    assert status_of(page_url) == 404, "submitted, not published"

    context, tab = log_in(browser, demo, "moderator-uji")
    tab.goto(f"{demo.cms}/admin/pages/{page_id}/edit/")
    approve = "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
    assert tab.locator(approve).count() == 1
    with tab.expect_navigation():
        tab.evaluate(f'document.querySelector("{approve}").click()')
    context.close()
    approved = time.monotonic()

    while status_of(page_url) != 200:
        assert time.monotonic() - approved < LIVE_WITHIN_S, f"{page_url} not live within {LIVE_WITHIN_S} s"
        time.sleep(0.5)
    print(f"approve → live: {time.monotonic() - approved:.1f} s")
    with urllib.request.urlopen(page_url) as response:  # noqa: S310 - the local demo
        assert f"<h1>{TITLE}</h1>" in response.read().decode()


def test_the_demo_and_its_build_worker_build_for_the_demo_address(demo: Demo) -> None:
    # After the flow above, the live release is the worker's build: it too must point at the demo.
    with urllib.request.urlopen(f"{demo.site}api/v1/index.json") as response:  # noqa: S310 - the local demo
        index = json.load(response)
    assert index["site"]["base_url"] == demo.site
    assert all(url.startswith(demo.site) for url in index["collections"]["events"]["pages"])
    with urllib.request.urlopen(f"{demo.site}agenda.ics") as response:  # noqa: S310 - the local demo
        feed = response.read().decode()
    assert f"SOURCE;VALUE=URI:{demo.site}agenda.ics" in feed.replace("\r\n ", "")


def test_ctrl_c_stops_the_demo_cleanly(demo: Demo) -> None:
    # A terminal's Ctrl-C signals the whole foreground process group: the demo and anything in it.
    os.killpg(demo.process.pid, signal.SIGINT)
    assert demo.process.wait(timeout=60) == 0
    log = demo.log.read_text()
    assert "Stopping." in log and "Error: " not in log, log[-3000:]  # click prints a failure as "Error: …"
    assert "Traceback" not in log.rpartition("Stopping.")[2], log[-3000:]
