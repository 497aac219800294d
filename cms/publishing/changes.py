"""What a release changed against the one before it, by file: the admin's "what changed"."""

from __future__ import annotations

from pathlib import Path

from site_builder.releases import examples

SKIPPED_SUFFIXES = (".br", ".gz")  # precompressed twins of files already compared


def release_changes(previous: Path | None, current: Path) -> dict[str, object]:
    """Counts and a few examples of files added, changed and removed; text twins (.br/.gz) left out."""
    new = _files(current)
    old = _files(previous) if previous is not None and previous.is_dir() else {}
    added = sorted(set(new) - set(old))
    removed = sorted(set(old) - set(new))
    changed = sorted(name for name in set(new) & set(old) if not _same(old[name], new[name]))
    return {
        "added": len(added), "changed": len(changed), "removed": len(removed),
        "examples": {"added": examples(added), "changed": examples(changed), "removed": examples(removed)},
    }  # fmt: skip


def _files(root: Path) -> dict[str, Path]:
    return {
        path.relative_to(root).as_posix(): path
        for path in root.rglob("*")
        if path.is_file() and not path.name.endswith(SKIPPED_SUFFIXES)
    }


def _same(a: Path, b: Path) -> bool:
    first, second = a.stat(), b.stat()
    if (first.st_dev, first.st_ino) == (second.st_dev, second.st_ino):
        return True  # an incremental build hard-links unchanged outputs
    return first.st_size == second.st_size and a.read_bytes() == b.read_bytes()
