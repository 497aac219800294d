"""Files a release only copies (theme assets, image originals, renditions, share images): linked from a cache.

Frozen-Flask would fetch each one through a Flask request, check its MIME type and write its bytes: about
1 ms a file, and 26,000 files at 10,000 pages. Their bytes are a cache file's bytes, so the build hard-links
that file into the release instead (Frozen-Flask's skip hook, so its bookkeeping stays the same). A file's
type is checked once, when it enters the cache (images.check_type); each link checks that the name it is
published under says the type its route sends, as Frozen-Flask would. Cache files are replaced whole,
never written in place, so a release's links keep their bytes.
"""

from __future__ import annotations

import errno
import hashlib
import mimetypes
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from werkzeug.exceptions import HTTPException

from site_builder import artwork, images, incremental
from site_builder.errors import BuildError
from site_builder.freezing import FREEZER_SETTINGS
from site_builder.web import media

Found = tuple[Path, str]  # (the cache file, the MIME type its route sends)


def _guess(name: str) -> str:
    return mimetypes.guess_type(name)[0] or FREEZER_SETTINGS["FREEZER_DEFAULT_MIMETYPE"]


def _enter(source: Path, cached: Path, sha256: str) -> bool:
    """Copy `source` into the cache as `cached`, unless it is there; False when its bytes are not `sha256`
    (the file changed since it was read: Frozen-Flask fetches it then, as it is now)."""
    if cached.is_file():
        return True
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    if not digest.startswith(sha256):
        return False
    images.write_atomically(cached, lambda path: shutil.copyfile(source, path))  # checks the type
    return True


def _asset(values: dict[str, Any]) -> Found | None:
    asset = current_app.config["THEME"].by_url_name.get(values["url_name"])
    if asset is None:
        return None
    cached = media.cache_folder() / "static" / asset.url_name
    digest = asset.url_name.rpartition(".")[0].rpartition(".")[2]  # name.<digest>.suffix
    if not _enter(asset.path, cached, digest):
        return None
    return cached, _guess(asset.path.name)


def _original(values: dict[str, Any]) -> Found | None:
    file = values["file"]
    source = media.original_file(file)
    sha256 = _image_digests().get(file)
    if source is None or not sha256:
        return None
    cached = media.cache_folder() / "originals" / sha256[:2] / f"{sha256}{Path(file).suffix}"
    if not _enter(source, cached, sha256):
        return None
    return cached, _guess(source.name)


def _image_digests() -> dict[str, str]:
    found = current_app.config.get("IMAGE_DIGESTS")
    if found is None:
        catalog = current_app.config["CATALOG"]
        found = {
            image.file: image.sha256
            for item in (*catalog.attractions, *catalog.events, *catalog.promotions)
            for image in item.images
        }
        current_app.config["IMAGE_DIGESTS"] = found
    return found


def _rendition(values: dict[str, Any]) -> Found | None:
    made = media.rendition_file(values["name"])
    return (made.cache_file, made.mimetype) if made is not None else None


def _share(values: dict[str, Any]) -> Found | None:
    # As site_builder.web.seo.share serves it: the text was noted when a page asked for the image's URL.
    found = current_app.config.get("SHARE_IMAGES", {}).get(values["digest"])
    if found is None:
        return None
    return artwork.share_image(media.cache_folder(), *found), "image/jpeg"


RESOLVERS: dict[str, Callable[[dict[str, Any]], Found | None]] = {
    "assets.asset": _asset,
    "media.image": _original,
    "media.rendition": _rendition,
    "seo.share": _share,
}


class Linker:
    """For Frozen-Flask's skip hook (site_builder/shards.py): link a copied file from the cache and record it."""

    def __init__(self, app: Flask, plan: incremental.Plan) -> None:
        self.urls = app.url_map.bind("localhost")
        self.plan = plan

    def __call__(self, url: str, path: str) -> bool:
        try:
            endpoint, values = self.urls.match(url, method="GET")
        except HTTPException:
            return False  # Frozen-Flask fetches it, and says what is wrong
        resolve = RESOLVERS.get(str(endpoint))
        found = resolve(values) if resolve is not None else None
        if found is None:
            return False
        source, mimetype = found
        target = Path(path)
        if _guess(target.name) != mimetype:
            raise BuildError(f"{url}: the file name says {_guess(target.name)}, the file is {mimetype}")
        if not place(source, target):
            raise BuildError(f"{url} would write {target.name}, which another output wrote already")
        self.plan.record(url, self.plan.file_reads(str(endpoint), values))
        return True


def place(source: Path, target: Path) -> bool:
    """Hard-link `source` as `target` (a copy across file systems); True if it is there now, also when
    another worker placed the same file first, False if another file is in the way."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
        return True
    except FileExistsError:
        return _same(source, target)
    except OSError as error:
        if error.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK):
            raise
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    shutil.copyfile(source, temporary)
    try:
        os.link(temporary, target)  # never replaces: a file in the way is an error, as above
    except FileExistsError:
        return _same(source, target)
    finally:
        temporary.unlink()
    return True


def _same(source: Path, target: Path) -> bool:
    if os.path.samefile(source, target):
        return True
    return source.stat().st_size == target.stat().st_size and source.read_bytes() == target.read_bytes()

