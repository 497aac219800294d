"""Image facts the builder needs before rendering: the intrinsic size, so pages never shift."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, UnidentifiedImageError


def image_size(path: Path) -> tuple[int, int]:
    """(width, height) in pixels of a JPEG, PNG or WebP file."""
    try:
        with Image.open(path) as image:
            if image.format not in ("JPEG", "PNG", "WEBP"):
                raise ValueError(f"'{path.name}' is a {image.format} image, not JPEG, PNG or WebP")
            return image.size
    except (UnidentifiedImageError, OSError) as error:
        raise ValueError(f"'{path.name}' is not a readable JPEG, PNG or WebP image") from error
