"""Golden build: the tiny fixture site, built, must equal the committed expected output.

After an intended change to templates or outputs, regenerate it and review the diff:
    WISTAKON_UPDATE_GOLDEN=1 .venv/bin/pytest tests/site_builder/test_golden.py
"""

from __future__ import annotations

import difflib
import hashlib
import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from site_builder.build import build_site

FIXTURES = Path(__file__).parents[1] / "fixtures"
TINY = FIXTURES / "tiny"
GOLDEN = FIXTURES / "tiny-golden"
NOW = "2026-10-01T12:00:00+07:00"
TEXT = {".html", ".ics", ".json", ".xml", ".atom", ".txt", ".webmanifest", ".css"}
DERIVED = {".gz", ".br"}  # compressed copies of the text outputs
ENCODED = {".png", ".webp", ".jpg", ".jpeg", ".ico"}  # bytes depend on Pillow's encoders; test_images covers them
PRINTED = {".pdf"}  # bytes depend on WeasyPrint's system libraries (Pango, HarfBuzz); test_trade covers them
THIRD_PARTY = ("pagefind/",)  # the search index format belongs to Pagefind's binary


def _outputs(release: Path) -> tuple[dict[str, bytes], dict[str, str]]:
    texts, binaries = {}, {}
    for path in sorted(p for p in release.rglob("*") if p.is_file()):
        name = path.relative_to(release).as_posix()
        if path.suffix in DERIVED | ENCODED | PRINTED or name.startswith(THIRD_PARTY):
            continue
        if path.suffix in TEXT or name == "sw.js":
            texts[name] = path.read_bytes()
        else:
            binaries[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return texts, binaries


def _manifest(binaries: dict[str, str]) -> str:
    return "".join(f"{digest}  {name}\n" for name, digest in sorted(binaries.items()))


def test_tiny_site_matches_the_committed_golden_output(tmp_path):
    result = build_site(TINY, tmp_path / "dist", now=datetime.fromisoformat(NOW))
    texts, binaries = _outputs(result.release)
    if os.environ.get("WISTAKON_UPDATE_GOLDEN") == "1":
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for name, data in texts.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_bytes(data)
        (GOLDEN / "BINARIES.sha256").write_text(_manifest(binaries))
        pytest.skip("golden output rewritten; review it with git diff")
    expected = {
        p.relative_to(GOLDEN).as_posix(): p.read_bytes()
        for p in sorted(GOLDEN.rglob("*"))
        if p.is_file() and p.name != "BINARIES.sha256"
    }
    assert sorted(texts) == sorted(expected), "the set of output files changed"
    for name, data in texts.items():
        if data != expected[name]:
            diff = difflib.unified_diff(
                expected[name].decode().splitlines(), data.decode().splitlines(), f"golden/{name}", name, lineterm=""
            )
            pytest.fail("output differs from the golden copy:\n" + "\n".join(list(diff)[:60]))
    assert _manifest(binaries) == (GOLDEN / "BINARIES.sha256").read_text()
