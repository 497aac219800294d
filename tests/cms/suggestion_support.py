"""Posting the public forms as the static site's pages do."""

from __future__ import annotations

import time
from io import BytesIO
from typing import Any

import pytest
from django.core import signing
from django.core.cache import caches
from django.test import Client
from PIL import Image as PILImage

from cms.suggestions.gate import TOKEN_SALT

SITE = "http://site.test"
EVENT_UID = "2c8f3d9a-5e3f-4f8d-9c74-3b2a4e5f6c01"  # Panjang Jimat in tests/cms/fixtures/content
KERATON_UID = "1b7e2c8f-4d2e-4e7c-8b63-2a1f3d4e5b01"


def png(width: int = 40, height: int = 30) -> bytes:
    out = BytesIO()
    PILImage.new("RGB", (width, height), (200, 40, 40)).save(out, "PNG")
    return out.getvalue()


def token(opened_seconds_ago: float = 30) -> str:
    return signing.dumps({"opened": time.time() - opened_seconds_ago}, salt=TOKEN_SALT)


def event_fields(**changes: Any) -> dict[str, Any]:
    return {"kind": "event", "lang": "id", "token": token(), "title": "Festival Layang-layang",
            "start_date": "2027-07-20", "start_time": "09:00", "venue_name": "Pantai Kejawanan",
            "organiser": "Pokdarwis Kejawanan", "text": "Lomba layang-layang hias untuk umum.",
            "contact_name": "Siti", "contact": "siti@example.org", "website": "", **changes}  # fmt: skip


def date_fields(**changes: Any) -> dict[str, Any]:
    return {"kind": "date", "lang": "en", "token": token(), "item": EVENT_UID, "start_date": "2027-08-14",
            "start_time": "20:00", "text": "Announced by the keraton.", "contact": "", "website": "",
            **changes}  # fmt: skip


def correction_fields(**changes: Any) -> dict[str, Any]:
    return {"kind": "correction", "lang": "id", "token": token(), "item": KERATON_UID, "problem": "hours",
            "text": "Sekarang buka sampai 17.00.", "contact": "0812 3456 7890", "website": "", **changes}  # fmt: skip


@pytest.fixture
def post(db, settings, tmp_path, request):
    """post(fields, ip=..., origin=...) → the response, as a browser on the static site sends it.

    The fixture snapshot is imported into a temporary MEDIA_ROOT first."""
    settings.WISTAKON_SITE_URL = SITE
    settings.MEDIA_ROOT = tmp_path / "media"
    request.getfixturevalue("imported")
    caches["ratelimit"].clear()
    client = Client()

    def send(fields: dict[str, Any], ip: str = "10.0.0.1", origin: str | None = SITE, **headers: str):
        if origin is not None:
            headers["HTTP_ORIGIN"] = origin
        return client.post("/suggestions/send/", fields, REMOTE_ADDR=ip, **headers)

    yield send
    caches["ratelimit"].clear()
