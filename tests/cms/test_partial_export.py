"""A publish exports only the items it changed, and content/ ends up byte for byte as a full export writes it.

The publishes are real (Wagtail's publish and unpublish, the signals, the queue); the export is the
worker's own step (`cms.publishing.tasks.export`), and one test runs the real worker end to end.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from wagtail.images import get_image_model

from cms.attractions.models import AttractionPage
from cms.core.snapshot.export import export_snapshot
from cms.core.snapshot.files import OWNED
from cms.core.snapshot.partial import ExportError
from cms.hotspots.models import Hotspot
from cms.promotions.models import Promotion
from cms.publishing.models import BuildRun
from cms.publishing.tasks import export, request_build

from .conftest import FIXTURE_CONTENT, snapshot_bytes
from .test_publishing import page_html, run_worker

pytestmark = [pytest.mark.django_db]

KASEPUHAN = "1b7e2c8f-4d2e-4e7c-8b63-2a1f3d4e5b01"


@pytest.fixture
def content(imported: Path, tmp_path: Path, settings) -> Path:
    """Automatic builds on, and content/ as the worker leaves it after a finished full export."""
    settings.WISTAKON_AUTO_BUILD = True
    settings.WISTAKON_CONTENT_DIR = tmp_path / "content"
    settings.WISTAKON_DIST_DIR = tmp_path / "dist"
    settings.WISTAKON_BUILD_CACHE = tmp_path / "cache"
    shutil.copytree(imported, tmp_path / "content")  # manifest.yaml and README.md: not the export's
    export_snapshot(tmp_path / "content")
    BuildRun.objects.create(status=BuildRun.Status.SUCCEEDED, reasons=["earlier build"], export_seconds=0.5)
    return tmp_path / "content"


def stamps(folder: Path) -> dict[str, tuple[int, int]]:
    """Each file's inode and modification time: a file that was written anew differs in both or one."""
    return {p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}  # fmt: skip


