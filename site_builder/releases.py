"""Atomic publishing: each build goes into a fresh release folder; `dist` is a symlink swapped in one step.

A failed build never touches the live site, and the last few releases stay for `wistakon rollback`.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

KEEP = 5


class ReleaseError(RuntimeError):
    pass


def releases_dir(out: Path) -> Path:
    return out.parent / f".{out.name}-releases"


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
    _prune(out)
    return final


def discard(building: Path) -> None:
    shutil.rmtree(building, ignore_errors=True)


def rollback(out: Path) -> Path:
    """Point `out` back at the release before the live one."""
    live = current(out)
    finished = releases(out)
    older = [p for p in finished if live is None or int(p.name) < int(live.name)]
    if not older:
        raise ReleaseError(f"there is no release older than {live} to roll back to")
    target = older[-1]
    link = out.with_name(f".{out.name}.link-{os.getpid()}")
    if link.is_symlink():
        link.unlink()
    link.symlink_to(target.relative_to(out.parent))
    link.replace(out)
    return target


def _number(folder: Path) -> int:
    name = folder.name.removeprefix("building-").split("-")[0]
    return int(name) if name.isdigit() else 0


def _prune(out: Path) -> None:
    live = current(out)
    finished = releases(out)
    for old in finished[:-KEEP]:
        if old != live:
            shutil.rmtree(old, ignore_errors=True)
    for stale in releases_dir(out).glob("building-*"):
        shutil.rmtree(stale, ignore_errors=True)
