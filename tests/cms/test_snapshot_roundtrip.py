"""Import → export → import into a fresh database → export gives the same bytes, images included."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection

from cms.core.snapshot.export import export_snapshot
from cms.core.snapshot.files import OWNED
from cms.core.snapshot.importer import import_snapshot

from .conftest import REPO, snapshot_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def fresh_database_url(db: None, tmp_path: Path) -> Iterator[str]:
    """An empty database of the same kind as the test database, for a second CMS process."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        return
    import psycopg

    params = connection.settings_dict
    name = f"wistakon_fresh_{os.getpid()}"
    server = {"host": params["HOST"] or None, "port": params["PORT"] or None, "user": params["USER"] or None,
              "password": params["PASSWORD"] or None}  # fmt: skip
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    password = f":{params['PASSWORD']}" if params["PASSWORD"] else ""
    yield f"postgres://{params['USER']}{password}@{params['HOST']}:{params['PORT'] or 5432}/{name}"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_cms(database_url: str, media: Path, *args: str) -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test", "DATABASE_URL": database_url,
           "MEDIA_ROOT": str(media)}  # fmt: skip
    result = subprocess.run([sys.executable, "-m", "cms", *args], cwd=REPO, env=env, capture_output=True,
                            text=True, timeout=600)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_round_trip_through_a_fresh_database_gives_identical_bytes(
    imported: Path, fresh_database_url: str, tmp_path: Path
) -> None:
    for folder in ("first", "second"):  # manifest.yaml is the site's own file: export leaves it alone
        (tmp_path / folder).mkdir()
        shutil.copy(imported / "manifest.yaml", tmp_path / folder)
    export_snapshot(tmp_path / "first")
    run_cms(fresh_database_url, tmp_path / "media", "migrate", "--noinput", "-v0")
    run_cms(fresh_database_url, tmp_path / "media", "import_content", "--content", str(tmp_path / "first"))
    run_cms(fresh_database_url, tmp_path / "media", "export_content", "--content", str(tmp_path / "second"))
    first, second = snapshot_bytes(tmp_path / "first"), snapshot_bytes(tmp_path / "second")
    assert "attractions/keraton-kasepuhan/cover.png" in first
    assert first == second


def test_the_demo_content_is_reproduced_byte_for_byte(db: None, tmp_path: Path) -> None:
    import_snapshot(REPO / "content")
    export_snapshot(tmp_path / "content")
    demo = {name: data for name, data in snapshot_bytes(REPO / "content").items() if name.split("/")[0] in OWNED}
    assert snapshot_bytes(tmp_path / "content") == demo
