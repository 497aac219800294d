"""The admin's WiFi packs page: every hotspot with its router and the pack the last build published."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone

from cms.hotspots.models import Hotspot
from site_builder.catalog import JAKARTA
from site_builder.snapshot import load_catalog
from site_builder.web.app import create_app

SLUG = "alun-alun-kejaksan"


def _publish_fleet(content: Path, dist: Path, day: datetime) -> dict:
    """portal/fleet.json as the builder renders it for `content` on `day`."""
    client = create_app(load_catalog(content), now=day, content_dir=content).test_client()
    response = client.get("/portal/fleet.json")
    (dist / "portal").mkdir(parents=True, exist_ok=True)
    (dist / "portal/fleet.json").write_bytes(response.data)
    return response.get_json()


@pytest.fixture
def dist(imported: Path, tmp_path: Path, settings) -> Path:
    settings.WISTAKON_DIST_DIR = tmp_path / "dist"
    return settings.WISTAKON_DIST_DIR


def test_the_fleet_page_lists_each_hotspot_with_router_pack_date_and_hash(imported, dist, admin_client: Client):
    today = timezone.localdate()
    fleet = _publish_fleet(imported, dist, datetime(today.year, today.month, today.day, tzinfo=JAKARTA))
    [row] = fleet["hotspots"]
    html = admin_client.get("/admin/wifi-packs/").content.decode()
    assert "Alun-alun Kejaksan" in html and "MikroTik" in html
    assert today.isoformat() in html and row["packs"]["mikrotik"]["sha256"] in html
    assert f"/portal/{SLUG}/mikrotik-update.rsc" in html
    assert "Paket WiFi" in html and "Build terakhir membuat paket tanggal" in html  # the admin speaks Indonesian
    assert "bukan hari ini" not in html


def test_a_build_from_an_earlier_day_shows_the_routers_are_behind(imported, dist, admin_client: Client):
    _publish_fleet(imported, dist, datetime(2026, 10, 1, tzinfo=JAKARTA))
    html = admin_client.get("/admin/wifi-packs/").content.decode()
    assert "2026-10-01" in html and "Itu bukan hari ini: build harian belum berjalan" in html


def test_a_router_changed_since_the_build_and_a_hotspot_not_built_yet_are_marked(imported, dist, admin_client):
    _publish_fleet(imported, dist, datetime(2026, 10, 1, tzinfo=JAKARTA))
    hotspot = Hotspot.objects.get(slug=SLUG)
    hotspot.router = Hotspot.Router.OPENNDS
    hotspot.save()
    html = admin_client.get("/admin/wifi-packs/").content.decode()
    assert "berubah sejak build terakhir" in html
    (dist / "portal/fleet.json").write_text('{"date": "2026-10-01", "hotspots": []}')
    html = admin_client.get("/admin/wifi-packs/").content.decode()
    assert "Belum ada di build terakhir." in html


def test_before_any_build_the_page_says_so(imported, dist, admin_client: Client):
    html = admin_client.get("/admin/wifi-packs/").content.decode()
    assert "Belum ada build yang menerbitkan paket WiFi." in html


def test_a_contributor_does_not_see_the_fleet(imported, dist, django_user_model) -> None:
    user = django_user_model.objects.create_user("kontributor", password="pw-kontributor-1")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    client.force_login(user)
    assert client.get("/admin/wifi-packs/").status_code in (302, 403)
