"""Builds as the CMS worker makes them: one long-lived process calling build_site(), edits made in between.

    python benchmarks/inprocess.py --work /tmp/wbig-inc      # content in <work>/content (benchmarks/generate.py)
    python benchmarks/inprocess.py --work W --once --full    # one build only: what benchmarks/run.py times

The worker builds (first: a full build unless a record exists), builds again with nothing changed, then
after editing one attraction's body and after moving one event's date, timing each build_site() call in
this process. It never starts a new Python, so the 1-2 s of imports a fresh process pays are paid once,
up front. Every build prints one JSON line: its scenario, seconds, live and search seconds, what it did.
Markdown and image renditions are cached under <work>/cache, never in the repository's .cache/.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from measure import load_average

BUILD_DATE = "2026-11-01T00:00:00+07:00"  # the day after generate.LAST_UPDATE; fixed so edits do not move 'today'

Build = Callable[..., dict[str, Any]]


# -- the edits ---------------------------------------------------------------------------------------


def edit_attraction(content: Path, marker: str) -> str:
    """Add `marker` to one attraction's Indonesian body; return its page, relative to the site."""
    from site_builder.snapshot.frontmatter import dump, parse

    folders = sorted((content / "attractions").iterdir())
    path = folders[len(folders) // 2] / "index.id.md"
    document = parse(path.read_text(encoding="utf-8"))
    path.write_text(dump(document.meta, f"{document.body}\n\n{marker}"), encoding="utf-8")
    return f"wisata/{document.meta['slug']}/index.html"


def move_event(content: Path) -> str:
    """Move one event's first occurrence a week later (sequence up, previous_start kept); return its page."""
    from site_builder.snapshot.frontmatter import dump, parse

    folders = sorted((content / "events").iterdir())
    path = folders[len(folders) // 2] / "index.id.md"
    document = parse(path.read_text(encoding="utf-8"))
    occurrence = document.meta["occurrences"][0]
    occurrence.setdefault("previous_start", occurrence["start"])
    for key in ("start", "end"):
        if key in occurrence:
            text = occurrence[key]
            moved = datetime.fromisoformat(text) + timedelta(days=7)
            occurrence[key] = moved.isoformat() if "T" in text else moved.date().isoformat()
    occurrence["sequence"] += 1
    path.write_text(dump(document.meta, document.body), encoding="utf-8")
    return f"acara/{document.meta['slug']}/index.html"


# -- building ----------------------------------------------------------------------------------------


def builder(work: Path, theme: Path | None = None) -> Build:
    """build(scenario, full=False) → one build_site() of work/content into work/site/live, as a JSON-able row."""
    from site_builder.build import build_site
    from site_builder.web import media, seo

    # Renditions and share images go to the work folder, so "cold" is cold and the repository's cache stays.
    media.DEFAULT_CACHE = seo.DEFAULT_CACHE = work / "cache" / "images"
    content, out, cache = work / "content", work / "site" / "live", work / "cache" / "markdown"
    options: dict[str, Any] = {"theme": theme} if theme is not None else {}

    def build(scenario: str, full: bool = False) -> dict[str, Any]:
        load_before, began = load_average(), time.perf_counter()
        result = build_site(
            content,
            out,
            now=datetime.fromisoformat(BUILD_DATE),
            cache_dir=cache,
            incremental_build=not full,
            **options,
        )
        seconds = time.perf_counter() - began
        how = "full" if not result.incremental else ("patched" if result.patched else "new release")
        return {
            "scenario": scenario,
            "seconds": round(seconds, 3),
            "live_seconds": round(result.live_seconds or seconds, 3),
            "search_seconds": round(result.search_seconds, 3),
            "how": f"{how}, {result.rendered} rendered",
            "pages": sum(1 for name in result.files if name.endswith(".html")),
            "files": len(result.files),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "load": f"{load_before:.1f}→{load_average():.1f}",  # 1-minute load average, start → end
        }

    return build


def worker(work: Path, build: Build, emit: Callable[[dict[str, Any]], None], full: bool = False) -> None:
    """The worker's sequence: first build, nothing changed, one edited attraction, one moved event date."""
    out = work / "site" / "live"
    emit(build("first", full))
    emit(build("again", full))
    marker = f"Diperbarui {time.time_ns()}."
    page = edit_attraction(work / "content", marker)
    emit(build("edit", full))
    if marker not in (out / page).read_text(encoding="utf-8"):
        raise SystemExit(f"{page} does not show the edit")
    page = move_event(work / "content")
    before = (out / page).read_bytes()
    emit(build("move", full))
    if (out / page).read_bytes() == before:
        raise SystemExit(f"{page} did not change after the date moved")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--theme", type=Path, help="a theme folder instead of themes/default")
    parser.add_argument("--full", action="store_true", help="build without the incremental record, as a baseline")
    parser.add_argument("--once", action="store_true", help="one build, then exit (a fresh process per build)")
    parser.add_argument("--profile", type=Path, help="with --once: write the build's cProfile stats here")
    options = parser.parse_args(argv)

    def emit(row: dict[str, Any]) -> None:
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        sys.stdout.flush()

    started = time.perf_counter()
    build = builder(options.work.absolute(), options.theme)
    emit({"imports_seconds": round(time.perf_counter() - started, 3)})
    if not options.once:
        worker(options.work.absolute(), build, emit, options.full)
    elif options.profile:
        import cProfile

        profiler = cProfile.Profile()
        emit(profiler.runcall(build, "once", options.full))
        profiler.dump_stats(options.profile)
    else:
        emit(build("once", options.full))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
