"""Hotspots that update themselves: published pack files and manifests, the fleet report, and the
update scripts (openNDS run under busybox against `wistakon serve`; RouterOS checked by routeros-lsp)."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import pytest

from site_builder import api_schema
from site_builder.build import build_site
from site_builder.snapshot import load_catalog
from site_builder.web import portal, portal_files
from site_builder.web.app import create_app
from tests.conftest import TINY, TINY_NOW

SLUG = "alun-alun-uji"
BUSYBOX = "/bin/busybox"
WISTAKON = Path(sys.executable).with_name("wistakon")
ROUTEROS_LSP = Path(sys.executable).with_name("routeros-lsp")
SHELLCHECK = Path(sys.executable).with_name("shellcheck")
# A site URL is checked for whitespace (portal.json's schema), but may hold any other character.
HOSTILE_URL = "https://x.test/a\"b'c$(touch${IFS}PWNED)`id`;/system/reset-configuration\\?é/"


def _manifest(text: str) -> dict[str, tuple[int, str, str]]:
    """name → (size, sha256, sha512) of a manifest.txt, checking its frame."""
    lines = text.splitlines()
    assert lines[0] == "wistakon-pack 1" and lines[-1] == f"end {len(lines) - 5}"
    files = {}
    for line in lines[4:-1]:
        kind, name, size, sha256, sha512 = line.split(" ")
        assert kind == "file"
        files[name] = (int(size), sha256, sha512)
    return files


def _zip_files(client, router: str) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(client.get(f"/portal/{SLUG}/{router}.zip").data)) as pack:
        return {
            name.removeprefix(f"wistakon-{SLUG}/"): pack.read(name) for name in pack.namelist() if name != "README.txt"
        }


# --- what the build publishes -----------------------------------------------------------------


@pytest.mark.parametrize("router", portal.ROUTERS)
def test_each_pack_file_is_published_with_the_zips_bytes_and_its_hashes_in_the_manifest(client, router):
    in_zip = _zip_files(client, router)
    response = client.get(f"/portal/{SLUG}/{router}/manifest.txt")
    assert response.mimetype == "text/plain"
    text = response.get_data(as_text=True)
    assert text.splitlines()[1:4] == [f"hotspot {SLUG}", f"router {router}", "date 2026-10-01"]
    listed = _manifest(text)
    assert sorted(listed) == sorted(in_zip) == portal_files.published_names(router)
    for name, body in in_zip.items():
        published = client.get(f"/portal/{SLUG}/{router}/{name}")
        assert published.status_code == 200 and published.data == body, name
        assert listed[name] == (len(body), hashlib.sha256(body).hexdigest(), hashlib.sha512(body).hexdigest())
    document = client.get(f"/portal/{SLUG}/{router}/manifest.json").get_json()
    assert api_schema.problems("pack_manifest", document) == []
    assert document["$schema"] == "https://wisata.example.test/api/v1/schema/pack_manifest.json"
    assert document["date"] == "2026-10-01" and document["sha256"] == hashlib.sha256(response.data).hexdigest()
    assert {f["name"]: (f["size"], f["sha256"], f["sha512"]) for f in document["files"]} == listed
    base = f"https://wisata.example.test/portal/{SLUG}/{router}/"
    assert [f["url"] for f in document["files"]] == [base + name for name in sorted(listed)]


def test_pack_files_have_the_mime_type_of_their_extension(client):
    assert client.get(f"/portal/{SLUG}/mikrotik/en/login.html").mimetype == "text/html"
    assert client.get(f"/portal/{SLUG}/mikrotik/md5.js").mimetype == "text/javascript"
    assert client.get(f"/portal/{SLUG}/opennds/theme_wistakon.sh").mimetype == "text/x-sh"
    assert client.get(f"/portal/{SLUG}/opennds/README.txt").status_code == 404
    assert client.get(f"/portal/{SLUG}/opennds/../opennds.zip").status_code == 404
    assert client.get("/portal/no-such-hotspot/opennds/manifest.txt").status_code == 404
    for script in ("mikrotik-update.rsc", "mikrotik-install.rsc", "opennds-update.sh"):
        assert client.get(f"/portal/no-such-hotspot/{script}").status_code == 404


def test_fleet_lists_every_hotspot_with_router_pack_date_and_hash(client):
    fleet = client.get("/portal/fleet.json").get_json()
    assert api_schema.problems("fleet", fleet) == []
    assert client.get("/api/v1/schema/fleet.json").get_json()["$id"] == fleet["$schema"]
    assert fleet["date"] == "2026-10-01"
    [row] = fleet["hotspots"]
    assert (row["slug"], row["router"], row["status"]) == (SLUG, "mikrotik", "confirmed")
    for router in portal.ROUTERS:
        manifest = client.get(f"/portal/{SLUG}/{router}/manifest.txt").data
        assert row["packs"][router]["date"] == "2026-10-01"
        assert row["packs"][router]["sha256"] == hashlib.sha256(manifest).hexdigest()
    assert row["update_script"].endswith(f"/portal/{SLUG}/mikrotik-update.rsc")
    text = client.get("/portal/fleet.txt").get_data(as_text=True)
    assert re.search(rf"^{SLUG} +mikrotik +confirmed +2026-10-01 {row['packs']['mikrotik']['sha256']}$", text, re.M)


def test_a_new_day_changes_the_manifest_date_and_the_pack_hash(client):
    later = create_app(load_catalog(TINY), now=TINY_NOW.replace(day=2), content_dir=TINY).test_client()
    before, after = (c.get("/portal/fleet.json").get_json()["hotspots"][0]["packs"]["opennds"] for c in (client, later))
    assert (before["date"], after["date"]) == ("2026-10-01", "2026-10-02")
    assert before["sha256"] != after["sha256"]


# --- the RouterOS script ----------------------------------------------------------------------


def _routeros_check(*paths: Path) -> None:
    """The updater runs as one script (/system script run), the installer line by line (/import)."""
    for path in paths:
        scope = "import" if "install" in path.name else "script"
        command = [ROUTEROS_LSP, "check", "--strict", "--scope", scope, str(path)]
        done = subprocess.run(command, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr


def _routeros_strings(script: str) -> list[str]:
    """Every double-quoted literal of a RouterOS script, its \\HH escapes decoded."""
    found = []
    for literal in re.findall(r'"((?:[^"\\]|\\.)*)"', script):
        raw = re.sub(rb"\\([0-9A-F]{2})", lambda m: bytes([int(m.group(1), 16)]), literal.encode())
        found.append(raw.replace(b"\\n", b"\n").decode("utf-8"))
    return found


def test_routeros_scripts_pass_the_routeros_7_syntax_and_command_check(client, tmp_path):
    update = client.get(f"/portal/{SLUG}/mikrotik-update.rsc")
    install = client.get(f"/portal/{SLUG}/mikrotik-install.rsc")
    assert update.mimetype == install.mimetype == "application/octet-stream"
    (tmp_path / "update.rsc").write_bytes(update.data)
    (tmp_path / "install.rsc").write_bytes(install.data)
    _routeros_check(tmp_path / "update.rsc", tmp_path / "install.rsc")
    script = update.get_data(as_text=True)
    assert f':local packUrl "https://wisata.example.test/portal/{SLUG}/mikrotik/"' in script
    names = ";".join(f'"{name}"' for name in portal_files.published_names("mikrotik"))
    assert f":local names {{{names}}}" in script
    for running in ("/import", ":parse", ":execute", "/system script run"):
        assert running not in script
    assert 'on-event="/system script run wistakon-update"' in install.get_data(as_text=True)


def test_routeros_7_offers_sha512_but_not_sha256_to_scripts():
    """What docs/PORTAL.md says the RouterOS script can check, from RouterOS 7.21.4's command list."""
    data = resources.files("routeros_lsp").joinpath("data", "routeros-7.21.4.json.gz").read_bytes()
    convert = json.loads(gzip.decompress(data))["root"]["c"]["convert"]
    assert {"sha512", "md5"} <= set(convert["a"]["transform"]["e"])
    assert "sha256" not in convert["a"]["transform"]["e"]


