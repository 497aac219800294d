"""The whole admin in Bahasa Indonesia: every admin page a role can reach shows none of Wagtail's or Django's English.

Each role's client starts at /admin/ and follows the admin's own links breadth-first (one page per URL shape),
plus the screens a role reaches by a button or a chooser. Any visible text node or title/placeholder/aria-label
that is exactly an English msgid of Wagtail's or Django's catalogs fails the test, listed per path; so a
Wagtail upgrade that adds or renames a string cannot bring English back silently.
"""

from __future__ import annotations

import json
import re
from collections import deque
from pathlib import Path
from urllib.parse import parse_qsl, urljoin, urlsplit

import polib
import pytest
import wagtail
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import NoReverseMatch, reverse
from wagtail.models import Page

from cms.agenda.models import EventPage
from cms.attractions.models import AttractionIndexPage, AttractionPage
from cms.core.models import Category
from cms.editorial.roles import ADMINISTRATOR, CONTRIBUTOR, MODERATOR
from tests.cms.admin_text import english_texts, read
from tests.cms.editorial_support import client_for, draft, person

pytestmark = [
    pytest.mark.django_db,
    # Wagtail's image renditions for the editor's thumbnails leave a SpooledTemporaryFile to the collector.
    pytest.mark.filterwarnings(
        "ignore:Exception ignored in.*SpooledTemporaryFile:pytest.PytestUnraisableExceptionWarning"
    ),
]

PAGES_PER_ROLE = 120
SKIP = ("/logout/", "/delete/", "/editorial/import/template/")  # leaving, destructive, a spreadsheet download
MAX_QUERY = 2
# Left alone, by path prefix. Not a message: Wagtail 8.0's aging-pages report prints a page nobody published
# (imported content) as Python's None. Known gap: the groups and workflow forms (administrators only) show
# content types' names ("Locale", "Page") that Wagtail keeps from the first, English-language, lookup.
NOT_MESSAGES = {"/admin/reports/aging-pages/": {"None"}, "/admin/groups/": {"Locale", "Page"},
                "/admin/workflows/": {"Page"}}  # fmt: skip


def _shape(url: str) -> str:
    parts = urlsplit(url)
    return re.sub(r"\d+", "N", parts.path) + "?" + ",".join(sorted(k for k, _v in parse_qsl(parts.query)))


def _followable(url: str) -> bool:
    parts = urlsplit(url)
    return (not parts.netloc or parts.netloc == "testserver") and parts.path.startswith("/admin/") \
        and not any(s in parts.path for s in SKIP) and len(parse_qsl(parts.query)) <= MAX_QUERY  # fmt: skip


def _url(name: str, *args: object) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def crawl(client: Client, explicit: list[str]) -> tuple[dict[str, list[str]], int]:
    """English found, by path; and how many pages were read."""
    content = frozenset(Page.objects.values_list("title", flat=True))
    found: dict[str, list[str]] = {}
    queue, shapes, seen, read_count = deque(["/admin/", *explicit]), set(), set(), 0
    must = set(explicit)
    while queue:
        url = queue.popleft()
        if url in seen or (url not in must and (_shape(url) in shapes or read_count >= PAGES_PER_ROLE)):
            continue
        seen.add(url)
        shapes.add(_shape(url))
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="id")
        kind = response.get("Content-Type", "")
        if response.status_code != 200 or not kind.startswith(("text/html", "application/json")):
            continue
        read_count += 1
        texts, links = read(response.content.decode(), kind)
        left_alone = {t for prefix, words in NOT_MESSAGES.items() if url.startswith(prefix) for t in words}
        english = [t for t in english_texts(texts, content) if t not in left_alone]
        if english:
            found[url] = english
        for link in links:
            target = urljoin(url, link).split("#")[0]
            if _followable(target):
                queue.append(urlsplit(target)._replace(scheme="", netloc="").geturl())
    return found, read_count


@pytest.fixture
def demo(imported):
    """The fixture content, the roles' workflow on it, one draft back with its author, one waiting for review."""
    call_command("setup_roles", verbosity=0)
    siti, budi = person("siti", CONTRIBUTOR), person("budi", MODERATOR)
    category = Category.objects.filter(locale__language_code="id").first()
    back = draft(siti, "Tahu Gejrot", category)
    state = back.get_workflow().start(back, siti)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, budi, "reject", comment="Tambahkan jam buka, ya.")
    waiting = draft(siti, "Docang", category)
    waiting.get_workflow().start(waiting, siti)
    return {"siti": siti, "budi": budi, "back": back, "waiting": waiting}


