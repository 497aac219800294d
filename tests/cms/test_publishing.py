"""Publishing reaches the live site by itself: one queued build per burst, run by the real database worker.

The worker is django-tasks-db's own `db_worker` command (`--batch`: run what is queued, then stop),
run in this process so it sees the test database on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import shutil
import signal
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client
from django_tasks_db.models import DBTaskResult
from wagtail.models import GroupApprovalTask, GroupPagePermission, Page, Workflow, WorkflowPage, WorkflowTask

from cms.attractions.models import AttractionIndexPage, AttractionPage
from cms.core.models import Category
from cms.hotspots.models import Hotspot
from cms.promotions.models import Promotion
from cms.publishing.models import BuildRun
from cms.publishing.tasks import request_build
from site_builder import releases

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def site(imported: Path, tmp_path: Path, settings) -> Iterator[tuple[Path, Path]]:
    """Automatic builds on, into a temporary snapshot and live-site folder."""
    content = Path(shutil.copytree(imported, tmp_path / "content"))
    settings.WISTAKON_AUTO_BUILD = True
    settings.WISTAKON_CONTENT_DIR = content
    settings.WISTAKON_DIST_DIR = tmp_path / "dist"
    settings.WISTAKON_BUILD_CACHE = tmp_path / "cache"
    yield content, tmp_path / "dist"


def run_worker() -> None:
    """The real database worker, for what is queued now.

    In this process it must not close the test's connection (its hygiene between tasks) nor keep
    its signal handlers.
    """
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
            call_command("db_worker", "--backend", "publishing", "--batch", "--no-startup-delay", "--no-reload",
                         "--interval", "0", verbosity=0)  # fmt: skip
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)


def page_html(dist: Path, slug: str) -> str:
    return (dist / "wisata" / slug / "index.html").read_text()


def test_a_burst_of_publishes_queues_one_build(site, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        for page in AttractionPage.objects.filter(locale__language_code="id"):
            page.save_revision().publish()
        Promotion.objects.get(slug="contoh-nasi-jamblang", locale__language_code="id").unpublish()
        hotspot = Hotspot.objects.get(locale__language_code="id")
        hotspot.save()
        Category.objects.filter(locale__language_code="id").first().save()
    run = BuildRun.objects.get()
    assert run.status == BuildRun.Status.QUEUED and run.requests == 5
    assert any("Keraton Kasepuhan" in reason for reason in run.reasons)
    assert DBTaskResult.objects.filter(backend_name="publishing").count() == 1


def test_publishes_while_a_build_runs_queue_the_next_one(site, django_capture_on_commit_callbacks) -> None:
    first = request_build("first")
    BuildRun.objects.filter(pk=first.pk).update(status=BuildRun.Status.RUNNING)
    second = request_build("second")
    third = request_build("third")
    assert second.pk != first.pk and third.pk == second.pk


def test_nothing_is_queued_when_automatic_builds_are_off(site, settings, django_capture_on_commit_callbacks) -> None:
    settings.WISTAKON_AUTO_BUILD = False
    with django_capture_on_commit_callbacks(execute=True):
        AttractionPage.objects.get(slug="keraton-kasepuhan").save_revision().publish()
    assert not BuildRun.objects.exists()


def test_the_worker_exports_builds_and_records_what_changed(site, django_capture_on_commit_callbacks) -> None:
    content, dist = site
    with django_capture_on_commit_callbacks(execute=True):
        request_build("first build")
    run_worker()
    first = BuildRun.objects.get()
    assert first.status == BuildRun.Status.SUCCEEDED, first.error
    assert first.changes["removed"] == first.changes["changed"] == 0 and first.changes["added"] > 0
    assert "<h1>Keraton Kasepuhan</h1>" in page_html(dist, "keraton-kasepuhan")

    page = AttractionPage.objects.get(slug="keraton-kasepuhan")
    page.title = "Keraton Kasepuhan Cirebon"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    run_worker()
    second = BuildRun.objects.exclude(pk=first.pk).get()
    assert second.status == BuildRun.Status.SUCCEEDED, second.error
    assert "<h1>Keraton Kasepuhan Cirebon</h1>" in page_html(dist, "keraton-kasepuhan")
    assert "title: Keraton Kasepuhan Cirebon" in (content / "attractions/keraton-kasepuhan/index.id.md").read_text()
    assert "wisata/keraton-kasepuhan/index.html" in second.changes["examples"]["changed"]
    # Only fingerprinted files (search index chunks, share images) come and go; no page does.
    assert not [name for name in second.changes["examples"]["added"] if name.endswith(".html")]
    assert second.changes["added"] == second.changes["removed"]
    assert second.export_seconds > 0 and second.build_seconds > 0 and second.duration is not None
    assert releases.current(dist).name == second.release


def test_a_failed_build_leaves_the_live_site_and_shows_the_error(
    site, tmp_path: Path, django_capture_on_commit_callbacks, settings
) -> None:
    _, dist = site
    with django_capture_on_commit_callbacks(execute=True):
        request_build("good build")
    run_worker()
    live = releases.current(dist)
    before = page_html(dist, "keraton-kasepuhan")

    broken = tmp_path / "broken-theme"
    (broken / "templates").mkdir(parents=True)
    (broken / "theme.yaml").write_text("extends: default\n")
    (broken / "templates" / "attraction.html").write_text("{{ no_such_thing.explode() }}")
    settings.WISTAKON_THEME = broken
    page = AttractionPage.objects.get(slug="keraton-kasepuhan")
    page.title = "Judul Yang Tidak Pernah Tayang"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    run_worker()

    failed = BuildRun.objects.filter(status=BuildRun.Status.FAILED).get()
    assert "rendering /wisata/" in failed.error and "UndefinedError" in failed.error
    assert releases.current(dist) == live and page_html(dist, "keraton-kasepuhan") == before
    assert not list(releases.releases_dir(dist).glob("building-*")), "the half-built release is discarded"
    task = DBTaskResult.objects.get(args_kwargs__args=[failed.pk])
    assert task.status == "FAILED"


def test_an_invalid_item_fails_the_build_naming_the_file(site, django_capture_on_commit_callbacks) -> None:
    _, dist = site
    with django_capture_on_commit_callbacks(execute=True):
        request_build("good build")
    run_worker()
    live = releases.current(dist)
    AttractionPage.objects.filter(slug="keraton-kasepuhan").update(latitude=123)  # past every form check
    with django_capture_on_commit_callbacks(execute=True):
        request_build("bad data")
    run_worker()
    failed = BuildRun.objects.get(status=BuildRun.Status.FAILED)
    assert "attractions/keraton-kasepuhan/index.id.md" in failed.error and "location.lat" in failed.error
    assert releases.current(dist) == live


def test_the_admin_shows_the_last_success_and_the_last_error(site, admin_client: Client) -> None:
    BuildRun.objects.create(status=BuildRun.Status.SUCCEEDED, release="00003", files=120,
                            changes={"added": 1, "changed": 4, "removed": 0, "examples": {}})  # fmt: skip
    BuildRun.objects.create(status=BuildRun.Status.FAILED, error="rendering /wisata/x/ failed: UndefinedError")
    home = admin_client.get("/admin/").content.decode()
    assert "1 ditambah, 4 diubah, 0 dihapus" in home  # the admin speaks Indonesian
    assert "rendering /wisata/x/ failed: UndefinedError" in home
    listing = admin_client.get("/admin/builds/")
    assert listing.status_code == 200 and "00003" in listing.content.decode()


def test_a_contributor_does_not_see_the_build_list(site, django_user_model) -> None:
    user = django_user_model.objects.create_user("kontributor", password="pw-kontributor-1")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    client.force_login(user)
    assert client.get("/admin/builds/").status_code in (302, 403)


def test_submit_approve_publish_build(site, django_user_model, django_capture_on_commit_callbacks) -> None:
    """The moderation workflow end to end: a contributor's submission is live once a moderator approves it."""
    _, dist = site
    moderators = Group.objects.create(name="Moderator (uji)")
    moderator = django_user_model.objects.create_user("moderator", password="pw-moderator-1")
    moderator.groups.add(moderators)
    contributors = Group.objects.create(name="Kontributor (uji)")
    contributor = django_user_model.objects.create_user("kontributor", password="pw-kontributor-1")
    contributor.groups.add(contributors)
    index = AttractionIndexPage.objects.get(locale__language_code="id")
    for group, names in ((contributors, ["add_page", "change_page"]), (moderators, ["add_page", "change_page",
                                                                                      "publish_page"])):  # fmt: skip
        for name in names:
            GroupPagePermission.objects.create(group=group, page=index, permission=Permission.objects.get(
                codename=name, content_type__app_label="wagtailcore"))  # fmt: skip
    workflow = Workflow.objects.create(name="Moderasi (uji)")
    task = GroupApprovalTask.objects.create(name="Tinjauan moderator")
    task.groups.set([moderators])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=Page.objects.get(pk=index.pk), defaults={"workflow": workflow})

    page = AttractionPage.objects.get(slug="keraton-kasepuhan").get_latest_revision_as_object()
    page.title = "Keraton Kasepuhan, usulan komunitas"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision(user=contributor)
        state = workflow.start(page, contributor)
    assert state.status == "in_progress" and not BuildRun.objects.exists(), "submitting publishes nothing"
    assert AttractionPage.objects.get(pk=page.pk).title == "Keraton Kasepuhan", "the live page is unchanged"

    task_state = state.current_task_state
    with django_capture_on_commit_callbacks(execute=True):
        task_state.task.specific.on_action(task_state, moderator, "approve")
    state.refresh_from_db()
    assert state.status == "approved"
    assert AttractionPage.objects.get(pk=page.pk).title == "Keraton Kasepuhan, usulan komunitas"
    run_worker()
    run = BuildRun.objects.get()
    assert run.status == BuildRun.Status.SUCCEEDED, run.error
    assert "<h1>Keraton Kasepuhan, usulan komunitas</h1>" in page_html(dist, "keraton-kasepuhan")
