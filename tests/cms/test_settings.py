"""Production settings come from the environment and pass Django's deployment checklist."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from .conftest import REPO

PRODUCTION_ENV = {
    "SECRET_KEY": "x7Q!pL0v-9sR#mZ2&cT8wYb4@uN6eK1hJ3gF5dA0sP9oI8uY7tR6eW5qE4rT3yU2",
    "ALLOWED_HOSTS": "cms.wisata.example",
    "CSRF_TRUSTED_ORIGINS": "https://cms.wisata.example",
    "WAGTAILADMIN_BASE_URL": "https://cms.wisata.example",
}


def run_cms(tmp_path: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    # DJANGO_ALLOW_ASYNC_UNSAFE: the browser tests set it for Playwright; production never has it.
    unset = (*PRODUCTION_ENV, "DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run([sys.executable, "-m", "cms", *args], cwd=REPO, capture_output=True, text=True,
                          env={**clean, **env}, timeout=300)  # fmt: skip


def test_production_settings_pass_check_deploy(tmp_path: Path) -> None:
    env = {**PRODUCTION_ENV, "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}"}
    result = run_cms(tmp_path, env, "check", "--deploy", "--fail-level", "WARNING",
                     "--settings=cms.settings.production")  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_its_environment(tmp_path: Path, missing: str) -> None:
    env = {**PRODUCTION_ENV, "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}"}
    del env[missing]
    result = run_cms(tmp_path, env, "check", "--settings=cms.settings.production")
    assert result.returncode != 0
    assert f"Set the {missing} environment variable" in result.stderr


def test_dev_settings_default_to_sqlite_in_var(tmp_path: Path) -> None:
    result = run_cms(tmp_path, {}, "shell", "--no-imports", "-c", "from django.conf import settings; "
                     "print(settings.DATABASES['default']['NAME'], settings.LANGUAGE_CODE, settings.TIME_ZONE)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(REPO / "var" / "wistakon.sqlite3"), "id", "Asia/Jakarta"]


def test_the_content_languages_are_indonesian_then_english() -> None:
    assert settings.WAGTAIL_I18N_ENABLED
    assert [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES] == ["id", "en"]
    assert settings.USE_TZ
