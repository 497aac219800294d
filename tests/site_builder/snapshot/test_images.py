"""The one image check (check, import, build, admin upload): real photos pass, disguised files do not."""

from __future__ import annotations

from io import BytesIO

import pytest
from PIL import Image

from site_builder.snapshot.images import ImageRefused, inspect_image

MARKUP = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def encoded(kind: str, **options: object) -> bytes:
    out = BytesIO()
    picture = Image.new("RGB", (40, 30), (30, 90, 160))
    picture.putpixel((3, 4), (250, 250, 0))
    picture.save(out, kind, **options)
    return out.getvalue()


PHOTOS = {
    "baseline.jpg": encoded("JPEG", quality=80),
    "progressive.jpg": encoded("JPEG", progressive=True, exif=b"Exif\x00\x00<html>not after the end</html>"),
    "foto.png": encoded("PNG"),
    "foto.webp": encoded("WEBP", quality=70),
}


@pytest.mark.parametrize("name", PHOTOS)
def test_a_real_photo_passes_with_its_size(name):
    facts = inspect_image(PHOTOS[name], name)
    assert (facts.width, facts.height) == (40, 30)


@pytest.mark.parametrize("name", PHOTOS)
def test_markup_after_the_image_end_is_refused(name):
    with pytest.raises(ImageRefused, match="markup \\(HTML or SVG\\) hidden after the end"):
        inspect_image(PHOTOS[name] + MARKUP, name)


@pytest.mark.parametrize("name", PHOTOS)
def test_a_cut_short_image_is_refused(name):
    with pytest.raises(ImageRefused, match="damaged or cut short"):
        inspect_image(PHOTOS[name][: len(PHOTOS[name]) * 2 // 3], name)


def test_binary_data_after_the_end_that_is_not_markup_is_accepted():
    inspect_image(PHOTOS["baseline.jpg"] + bytes(range(256)) * 4, "baseline.jpg")


@pytest.mark.parametrize("name", ["foto.gif", "foto.svg", "foto"])
def test_a_name_without_a_photo_extension_is_refused(name):
    with pytest.raises(ImageRefused, match="is not named .jpg, .jpeg, .png or .webp"):
        inspect_image(PHOTOS["foto.png"], name)
