"""A fresh clone stays clean: what `make demo` and `make test` leave behind is ignored by git."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

LEFT_BEHIND = [
    "dist",  # the live site: a symlink to a release, so a pattern for folders only would miss it
    ".dist-releases/20261206T090000-1a2b3c/index.html",
    ".dist.link-4242",  # the symlink a swap writes before renaming it over dist
    "var/wistakon.sqlite3",
    ".cache/images/ab/ab12.webp",
    "media/original_images/cover.png",
    "tests/browser/node_modules/axe-core/axe.min.js",
    ".venv/bin/python",
]


@pytest.mark.parametrize("path", LEFT_BEHIND)
def test_what_the_demo_and_the_tests_leave_is_ignored(path):
    done = subprocess.run(["git", "check-ignore", "--no-index", "-q", path], cwd=REPO, check=False)
    assert done.returncode == 0, f"git status would list {path}; add it to .gitignore"


def test_the_content_snapshot_is_not_ignored():
    done = subprocess.run(["git", "check-ignore", "--no-index", "-q", "content/manifest.yaml"], cwd=REPO, check=False)
    assert done.returncode == 1
