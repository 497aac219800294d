"""Files of a release: where Frozen-Flask writes a URL, and linking the unchanged ones from the last release."""

from __future__ import annotations

import os
import shutil
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path


def link_or_copy(source: Path, target: Path) -> None:
    """Put `source`'s bytes at `target` (a new name) without ever opening `source` for writing."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError:  # another filesystem: copy to a new file, then rename it into place
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        shutil.copyfile(source, temporary)
        temporary.replace(target)


def url_to_path(url: str) -> str:
    """The file Frozen-Flask writes for `url` (its urlpath_to_filepath, NFC-normalised)."""
    return unicodedata.normalize("NFC", (url + "index.html" if url.endswith("/") else url)[1:])


def previous_files(release: Path, names: Iterable[str]) -> Iterator[tuple[str, Path]]:
    """(name, file) for each of `names` that exists in `release`."""
    for name in names:
        path = release / name
        if path.is_file():
            yield name, path
