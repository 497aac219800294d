"""Content images under /media/: the originals as the snapshot holds them, and responsive renditions.

Renditions (/media/r/…) are WebP plus a JPEG or PNG fallback per width, made by site_builder.images
and cached by source hash; their names carry a digest, so they are served as immutable.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, abort, current_app, send_file, url_for
from markupsafe import Markup, escape

from site_builder import images
from site_builder.catalog import Catalog, Image
from site_builder.web.theme import PROJECT_ROOT

bp = Blueprint("media", __name__)

DEFAULT_CACHE = PROJECT_ROOT / ".cache" / "images"
# What share of the viewport each preset takes, for `sizes`; short, because a list repeats it 45 times.
SIZES = {
    "card": "(min-width:33rem) 50vw,100vw",
    "full": "(min-width:64rem) 62rem,100vw",
}


@dataclass(frozen=True)
class _Planned:
    image: Image
    source: Path
    preset: images.Preset
    renditions: images.RenditionSet
    crop: tuple[int, int, int, int]


class _Index:
    """Every rendition the site offers, planned per image when first needed (a page needs its own images'
    plans; only the freezer's generator and the rendition route need all of them); encoded on first use."""

    def __init__(self, catalog: Catalog, sources: dict[str, str], cache: images.RenditionCache) -> None:
        self.cache = cache
        self.catalog = catalog
        self.sources = sources
        self.planned: dict[tuple[str, str], _Planned] = {}
        self._by_name: dict[str, tuple[images.Rendition, _Planned]] | None = None
        self.encoded_all = False

    def planned_for(self, image: Image, preset: str) -> _Planned:
        found = self.planned.get((image.file, preset))
        if found is None:
            self._plan(image)
            found = self.planned[(image.file, preset)]
        return found

    def _plan(self, image: Image) -> None:
        source = Path(self.sources.get(image.file) or image.source)
        alpha = source.suffix.lower() == ".png" and _has_alpha(source, image.sha256)
        for preset in images.PRESETS.values():
            planned_set = self.cache.plan(
                image.file, image.sha256, (image.width, image.height), preset, image.focal, alpha
            )
            crop = images.crop_box((image.width, image.height), preset.ratio, image.focal)
            self.planned[(image.file, preset.name)] = _Planned(image, source, preset, planned_set, crop)

    @property
    def by_name(self) -> dict[str, tuple[images.Rendition, _Planned]]:
        if self._by_name is None:
            found: dict[str, tuple[images.Rendition, _Planned]] = {}
            seen: set[str] = set()
            for item in (*self.catalog.attractions, *self.catalog.events, *self.catalog.promotions):
                for image in item.images:
                    if image.file in seen:
                        continue
                    seen.add(image.file)
                    for preset in images.PRESETS:
                        planned = self.planned_for(image, preset)
                        for rendition in planned.renditions.all:
                            found[rendition.name] = (rendition, planned)
            self._by_name = found
        return self._by_name

    def encode_all(self) -> None:
        if self.encoded_all:
            return
        self.by_name  # noqa: B018 - plans every image
        # Presets that crop alike share renditions: one job per (source, crop), so no file is made twice.
        jobs: dict[tuple[Path, tuple[int, int, int, int]], dict[str, images.Rendition]] = {}
        for planned in self.planned.values():
            jobs.setdefault((planned.source, planned.crop), {}).update({r.name: r for r in planned.renditions.all})
        images.encode_all([(self.cache, source, tuple(r.values()), crop) for (source, crop), r in jobs.items()])
        self.encoded_all = True


# Whether a PNG has transparency, by the sha256 of its bytes: a worker opens each image once, not every build.
_ALPHA: dict[str, bool] = {}


def _has_alpha(source: Path, sha256: str) -> bool:
    found = _ALPHA.get(sha256)
    if found is None:
        found = _ALPHA[sha256] = images.source_has_alpha(source)
    return found


def cache_folder() -> Path:
    """Where encoded renditions, share images and the copies a release links are kept."""
    return Path(current_app.config.get("IMAGE_CACHE") or DEFAULT_CACHE)


def _index() -> _Index:
    found = current_app.config.get("RENDITION_INDEX")
    if found is None:
        cache = images.RenditionCache(cache_folder())
        found = _Index(current_app.config["CATALOG"], current_app.config["IMAGES"], cache)
        current_app.config["RENDITION_INDEX"] = found
    return found


def offered(image: Image, preset: str = "full") -> list[tuple[images.Rendition, int]]:
    """The renditions the site serves of `image` in `preset`, each with its size in bytes (encoded if need be)."""
    planned = _index().planned_for(image, preset)
    _index().cache.ensure(planned.source, planned.renditions.all, planned.crop)
    return [(r, r.cache_file.stat().st_size) for r in planned.renditions.all]


def original_bytes(image: Image) -> int:
    return Path(current_app.config["IMAGES"].get(image.file) or image.source).stat().st_size


def original_file(file: str) -> Path | None:
    """The file on disk of an image's logical name (attractions/x/cover.jpg), if the site has it."""
    source = current_app.config["IMAGES"].get(file)
    return Path(source) if source is not None else None


def rendition_file(name: str) -> images.Rendition | None:
    """The rendition of that name, encoded into the cache if it was not yet."""
    found = _index().by_name.get(name)
    if found is None:
        return None
    made, planned = found
    _index().cache.ensure(planned.source, (made,), planned.crop)
    return made


# A build links these two routes' files into the release from the cache (site_builder/copied.py).
@bp.route("/media/<path:file>")
def image(file: str):
    source = original_file(file)
    if source is None:
        abort(404)
    return send_file(source, max_age=86400)


@bp.route("/media/r/<path:name>")
def rendition(name: str):
    made = rendition_file(name)
    if made is None:
        abort(404)
    response = send_file(made.cache_file, mimetype=made.mimetype, max_age=31536000)
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


@bp.app_template_global()
def picture(
    image: Image,
    preset: str,
    alt: str,
    *,
    lazy: bool = True,
    css_class: str = "",
    high_priority: bool = False,
) -> Markup:
    """<picture>: a WebP srcset, one fallback file, explicit width and height, and lazy loading unless told.

    Browsers without WebP are old and few: they get the middle-sized fallback rather than a second srcset.
    """
    planned = _index().planned_for(image, preset)
    sizes = SIZES[preset]
    webp = ",".join(f"{url_for('media.rendition', name=r.name)} {r.width}w" for r in planned.renditions.webp)
    fallback = planned.renditions.fallback
    default = fallback[min(1, len(fallback) - 1)]
    largest = planned.renditions.largest
    attributes = [
        f'src="{url_for("media.rendition", name=default.name)}"',
        f'width="{largest.width}"',
        f'height="{largest.height}"',
        f'alt="{escape(alt)}"',
    ]
    if css_class:
        attributes.insert(0, f'class="{escape(css_class)}"')
    if lazy:
        attributes.append('loading="lazy"')
    if high_priority:
        attributes.append('fetchpriority="high"')
    return Markup(  # noqa: S704 - every value is a URL we made or escaped text
        f'<picture><source type="image/webp" srcset="{webp}" sizes="{sizes}"><img {" ".join(attributes)}></picture>'
    )


def urls() -> Iterator[tuple[str, dict[str, str]]]:
    for file in sorted(current_app.config["IMAGES"]):
        yield "media.image", {"file": file}
    index = _index()
    index.encode_all()  # in parallel, before the freezer asks for them one by one
    for name in sorted(index.by_name):
        yield "media.rendition", {"name": name}
