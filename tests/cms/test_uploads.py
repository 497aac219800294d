"""Only JPEG, PNG and WebP photos get in; SVG and disguised HTML are refused in Indonesian."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils.html import escape
from PIL import Image as PILImage
from wagtail.images import get_image_model

from cms.editorial.roles import CONTRIBUTOR
from tests.cms.editorial_support import client_for, person

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


def png(width: int = 8, height: int = 8) -> bytes:
    out = BytesIO()
    PILImage.new("RGB", (width, height), (200, 40, 40)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def upload(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(person("ani", CONTRIBUTOR))

    def send(name: str, content: bytes, content_type: str):
        file = SimpleUploadedFile(name, content, content_type=content_type)
        return client.post(reverse("wagtailimages:add"), {"title": name, "file": file})

    return send


def test_a_real_png_is_accepted(upload) -> None:
    response = upload("keraton.png", png(), "image/png")
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="keraton.png").exists()


def test_an_svg_is_refused_with_an_indonesian_message(upload) -> None:
    response = upload("logo.svg", SVG, "image/svg+xml")
    html = response.content.decode()
    assert response.status_code == 200 and not get_image_model().objects.exists()
    assert "SVG, HTML dan dokumen ditolak" in html or "tidak diterima" in html


def test_an_html_file_renamed_png_is_refused(upload) -> None:
    response = upload("foto.png", HTML, "image/png")
    html = response.content.decode()
    assert response.status_code == 200 and not get_image_model().objects.exists()
    assert "bukan gambar atau rusak" in html


def test_a_file_over_the_size_limit_is_refused(upload) -> None:
    with override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=100):
        response = upload("besar.png", png(64, 64), "image/png")
    assert "Berkas terlalu besar" in response.content.decode()
    assert not get_image_model().objects.exists()


def test_an_image_with_too_many_pixels_is_refused(upload) -> None:
    with override_settings(WAGTAILIMAGES_MAX_IMAGE_PIXELS=100):
        response = upload("lebar.png", png(20, 20), "image/png")
    assert "Gambar terlalu besar" in response.content.decode()
    assert not get_image_model().objects.exists()


def test_the_limits_are_the_ones_documented(settings) -> None:
    assert settings.WAGTAILIMAGES_EXTENSIONS == ["jpg", "jpeg", "png", "webp"]
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 8 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 50_000_000


# --- the upload passes the builder's own image check: what check refuses, the admin refuses -----


def jpeg() -> bytes:
    out = BytesIO()
    PILImage.new("RGB", (8, 8), (40, 200, 40)).save(out, "JPEG")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("foto.png", png() + b"<html><body><script>alert(document.cookie)</script></body></html>",
         "markup (HTML or SVG) hidden after the end of the image"),
        ("foto.jpg", jpeg() + b"<svg onload=alert(1)>", "markup (HTML or SVG) hidden after the end of the image"),
        ("foto.png", png(64, 64)[:-30], "damaged or cut short"),
    ],
    ids=["png-html-polyglot", "jpeg-svg-polyglot", "truncated"],
)  # fmt: skip
def test_an_upload_the_builder_would_refuse_is_refused_with_its_message(upload, tmp_path, name, content, said) -> None:
    from site_builder.snapshot.images import ImageRefused, inspect_image

    response = upload(name, content, "image/png")
    html = response.content.decode()
    assert response.status_code == 200 and not get_image_model().objects.exists()
    with pytest.raises(ImageRefused) as refused:
        inspect_image(content, name)
    assert said in str(refused.value)
    assert escape(str(refused.value)) in html
