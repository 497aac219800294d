"""Rendering over several processes: each renders a shard of the URLs with its own Freezer.

The Catalog is loaded, the Flask app built and the URLs generated first; then the build forks, so every
process starts with all of it (copy on write). The build's own process renders shard 0, each forked one
another shard, all into the same new release. Each compresses what it wrote as it goes, and the forked
ones send back what the incremental Plan recorded, merged into the build's plan. A URL no generator lists
(a share image a page links) may be asked for by several processes: the first to claim its file writes it.
"""

from __future__ import annotations

import gc
import os
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing import connection as connections
from multiprocessing import get_context
from pathlib import Path

from flask import Flask
from flask_frozen import Freezer, MissingURLGeneratorWarning

from site_builder import copied, incremental
from site_builder.compression import SUFFIXES, compress_copies, compressible
from site_builder.errors import BuildError
from site_builder.freezing import freezing

ENV = "WISTAKON_WORKERS"  # how many processes render; 1 renders in the build's own process
SMALL = 400  # fewer URLs to render than this per process: a fork and a merge cost more than they save
PROGRESS_EVERY = 0.25  # seconds between a forked process's progress messages

OnPage = Callable[[int], None]  # (pages done by this process)


def worker_count(pending: int, requested: int | None = None) -> int:
    """How many processes render `pending` URLs: as asked (argument, else WISTAKON_WORKERS), else one per
    core when there is enough to share out."""
    if requested is None and os.environ.get(ENV, "").strip():
        try:
            requested = int(os.environ[ENV])
        except ValueError:
            raise BuildError(f"{ENV}={os.environ[ENV]!r} is not a number of processes; use 1, 2, …") from None
    if requested is not None:
        return max(1, requested)
    return max(1, min(_cores(), pending // SMALL))


def _cores() -> int:
    """The cores this process may run on (a container may allow fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def split(urls: list[str], plan: incremental.Plan, count: int) -> list[list[str]]:
    """`count` shards, the same for the same URLs: the URLs to render dealt out in turn, then those the plan
    links from the previous release (cheap), so each process gets a like share of the work."""
    pending = [url for url in urls if plan.is_clean(url) is None]
    clean = [url for url in urls if plan.is_clean(url) is not None]
    return [pending[index::count] + clean[index::count] for index in range(count)]


@dataclass
class Shard:
    """What one forked process rendered and recorded, sent back to the build."""

    written: dict[str, str]  # file → URL
    outputs: dict[str, incremental.Output]
    linked: list[str]
    memo_used: set[bytes]


class _Skip:
    """Frozen-Flask's skip hook: link from the previous release, else link a copied file from the cache;
    with `claim`, a URL outside this shard is written by the first process that claims its file."""

    def __init__(self, app: Flask, plan: incremental.Plan, own: set[str] | None) -> None:
        self.from_previous = app.config["FREEZER_SKIP_EXISTING"]  # plan._skip
        self.linker = copied.Linker(app, plan)
        self.own = own
        self.how = ""  # for the URL just handled: "previous", "copied", "elsewhere" or "" (rendered)

    def __call__(self, url: str, path: str) -> bool:
        self.how = ""
        try:
            if self.from_previous(url, path):
                self.how = "previous"
            elif self.linker(url, path):
                self.how = "copied"
            elif self.own is not None and url not in self.own:
                os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY))  # claimed: Frozen-Flask writes it
        except FileExistsError:
            if self.own is None or url in self.own:
                raise
            self.how = "elsewhere"  # another process claimed it first
        return self.how != ""


def render_shard(
    app: Flask,
    plan: incremental.Plan,
    destination: Path,
    urls: list[str],
    on_page: OnPage,
    claim: bool = False,
) -> dict[str, str]:
    """Freeze `urls` (and the unlisted URLs their pages link) into `destination`, compressing text outputs
    as they are written; {file: URL}. With `claim`, other processes write into the same folder."""
    freezer = Freezer(app, with_static_files=False, with_no_argument_rules=False, log_url_for=True)
    freezer.register_generator(lambda: iter(urls))
    plan.install(freezer, destination)
    skip = _Skip(app, plan, set(urls) if claim else None)
    app.config["FREEZER_SKIP_EXISTING"] = skip
    previous = plan.previous_release if plan.incremental else None
    written: dict[str, str] = {}
    with freezing(app, plan):
        warnings.simplefilter("ignore", MissingURLGeneratorWarning)  # a shard has some endpoints; freeze checks
        for done, page in enumerate(freezer.freeze_yield(), start=1):
            name = Path(page.path).as_posix()
            if name in written:
                raise BuildError(f"{page.url} and {written[name]} would both write {name}")
            written[name] = page.url
            if compressible(name):
                _compress(destination, name, previous if skip.how == "previous" else None, skip.how)
            on_page(done)
    return written


def _compress(destination: Path, name: str, previous: Path | None, how: str) -> None:
    if how == "elsewhere":
        return  # the process that wrote it compresses it
    if previous is not None:  # the previous release's bytes, so its compressed copies
        for _, copy in incremental.previous_files(previous, [name + suffix for suffix in SUFFIXES]):
            incremental.link_or_copy(copy, destination / copy.relative_to(previous))
        return
    compress_copies(destination / name)


def render(
    app: Flask,
    plan: incremental.Plan,
    destination: Path,
    shards: list[list[str]],
    report: Callable[[int], None],
) -> dict[str, str]:
    """Render shard 0 here and each other shard in a forked process; {file: URL} of them all, the forked
    processes' records merged into `plan`. A failure anywhere ends them all in a BuildError."""
    context = get_context("fork")
    children: list[tuple[object, connections.Connection, int]] = []
    done = [0] * len(shards)
    results: dict[int, Shard] = {}
    # The garbage collector leaves what exists now alone, so it does not copy every page it would visit.
    gc.freeze()
    try:
        for index in range(1, len(shards)):
            receive, send = context.Pipe(duplex=False)
            process = context.Process(
                target=_child, args=(app, plan, destination, shards[index], send), name=f"render-{index}", daemon=True
            )
            process.start()
            send.close()
            children.append((process, receive, index))

        def on_page(count: int) -> None:
            done[0] = count
            _listen(children, done, results, timeout=0)
            report(sum(done))

        written = render_shard(app, plan, destination, shards[0], on_page, claim=True)
        while len(results) < len(children):
            _listen(children, done, results, timeout=None)
            report(sum(done))
    except BaseException:
        for process, _, _ in children:
            process.kill()  # type: ignore[attr-defined]
        raise
    finally:
        for process, receive, _ in children:
            process.join()  # type: ignore[attr-defined]
            receive.close()
        gc.unfreeze()
    for index in sorted(results):
        shard = results[index]
        for name, url in shard.written.items():
            if written.setdefault(name, url) != url:
                raise BuildError(f"{url} and {written[name]} would both write {name}")
        plan.merge(shard.outputs, shard.linked)
        if plan.memo is not None:
            plan.memo.valid.update(shard.memo_used)  # a document it used passed its schema check
            plan.memo.used.update(shard.memo_used)
    return written


def _listen(
    children: list[tuple[object, connections.Connection, int]],
    done: list[int],
    results: dict[int, Shard],
    timeout: float | None,
) -> None:
    """Take the messages the forked processes sent; raise what one of them failed with."""
    waiting = {receive: (process, index) for process, receive, index in children if index not in results}
    for receive in connections.wait(list(waiting), timeout):
        process, index = waiting[receive]  # type: ignore[index]
        try:
            kind, value = receive.recv()  # type: ignore[union-attr]
        except EOFError:
            process.join()  # type: ignore[attr-defined]
            code = process.exitcode  # type: ignore[attr-defined]
            raise BuildError(f"render process {index} stopped (exit code {code}) before it finished") from None
        if kind == "progress":
            done[index] = value
        elif kind == "done":
            done[index] = len(value.written)
            results[index] = value
        else:
            raise value


def _child(
    app: Flask, plan: incremental.Plan, destination: Path, urls: list[str], send: connections.Connection
) -> None:
    """A forked process: render its shard, send back the plan's records (or the error)."""
    plan.outputs, plan.linked = {}, []
    if plan.memo is not None:
        plan.memo.used = set()
    last = [time.monotonic()]

    def on_page(count: int) -> None:
        if time.monotonic() - last[0] >= PROGRESS_EVERY:
            send.send(("progress", count))
            last[0] = time.monotonic()

    try:
        written = render_shard(app, plan, destination, urls, on_page, claim=True)
        used = plan.memo.used if plan.memo is not None else set()
        send.send(("done", Shard(written, plan.outputs, plan.linked, used)))
    except BaseException as error:  # noqa: BLE001 - every failure goes to the build, which says it
        send.send(("error", _portable(error)))
    finally:
        send.close()


def _portable(error: BaseException) -> BaseException:
    """The error as the build can re-raise it: a BuildError or an OSError as is (a full disk is said as
    such), anything else as a BuildError with its message."""
    if isinstance(error, BuildError | OSError):
        return error
    return BuildError(f"{type(error).__name__}: {error}")
