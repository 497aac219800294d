"""Phase one, checking: each bundle's files on their own (schema, text, images), before any cross-check."""

from __future__ import annotations

from site_builder import catalog as c
from site_builder.snapshot.bundles import SECTIONS, Bundle
from site_builder.snapshot.images import ImageRefused, inspect_image_file
from site_builder.snapshot.problems import Problems
from site_builder.snapshot.schema import schema_problems
from site_builder.snapshot.text import refused_character


def validate_bundle(bundle: Bundle, problems: Problems) -> None:
    kind = SECTIONS[bundle.section]
    for lang, document in bundle.documents.items():
        name = kind if lang == c.DEFAULT_LANGUAGE else f"{kind}.translation"
        for steps, message, fix in schema_problems(name, document.meta):
            problems.add(bundle, lang, ".".join(map(str, steps)), message, fix)
        if refused := refused_character(document.body, one_line=False):
            problems.add(bundle, lang, "body", f"the Markdown text {refused[0]}", refused[1], line=document.first_line)
    _validate_images(bundle, problems)
    original = bundle.documents.get(c.DEFAULT_LANGUAGE)
    translation = bundle.documents.get("en")
    if original and translation and original.meta.get("uid") != translation.meta.get("uid"):
        problems.add(
            bundle,
            "en",
            "uid",
            f"is {translation.meta.get('uid')!r} but index.id.md says {original.meta.get('uid')!r}",
            "use the same uid in every language of an item",
        )


def _validate_images(bundle: Bundle, problems: Problems) -> None:
    """Each image the item lists, checked as the admin's upload checks it; its size kept for the pages."""
    original = bundle.documents.get(c.DEFAULT_LANGUAGE)
    raw_images = original.meta.get("images", []) if original else []
    for index, raw in enumerate(raw_images if isinstance(raw_images, list) else []):
        name = raw.get("file") if isinstance(raw, dict) else None
        path = bundle.folder / name if isinstance(name, str) else None
        if path is None or not path.is_file() or raw["file"] in bundle.sizes:
            continue  # the schema and the Catalog builder name what is missing
        try:
            facts = inspect_image_file(path)
        except ImageRefused as refused:
            problems.add(bundle, "id", f"images.{index}.file", refused.message, refused.fix)
            continue
        bundle.sizes[name] = (facts.width, facts.height)
