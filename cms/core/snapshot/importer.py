"""Import: bring content/ into the CMS, upserting by uid and language; nothing is written on a problem."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from wagtail.models import Locale, Page

from cms.core.snapshot.codec import Bundle, Codec
from cms.core.snapshot.images import ImageLibrary, file_name, sha1_of
from cms.core.snapshot.reading import Problem, SnapshotProblems, read_snapshot
from cms.core.snapshot.sections import CODECS, ORIGINAL, SECTIONS, TRANSLATION
from cms.core.snapshot.site import ensure_site

# Model fields whose snapshot field has another name.
FIELD_PATHS = {"latitude": "location.lat", "longitude": "location.lon", "confidence": "location.confidence",
               "venue_latitude": "venue.location.lat", "venue_longitude": "venue.location.lon",
               "venue_confidence": "venue.location.confidence", "venue_name": "venue.name",
               "start_date": "start", "end_date": "end", "previous_start_date": "previous_start",
               "target_areas": "targets.areas", "target_hotspots": "targets.hotspots"}  # fmt: skip


class _Rollback(Exception):
    pass


def import_snapshot(content_dir: Path, say: Callable[[str], None] = lambda _line: None) -> Counter[str]:
    """Returns how many items were created, updated and unchanged; raises SnapshotProblems."""
    content_dir = Path(content_dir)
    known = {codec.section: {str(k) for k in codec.model.objects.filter(locale__language_code=ORIGINAL)
                             .values_list("translation_key", flat=True)} for codec in CODECS}  # fmt: skip
    bundles = read_snapshot(content_dir, known)
    outcome: Counter[str] = Counter()
    problems: list[Problem] = []
    try:
        with transaction.atomic():
            ensure_site(say)
            locales = {code: Locale.objects.get(language_code=code) for code in (ORIGINAL, TRANSLATION)}
            library = ImageLibrary()
            for bundle in bundles:
                label = f"{content_dir.name}/{bundle.section}/{bundle.folder.name}"
                try:
                    result = _import_bundle(SECTIONS[bundle.section], bundle, locales, library)
                except _ItemInvalid as invalid:
                    problems.extend(invalid.problems(label))
                    continue
                except ObjectDoesNotExist:
                    problems.append(Problem(f"{label}/index.{ORIGINAL}.md", "", "refers to an item that could "
                                            "not be imported", "correct the other problems listed"))  # fmt: skip
                    continue
                outcome[result] += 1
                say(f"{label}: {result}")
            if problems:
                raise _Rollback
    except _Rollback:
        raise SnapshotProblems(problems) from None
    return outcome


class _ItemInvalid(Exception):
    def __init__(self, lang: str, errors: list[tuple[str, ValidationError]]) -> None:
        self.lang, self.errors = lang, errors

    def problems(self, label: str) -> list[Problem]:
        found = []
        for prefix, error in self.errors:
            by_field = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
            for field, messages in by_field.items():
                field = "" if field == "__all__" else FIELD_PATHS.get(field, field)
                name = ".".join(part for part in (prefix, field) if part)
                for message in messages:
                    found.append(Problem(f"{label}/index.{self.lang}.md", name, str(message).rstrip("."),
                                         "correct the value in the file"))  # fmt: skip
        return found


def _import_bundle(codec: Codec, bundle: Bundle, locales: dict[str, Locale], library: ImageLibrary) -> str:
    uid = bundle.original["uid"]
    original = codec.find(uid, locales[ORIGINAL])
    translation = codec.find(uid, locales[TRANSLATION])
    if _unchanged(codec, bundle, original, translation):
        return "unchanged"
    created = original is None
    if original is None:
        original = codec.new(uid, locales[ORIGINAL])
    codec.apply_original(original, bundle, library)
    _store(codec, original, created, ORIGINAL)
    if bundle.translation is not None:
        new_translation = translation is None
        if translation is None:
            translation = codec.new(uid, locales[TRANSLATION])
        codec.apply_translation(translation, bundle, library)
        _store(codec, translation, new_translation, TRANSLATION)
    elif translation is not None:
        _withdraw(translation)
    return "created" if created else "updated"


def _store(codec: Codec, obj: Any, created: bool, lang: str) -> None:
    errors: list[tuple[str, ValidationError]] = []
    for prefix, rows in codec.child_rows(obj).items():
        for index, row in enumerate(rows):
            try:
                row.full_clean(exclude=["page", "promotion"])
            except ValidationError as error:
                errors.append((f"{prefix}.{index}", error))
    try:
        if not errors:
            codec.store(obj, created)
    except ValidationError as error:
        errors.append(("", error))
    if errors:
        raise _ItemInvalid(lang, errors)


def _withdraw(translation: Any) -> None:
    """The snapshot has no translation any more: unpublish it (pages, promotions) or delete it."""
    if isinstance(translation, Page) or hasattr(translation, "unpublish"):
        if translation.live:
            translation.unpublish()
    else:
        translation.delete()


def _unchanged(codec: Codec, bundle: Bundle, original: Any, translation: Any) -> bool:
    live = codec.published(codec.model.objects.filter(pk__in=[o.pk for o in (original, translation) if o]))
    live_pks = set(live.values_list("pk", flat=True))
    if original is None or original.pk not in live_pks:
        return False
    if codec.original_meta(original) != bundle.original or original.body != bundle.original_body:
        return False
    for row in codec.images(original):
        path = bundle.folder / file_name(row)
        if not path.is_file() or sha1_of(path.read_bytes()) != row.image.get_file_hash():
            return False
    if bundle.translation is None:
        return translation is None or translation.pk not in live_pks
    return (translation is not None and translation.pk in live_pks
            and codec.translation_meta(translation, original) == bundle.translation
            and translation.body == bundle.translation_body)  # fmt: skip
