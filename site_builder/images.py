"""Image renditions with Pillow: WebP plus a JPEG or PNG fallback at several widths, cached by source hash.

A rendition's file name carries a digest of its source and its recipe, so it can be cached forever.
The encoded bytes live in a cache folder keyed the same way: a warm build opens no image at all.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import shutil
import tempfile
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from PIL import Image, ImageOps

# Bump when the encoding changes, so cached files made the old way are not reused.
RECIPE_VERSION = "1"
WEBP_QUALITY = 72
JPEG_QUALITY = 78
ORIENTATION = 0x0112  # the EXIF tag that rotates a photo


@dataclass(frozen=True)
class Preset:
    """How a page shows an image: the widths to offer and an optional crop ratio (width / height)."""

    name: str
    widths: tuple[int, ...]
    ratio: float | None = None


PRESETS = {
    "card": Preset("card", (320, 640), ratio=8 / 5),
    "full": Preset("full", (320, 640, 960)),
}


@dataclass(frozen=True)
class Rendition:
    name: str  # URL path under /media/r/, e.g. attractions/keraton-kasepuhan/cover.640.1a2b3c4d5e.webp
    width: int
    height: int
    format: str  # webp | jpeg | png
    cache_file: Path

    @property
    def mimetype(self) -> str:
        return f"image/{self.format}"


@dataclass(frozen=True)
class RenditionSet:
    """Every rendition of one image in one preset: WebP at each width, smallest first, and one fallback."""

    webp: tuple[Rendition, ...]
    fallback: tuple[Rendition, ...]

    @property
    def largest(self) -> Rendition:
        return self.webp[-1]

    @property
    def all(self) -> tuple[Rendition, ...]:
        return (*self.webp, *self.fallback)


def plan_widths(source_width: int, widths: Iterable[int]) -> list[int]:
    """The preset's widths that do not upscale, plus the source width when it is the best there is."""
    fitting = sorted(w for w in widths if w < source_width)
    if not fitting or max(widths) >= source_width:
        fitting.append(source_width)
    return sorted(set(fitting))


def crop_box(
    size: tuple[int, int], ratio: float | None, focal: tuple[float, float] | None
) -> tuple[int, int, int, int]:
    """The largest box of `ratio` inside `size`, centred on the focal point (x, y in 0..1) as far as it fits."""
    width, height = size
    if ratio is None:
        return (0, 0, width, height)
    fx, fy = focal or (0.5, 0.5)
    if width / height > ratio:
        box_w, box_h = round(height * ratio), height
    else:
        box_w, box_h = width, round(width / ratio)
    left = min(max(round(fx * width - box_w / 2), 0), width - box_w)
    top = min(max(round(fy * height - box_h / 2), 0), height - box_h)
    return (left, top, left + box_w, top + box_h)


