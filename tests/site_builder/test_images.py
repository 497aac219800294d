"""Image renditions (site_builder.images) and how pages use them (site_builder.web.media)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image

from site_builder import images


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    path = tmp_path / "photo.jpg"
    Image.new("RGB", (1200, 900), (120, 80, 40)).save(path, "JPEG")
    return path


def plan(cache: images.RenditionCache, path: Path, preset: images.Preset, focal=None) -> images.RenditionSet:
    with Image.open(path) as opened:
        size = opened.size
    return cache.plan(f"x/{path.name}", "f" * 64, size, preset, focal)


def test_widths_never_upscale_and_keep_the_source_width_when_it_is_the_best_there_is():
    assert images.plan_widths(800, (320, 640, 960)) == [320, 640, 800]
    assert images.plan_widths(1200, (320, 640, 960)) == [320, 640, 960]
    assert images.plan_widths(200, (320, 640)) == [200]


def test_crop_follows_the_focal_point_and_stays_inside_the_image():
    assert images.crop_box((1200, 900), 8 / 5, None) == (0, 75, 1200, 825)
    assert images.crop_box((1200, 900), 8 / 5, (0.5, 0.0)) == (0, 0, 1200, 750)
    assert images.crop_box((1200, 900), 8 / 5, (0.5, 1.0)) == (0, 150, 1200, 900)
    assert images.crop_box((900, 900), 2.0, (0.9, 0.5)) == (0, 225, 900, 675)


def test_a_photo_gets_webp_at_each_width_and_one_jpeg_fallback(tmp_path, photo):
    cache = images.RenditionCache(tmp_path / "cache")
    made = plan(cache, photo, images.PRESETS["full"])
    cache.ensure(photo, made.all, (0, 0, 1200, 900))
    assert [(r.width, r.height, r.format) for r in made.webp] == [
        (320, 240, "webp"),
        (640, 480, "webp"),
        (960, 720, "webp"),
    ]
    assert [(r.width, r.format) for r in made.fallback] == [(640, "jpeg")]
    for rendition in made.all:
        with Image.open(rendition.cache_file) as written:
            assert written.size == (rendition.width, rendition.height)
            assert written.format == rendition.format.upper()
    assert re.fullmatch(r"x/photo\.960\.[0-9a-f]{10}\.webp", made.webp[-1].name)


def test_a_warm_cache_encodes_nothing(tmp_path, photo):
    first = images.RenditionCache(tmp_path / "cache")
    made = plan(first, photo, images.PRESETS["card"])
    first.ensure(photo, made.all, images.crop_box((1200, 900), 8 / 5, None))
    assert first.encoded == len(made.all)

    warm = images.RenditionCache(tmp_path / "cache")
    again = plan(warm, photo, images.PRESETS["card"])
    warm.ensure(photo, again.all, images.crop_box((1200, 900), 8 / 5, None))
    assert warm.encoded == 0
    assert [r.name for r in again.all] == [r.name for r in made.all]


def test_a_new_source_or_focal_point_gets_new_names(tmp_path, photo):
    cache = images.RenditionCache(tmp_path / "cache")
    base = cache.plan("x/p.jpg", "a" * 64, (1200, 900), images.PRESETS["card"])
    edited = cache.plan("x/p.jpg", "b" * 64, (1200, 900), images.PRESETS["card"])
    refocused = cache.plan("x/p.jpg", "a" * 64, (1200, 900), images.PRESETS["card"], focal=(0.5, 0.1))
    assert not {r.name for r in base.all} & {r.name for r in edited.all}
    assert not {r.name for r in base.all} & {r.name for r in refocused.all}


def test_cards_use_picture_with_webp_explicit_size_and_lazy_loading(app, client, tmp_path):
    app.config["IMAGE_CACHE"] = str(tmp_path)
    html = client.get("/wisata/").get_data(as_text=True)
    picture = re.search(r"<picture>.*?</picture>", html).group(0)
    assert '<source type="image/webp" srcset="/media/r/attractions/keraton-uji/cover.' in picture
    assert re.search(r'<img class="card__img" src="/media/r/[^"]+\.png" width="\d+" height="\d+" alt=""', picture)


def test_attraction_picture_loads_eagerly_with_its_alt_text(app, client, tmp_path):
    app.config["IMAGE_CACHE"] = str(tmp_path)
    html = client.get("/wisata/keraton-uji/").get_data(as_text=True)
    img = re.search(r'<figure class="figure"[^>]*>\s*<picture>.*?<img ([^>]+)>', html, re.S).group(1)
    assert 'fetchpriority="high"' in img and 'loading="lazy"' not in img
    assert re.search(r'alt="[^"]+"', img)


def test_renditions_are_served_immutable_and_are_real_images(app, client, tmp_path):
    app.config["IMAGE_CACHE"] = str(tmp_path)
    html = client.get("/wisata/keraton-uji/").get_data(as_text=True)
    url = re.search(r'srcset="(/media/r/[^ ]+\.webp) ', html).group(1)
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "image/webp"
    assert "immutable" in response.headers["Cache-Control"]
    assert response.get_data()[8:12] == b"WEBP"
    response.close()
    assert client.get("/media/r/attractions/keraton-uji/cover.320.0000000000.webp").status_code == 404