def test_a_hostile_site_url_stays_one_string_in_the_routeros_script(tmp_path):
    client = create_app(load_catalog(TINY), now=TINY_NOW, content_dir=TINY, base_url=HOSTILE_URL).test_client()
    for name in ("mikrotik-update.rsc", "mikrotik-install.rsc"):
        script = client.get(f"/portal/{SLUG}/{name}").get_data(as_text=True)
        (tmp_path / name).write_text(script)
        assert "$(touch" not in script and ";/system/reset" not in script and "é" not in script
        assert any(s.startswith(HOSTILE_URL.rstrip("/")) for s in _routeros_strings(script)), name
    _routeros_check(tmp_path / "mikrotik-update.rsc", tmp_path / "mikrotik-install.rsc")


# --- the openNDS script under busybox against `wistakon serve` ---------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def busybox_bin(tmp_path_factory) -> Path:
    """A PATH of busybox applets only: the script sees what an OpenWrt router has (wget, sha256sum …)."""
    folder = tmp_path_factory.mktemp("busybox-bin")
    subprocess.run([BUSYBOX, "--install", "-s", str(folder)], check=True)
    assert os.path.realpath(folder / "wget") == os.path.realpath(BUSYBOX)
    return folder


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """(base URL, live folder) of the tiny site built and served by `wistakon serve` on loopback."""
    dist = tmp_path_factory.mktemp("served") / "dist"
    build_site(TINY, dist, now=TINY_NOW)
    port = _free_port()
    server = subprocess.Popen(
        [WISTAKON, "serve", "--out", str(dist), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(base + "/portal/fleet.json", timeout=2) as response:
                    response.read()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)
        yield base, dist.resolve()
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def update_script(served, tmp_path_factory) -> Path:
    """The openNDS script as an operator downloads it from the site."""
    base, _ = served
    path = tmp_path_factory.mktemp("script") / "wistakon-update"
    with urllib.request.urlopen(f"{base}/portal/{SLUG}/opennds-update.sh") as response:
        path.write_bytes(response.read())
    return path


def _run(script: Path, busybox_bin: Path, pack_url: str, target: Path, **extra: str) -> subprocess.CompletedProcess:
    env = {"PATH": str(busybox_bin), "WISTAKON_PACK_URL": pack_url, "WISTAKON_DIR": str(target), **extra}
    return subprocess.run([BUSYBOX, "sh", str(script)], env=env, capture_output=True, text=True, timeout=60)


@contextmanager
def replaced(path: Path, body: bytes) -> Iterator[None]:
    """`path` holds `body` for a while (a new file: the release's may be hard links to a cache)."""
    original = path.read_bytes()
    path.unlink()
    path.write_bytes(body)
    try:
        yield
    finally:
        path.unlink()
        path.write_bytes(original)


def _state(target: Path) -> dict[str, tuple[int, int, bytes]]:
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(target.iterdir())}


