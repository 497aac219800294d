"""Content problems that name the file, the field and the fix."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class ContentError:
    path: str  # relative to the content folder's parent, e.g. content/attractions/x/index.id.md
    field: str  # dotted path, e.g. hours.2.opens; "" for the whole file
    message: str
    fix: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" field '{self.field}':" if self.field else ""
        return f"{where}:{field} {self.message}. Fix: {self.fix}"


class SnapshotInvalid(Exception):
    """The snapshot has problems; nothing was built."""

    def __init__(self, errors: list[ContentError]) -> None:
        self.errors = sorted(errors)
        count = len(self.errors)
        noun = "problem" if count == 1 else "problems"
        lines = "\n".join(f"  - {error}" for error in self.errors)
        super().__init__(f"content has {count} {noun}; nothing was built:\n{lines}")
