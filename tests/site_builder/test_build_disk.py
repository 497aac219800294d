"""A full disk or a read-only output folder ends in a clear error, not a traceback; the live site stays.

Each case runs `wistakon build` in its own user and mount namespace (`unshare -rm`, util-linux) over
a small tmpfs, so the disk is really full or really read-only, whoever runs the tests.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest

TINY = Path(__file__).parents[1] / "fixtures" / "tiny"
WISTAKON = Path(sys.executable).with_name("wistakon")

# Build once into a tmpfs; then make the disk full (or read-only) and build again; say what stayed live.
SCRIPT = """
set -u
mount -t tmpfs -o size=40m tmpfs "$SITE"
build() {{ "$WISTAKON" build --content "$CONTENT" --out "$SITE/dist" --full --date 2026-10-01; }}
build > /dev/null 2>&1 || {{ echo "first build failed"; exit 99; }}
before=$(readlink "$SITE/dist"); sum=$(sha256sum "$SITE/dist/index.html")
{damage}
build > "$SITE.out" 2> "$SITE.err"; echo "exit=$?"
[ "$(readlink "$SITE/dist")" = "$before" ] && echo "live=same"
[ "$(sha256sum "$SITE/dist/index.html")" = "$sum" ] && echo "index=same"
ls "$SITE/.dist-releases" | grep -c building || true
"""
DAMAGE = {
    # Shrink the filesystem to what it holds plus a little: the next release cannot fit.
    "full": 'mount -o remount,size=$(( $(du -sk "$SITE" | cut -f1) + 256 ))k "$SITE"',
    "read-only": 'mount -o remount,ro "$SITE"',
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_full_or_read_only_disk_ends_in_a_clear_error_and_leaves_the_live_site(tmp_path, damage):
    site = tmp_path / "site"
    site.mkdir()
    env = f"SITE={shlex.quote(str(site))} CONTENT={shlex.quote(str(TINY))} WISTAKON={shlex.quote(str(WISTAKON))}"
    script = f"{env}\n" + SCRIPT.format(damage=DAMAGE[damage])
    run = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, timeout=300)
    report = run.stdout.split()
    assert run.returncode == 0 and "exit=1" in report, run.stdout + run.stderr
    assert "live=same" in report and "index=same" in report
    assert report[-1] == "0"  # no half-written release left behind
    error = (tmp_path / "site.err").read_text()
    assert "Traceback" not in error
    said = "the disk is full" if damage == "full" else "cannot write"
    assert "build failed, the live site is unchanged" in error and said in error and "Fix:" in error
