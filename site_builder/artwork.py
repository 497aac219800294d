"""Generated artwork in a Mega Mendung style: per-page share images (1200×630) and the app icons.

Mega Mendung, Cirebon's batik cloud motif, is drawn as nested cloud outlines shading from deep indigo
to pale blue. Share images are cached by a digest of their text and recipe, so a warm build draws none.
"""

from __future__ import annotations

import hashlib
import io
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from site_builder.images import write_atomically

RECIPE_VERSION = "2"  # 2: JPEG (a palette PNG took ~15x longer to make, for crawlers only)
SHARE_SIZE = (1200, 630)
INDIGO = (29, 52, 97)
CREAM = (251, 248, 242)
GOLD = (255, 231, 168)
# From the outer band to the inner one.
CLOUD_BANDS = [(43, 76, 140), (61, 108, 192), (98, 146, 214), (146, 186, 232), (205, 224, 245), (43, 76, 140)]
FONT_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
)


def _cloud(draw: ImageDraw.ImageDraw, cx: float, cy: float, size: float) -> None:
    """One Mega Mendung cloud: the same lobed shape drawn smaller and paler band by band."""
    lobes = [(-0.55, 0.1, 0.5), (0.0, -0.15, 0.62), (0.55, 0.1, 0.5), (-0.2, 0.25, 0.45), (0.25, 0.25, 0.45)]
    for band, colour in enumerate(CLOUD_BANDS):
        scale = size * (1 - band * 0.15)
        for dx, dy, r in lobes:
            x, y, radius = cx + dx * scale, cy + dy * scale, r * scale
            draw.ellipse((x - radius, y - radius * 0.8, x + radius, y + radius * 0.8), fill=colour)


@cache
def _background(size: tuple[int, int]) -> Image.Image:
    width, height = size
    image = Image.new("RGB", size, INDIGO)
    draw = ImageDraw.Draw(image)
    for cx, cy, scale in ((0.86, 0.2, 0.3), (0.12, 0.95, 0.34), (0.62, 1.02, 0.24), (1.02, 0.82, 0.2)):
        _cloud(draw, cx * width, cy * height, scale * height)
    return image


@cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for file in FONT_FILES:
        if Path(file).is_file():
            return ImageFont.truetype(file, size)
    return ImageFont.load_default(size=size)


def _font_name() -> str:
    return next((Path(f).name for f in FONT_FILES if Path(f).is_file()), "pillow-default")


def share_digest(title: str, subtitle: str) -> str:
    recipe = f"{RECIPE_VERSION}|{_font_name()}|{SHARE_SIZE}|{title}|{subtitle}"
    return hashlib.sha256(recipe.encode()).hexdigest()[:12]


def draw_share_image(title: str, subtitle: str) -> bytes:
    """A 1200×630 JPEG: the title in large type over the Mega Mendung background, the site's name above."""
    image = _background(SHARE_SIZE).copy()
    draw = ImageDraw.Draw(image)
    margin = 72
    draw.text((margin, margin), subtitle, font=_font(40), fill=GOLD)
    width = SHARE_SIZE[0] - 2 * margin
    size = 80
    lines = _wrap(title, _font(size), width)
    while len(lines) > 3 and size > 44:
        size -= 8
        lines = _wrap(title, _font(size), width)
    lines = lines[:4]
    font = _font(size)
    y = margin + 90
    # A soft panel behind the text keeps it readable over the clouds.
    panel_bottom = y + len(lines) * int(size * 1.2) + 24
    draw.rounded_rectangle((margin - 24, y - 20, SHARE_SIZE[0] - margin, panel_bottom), radius=24, fill=INDIGO)
    for line in lines:
        draw.text((margin, y), line, font=font, fill=CREAM)
        y += int(size * 1.2)
    out = io.BytesIO()
    # Only link previews fetch share images. A JPEG is made in a few milliseconds; a palette PNG took
    # ~60 ms (quantizing), which at 10,000 pages was most of a cold build. Same Pillow, same bytes.
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def _wrap(text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont, width: int) -> list[str]:
    """Greedy word wrap by measured width; a word longer than the line gets a line of its own."""
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def share_image(folder: Path, title: str, subtitle: str) -> Path:
    """The cached share image for this text, drawn only when it is not in `folder` yet."""
    path = Path(folder) / "share" / f"{share_digest(title, subtitle)}.jpg"
    if not path.is_file():
        data = draw_share_image(title, subtitle)
        write_atomically(path, lambda target: target.write_bytes(data))
    return path


def draw_icon(size: int, maskable: bool = False) -> bytes:
    """A square app icon: one Mega Mendung cloud on indigo (kept inside the safe zone when maskable)."""
    scale = 4  # draw large, then shrink, for smooth edges
    image = Image.new("RGB", (size * scale, size * scale), INDIGO)
    draw = ImageDraw.Draw(image)
    cloud = size * scale * (0.3 if maskable else 0.4)
    _cloud(draw, size * scale / 2, size * scale * 0.52, cloud)
    out = io.BytesIO()
    image.resize((size, size), Image.Resampling.LANCZOS).save(out, "PNG", optimize=True)
    return out.getvalue()
