"""One image check for check, import, build and the admin's upload: what one refuses, all refuse.

It also gives the intrinsic size, so pages never shift. site_builder owns it; the CMS imports it.
"""

from __future__ import annotations

import re
import struct
import warnings
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from PIL import Image, UnidentifiedImageError

MAX_IMAGE_BYTES = 8 * 1024 * 1024  # phone photos fit; posters and scans get resized first
MAX_IMAGE_PIXELS = 50_000_000
FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}
ALLOWED = "a JPEG (.jpg), PNG (.png) or WebP (.webp) photo"
# Markup a browser would run if it sniffed the file as HTML or SVG: after the image's end it has no business.
_MARKUP = re.compile(
    rb"<\s*(?:!doctype|html|head|body|script|svg|iframe|object|embed|meta|link|style|img|form|base|a\s|\?xml)"
    rb"|javascript:",
    re.IGNORECASE,
)


class ImageRefused(ValueError):
    """The file is not an image Wistakon publishes; `fix` says what to do."""

    def __init__(self, message: str, fix: str) -> None:
        super().__init__(message)
        self.message, self.fix = message, fix

    def __str__(self) -> str:
        return f"{self.message}. Fix: {self.fix}"


@dataclass(frozen=True)
class ImageFacts:
    width: int
    height: int
    format: str  # JPEG | PNG | WEBP


def inspect_image(data: bytes, name: str) -> ImageFacts:
    """The facts of image file `name` holding `data`; ImageRefused says why it cannot be published."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in FORMATS:
        raise ImageRefused(f"'{name}' is not named .jpg, .jpeg, .png or .webp", f"upload {ALLOWED}")
    if len(data) > MAX_IMAGE_BYTES:
        raise ImageRefused(
            f"'{name}' is {len(data):,} bytes, over the limit of {MAX_IMAGE_BYTES:,}",
            "resize or recompress it (at most 4000 pixels wide is plenty) and save it again",
        )
    damaged = ImageRefused(f"'{name}' is not a readable JPEG, PNG or WebP image, or it is damaged or cut short",
                           f"export it again as {ALLOWED}")  # fmt: skip
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data)) as image:
                facts = ImageFacts(image.width, image.height, image.format or "")
                if facts.format != FORMATS[extension]:
                    raise ImageRefused(
                        f"'{name}' holds a {facts.format} image, not the {FORMATS[extension]} its name says",
                        f"save it as {ALLOWED} with the matching extension",
                    )
                _check_pixels(name, facts)
                image.verify()
            with Image.open(BytesIO(data)) as image:
                image.load()  # verify() does not decode: a truncated image only fails here
    except ImageRefused:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        raise ImageRefused(
            f"'{name}' is over the limit of {MAX_IMAGE_PIXELS:,} pixels (more than is safe to decode)",
            "resize it (at most 4000 pixels wide is plenty) and save it again",
        ) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, struct.error, EOFError) as error:
        raise damaged from error
    end = _image_end(data, facts.format)
    if end is None:
        raise damaged
    if _MARKUP.search(data, end):
        raise ImageRefused(
            f"'{name}' has web page markup (HTML or SVG) hidden after the end of the image",
            f"export the picture again as a plain {ALLOWED}",
        )
    return facts


def inspect_image_file(path: Path) -> ImageFacts:
    """inspect_image for a file, without reading a file far over the size limit."""
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        raise ImageRefused(
            f"'{path.name}' is {size:,} bytes, over the limit of {MAX_IMAGE_BYTES:,}",
            "resize or recompress it (at most 4000 pixels wide is plenty) and save it again",
        )
    return inspect_image(path.read_bytes(), path.name)


def _check_pixels(name: str, facts: ImageFacts) -> None:
    if facts.width * facts.height > MAX_IMAGE_PIXELS:
        raise ImageRefused(
            f"'{name}' is {facts.width}×{facts.height} pixels, over the limit of {MAX_IMAGE_PIXELS:,} pixels",
            "resize it (at most 4000 pixels wide is plenty) and save it again",
        )


def _image_end(data: bytes, kind: str) -> int | None:
    """The offset just past the image's last byte, or None when its structure does not close."""
    if kind == "PNG":
        offset = 8
        while offset + 8 <= len(data):
            (length,) = struct.unpack(">I", data[offset : offset + 4])
            chunk, offset = data[offset + 4 : offset + 8], offset + 12 + length
            if chunk == b"IEND":
                return offset if offset <= len(data) else None
        return None
    if kind == "WEBP":
        (length,) = struct.unpack("<I", data[4:8])
        end = 8 + length + (length & 1)
        return end if end <= len(data) + 1 else None
    return _jpeg_end(data)


def _jpeg_end(data: bytes) -> int | None:
    """Past the EOI marker: walk the segments, and scan each entropy-coded scan for the next marker."""
    offset = 2
    while offset + 2 <= len(data):
        if data[offset] != 0xFF:
            return None
        marker = data[offset + 1]
        if marker == 0xD9:
            return offset + 2
        if marker == 0xFF:
            offset += 1  # fill byte
            continue
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            offset += 2
            continue
        if offset + 4 > len(data):
            return None
        (length,) = struct.unpack(">H", data[offset + 2 : offset + 4])
        offset += 2 + length
        if marker == 0xDA:  # start of scan: entropy-coded data runs to the next marker that is not RST or stuffing
            while offset + 1 < len(data):
                if data[offset] == 0xFF and data[offset + 1] != 0x00 and not 0xD0 <= data[offset + 1] <= 0xD7:
                    break
                offset += 1
    return None