def touched(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> set[str]:
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def full_export(tmp_path: Path) -> dict[str, bytes]:
    """What the full export writes from the database as it is now."""
    folder = tmp_path / "full"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(FIXTURE_CONTENT, folder)
    export_snapshot(folder)
    return snapshot_bytes(folder)


def publish_and_export(content: Path, capture, change: Callable[[], object]) -> tuple[BuildRun, str]:
    """Make the change as an editor would (its publish queues the run), then run the worker's export step."""
    with capture(execute=True):
        change()
    run = BuildRun.objects.get(status=BuildRun.Status.QUEUED)
    return run, export(run, content)


def kasepuhan(language: str = "id") -> AttractionPage:
    return AttractionPage.objects.get(translation_key=KASEPUHAN, locale__language_code=language)


def publish_kasepuhan() -> None:
    kasepuhan().save_revision().publish()


@pytest.mark.slow
def test_the_worker_exports_only_the_published_attraction(
    content: Path, tmp_path: Path, django_capture_on_commit_callbacks
) -> None:
    before = stamps(content)
    page = kasepuhan()
    page.title = "Keraton Kasepuhan Cirebon"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    run = BuildRun.objects.get(status=BuildRun.Status.QUEUED)
    assert run.changed_items == [{"section": "attractions", "uid": KASEPUHAN, "action": "published"}]

    run_worker()
    run.refresh_from_db()
    assert run.status == BuildRun.Status.SUCCEEDED, run.error
    assert run.changes["exported"] == "1 item"
    assert touched(before, stamps(content)) == {"attractions/keraton-kasepuhan/index.id.md"}
    assert "title: Keraton Kasepuhan Cirebon" in (content / "attractions/keraton-kasepuhan/index.id.md").read_text()
    assert snapshot_bytes(content) == full_export(tmp_path)
    assert "<h1>Keraton Kasepuhan Cirebon</h1>" in page_html(tmp_path / "dist", "keraton-kasepuhan")


def test_a_burst_exports_each_changed_item_once(content: Path, tmp_path: Path, django_capture_on_commit_callbacks):
    before = stamps(content)

    def edit_two() -> None:
        for language, title in (("id", "Keraton Kasepuhan (diperbarui)"), ("en", "Kasepuhan Palace (updated)")):
            page = kasepuhan(language)
            page.title = title
            page.save_revision().publish()
        promotion = Promotion.objects.get(slug="contoh-nasi-jamblang", locale__language_code="id")
        promotion.business = "Nasi Jamblang Bu Nur"
        promotion.save_revision().publish()

    run, exported = publish_and_export(content, django_capture_on_commit_callbacks, edit_two)
    assert run.requests == 3 and exported == "2 items"
    assert [(item["section"], item["uid"]) for item in run.changed_items] == [
        ("attractions", KASEPUHAN), ("promotions", str(Promotion.objects.get(slug="contoh-nasi-jamblang",
                                                                             locale__language_code="id").translation_key))
    ]  # fmt: skip
    assert touched(before, stamps(content)) == {"attractions/keraton-kasepuhan/index.id.md",
                                                "attractions/keraton-kasepuhan/index.en.md",
                                                "promotions/contoh-nasi-jamblang/index.id.md"}  # fmt: skip
    assert snapshot_bytes(content) == full_export(tmp_path)


def test_unpublishing_removes_the_folder(content: Path, tmp_path: Path, django_capture_on_commit_callbacks) -> None:
    run, exported = publish_and_export(content, django_capture_on_commit_callbacks, kasepuhan().unpublish)
    assert run.changed_items == [{"section": "attractions", "uid": KASEPUHAN, "action": "unpublished"}]
    assert exported == "1 item"
    assert not (content / "attractions/keraton-kasepuhan").exists()
    assert (content / "attractions/empal-gentong/index.id.md").is_file()
    assert snapshot_bytes(content) == full_export(tmp_path)


def test_unpublishing_the_translation_removes_only_its_file(
    content: Path, tmp_path: Path, django_capture_on_commit_callbacks
) -> None:
    run, exported = publish_and_export(content, django_capture_on_commit_callbacks, kasepuhan("en").unpublish)
    assert exported == "1 item"
    assert sorted(p.name for p in (content / "attractions/keraton-kasepuhan").iterdir()) == ["cover.png", "index.id.md"]
    assert snapshot_bytes(content) == full_export(tmp_path)


def test_a_slug_change_moves_the_folder(content: Path, tmp_path: Path, django_capture_on_commit_callbacks) -> None:
    def rename() -> None:
        page = kasepuhan()
        page.slug = "keraton-kasepuhan-cirebon"
        page.save_revision().publish()

    run, exported = publish_and_export(content, django_capture_on_commit_callbacks, rename)
    assert exported == "1 item"
    assert not (content / "attractions/keraton-kasepuhan").exists()
    moved = content / "attractions/keraton-kasepuhan-cirebon"
    assert sorted(p.name for p in moved.iterdir()) == ["cover.png", "index.en.md", "index.id.md"]
    assert snapshot_bytes(content) == full_export(tmp_path)
    assert not [p.name for p in (content / "attractions").iterdir() if p.name.startswith(".")], "no temporary files"


def test_deleting_the_last_promotion_removes_its_folder_and_section(
    content: Path, tmp_path: Path, django_capture_on_commit_callbacks
) -> None:
    promotions = Promotion.objects.filter(slug="contoh-nasi-jamblang")
    run, exported = publish_and_export(content, django_capture_on_commit_callbacks, promotions.delete)
    assert {item["action"] for item in run.changed_items} == {"deleted"} and exported == "1 item"
    assert not (content / "promotions").exists(), "the full export writes no folder for an empty section"
    assert snapshot_bytes(content) == full_export(tmp_path)


def test_deleting_a_hotspot_exports_everything(content: Path, tmp_path: Path, django_capture_on_commit_callbacks):
    """A promotion names the hotspots it targets; deleting one changes that promotion's file too."""
    promotion = content / "promotions/contoh-nasi-jamblang/index.id.md"
    hotspot = Hotspot.objects.get(locale__language_code="id")
    assert str(hotspot.translation_key) in promotion.read_text()
    _, exported = publish_and_export(content, django_capture_on_commit_callbacks, hotspot.delete)
    assert exported.startswith("everything: hotspots item") and "was deleted" in exported
    assert str(hotspot.translation_key) not in promotion.read_text()
    assert snapshot_bytes(content) == full_export(tmp_path)


def test_a_build_without_known_changes_exports_everything(
    content: Path, tmp_path: Path, django_capture_on_commit_callbacks
) -> None:
    before = stamps(content)
    with django_capture_on_commit_callbacks(execute=True):
        kasepuhan().save_revision().publish()
        request_build("build now")  # a manual build says nothing about what changed: the run no longer knows
    run = BuildRun.objects.get(status=BuildRun.Status.QUEUED)
    assert run.requests == 2 and run.changed_items is None
    assert export(run, content) == "everything: the build does not know which items changed"
    assert touched(before, stamps(content)) == set(before), "every file was written anew"
    assert snapshot_bytes(content) == full_export(tmp_path)


def test_after_an_unfinished_export_everything_is_exported(
    content: Path, tmp_path: Path, django_capture_on_commit_callbacks
) -> None:
    BuildRun.objects.create(status=BuildRun.Status.FAILED, error="the worker stopped while exporting")
    (content / "attractions/empal-gentong/index.en.md").write_text("half a file")
    _, exported = publish_and_export(content, django_capture_on_commit_callbacks, publish_kasepuhan)
    assert exported.startswith("everything: no earlier export finished")
    assert snapshot_bytes(content) == full_export(tmp_path)


@pytest.mark.parametrize("missing", ["content", "uid"])
def test_a_snapshot_it_cannot_patch_is_exported_whole(
    missing: str, content: Path, tmp_path: Path, django_capture_on_commit_callbacks
) -> None:
    if missing == "content":
        shutil.rmtree(content)
    else:
        (content / "attractions/tulisan-tangan").mkdir()
        (content / "attractions/tulisan-tangan/index.id.md").write_text("---\ntitle: Tanpa uid\n---\n")
    _, exported = publish_and_export(content, django_capture_on_commit_callbacks, publish_kasepuhan)
    assert exported.startswith("everything: ")
    assert ("does not exist yet" if missing == "content" else "tulisan-tangan/index.id.md has no uid") in exported
    expected = full_export(tmp_path)
    if missing == "content":  # only the export's sections come back
        expected = {name: data for name, data in expected.items() if name.split("/")[0] in OWNED}
    assert snapshot_bytes(content) == expected


def test_a_folder_of_another_item_under_the_new_slug_exports_everything(
    content: Path, tmp_path: Path, django_capture_on_commit_callbacks
) -> None:
    stale = content / "attractions/keraton-kasepuhan-baru"
    shutil.copytree(content / "attractions/empal-gentong", stale)  # left by hand, or by an export elsewhere

    def rename() -> None:
        page = kasepuhan()
        page.slug = "keraton-kasepuhan-baru"
        page.save_revision().publish()

    _, exported = publish_and_export(content, django_capture_on_commit_callbacks, rename)
    assert exported.startswith("everything: attractions/keraton-kasepuhan-baru/ holds item 1b7e2c8f-")
    assert snapshot_bytes(content) == full_export(tmp_path)


def test_an_image_missing_from_the_media_storage_names_the_item_and_the_fix(
    content: Path, django_capture_on_commit_callbacks
) -> None:
    image = kasepuhan().images.get().image_id
    get_image_model().objects.filter(pk=image).update(file="original_images/hilang.png")  # the file is gone
    before = snapshot_bytes(content)
    with pytest.raises(ExportError) as raised:
        publish_and_export(content, django_capture_on_commit_callbacks, publish_kasepuhan)
    message = str(raised.value)
    assert message.startswith("attractions item 'Keraton Kasepuhan' (uid 1b7e2c8f-4d2e-4e7c-8b63-2a1f3d4e5b01)")
    assert "hilang.png" in message and "Upload the image again in the admin" in message
    assert snapshot_bytes(content) == before, "nothing was written"