def screens(demo: dict) -> list[str]:
    """The screens a role reaches by a button, a chooser or a second step, not by a plain link."""
    attraction = AttractionPage.objects.filter(locale__language_code="id", live=True).first()
    event = EventPage.objects.filter(locale__language_code="id").first()
    index = AttractionIndexPage.objects.get(locale__language_code="id")
    back, waiting = demo["back"], demo["waiting"]
    urls = [
        _url("wagtailadmin_pages:edit", attraction.pk), _url("wagtailadmin_pages:edit", event.pk),
        _url("wagtailadmin_pages:edit", back.pk), _url("wagtailadmin_pages:edit", waiting.pk),
        _url("wagtailadmin_pages:add", "attractions", "attractionpage", index.pk),
        _url("wagtailadmin_explore_root"), _url("wagtailadmin_explore", index.pk),
        _url("wagtailadmin_pages:search") + "?q=keraton", _url("wagtailadmin_pages:search") + "?q=zzzz",
        _url("wagtailadmin_choose_page"), _url("wagtailadmin_choose_page_child", index.pk),
        _url("wagtailimages_chooser:choose"), _url("wagtaildocs_chooser:choose"),
        _url("wagtailadmin_pages:workflow_history", back.pk), _url("wagtailadmin_pages:history", back.pk),
        _url("wagtailadmin_pages:revisions_index", back.pk),
        _url("wagtailadmin_reports:locked_pages"), _url("wagtailadmin_reports:site_history"),
        _url("wagtailadmin_reports:aging_pages"), _url("wagtailadmin_reports:workflow"),
        _url("wagtailadmin_reports:workflow_tasks"), _url("wagtailadmin_reports:page_types_usage"),
        _url("wagtailusers_users:add"), _url("wagtailusers_users:edit", demo["siti"].pk),
        _url("wagtailusers_users:index"), _url("wagtailusers_groups:index"), _url("wagtailadmin_account"),
        _url("publishing_builds"), _url("agenda_readiness"), _url("agenda_rollover"),
        _url("editorial_import"), _url("editorial_import_report"), _url("editorial_contributors"),
        _url("editorial_completeness"), _url("wagtailadmin_workflows:index"), _url("wagtailadmin_workflows:task_index"),
    ]  # fmt: skip
    return [u for u in urls if u]


def roles(demo: dict) -> dict[str, object]:
    superuser = get_user_model().objects.create_superuser("akar", "akar@example.org", "sandi-rahasia-123")
    return {"contributor siti": demo["siti"], "moderator budi": demo["budi"],
            "administrator dewi": person("dewi", ADMINISTRATOR), "superuser akar": superuser}  # fmt: skip


def test_every_admin_page_each_role_reaches_is_in_indonesian(demo) -> None:
    explicit = screens(demo)
    report, reached = [], {}
    for role, user in roles(demo).items():
        found, reached[role] = crawl(client_for(user), explicit)
        report += [f"{role} {path}: {' | '.join(texts)}" for path, texts in found.items()]
    assert all(count >= 15 for count in reached.values()), reached  # the crawl really went through the admin
    assert not report, "English on the Indonesian admin:\n" + "\n".join(report)


def test_the_check_finds_wagtails_english_and_leaves_indonesian_and_hidden_text_alone() -> None:
    texts, links = read('<a href="/admin/pages/">Skip to main content</a><input placeholder="Search all pages…">'
                        '<span aria-label="Referenced 3 times"></span><p>Beranda</p><p>Status: Terbit</p>'
                        '<div hidden>None</div><script>var t = "Toggle sidebar";</script>'
                        '<script id="wagtail-sidebar-props" type="application/json">{"_args": [{"label": "Reports", '
                        '"url": "/admin/reports/"}, {"label": "Laporan"}]}</script>', "text/html")  # fmt: skip
    assert links == ["/admin/pages/"]
    assert list(english_texts(texts)) == ["Skip to main content", "Search all pages…", "Referenced 3 times", "Reports"]
    assert list(english_texts(["Attractions", "Agenda", "WiFi"], frozenset({"Attractions"}))) == []


def test_the_admins_javascript_strings_are_indonesian_too() -> None:
    """The editor's scripts ("Collapse all", "Save error", …) read their words from the admin's JavaScript catalog."""
    body = Client().get(reverse("wagtailadmin_javascript_catalog"), HTTP_ACCEPT_LANGUAGE="id").content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", body, re.S).group(1))
    english = Path(wagtail.__file__).parent / "admin" / "locale" / "en" / "LC_MESSAGES" / "djangojs.po"
    missing = [e.msgid for e in polib.pofile(str(english)) if e.msgid not in catalog]
    assert not missing, missing
    assert catalog["Collapse all"] == "Tutup semua"
