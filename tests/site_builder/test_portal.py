"""Captive-portal packs: splash pages within budget, promotions by date and target, router zips."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from site_builder.build import BuildError
from site_builder.catalog import JAKARTA
from site_builder.portal.budget import BUDGET_BYTES, MINIMUM, Selection, plans, shorten
from site_builder.portal.packs import deterministic_zip
from site_builder.snapshot import load_catalog
from site_builder.web import portal
from site_builder.web.app import create_app
from site_builder.web.theme import Theme
from tests.conftest import TINY, TINY_NOW

SLUG = "alun-alun-uji"
ROUTEROS_VARIABLE = re.compile(r"\$\([^)]*\)")
EXTERNAL = re.compile(r"<script|<img|<link|<iframe|<object|<embed|@import|url\(", re.I)


def _client(content: Path = TINY, now: datetime = TINY_NOW):
    return create_app(load_catalog(content), now=now, content_dir=content).test_client()


def _zip(client, router: str) -> zipfile.ZipFile:
    response = client.get(f"/portal/{SLUG}/{router}.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.data))


def _add_promotions(content: Path, count: int) -> None:
    for n in range(1, count + 1):
        folder = content / "promotions" / f"promo-banyak-{n:02d}"
        folder.mkdir(parents=True)
        folder.joinpath("index.id.md").write_text(
            "---\n"
            f"uid: 88888888-8888-4888-8888-{n:012d}\n"
            f"slug: promo-banyak-{n:02d}\n"
            f"title: Promo Prioritas {n:02d} di Warung Sekitar Alun-alun\n"
            f"summary: {'Potongan harga untuk pengunjung yang datang lewat WiFi publik kota. ' * 4}\n"
            "updated: '2026-10-01T09:00:00+07:00'\n"
            f"business: Warung Contoh Nomor {n:02d}\n"
            "valid_from: '2026-09-01'\n"
            "valid_until: '2026-12-31'\n"
            f"priority: {n}\n"
            "example: true\n"
            "---\n",
            encoding="utf-8",
        )


def test_splash_shows_nearest_attractions_with_distance_and_labels_example_promotions(client):
    html = client.get(f"/portal/{SLUG}/index.html").get_data(as_text=True)
    assert '<html lang="id">' in html and "Alun-alun Uji" in html
    assert html.index("Taman Uji") < html.index("Keraton Uji")  # nearest first
    assert "2,2 km" in html
    assert "Diskon Uji" in html and '<span class="x">Contoh</span>' in html
    english = client.get(f"/portal/{SLUG}/en.html").get_data(as_text=True)
    assert '<html lang="en">' in english and "Test Palace" in english and '<span class="x">Example</span>' in english


def test_splash_is_self_contained_without_script_or_external_resources(client):
    for path in (f"/portal/{SLUG}/index.html", f"/portal/{SLUG}/en.html"):
        html = client.get(path).get_data(as_text=True)
        assert not EXTERNAL.search(html), EXTERNAL.search(html)
        assert "<style>" in html and len(html.encode()) <= BUDGET_BYTES


def test_events_of_today_and_the_next_seven_days_are_shown(tmp_path):
    week_before = _client(now=datetime(2026, 8, 17, 9, 0, tzinfo=JAKARTA))
    html = week_before.get(f"/portal/{SLUG}/index.html").get_data(as_text=True)
    assert "Upacara Uji" in html and "Senin, 24 Agustus 2026 · 20:00" in html
    too_early = _client(now=datetime(2026, 8, 16, 9, 0, tzinfo=JAKARTA))
    assert "Upacara Uji" not in too_early.get(f"/portal/{SLUG}/index.html").get_data(as_text=True)


@pytest.mark.parametrize(
    ("day", "shown"),
    [((2026, 8, 31), False), ((2026, 9, 1), True), ((2026, 12, 31), True), ((2027, 1, 1), False)],
)
def test_promotions_show_only_inside_their_validity_window(day, shown):
    client = _client(now=datetime(*day, 12, 0, tzinfo=JAKARTA))
    assert ("Diskon Uji" in client.get(f"/portal/{SLUG}/index.html").get_data(as_text=True)) is shown
    promotions = json.loads(client.get(f"/portal/{SLUG}/portal.json").data)["promotions"]
    assert [p["uid"] for p in promotions] == (["77777777-7777-4777-8777-777777777777"] if shown else [])


def test_promotions_show_only_at_hotspots_they_target(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(TINY, content)
    elsewhere = content / "hotspots" / "pelabuhan-uji"
    shutil.copytree(TINY / "hotspots" / SLUG, elsewhere)
    text = (elsewhere / "index.id.md").read_text()
    text = text.replace("66666666-6666-4666-8666-666666666666", "99999999-9999-4999-8999-999999999999")
    text = text.replace("alun-alun-uji", "pelabuhan-uji").replace("area: Kejaksan", "area: Lemahwungkuk")
    (elsewhere / "index.id.md").write_text(text)
    client = _client(content)
    assert "Diskon Uji" in client.get(f"/portal/{SLUG}/index.html").get_data(as_text=True)
    assert "Diskon Uji" not in client.get("/portal/pelabuhan-uji/index.html").get_data(as_text=True)


def test_many_promotions_fit_the_budget_and_keep_the_highest_priorities(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(TINY, content)
    _add_promotions(content, 40)
    client = _client(content)
    pages = {
        "index.html": client.get(f"/portal/{SLUG}/index.html").data,
        "en.html": client.get(f"/portal/{SLUG}/en.html").data,
    }
    with _zip(client, "mikrotik") as pack:
        pages |= {name: pack.read(name) for name in pack.namelist() if name.endswith("login.html")}
    with _zip(client, "opennds") as pack:
        pages["splash.html"] = pack.read("splash.html")
    for name, body in pages.items():
        assert len(body) <= BUDGET_BYTES, (name, len(body))
    html = pages["index.html"].decode()
    assert "Promo Prioritas 40" in html and "Promo Prioritas 39" in html
    assert "Promo Prioritas 01 " not in html
    assert "Keraton Uji" in html  # the nearest attractions stay (down to the minimum)
    shown = json.loads(client.get(f"/portal/{SLUG}/portal.json").data)["splash"]["id"]["shown"]
    assert 1 <= shown["promotions"] < 41


def test_a_page_that_cannot_fit_fails_the_build_naming_the_hotspot(monkeypatch):
    monkeypatch.setattr(portal, "PAGE_BUDGET", 1_000)
    app = create_app(load_catalog(TINY), now=TINY_NOW, content_dir=TINY)
    with pytest.raises(BuildError, match=f"hotspot '{SLUG}'.*over the budget of 1,000 bytes"):
        portal.packs(app)


def test_budget_plans_drop_attractions_then_events_then_promotions_then_summaries():
    steps = list(plans(Selection(5, 4, 2)))
    assert steps[0] == Selection(5, 4, 2)
    assert steps[1:3] == [Selection(4, 4, 2), Selection(3, 4, 2)]
    assert steps[3] == Selection(3, 3, 2) and steps[4] == Selection(3, 3, 1)
    assert [s.summary_chars for s in steps[5:]] == [120, 60, 0]
    assert steps[-1] == MINIMUM


def test_shorten_cuts_at_a_word_with_an_ellipsis():
    assert shorten("Keraton tertua di Cirebon", None) == "Keraton tertua di Cirebon"
    assert shorten("Keraton tertua di Cirebon", 16) == "Keraton tertua…"
    assert shorten("Keraton", 0) == ""


def test_mikrotik_variables_survive_the_build_byte_for_byte(client):
    theme = Theme()
    with _zip(client, "mikrotik") as pack:
        names = pack.namelist()
        for page in ("login.html", "alogin.html", "status.html", "logout.html", "error.html", "redirect.html"):
            source = (theme.folders[0] / "templates/portal/mikrotik" / page).read_text()
            built = pack.read(f"wistakon-{SLUG}/{page}").decode()
            assert ROUTEROS_VARIABLE.findall(built) == ROUTEROS_VARIABLE.findall(source), page
            assert "{%" not in built and "{{" not in built
        login = pack.read(f"wistakon-{SLUG}/login.html").decode()
        md5 = pack.read(f"wistakon-{SLUG}/md5.js").decode()
    assert 'action="$(link-login-only)" method="post"$(if chap-id) onsubmit="return doLogin()"$(endif)>' in login
    assert "hexMD5('$(chap-id)'+document.login.password.value+'$(chap-challenge)')" in login
    assert "function hexMD5(s)" in md5
    assert f"wistakon-{SLUG}/en/login.html" in names and "README.txt" in names
    assert login.index("Diskon Uji") < login.index('name="login"')  # local information above the form


def test_a_dollar_in_content_cannot_become_a_router_variable(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(TINY, content)
    promo = content / "promotions/diskon-uji/index.id.md"
    promo.write_text(
        promo.read_text().replace("Diskon contoh untuk pengujian.", "Bayar $(mac) atau $gatewayname saja.")
    )
    client = _client(content)
    with _zip(client, "mikrotik") as pack:
        login = pack.read(f"wistakon-{SLUG}/login.html").decode()
    assert "Bayar &#36;(mac) atau &#36;gatewayname saja." in login
    with _zip(client, "opennds") as pack:
        assert "&#36;gatewayname" in pack.read("splash.html").decode()


def test_opennds_pack_keeps_its_template_variables_and_is_valid_shell(client, tmp_path):
    with _zip(client, "opennds") as pack:
        splash = pack.read("splash.html").decode()
        theme = pack.read("theme_wistakon.sh").decode()
        assert sorted(pack.namelist()) == ["README.txt", "splash.html", "theme_wistakon.sh"]
    assert 'action="$authaction"' in splash and 'value="$tok"' in splash and 'value="$redir"' in splash
    assert """sed 's|[$]fas|'"$fas"'|g'""" in theme and "generate_splash_sequence()" in theme and "auth_log" in theme
    assert "<script" not in theme
    script = tmp_path / "theme_wistakon.sh"
    script.write_text(theme)
    bash = shutil.which("bash")
    if bash:
        subprocess.run([bash, "-n", str(script)], check=True)


def test_router_zips_are_the_same_bytes_for_the_same_content():
    first, second = _client(), _client()
    for router in portal.ROUTERS:
        data = first.get(f"/portal/{SLUG}/{router}.zip").data
        assert data == second.get(f"/portal/{SLUG}/{router}.zip").data
        with zipfile.ZipFile(io.BytesIO(data)) as pack:
            infos = pack.infolist()
        assert [i.filename for i in infos] == sorted(i.filename for i in infos)
        assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_deterministic_zip_ignores_insertion_order():
    assert deterministic_zip({"b.txt": b"2", "a.txt": b"1"}) == deterministic_zip({"a.txt": b"1", "b.txt": b"2"})


def test_hotspot_list_links_map_splash_pages_and_packs(client):
    html = client.get("/wifi/").get_data(as_text=True)
    assert "Alun-alun Uji" in html and "WIFI JABAR" in html and "Kejaksan" in html and "Aktif" in html
    assert "https://www.openstreetmap.org/?mlat=-6.7097&amp;mlon=108.5592" in html
    for href in (f"/portal/{SLUG}/index.html", f"/portal/{SLUG}/en.html", f"/portal/{SLUG}/mikrotik.zip"):
        assert f'href="{href}"' in html
        assert client.get(href).status_code == 200
    assert "Public WiFi" in client.get("/en/wifi/").get_data(as_text=True)


def test_a_date_moved_outside_the_portal_week_leaves_the_packs_alone_and_one_moved_into_it_renders_them(tmp_path):
    from tests.site_builder.test_incremental import build, make_site, rewrite, tree_digest

    content, theme = make_site(tmp_path)
    build(content, theme, tmp_path / "dist")  # NOW is 1 October 2026: the portals show 1–8 October

    def move_to(start: str, end: str):
        def move(meta, body):
            occurrence = meta["occurrences"][-1]
            occurrence.update(start=start, end=end)
            occurrence["sequence"] += 1
            return meta, body

        return move

    rewrite(
        content / "events" / "festival-uji" / "index.id.md",
        move_to("2027-06-05T19:00:00+07:00", "2027-06-05T22:00:00+07:00"),
    )
    far = build(content, theme, tmp_path / "dist")
    assert far.rendered and not [name for name in far.rendered_files if name.startswith("portal/")]
    rewrite(
        content / "events" / "festival-uji" / "index.id.md",
        move_to("2026-10-03T19:00:00+07:00", "2026-10-03T22:00:00+07:00"),
    )
    near = build(content, theme, tmp_path / "dist")
    assert "Festival Uji" in (near.release / "portal" / "alun-alun-uji" / "index.html").read_text()
    clean = tree_digest(build(content, theme, tmp_path / "clean", incremental_build=False).release)
    assert {k: v for k, v in tree_digest(near.release).items() if k.startswith("portal/")} == {
        k: v for k, v in clean.items() if k.startswith("portal/")
    }
