"""site_builder never imports Django: the boundary in DESIGN.md, checked in a clean interpreter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

TINY = Path(__file__).parents[1] / "fixtures" / "tiny"

PROGRAM = f"""
import sys, tempfile, pathlib, pkgutil, importlib
import site_builder
for module in pkgutil.walk_packages(site_builder.__path__, "site_builder."):
    importlib.import_module(module.name)
from site_builder.build import build_site
build_site(pathlib.Path({str(TINY)!r}), pathlib.Path(tempfile.mkdtemp()) / "dist")
leaked = sorted(name for name in sys.modules if name.split(".")[0] in ("django", "wagtail", "cms"))
print(",".join(leaked) or "clean")
"""


def test_building_a_site_imports_no_django_wagtail_or_cms():
    done = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "clean"