@pytest.fixture
def installed(served, update_script, busybox_bin, tmp_path) -> tuple[Path, str]:
    """A target folder after a first, normal update; and the pack URL."""
    base, _ = served
    pack_url = f"{base}/portal/{SLUG}/opennds/"
    target = tmp_path / "opennds" / "wistakon"
    done = _run(update_script, busybox_bin, pack_url, target)
    assert done.returncode == 0, done.stderr
    return target, pack_url


def test_a_normal_update_installs_every_file_with_the_manifests_hash(served, update_script, busybox_bin, tmp_path):
    base, dist = served
    target = tmp_path / "wistakon"
    reloaded = tmp_path / "reloaded"
    done = _run(
        update_script, busybox_bin, f"{base}/portal/{SLUG}/opennds/", target, WISTAKON_RELOAD=f"touch {reloaded}"
    )
    assert done.returncode == 0, done.stderr
    assert "installed 2 file(s) of the pack of 2026-10-01" in done.stdout
    listed = _manifest((dist / f"portal/{SLUG}/opennds/manifest.txt").read_text())
    assert sorted(p.name for p in target.iterdir()) == sorted(listed) == ["splash.html", "theme_wistakon.sh"]
    for name, (size, sha256, _) in listed.items():
        body = (target / name).read_bytes()
        assert len(body) == size and hashlib.sha256(body).hexdigest() == sha256
    assert (target / "theme_wistakon.sh").stat().st_mode & 0o777 == 0o755
    assert (target / "splash.html").stat().st_mode & 0o777 == 0o644
    assert reloaded.exists()  # the operator's own reload command ran, after a change
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reloaded", "wistakon"]  # no staging folder left


