"""Shared fixtures: the tiny fixture site as a Catalog, a Flask app over it, and its test client."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from site_builder.catalog import JAKARTA, Catalog
from site_builder.snapshot import load_catalog
from site_builder.web.app import create_app

FIXTURES = Path(__file__).parent / "fixtures"
TINY = FIXTURES / "tiny"
REPO = Path(__file__).resolve().parents[1]
# The tiny site's "today": before its 2027 occurrence, after its 2026 one.
TINY_NOW = datetime(2026, 10, 1, 12, 0, tzinfo=JAKARTA)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One Chromium for the whole run: Playwright's sync API allows one running instance per process."""
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, _require_browser

    _require_browser()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def tiny_catalog() -> Catalog:
    return load_catalog(TINY)


@pytest.fixture
def app(tiny_catalog: Catalog):
    return create_app(tiny_catalog, now=TINY_NOW, content_dir=TINY)


@pytest.fixture
def client(app):
    return app.test_client()
