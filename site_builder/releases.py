"""Atomic publishing: each build goes into a fresh release folder; `dist` is a symlink swapped in one step.

A failed build never touches the live site, and the last few releases stay for `wistakon rollback`.
Older ones are retired after the swap: renamed aside at once, deleted by a process in the background.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from contextlib import suppress
from pathlib import Path

KEEP = 5
RETIRED = ".retired-"  # a folder being deleted in the background; no listing of releases sees it
UNDO_STEPS = 20  # patches of the live release that `rollback` can undo, one at a time
SEARCH = "pagefind"  # site_builder.search.BUNDLE
ADDED = ".added"  # in an undo step: files the patch added (rollback deletes them)


class ReleaseError(RuntimeError):
    pass


def releases_dir(out: Path) -> Path:
    return out.parent / f".{out.name}-releases"


EXAMPLES = 20  # file names an editor is shown per kind of change; the counts are complete


def examples(names: list[str]) -> list[str]:
    """A few of the files a build changed, pages first: what an editor recognises."""
    return sorted(names, key=lambda name: (not name.endswith(".html"), name))[:EXAMPLES]


def releases(out: Path) -> list[Path]:
    """Finished releases, oldest first."""
    folder = releases_dir(out)
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if p.is_dir() and p.name.isdigit()), key=lambda p: int(p.name))


def current(out: Path) -> Path | None:
    return out.resolve() if out.is_symlink() else None


def new_release(out: Path) -> Path:
    """An empty folder for the next build, beside the others."""
    folder = releases_dir(out)
    folder.mkdir(parents=True, exist_ok=True)
    number = max((_number(p) for p in folder.iterdir()), default=0) + 1
    building = folder / f"building-{number:05d}"
    if building.exists():
        shutil.rmtree(building)
    building.mkdir()
    return building


def activate(out: Path, building: Path) -> Path:
    """Make `building` the live site in one atomic rename, and prune old releases."""
    final = building.with_name(building.name.removeprefix("building-"))
    building.rename(final)
    if out.exists() and not out.is_symlink():
        # A plain folder from an older layout becomes a release, so nothing is lost.
        legacy = final.with_name(f"{int(final.name) - 1:05d}-legacy")
        out.rename(legacy)
    link = out.with_name(f".{out.name}.link-{os.getpid()}")
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(final.relative_to(out.parent))
    link.replace(out)
    return final


def discard(building: Path) -> None:
    shutil.rmtree(building, ignore_errors=True)


def undo_journal(release: Path) -> Path:
    """Where patch builds keep the files they replaced in `release`, one numbered step per patch."""
    return release.with_name(f"{release.name}.undo")


def new_undo(release: Path) -> Path:
    """A new, empty undo step for a patch of `release`; only the last UNDO_STEPS are kept."""
    steps = _undo_steps(release)
    for old in steps[: max(0, len(steps) - UNDO_STEPS + 1)]:
        shutil.rmtree(old, ignore_errors=True)
    step = undo_journal(release) / f"{int(steps[-1].name) + 1 if steps else 1:05d}"
    step.mkdir(parents=True)
    return step


def _undo_steps(release: Path) -> list[Path]:
    journal = undo_journal(release)
    if not journal.is_dir():
        return []
    return sorted((p for p in journal.iterdir() if p.name.isdigit()), key=lambda p: int(p.name))


def _undo_last_patch(live: Path) -> bool:
    """Put back the files the last patch of `live` replaced; False when it has none."""
    steps = _undo_steps(live)
    if not steps:
        return False
    step = steps[-1]
    added = (step / ADDED).read_text(encoding="utf-8").splitlines() if (step / ADDED).is_file() else []
    if (step / SEARCH).is_dir():  # the search index as it was: a folder of its own, put back whole
        shutil.rmtree(live / SEARCH, ignore_errors=True)
        os.rename(step / SEARCH, live / SEARCH)
    for path in sorted(step.rglob("*")):
        if path.is_file() and path.name != ADDED:
            os.replace(path, live / path.relative_to(step))
    for name in added:
        (live / name).unlink(missing_ok=True)
    shutil.rmtree(step)
    # The builder's record describes the patched files: the next build starts from a clean slate.
    for record in ("state.pickle", "state.patches"):
        (live.parent / record).unlink(missing_ok=True)
    return True


def rollback_plan(out: Path) -> tuple[str, Path]:
    """What `rollback` would do, without doing it: ("patch", live release) or ("release", the one before)."""
    live = current(out)
    if live is not None and _undo_steps(live):
        return "patch", live
    finished = releases(out)
    older = [p for p in finished if live is None or int(p.name) < int(live.name)]
    if not older:
        raise ReleaseError(f"there is no release older than {live} to roll back to")
    return "release", older[-1]


def rollback(out: Path) -> Path:
    """Undo the last patch of the live release if it has one, else point `out` back at the release before it."""
    live = current(out)
    if live is not None and _undo_last_patch(live):
        return live
    _kind, target = rollback_plan(out)
    link = out.with_name(f".{out.name}.link-{os.getpid()}")
    if link.is_symlink():
        link.unlink()
    link.symlink_to(target.relative_to(out.parent))
    link.replace(out)
    return target


def _number(folder: Path) -> int:
    name = folder.name.removeprefix("building-").split("-")[0]
    return int(name) if name.isdigit() else 0


def prune(out: Path) -> None:
    """After a swap: retire releases older than the last KEEP, builds that never finished, and the undo
    journals of releases no longer live. Each is renamed aside at once (so it is gone for every listing
    and for rollback) and deleted in the background: at 10,000 pages that takes seconds."""
    live = current(out)
    folder = releases_dir(out)
    retiring = [old for old in releases(out)[:-KEEP] if old != live]
    retiring += folder.glob("building-*")
    # Patches of a release no longer live are kept in it; its journal goes.
    retiring += (journal for journal in folder.glob("*.undo") if live is None or journal != undo_journal(live))
    for number, old in enumerate(retiring):
        with suppress(OSError):  # the build is live already: what cannot be retired now is next time
            os.rename(old, folder / f"{RETIRED}{os.getpid()}-{time.monotonic_ns()}-{number}")
    leftover = sorted(str(path) for path in folder.glob(f"{RETIRED}*"))  # also any a stopped deletion left
    if leftover:
        # `sh` starts `rm` in the background and returns at once; `rm` outlives this process if need be.
        with suppress(OSError, subprocess.SubprocessError):
            subprocess.run(
                ["sh", "-c", 'rm -rf -- "$@" &', "sh", *leftover],
                check=True,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
