"""Timing one child process: wall seconds, the memory of its whole process tree, and the machine's load.

Memory is the sum of the proportional set size (PSS, /proc/<pid>/smaps_rollup) of the child and every
descendant alive at each sample, every 0.1 s: forked render workers that share the parent's pages are
not counted twice, and Pagefind's process is counted. The child's own ru_maxrss (from wait4) is kept
as a floor, for a peak shorter than the sampling interval.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.1


@dataclass
class Measured:
    seconds: float
    peak_mb: float  # the process tree's peak, PSS summed over its processes
    load_before: float  # 1-minute load average when the child started
    load_after: float  # … and when it ended
    stdout: str

    @property
    def load(self) -> str:
        return f"{self.load_before:.1f}→{self.load_after:.1f}"


def load_average() -> float:
    """The 1-minute load average, from /proc/loadavg."""
    return float(Path("/proc/loadavg").read_text().split()[0])


def descendants(pid: int) -> list[int]:
    """`pid` and every process below it, from each process's parent in /proc/<pid>/stat."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue  # ended meanwhile
        parent = int(stat.rsplit(")", 1)[1].split()[1])  # the name in (…) may hold spaces
        children.setdefault(parent, []).append(int(entry.name))
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        queue.extend(children.get(current, []))
    return found


def tree_memory_kb(pid: int) -> int:
    total = 0
    for member in descendants(pid):
        try:
            rollup = Path(f"/proc/{member}/smaps_rollup").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0)
    return total


def run_measured(command: list[str], env: dict[str, str] | None = None) -> Measured:
    """Run `command` to its end; raise with its last error lines on a non-zero exit."""
    with tempfile.TemporaryFile("w+") as stdout, tempfile.TemporaryFile("w+") as stderr:
        load_before = load_average()
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=stdout, stderr=stderr, env=env, text=True)
        peak_kb, done = 0, threading.Event()

        def sample() -> None:
            nonlocal peak_kb
            while not done.wait(SAMPLE_SECONDS):
                peak_kb = max(peak_kb, tree_memory_kb(child.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)  # ru_maxrss: the child's own peak, in KB
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
        child.returncode = os.waitstatus_to_exitcode(status)
        stdout.seek(0)
        stderr.seek(0)
        if child.returncode != 0:
            program = Path(next((part for part in command if part.endswith(".py")), command[0])).name
            raise RuntimeError(f"{program} exited {child.returncode}: {stderr.read()[-3000:]}")
        peak = max(peak_kb, usage.ru_maxrss) / 1024
        return Measured(seconds, peak, load_before, load_average(), stdout.read())
