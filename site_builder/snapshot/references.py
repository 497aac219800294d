"""Phase two, across items: each uid and slug used once, each reference naming an item of the right section."""

from __future__ import annotations

from collections import Counter

from site_builder import catalog as c
from site_builder.snapshot import frontmatter
from site_builder.snapshot.bundles import SECTIONS, Bundle
from site_builder.snapshot.problems import Problems

_NO_DOCUMENT = frontmatter.Document({}, "", "")


class References:
    def __init__(self, bundles: list[Bundle], problems: Problems) -> None:
        self.problems = problems
        self.by_uid = self._check_uids(bundles)
        self._check_slugs(bundles)
        self.recorded: list[tuple[str, str, str]] | None = None  # the references the item being made checks

    def check(self, bundle: Bundle, field_name: str, uid: str, section: str) -> str:
        """`uid`, once a problem is noted if it names no item in `section`."""
        if self.recorded is not None:
            self.recorded.append((field_name, uid, section))
        target = self.by_uid.get(uid)
        if target is None or target.section != section:
            self.problems.add(
                bundle,
                "id",
                field_name,
                f"refers to {uid}, which is not an item in {section}",
                f"use the uid of an existing item in content/{section}/",
            )
        return uid

    def _check_uids(self, bundles: list[Bundle]) -> dict[str, Bundle]:
        first: dict[str, Bundle] = {}
        for bundle in bundles:
            uid = bundle.documents.get(c.DEFAULT_LANGUAGE, _NO_DOCUMENT).meta.get("uid")
            if uid in first:
                self.problems.add(
                    bundle,
                    "id",
                    "uid",
                    f"{uid} is already used by {first[uid].label}",
                    "give this item a new uid (any new UUID, e.g. from `python -c 'import uuid; print(uuid.uuid4())'`)",
                )
            elif uid:
                first[uid] = bundle
        return first

    def _check_slugs(self, bundles: list[Bundle]) -> None:
        for section in SECTIONS:
            for lang in c.LANGUAGES:
                slugs = Counter(
                    b.documents[lang].meta.get("slug") for b in bundles if b.section == section and lang in b.documents
                )
                for bundle in bundles:
                    slug = bundle.documents.get(lang, _NO_DOCUMENT).meta.get("slug")
                    if bundle.section == section and slug and slugs[slug] > 1:
                        self.problems.add(
                            bundle,
                            lang,
                            "slug",
                            f"'{slug}' is used by more than one item in {section}",
                            "choose a slug no other item uses",
                        )