def test_an_unchanged_update_rewrites_nothing_and_reloads_nothing(installed, update_script, busybox_bin, tmp_path):
    target, pack_url = installed
    before = _state(target)
    reloaded = tmp_path / "reloaded"
    done = _run(update_script, busybox_bin, pack_url, target, WISTAKON_RELOAD=f"touch {reloaded}")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "wistakon-update: unchanged (pack of 2026-10-01)"
    assert _state(target) == before and not reloaded.exists()


@pytest.mark.parametrize("corrupt", ["same-size", "longer"])
def test_a_corrupted_file_on_the_server_is_refused_and_the_old_pages_kept(
    installed, served, update_script, busybox_bin, corrupt
):
    target, pack_url = installed
    _, dist = served
    (target / "splash.html").write_bytes(b"<p>yesterday's page</p>\n")
    before = _state(target)
    served_splash = dist / f"portal/{SLUG}/opennds/splash.html"
    good = served_splash.read_bytes()
    bad = good.replace(b"Alun-alun", b"Alun-alun-jahat") if corrupt == "longer" else good.replace(b"Uji", b"Ujj", 1)
    assert bad != good
    with replaced(served_splash, bad):
        done = _run(update_script, busybox_bin, pack_url, target)
    assert done.returncode == 1
    expected = "SHA-256 does not match" if corrupt == "same-size" else "size does not match"
    assert f"splash.html: the {expected} the manifest (the installed pages are kept)" in done.stderr
    assert _state(target) == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["wistakon"]


def test_server_down_keeps_the_old_pages_and_fails(installed, update_script, busybox_bin):
    target, _ = installed
    (target / "splash.html").write_bytes(b"<p>yesterday's page</p>\n")
    before = _state(target)
    done = _run(update_script, busybox_bin, f"http://127.0.0.1:{_free_port()}/portal/{SLUG}/opennds/", target)
    assert done.returncode == 1
    assert "cannot fetch" in done.stderr and "manifest.txt (the installed pages are kept)" in done.stderr
    assert _state(target) == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda m: m.replace(b" splash.html ", b" ../x "), "refused file name '../x'"),
        (lambda m: m.replace(b" splash.html ", b" /tmp/x "), "refused file name '/tmp/x'"),
        (lambda m: m.replace(b" splash.html ", b" .profile "), "refused file name '.profile'"),
        (lambda m: m.replace(b" splash.html ", b" a$(id) "), "refused file name 'a$(id)'"),
        (lambda m: m.replace(b" splash.html ", b" theme_wistakon.sh "), "theme_wistakon.sh is listed twice"),
        (lambda m: m.replace(f"hotspot {SLUG}".encode(), b"hotspot lain"), f"not the manifest of hotspot {SLUG}"),
        (lambda m: m.replace(b"router opennds", b"router mikrotik"), "not an openNDS pack"),
        (lambda m: m.rsplit(b"end ", 1)[0], "the manifest is cut short"),
        (lambda m: m.replace(b"end 2", b"end 1"), "it lists 2 files, not '1'"),
        (lambda m: m + b"file x.html 1 00 00\n", "text after the end line"),
        (lambda m: re.sub(rb"(splash.html \d+ )[0-9a-f]{64}", rb"\g<1>" + b"A" * 64, m), "bad SHA-256"),
        (lambda m: m.replace(b"wistakon-pack 1", b"<html>"), "not a Wistakon pack manifest"),
    ],
)
def test_a_manifest_that_does_not_match_is_refused(installed, served, update_script, busybox_bin, change, message):
    target, pack_url = installed
    _, dist = served
    (target / "splash.html").write_bytes(b"<p>yesterday's page</p>\n")
    before = _state(target)
    manifest = dist / f"portal/{SLUG}/opennds/manifest.txt"
    with replaced(manifest, change(manifest.read_bytes())):
        done = _run(update_script, busybox_bin, pack_url, target)
    assert done.returncode == 1
    assert message in done.stderr and "(the installed pages are kept)" in done.stderr
    assert _state(target) == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["wistakon"]  # nothing written beside it


