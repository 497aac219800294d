"""CMS fixtures: the tiny fixture snapshot, imported into the test database."""

from __future__ import annotations

from pathlib import Path

import pytest

from cms.core.snapshot.importer import import_snapshot
from tests.cms.suggestion_support import post  # noqa: F401 - the public form poster fixture

FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "content"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def imported(db: None) -> Path:
    """The fixture snapshot, imported; returns its folder."""
    import_snapshot(FIXTURE_CONTENT)
    return FIXTURE_CONTENT


def snapshot_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by relative path, for byte-for-byte comparisons."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
