"""Errors any step of the build can raise; the CLI turns them into a clear message."""

from __future__ import annotations


class BuildError(RuntimeError):
    """The build failed; the live site was left as it was."""
