"""Images: Wagtail images made from the files beside the text, one per distinct file content."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage

from cms.core.models import ImageRow
from cms.core.snapshot.text import compact

TITLE_LENGTH = 255  # Wagtail's AbstractImage.title


def sha1_of(data: bytes) -> str:
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()  # Wagtail's Image.file_hash is a SHA-1


class ImageLibrary:
    """Finds the Wagtail image with the same bytes, or creates it titled with what it shows (its alt text),
    so that the image chooser lists "Gerbang Keraton Kasepuhan", not forty times "cover.jpg"."""

    def __init__(self) -> None:
        self._by_hash: dict[str, AbstractImage] = {}

    def image_for(self, path: Path, title: str = "") -> AbstractImage:
        data = path.read_bytes()
        digest = sha1_of(data)
        if digest not in self._by_hash:
            model = get_image_model()
            image = model.objects.filter(file_hash=digest).order_by("pk").first()
            if image is None:
                title = " ".join(title.split())[:TITLE_LENGTH] or f"{path.parent.name}/{path.name}"
                image = model(title=title, file_size=len(data), file_hash=digest)
                with path.open("rb") as handle:
                    image.file = ImageFile(handle, name=path.name)
                    image.save()
            self._by_hash[digest] = image
        return self._by_hash[digest]


def file_name(row: ImageRow) -> str:
    """The row's name in the snapshot: its own, else the Wagtail image's original name."""
    if row.file_name:
        return row.file_name
    name = Path(row.image.title if "." in row.image.title else row.image.file.name).name.lower()
    return "".join(c if c.isalnum() or c in "._-" else "-" for c in name).lstrip("._-") or "image.jpg"


def image_meta(rows: list[ImageRow]) -> list[dict[str, Any]]:
    return [
        compact({
            "file": file_name(row), "alt": row.alt, "illustration": row.illustration or None, "credit": row.credit,
            "focal": {"x": row.focal_x, "y": row.focal_y} if row.focal_x is not None else None,
        })
        for row in rows
    ]  # fmt: skip


def translated_alts(rows: list[ImageRow], originals: list[ImageRow]) -> list[dict[str, Any]]:
    """The alt texts of a translation that differ from the original's: the others are not translated."""
    original_alt = {file_name(row): row.alt for row in originals}
    return [{"file": file_name(row), "alt": row.alt} for row in rows if row.alt != original_alt.get(file_name(row))]


def image_rows(row_model: type[ImageRow], raw_images: list[dict[str, Any]], folder: Path,
               library: ImageLibrary) -> list[ImageRow]:  # fmt: skip
    rows = []
    for raw in raw_images:
        focal = raw.get("focal") or {}
        rows.append(row_model(
            image=library.image_for(folder / raw["file"], raw["alt"]), file_name=raw["file"], alt=raw["alt"],
            credit=raw.get("credit", ""), illustration=raw.get("illustration", False),
            focal_x=focal.get("x"), focal_y=focal.get("y"),
        ))  # fmt: skip
    return rows

