"""The problems one load finds, each noted against its file, field and line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from site_builder.snapshot import frontmatter
from site_builder.snapshot.errors import ContentError

if TYPE_CHECKING:
    from site_builder.snapshot.bundles import Bundle


class Problems:
    def __init__(self) -> None:
        self.errors: list[ContentError] = []

    def add(
        self,
        bundle: Bundle | None,
        lang: str | None,
        field: str,
        message: str,
        fix: str,
        line: int | None = None,
        path: str | None = None,
    ) -> None:
        where = path or (bundle.path(lang) if bundle and lang else bundle.label if bundle else "content")
        if line is None and bundle is not None and lang in bundle.documents and field:
            steps = tuple(int(s) if s.isdigit() else s for s in field.split("."))
            line = frontmatter.line_of(bundle.documents[lang], steps)
        self.errors.append(ContentError(where, field, message, fix, line))

    def about(self, bundle: Bundle) -> bool:
        """Whether any problem names `bundle`'s folder or one of its files."""
        return any(e.path == bundle.label or e.path.startswith(bundle.label + "/") for e in self.errors)
