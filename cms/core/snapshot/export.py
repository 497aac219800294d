"""Export: every published item to content/, in the README's format, the same bytes every time."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from wagtail.models import Locale

from cms.core.snapshot.codec import Codec
from cms.core.snapshot.files import write_snapshot
from cms.core.snapshot.images import file_name
from cms.core.snapshot.sections import CODECS, ORIGINAL, TRANSLATION
from site_builder.snapshot.frontmatter import dump


def item_files(codec: Codec, obj: Any, translation_locale: Locale | None) -> dict[str, bytes]:
    """The files of one item's folder: name → bytes."""
    files = {f"index.{ORIGINAL}.md": dump(codec.original_meta(obj), obj.body).encode()}
    translation = codec.translation_of(obj, translation_locale) if translation_locale else None
    if translation is not None:
        text = dump(codec.translation_meta(translation, obj), translation.body)
        files[f"index.{TRANSLATION}.md"] = text.encode()
    for row in codec.images(obj):
        with row.image.open_file() as handle:
            files[file_name(row)] = handle.read()
    return files


def snapshot_files(say: Callable[[str], None] = lambda _line: None) -> Iterator[tuple[str, bytes]]:
    original = Locale.objects.get(language_code=ORIGINAL)
    translation = Locale.objects.filter(language_code=TRANSLATION).first()
    for codec in CODECS:
        count = 0
        for obj in codec.originals(original):
            for name, data in item_files(codec, obj, translation).items():
                yield f"{codec.section}/{obj.slug}/{name}", data
            count += 1
        say(f"{codec.section}: {count} item{'s' if count != 1 else ''}")


def export_snapshot(content_dir: Path, say: Callable[[str], None] = lambda _line: None) -> int:
    """Write the snapshot; returns the number of files written."""
    files = dict(snapshot_files(say))
    write_snapshot(Path(content_dir), files)
    return len(files)
