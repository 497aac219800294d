"""Router packs as zip files that are the same bytes for the same input."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping

# The earliest time a zip entry can carry; fixed so rebuilding never changes the archive.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def deterministic_zip(files: Mapping[str, bytes]) -> bytes:
    """A zip of `files` (path → bytes): sorted entries, fixed timestamps and permissions."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # unix, so the permissions below are read
            mode = 0o755 if name.endswith(".sh") else 0o644
            info.external_attr = (0o100000 | mode) << 16
            archive.writestr(info, files[name], compresslevel=9)
    return buffer.getvalue()

