"""check refuses what would break a build or a router, naming the file, the field and the fix."""

from __future__ import annotations

import shutil
import struct
import zlib
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image

from site_builder.snapshot import check_content, frontmatter, load_catalog

MAX_IMAGE_BYTES = 8 * 1024 * 1024  # the admin upload limit (WAGTAILIMAGES_MAX_UPLOAD_SIZE)

TINY = Path(__file__).parents[2] / "fixtures" / "tiny"
KERATON = "attractions/keraton-uji/index.id.md"
KERATON_EN = "attractions/keraton-uji/index.en.md"
RITE = "events/upacara-uji/index.id.md"
CATEGORY = "categories/sejarah/index.id.md"
COVER = "attractions/keraton-uji/cover.png"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(TINY, copy)
    return copy


def set_field(content: Path, relative: str, dotted: str, value: object) -> None:
    path = content / relative
    document = frontmatter.parse(path.read_text(encoding="utf-8"))
    *parents, last = dotted.split(".")
    target = document.meta
    for step in parents:
        target = target[int(step)] if step.isdigit() else target.setdefault(step, {})
    target[int(last) if last.isdigit() else last] = value
    path.write_text(frontmatter.dump(document.meta, document.body), encoding="utf-8")


def the_problem(content: Path, path: str, field: str) -> str:
    found = [error for error in check_content(content) if error.path == f"content/{path}" and error.field == field]
    assert found, [str(error) for error in check_content(content)]
    assert found[0].fix
    return str(found[0])


# --- one-line fields are one line; no text holds control characters or bidi overrides ------------


@pytest.mark.parametrize(
    ("relative", "field"),
    [(CATEGORY, "title"), (KERATON, "title"), (RITE, "title"), (KERATON_EN, "title"), (KERATON, "summary")],
)
def test_a_line_break_in_a_one_line_field_is_refused_by_check(content, relative, field):
    set_field(content, relative, field, "Alun-alun Uji\ntouch PWNED #")
    problem = the_problem(content, relative, field)
    assert "line break (U+000A)" in problem and "Fix: write it on one line" in problem


def test_a_line_break_in_a_venue_name_is_refused_by_check(content):
    set_field(content, RITE, "venue", {"name": "Lapangan,\nBEGIN:VEVENT"})
    assert "line break" in the_problem(content, RITE, "venue.name")


@pytest.mark.parametrize(
    ("value", "said"),
    [("Keraton\x00Uji", "control character U+0000"), ("Keraton\x1bUji", "control character U+001B"),
     ("Keraton \u202eijU", "bidirectional override U+202E"), ("Keraton \u2067Uji", "bidirectional override U+2067")],
)  # fmt: skip
def test_control_characters_and_bidi_overrides_are_refused_naming_the_field(content, value, said):
    set_field(content, KERATON, "location.address", value)
    problem = the_problem(content, KERATON, "location.address")
    assert said in problem and "Fix: delete that invisible character" in problem


def test_a_note_may_have_line_breaks_but_no_control_character(content):
    set_field(content, KERATON, "hours_note", "Tutup saat upacara.\nBuka lagi sore.")
    assert check_content(content) == []
    set_field(content, KERATON, "hours_note", "Tutup\x07")
    assert "U+0007" in the_problem(content, KERATON, "hours_note")


def test_a_control_character_in_the_markdown_body_is_refused(content):
    path = content / KERATON
    path.write_text(path.read_text(encoding="utf-8") + "\nteks \u202e tersembunyi\n", encoding="utf-8")
    assert "U+202E" in the_problem(content, KERATON, "body")


# --- the YAML itself -----------------------------------------------------------------------------


def test_a_field_written_twice_is_an_error_not_a_silent_last_win(content):
    path = content / KERATON
    path.write_text(path.read_text(encoding="utf-8").replace("title: Keraton Uji\n", "title: Keraton Uji\n"
                                                             "title: Keraton Lain\n"), encoding="utf-8")  # fmt: skip
    (error,) = [e for e in check_content(content) if e.path == f"content/{KERATON}"]
    assert "'title' is written twice" in error.message and error.line == 5
    assert error.fix == "keep the field once, with the value you mean"


def test_a_byte_order_mark_is_accepted(content):
    for relative in (KERATON, "manifest.yaml"):
        path = content / relative
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert check_content(content) == []
    assert load_catalog(content).attraction("33333333-3333-4333-8333-333333333333").t("id").title == "Keraton Uji"


# --- links out of content/ -----------------------------------------------------------------------


def test_a_translation_linked_to_a_file_outside_content_is_refused_and_not_read(content, tmp_path):
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:SECRET\n")
    (content / KERATON_EN).unlink()
    (content / KERATON_EN).symlink_to(secret)
    problem = the_problem(content, KERATON_EN, "")
    assert "outside content/" in problem and "copy the file into the content folder" in problem
    with pytest.raises(Exception, match="outside content") as raised:
        load_catalog(content)
    assert "SECRET" not in str(raised.value)


def test_an_image_linked_from_outside_content_is_refused(content, tmp_path):
    outside = tmp_path / "elsewhere.png"
    shutil.copy(content / COVER, outside)
    (content / COVER).unlink()
    (content / COVER).symlink_to(outside)
    assert "outside content/" in the_problem(content, COVER, "")


def test_an_item_folder_linked_from_outside_content_is_refused(content, tmp_path):
    shutil.move(content / "attractions" / "taman-uji", tmp_path / "taman-uji")
    (content / "attractions" / "taman-uji").symlink_to(tmp_path / "taman-uji")
    assert "outside content/" in the_problem(content, "attractions/taman-uji", "")


# --- images: one check, the same as the admin's upload -------------------------------------------


def png(width: int = 16, height: int = 10) -> bytes:
    out = BytesIO()
    Image.new("RGB", (width, height), (200, 40, 40)).save(out, "PNG")
    return out.getvalue()


def bomb_png(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width`×`height` pixels of grey."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (width + 1) * 16)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (SVG, "not a readable JPEG, PNG or WebP image"),
        (png()[:-40], "damaged or cut short"),
        (bomb_png(20_000, 20_000), "over the limit of 50,000,000 pixels"),
        (png() + b"<html><script>alert(1)</script></html>", "markup (HTML or SVG) hidden after the end"),
        (png() + b"\x00" * (MAX_IMAGE_BYTES + 1), "over the limit of 8,388,608"),
    ],
    ids=["svg-named-png", "truncated", "decompression-bomb", "png-html-polyglot", "too-many-bytes"],
)
def test_an_image_that_is_not_a_publishable_photo_is_refused_by_check(content, data, said):
    (content / COVER).write_bytes(data)
    problem = the_problem(content, KERATON, "images.0.file")
    assert "cover.png" in problem and said in problem and "Fix: " in problem


def test_a_jpeg_named_png_is_refused(content):
    out = BytesIO()
    Image.new("RGB", (16, 10)).save(out, "JPEG")
    (content / COVER).write_bytes(out.getvalue())
    assert "holds a JPEG image, not the PNG its name says" in the_problem(content, KERATON, "images.0.file")