class RenditionCache:
    """Encodes renditions into `folder` once per (source hash, recipe) and finds them again by name."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.encoded = 0  # how many files this instance had to encode (0 on a warm build)

    def plan(
        self,
        file: str,
        sha256: str,
        size: tuple[int, int],
        preset: Preset,
        focal: tuple[float, float] | None = None,
        has_alpha: bool = False,
    ) -> RenditionSet:
        """The renditions of `file` (a logical name such as attractions/x/cover.png) without encoding anything."""
        box = crop_box(size, preset.ratio, focal)
        box_w, box_h = box[2] - box[0], box[3] - box[1]
        stem = file.rpartition(".")[0] or file
        fallback_format = "png" if has_alpha or file.lower().endswith(".png") else "jpeg"
        found: dict[str, list[Rendition]] = {"webp": [], fallback_format: []}
        widths = plan_widths(box_w, preset.widths)
        # Browsers without WebP are few and old: one middle-sized fallback serves them.
        fallback_width = widths[min(1, len(widths) - 1)]
        for width in widths:
            height = max(1, round(box_h * width / box_w))
            for fmt in ("webp", fallback_format) if width == fallback_width else ("webp",):
                recipe = f"{RECIPE_VERSION}|{sha256}|{box}|{width}x{height}|{fmt}"
                digest = hashlib.sha256(recipe.encode()).hexdigest()[:10]
                suffix = "jpg" if fmt == "jpeg" else fmt
                # The digest covers the crop, so presets that crop alike share files (and browser caches).
                name = f"{stem}.{width}.{digest}.{suffix}"
                cache_file = self.folder / digest[:2] / f"{digest}.{suffix}"
                found[fmt].append(Rendition(name, width, height, fmt, cache_file))
        return RenditionSet(webp=tuple(found["webp"]), fallback=tuple(found[fallback_format]))

    def ensure(self, source: Path, renditions: Iterable[Rendition], crop: tuple[int, int, int, int]) -> None:
        """Encode the renditions of `source` that are not in the cache yet."""
        missing = [r for r in renditions if not r.cache_file.is_file()]
        if not missing:
            return
        with Image.open(source) as opened:
            untouched = crop == (0, 0, *opened.size) and not opened.getexif().get(ORIENTATION)
            fmt = (opened.format or "").lower()
            for rendition in [r for r in missing if untouched and (r.width, r.height) == opened.size]:
                if rendition.format == fmt:
                    # Same size, same format: the source is already the best file we could write.
                    write_atomically(rendition.cache_file, lambda path: shutil.copyfile(source, path))
                    missing.remove(rendition)
            image = ImageOps.exif_transpose(opened)
            image = image.convert("RGBA" if _has_alpha(image) else "RGB").crop(crop)
            for rendition in missing:
                resized = image.resize((rendition.width, rendition.height), Image.Resampling.LANCZOS)
                write_atomically(rendition.cache_file, lambda path, r=rendition, i=resized: _encode(i, r.format, path))
                self.encoded += 1


def encode_all(jobs: list[tuple[RenditionCache, Path, tuple[Rendition, ...], tuple[int, int, int, int]]]) -> None:
    """Run `RenditionCache.ensure` for many sources at once: in a pool of forked processes when there are
    many (a cold build; Pillow holds the GIL while it decodes and crops), else in threads."""
    pending = [job for job in jobs if any(not r.cache_file.is_file() for r in job[2])]
    if len(pending) <= 1:
        for cache, source, renditions, crop in pending:
            cache.ensure(source, renditions, crop)
        return
    workers = min(8, os.cpu_count() or 2)
    if len(pending) >= PROCESS_POOL_AT and workers > 1:
        with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
            for (cache, *_), count in zip(pending, pool.map(_encode_job, pending, chunksize=8), strict=True):
                cache.encoded += count
        return
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(_encode_job, pending))


PROCESS_POOL_AT = 32  # sources to encode; fewer are done sooner in threads than a pool starts


def _encode_job(job: tuple[RenditionCache, Path, tuple[Rendition, ...], tuple[int, int, int, int]]) -> int:
    cache, source, renditions, crop = job
    before = cache.encoded
    cache.ensure(source, renditions, crop)
    return cache.encoded - before


def source_has_alpha(path: Path) -> bool:
    with Image.open(path) as image:
        return _has_alpha(image)


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)


def _encode(image: Image.Image, fmt: str, path: Path) -> None:
    if fmt == "webp":
        image.save(path, "WEBP", quality=WEBP_QUALITY, method=4)
    elif fmt == "jpeg":
        image.convert("RGB").save(path, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    else:
        # Illustrations with few colours stay small as palette PNGs.
        (image.quantize(256) if image.mode == "RGB" else image).save(path, "PNG", compress_level=6)


# The first bytes a cached file of each of these types has, by the type its name says.
MAGIC = {
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/gif": (b"GIF87a", b"GIF89a"),
    "image/webp": (b"RIFF",),
    "application/pdf": (b"%PDF-",),
}


class CachedTypeError(ValueError):
    """A file's bytes are not of the type its name says: it must not enter the cache, nor a release."""


def check_type(path: Path, name: str | None = None) -> None:
    """Refuse `path` when its first bytes are not of the image type that `name` (default: its own) says.

    Files are served by the type their name says (Frozen-Flask checks the same for what it renders):
    a cached file is checked once, here, when it enters the cache.
    """
    expected = mimetypes.guess_type(name or path.name)[0]
    magic = MAGIC.get(expected or "")
    if magic is None:
        return  # text and fonts: their type is their name's
    with open(path, "rb") as stream:
        head = stream.read(12)
    if not head.startswith(magic) or (expected == "image/webp" and head[8:12] != b"WEBP"):
        raise CachedTypeError(f"{name or path.name}: the bytes are not {expected} as the name says")


def write_atomically(path: Path, write) -> None:
    """Write through a temporary file in the same folder, so parallel builds never see half a file;
    the file enters the cache only when its bytes are of the type its name says."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=path.suffix)
    os.close(handle)
    try:
        write(Path(temporary))
        check_type(Path(temporary), path.name)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
