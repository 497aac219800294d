"""Export only the items a publish changed: their folders in content/, the same bytes the full export writes.

The full export (`export_snapshot`) rewrites every folder and swaps the whole snapshot in. After a
publish only a few items differ, so this writes just their folders, one file at a time and each file
atomically (a temporary file, then a rename). A folder whose `uid` is the item's but whose name is
not its slug (a slug change) is removed, and so is the folder of an item that is no longer published.

When content/ cannot be patched this way, `OutOfSync` says why and the caller exports everything.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from wagtail.models import Locale

from cms.core.snapshot.codec import Codec
from cms.core.snapshot.export import item_files
from cms.core.snapshot.sections import ORIGINAL, SECTIONS, TRANSLATION

# Deleting one of these changes other items' files: an event's venue (SET_NULL), a promotion's hotspots.
REFERRED_TO = ("attractions", "hotspots")
_UID = re.compile(r"""^uid:[ \t]*["']?([0-9a-fA-F-]{36})["']?[ \t]*$""", re.MULTILINE)


class OutOfSync(Exception):  # noqa: N818 - a state, not a failure: the caller exports everything instead
    """content/ is not the snapshot a partial export can patch; the message says why."""


class ExportError(Exception):
    """One item could not be exported; the message names the item and the fix."""


def export_items(content_dir: Path, items: Iterable[tuple[str, str]]) -> int:
    """Write the folders of these (section, uid) items as the full export would; returns the files written.

    Files whose bytes are already right are left alone, so unchanged files keep their time stamps.
    """
    content_dir = Path(content_dir)
    if not content_dir.is_dir():
        raise OutOfSync(f"{content_dir} does not exist yet")
    original = Locale.objects.get(language_code=ORIGINAL)
    translation = Locale.objects.filter(language_code=TRANSLATION).first()
    plan = []
    for section, uid in dict.fromkeys(items):
        codec = SECTIONS[section]
        originals = codec.model.objects.filter(locale=original, translation_key=uid)
        obj = codec.published(originals).first()
        if obj is None and section in REFERRED_TO and not originals.exists():
            raise OutOfSync(f"{section} item {uid} was deleted, which changes the items that referred to it")
        plan.append((codec, uid, obj))
    owners = {section: _folder_owners(content_dir / section) for section in {codec.section for codec, *_ in plan}}
    written = 0
    for codec, uid, obj in plan:
        section_dir, folders = content_dir / codec.section, owners[codec.section]
        if obj is not None:
            _check_folder_is_free(codec.section, obj.slug, uid, folders.get(obj.slug))
            target = section_dir / obj.slug
            written += _write_folder(target, _files(codec, obj, translation, target))
            folders[obj.slug] = uid
        for name, owner in list(folders.items()):
            if owner == uid and (obj is None or name != obj.slug):
                shutil.rmtree(section_dir / name)  # unpublished, deleted, or the folder of an old slug
                del folders[name]
        if section_dir.is_dir() and not any(section_dir.iterdir()):
            section_dir.rmdir()  # as the full export, which writes no folder for an empty section
    return written


def _files(codec: Codec, obj: Any, translation: Locale | None, target: Path) -> dict[str, bytes]:
    try:
        return item_files(codec, obj, translation)
    except OSError as error:  # an image whose file is missing from the media storage
        raise ExportError(
            f"{codec.section} item '{obj}' (uid {obj.translation_key}) could not be exported to {target}: {error}. "
            "Upload the image again in the admin (Images) or remove it from the item, then publish the item."
        ) from error


def _folder_owners(section_dir: Path) -> dict[str, str]:
    """The uid in each folder's index.id.md, by folder name."""
    owners: dict[str, str] = {}
    if not section_dir.is_dir():
        return owners
    for folder in sorted(p for p in section_dir.iterdir() if p.is_dir() and not p.name.startswith(".")):
        original = folder / f"index.{ORIGINAL}.md"
        try:
            front_matter = original.read_text(encoding="utf-8").split("\n---", 1)[0]
        except (OSError, UnicodeDecodeError) as error:
            raise OutOfSync(f"{folder} has no readable index.{ORIGINAL}.md ({error})") from error
        found = _UID.search(front_matter)
        if found is None:
            raise OutOfSync(f"{original} has no uid")
        owners[folder.name] = found.group(1).lower()
    return owners


def _check_folder_is_free(section: str, slug: str, uid: str, owner: str | None) -> None:
    """The item's folder is new or its own; another item's means content/ lags behind (slugs are unique)."""
    if owner is not None and owner != uid:
        raise OutOfSync(f"{section}/{slug}/ holds item {owner}, not item {uid} whose slug it is now")


def _write_folder(folder: Path, files: dict[str, bytes]) -> int:
    """Make `folder` hold exactly `files`; returns how many were (re)written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for name, data in sorted(files.items()):
        path = folder / name
        if path.is_file() and not path.is_symlink() and path.read_bytes() == data:
            continue
        _replace(path, data)
        written += 1
    for stale in sorted(folder.iterdir()):
        if stale.name not in files:  # e.g. the English translation was unpublished, or an image removed
            shutil.rmtree(stale) if stale.is_dir() and not stale.is_symlink() else stale.unlink()
    return written


def _replace(path: Path, data: bytes) -> None:
    """Write `path` in one step: readers see the old bytes or the new ones, never half a file.

    The temporary file lies in the section folder, where the builder (which reads only folders there)
    never picks it up, even if a crash leaves it behind.
    """
    temporary = path.parent.parent / f".{path.parent.name}.{path.name}.{secrets.token_hex(4)}.tmp"
    try:
        with temporary.open("xb") as handle:  # created with the umask's permissions, as write_bytes does
            handle.write(data)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
