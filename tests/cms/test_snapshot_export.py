"""Export writes content/ in the README's format, the same bytes every time, and owns only its sections."""

from __future__ import annotations

from pathlib import Path

import pytest

from cms.attractions.models import AttractionPage
from cms.core.snapshot.export import export_snapshot
from cms.promotions.models import Promotion

from .conftest import snapshot_bytes

pytestmark = pytest.mark.django_db


def test_export_reproduces_the_imported_fixture_byte_for_byte(imported: Path, tmp_path: Path) -> None:
    export_snapshot(tmp_path / "content")
    exported = snapshot_bytes(tmp_path / "content")
    expected = {name: data for name, data in snapshot_bytes(imported).items()
                if name not in ("README.md", "manifest.yaml")}  # fmt: skip
    assert exported == expected


def test_exporting_twice_gives_identical_bytes(imported: Path, tmp_path: Path) -> None:
    export_snapshot(tmp_path / "first")
    export_snapshot(tmp_path / "second")
    assert snapshot_bytes(tmp_path / "first") == snapshot_bytes(tmp_path / "second")


def test_export_keeps_files_it_does_not_own_and_drops_stale_items(imported: Path, tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "attractions" / "deleted-in-the-cms").mkdir(parents=True)
    (content / "attractions" / "deleted-in-the-cms" / "index.id.md").write_text("---\n---\n")
    (content / "README.md").write_text("hand-written\n")
    (content / "manifest.yaml").write_text("schema_version: 1\n")
    export_snapshot(content)
    assert (content / "README.md").read_text() == "hand-written\n"
    assert (content / "manifest.yaml").read_text() == "schema_version: 1\n"
    assert not (content / "attractions" / "deleted-in-the-cms").exists()
    assert (content / "attractions" / "keraton-kasepuhan" / "cover.png").is_file()
    assert not list(tmp_path.glob(".content-export-*")), "the staging folder is cleaned up"


def test_export_leaves_out_unpublished_pages_and_promotions(imported: Path, tmp_path: Path) -> None:
    AttractionPage.objects.get(slug="empal-gentong").unpublish()
    Promotion.objects.get(slug="contoh-nasi-jamblang", locale__language_code="id").unpublish()
    export_snapshot(tmp_path / "content")
    assert not (tmp_path / "content" / "attractions" / "empal-gentong").exists()
    assert not (tmp_path / "content" / "promotions").exists()
    assert (tmp_path / "content" / "attractions" / "keraton-kasepuhan" / "index.en.md").is_file()


def test_export_writes_a_new_translation_with_only_translated_fields(imported: Path, tmp_path: Path) -> None:
    english = AttractionPage.objects.get(slug="kasepuhan-palace")
    english.prices_note = "Includes a guide."
    english.save_revision().publish()
    export_snapshot(tmp_path / "content")
    text = (tmp_path / "content" / "attractions" / "keraton-kasepuhan" / "index.en.md").read_text()
    assert "prices_note: Includes a guide." in text
    assert "location" not in text and "hours:" not in text