def test_a_hostile_site_url_is_one_word_in_the_opennds_script(busybox_bin, tmp_path):
    client = create_app(load_catalog(TINY), now=TINY_NOW, content_dir=TINY, base_url=HOSTILE_URL).test_client()
    script = tmp_path / "wistakon-update"
    script.write_bytes(client.get(f"/portal/{SLUG}/opennds-update.sh").data)
    subprocess.run([BUSYBOX, "sh", "-n", str(script)], check=True)
    start = script.read_text().index("DEFAULT_URL=")
    assignment = script.read_text()[start:].split("\nPACK_URL=")[0]
    shown = subprocess.run(
        [BUSYBOX, "sh", "-c", assignment + '\nprintf %s "$DEFAULT_URL"'], cwd=tmp_path, capture_output=True, text=True
    )
    assert shown.stdout == HOSTILE_URL.rstrip("/") + f"/portal/{SLUG}/opennds/"
    # The whole script with that URL: the download fails (WISTAKON_FETCH=false), and nothing runs.
    env = {"PATH": str(busybox_bin), "WISTAKON_DIR": str(tmp_path / "target"), "WISTAKON_FETCH": "false"}
    done = subprocess.run([BUSYBOX, "sh", str(script)], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 1 and "cannot fetch https://x.test/a\"b'c$(touch${IFS}PWNED)`id`;" in done.stderr
    assert not (tmp_path / "PWNED").exists()


def test_the_opennds_script_passes_shellcheck_as_posix_sh(client, tmp_path):
    script = tmp_path / "wistakon-update"
    script.write_bytes(client.get(f"/portal/{SLUG}/opennds-update.sh").data)
    done = subprocess.run([SHELLCHECK, "--shell=sh", "--severity=style", str(script)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


def test_the_opennds_script_never_runs_what_it_fetches():
    script = resources.files("site_builder.portal").joinpath("scripts", "opennds-update.sh").read_text()
    code = "\n".join(line for line in script.splitlines() if not line.lstrip().startswith("#"))
    # Any command that runs a file or a string: only the operator's own reload command, from the environment.
    commands = re.findall(r"(?<![\w.$/-])(eval|exec|source|sh|bash|\.)(?=\s)(.*)", code)
    assert commands == [("sh", ' -c "$RELOAD" || fail "the reload command failed: $RELOAD"')]  # the operator's own


def test_after_an_incremental_build_the_manifests_still_match_the_files_and_the_zips(tmp_path):
    content, dist = tmp_path / "content", tmp_path / "dist"
    shutil.copytree(TINY, content)
    build_site(content, dist, now=TINY_NOW)
    promotion = content / "promotions/diskon-uji/index.id.md"
    promotion.write_text(promotion.read_text().replace("Diskon contoh untuk pengujian.", "Diskon baru hari ini."))
    build_site(content, dist, now=TINY_NOW)
    folder = dist / "portal" / SLUG
    fleet = json.loads((dist / "portal/fleet.json").read_text())["hotspots"][0]["packs"]
    for router in portal.ROUTERS:
        manifest = (folder / router / "manifest.txt").read_bytes()
        assert fleet[router]["sha256"] == hashlib.sha256(manifest).hexdigest()
        with zipfile.ZipFile(folder / f"{router}.zip") as pack:
            zipped = {n.removeprefix(f"wistakon-{SLUG}/"): pack.read(n) for n in pack.namelist() if n != "README.txt"}
        for name, (size, sha256, _) in _manifest(manifest.decode()).items():
            body = (folder / router / name).read_bytes()
            assert body == zipped[name] and len(body) == size and hashlib.sha256(body).hexdigest() == sha256, name
    assert b"Diskon baru hari ini." in (folder / "mikrotik/login.html").read_bytes()


def test_the_hotspot_list_links_each_hotspots_update_scripts(client):
    html = client.get("/en/wifi/").get_data(as_text=True)
    assert "Daily self-update" in html
    for href in (f"/portal/{SLUG}/mikrotik-install.rsc", f"/portal/{SLUG}/opennds-update.sh"):
        assert f'href="{href}"' in html and client.get(href).status_code == 200
    assert "Pembaruan harian otomatis" in client.get("/wifi/").get_data(as_text=True)
