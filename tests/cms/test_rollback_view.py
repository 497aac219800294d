"""Rolling the live site back from the admin's builds page: a confirm step, then what `wistakon rollback` does."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.urls import reverse

from cms.editorial.roles import CONTRIBUTOR, MODERATOR
from site_builder import releases
from site_builder.build import build_site
from tests.cms.editorial_support import client_for, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_builds(imported: Path, tmp_path: Path, settings) -> Path:
    """The fixture content built, then built again with an edited summary; returns the live folder."""
    content, out = Path(shutil.copytree(imported, tmp_path / "content")), tmp_path / "dist"
    settings.WISTAKON_DIST_DIR = out
    build_site(content, out, incremental_build=False)
    page = next(content.glob("attractions/*/index.id.md"))
    page.write_text(page.read_text(encoding="utf-8").replace("summary: ", "summary: DIUBAH ", 1), encoding="utf-8")
    build_site(content, out, incremental_build=False)
    return out


def pages_with(out: Path, text: str) -> int:
    return sum(text in path.read_text(encoding="utf-8") for path in out.rglob("*.html"))


def test_a_moderator_rolls_the_site_back_after_a_confirm_step(two_builds: Path) -> None:
    client = client_for(person("budi", MODERATOR))
    live = releases.current(two_builds)
    assert pages_with(two_builds, "DIUBAH") > 0
    builds = client.get(reverse("publishing_builds")).text
    assert "data-rollback" in builds
    confirm = client.get(reverse("publishing_rollback")).text
    assert "data-confirm-step" in confirm and live.name in confirm
    assert releases.current(two_builds) == live  # asking changed nothing
    done = client.post(reverse("publishing_rollback"), follow=True)
    assert done.status_code == 200
    assert releases.current(two_builds) != live and pages_with(two_builds, "DIUBAH") == 0


def test_a_contributor_cannot_roll_the_site_back(two_builds: Path) -> None:
    client = client_for(person("siti", CONTRIBUTOR))
    live = releases.current(two_builds)
    assert "data-rollback" not in client.get(reverse("publishing_builds")).text
    assert client.post(reverse("publishing_rollback")).status_code in (302, 403)
    assert releases.current(two_builds) == live
