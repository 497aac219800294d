"""Publishing as the CMS worker does it: one long-lived process, edit a file, call build_site(), time it.

    python benchmarks/inprocess.py --work /tmp/wbig-inc      # content in <work>/content (benchmarks/generate.py)

It builds once (full), once more with nothing changed, then after editing one attraction's body and
after moving one event's date, timing each build_site() call in this process. It never starts a new
Python, so the 1-2 s of imports that benchmarks/run.py counts in every build are paid once, up front.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

BUILD_DATE = "2026-11-01T00:00:00+07:00"  # as benchmarks/run.py: edits do not move 'today'


def edit_attraction(content: Path, marker: str) -> str:
    from site_builder.snapshot.frontmatter import dump, parse

    folders = sorted((content / "attractions").iterdir())
    path = folders[len(folders) // 2] / "index.id.md"
    document = parse(path.read_text(encoding="utf-8"))
    path.write_text(dump(document.meta, f"{document.body}\n\n{marker}"), encoding="utf-8")
    return f"wisata/{document.meta['slug']}/index.html"


def move_event(content: Path) -> str:
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--full", action="store_true", help="build without the incremental record, as a baseline")
    options = parser.parse_args(argv)
    started = time.perf_counter()
    from site_builder.build import build_site
    from site_builder.web import media, seo

    imported = time.perf_counter() - started
    work: Path = options.work
    # As benchmarks/run.py: renditions are cached in the work folder, not the repository's .cache/.
    media.DEFAULT_CACHE = seo.DEFAULT_CACHE = work / "cache" / "images"
    content, out, cache = work / "content", work / "site" / "live", work / "cache" / "markdown"

    def build(label: str) -> dict[str, object]:
        began = time.perf_counter()
        result = build_site(
            content, out, now=datetime.fromisoformat(BUILD_DATE), cache_dir=cache, incremental_build=not options.full
        )
        row = {
            "build": label,
            "seconds": round(time.perf_counter() - began, 3),
            "rendered": result.rendered,
            "linked": result.linked,
            "files": len(result.files),
            "incremental": result.incremental,
            "patched": result.patched,
            "live_seconds": round(result.live_seconds, 3),
            "search_seconds": round(result.search_seconds, 3),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        }
        sys.stdout.write(json.dumps(row) + "\n")
        sys.stdout.flush()
        return row

    sys.stdout.write(json.dumps({"imports_seconds": round(imported, 3)}) + "\n")
    build("first (full unless a record exists)")
    build("nothing changed")
    marker = f"Diperbarui {time.time_ns()}."
    page = edit_attraction(content, marker)
    build("one edited attraction")
    if marker not in (out / page).read_text(encoding="utf-8"):
        raise SystemExit(f"{page} does not show the edit")
    page = move_event(content)
    before = (out / page).read_bytes()
    build("one moved event date")
    if (out / page).read_bytes() == before:
        raise SystemExit(f"{page} did not change after the date moved")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
