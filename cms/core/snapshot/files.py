"""Write a whole snapshot beside the old one, then swap it in, so readers never see half of it."""

from __future__ import annotations

import ctypes
import os
import shutil
import tempfile
from pathlib import Path

OWNED = ("categories", "attractions", "events", "hotspots", "promotions")  # everything else is left alone
_RENAME_EXCHANGE = 2


def write_snapshot(content_dir: Path, files: dict[str, bytes]) -> None:
    """Replace the owned sections of `content_dir` with `files` (path relative to content_dir → bytes)."""
    content_dir = content_dir.resolve()
    content_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{content_dir.name}-export-", dir=content_dir.parent))
    staging.chmod(content_dir.stat().st_mode & 0o7777 if content_dir.exists() else 0o755)  # mkdtemp gives 0700
    try:
        if content_dir.is_dir():
            for entry in sorted(content_dir.iterdir()):
                if entry.name not in OWNED:
                    _copy(entry, staging / entry.name)
        for relative, data in sorted(files.items()):
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        _swap(staging, content_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _copy(source: Path, target: Path) -> None:
    if source.is_dir() and not source.is_symlink():
        shutil.copytree(source, target, symlinks=True)
    else:
        shutil.copy2(source, target, follow_symlinks=False)


def _swap(staging: Path, content_dir: Path) -> None:
    """Exchange the two folders in one step where Linux allows it; afterwards `staging` holds the old one."""
    if not content_dir.exists():
        os.replace(staging, content_dir)
        return
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    at_fdcwd = -100
    if renameat2 is not None and renameat2(at_fdcwd, os.fsencode(staging), at_fdcwd, os.fsencode(content_dir),
                                           _RENAME_EXCHANGE) == 0:  # fmt: skip
        return
    # Elsewhere: two renames, with the old snapshot kept until the new one is in place.
    previous = staging.with_name(staging.name + "-old")
    os.replace(content_dir, previous)
    os.replace(staging, content_dir)
    os.replace(previous, staging)
