"""The content snapshot (content/): read, validate, and turn into a Catalog."""

from site_builder.snapshot.errors import ContentError, SnapshotInvalid
from site_builder.snapshot.loader import check_content, check_files, load_catalog

__all__ = ["ContentError", "SnapshotInvalid", "check_content", "check_files", "load_catalog"]
