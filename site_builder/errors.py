"""Errors any step of the build can raise; the CLI turns them into a clear message."""

from __future__ import annotations

import errno
from pathlib import Path

_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_NOT_WRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS}


class BuildError(RuntimeError):
    """The build failed; the live site was left as it was."""


def disk_error(error: OSError, out: Path) -> BuildError | None:
    """A full disk or a folder the build may not write, said with what to do; None for other errors."""
    where = error.filename or out
    if error.errno in _FULL:
        return BuildError(
            f"the disk is full: writing {where} failed ({error.strerror}). Fix: free space on the drive that "
            f"holds {out.parent} (old releases in {out.parent / f'.{out.name}-releases'} may go), then build again"
        )
    if error.errno in _NOT_WRITABLE:
        return BuildError(
            f"cannot write {where} ({error.strerror}). Fix: make {out.parent} writable for this user, "
            "or build into another folder with --out"
        )
    return None
