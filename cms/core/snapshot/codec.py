"""How one kind of item maps to its files: the fields every item has, and how it is stored."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from django.db import models
from wagtail.models import Locale, Page

from cms.core.snapshot.images import ImageLibrary, image_meta, image_rows, translated_alts
from cms.core.snapshot.text import compact, datetime_text, parse_datetime


@dataclass
class Bundle:
    """One item's files, read and parsed."""

    section: str
    folder: Path
    original: dict[str, Any]
    original_body: str
    translation: dict[str, Any] | None = None
    translation_body: str = ""


class Codec(ABC):
    """Maps one model to the front matter of its `index.id.md` and `index.en.md`."""

    section: ClassVar[str]
    schema: ClassVar[str]
    model: ClassVar[type[models.Model]]
    translated_text: ClassVar[tuple[str, ...]] = ()  # beyond title, slug, summary and body
    image_relation: ClassVar[str | None] = None
    image_model: ClassVar[type[models.Model] | None] = None
    always_written: ClassVar[tuple[str, ...]] = ()  # written even when empty or false

    # -- export --------------------------------------------------------------------------------

    def published(self, queryset: models.QuerySet) -> models.QuerySet:
        return queryset

    def originals(self, locale: Locale) -> Iterable[Any]:
        return self.published(self.model.objects.filter(locale=locale)).order_by("slug", "pk")

    def translation_of(self, obj: Any, locale: Locale) -> Any | None:
        queryset = self.model.objects.filter(translation_key=obj.translation_key, locale=locale)
        return self.published(queryset).first()

    def original_meta(self, obj: Any) -> dict[str, Any]:
        return compact({**self._common(obj), **self.shared_meta(obj)}, keep=self.always_written)

    def translation_meta(self, obj: Any, original: Any) -> dict[str, Any]:
        meta = {**self._common(obj), **{name: getattr(obj, name) for name in self.translated_text}}
        if self.image_relation:
            meta["images"] = translated_alts(self.images(obj), self.images(original))
        return compact(meta)

    @abstractmethod
    def shared_meta(self, obj: Any) -> dict[str, Any]:
        """The facts both languages share, as the original's front matter writes them."""

    def images(self, obj: Any) -> list[Any]:
        return list(getattr(obj, self.image_relation).all()) if self.image_relation else []

    def image_meta(self, obj: Any) -> list[dict[str, Any]]:
        return image_meta(self.images(obj))

    def _common(self, obj: Any) -> dict[str, Any]:
        return {"uid": str(obj.translation_key), "slug": obj.slug, "title": obj.title, "summary": obj.summary,
                "updated": datetime_text(obj.updated)}  # fmt: skip

    # -- import --------------------------------------------------------------------------------

    def find(self, uid: str, locale: Locale) -> Any | None:
        return self.model.objects.filter(translation_key=uid, locale=locale).first()

    def new(self, uid: str, locale: Locale) -> Any:
        return self.model(translation_key=uid, locale=locale)

    def apply_original(self, obj: Any, bundle: Bundle, library: ImageLibrary) -> None:
        self._apply_common(obj, bundle.original, bundle.original_body)
        self.apply_shared(obj, bundle.original)
        if self.image_relation:
            images = image_rows(self.image_model, bundle.original.get("images", []), bundle.folder, library)
            setattr(obj, self.image_relation, images)

    def apply_translation(self, obj: Any, bundle: Bundle, library: ImageLibrary) -> None:
        """Shared facts from the original, then the translated text (absent text is empty)."""
        assert bundle.translation is not None
        self.apply_original(obj, bundle, library)
        self._apply_common(obj, bundle.translation, bundle.translation_body)
        for name in self.translated_text:
            setattr(obj, name, bundle.translation.get(name, ""))
        if self.image_relation:
            alts = {raw["file"]: raw["alt"] for raw in bundle.translation.get("images", [])}
            for row in getattr(obj, self.image_relation).all():
                row.alt = alts.get(row.file_name, row.alt)

    @abstractmethod
    def apply_shared(self, obj: Any, meta: dict[str, Any]) -> None:
        """Set the shared facts of `obj` from the original's front matter."""

    def _apply_common(self, obj: Any, meta: dict[str, Any], body: str) -> None:
        obj.slug, obj.title, obj.summary = meta["slug"], meta["title"], meta["summary"]
        obj.updated = parse_datetime(meta["updated"])
        obj.body = body

    def child_rows(self, obj: Any) -> dict[str, list[models.Model]]:
        """Rows saved with the item by snapshot field, validated before it is stored."""
        return {"images": self.images(obj)} if self.image_relation else {}

    def store(self, obj: Any, created: bool) -> None:
        obj.full_clean()
        obj.save()


class PageCodec(Codec):
    """Pages live under their section's index page in each language and are published by revision."""

    index_model: ClassVar[type[Page]]

    def published(self, queryset: models.QuerySet) -> models.QuerySet:
        return queryset.live()

    def new(self, uid: str, locale: Locale) -> Any:
        page = self.model(translation_key=uid, locale=locale)
        page._wistakon_parent = self.index_model.objects.get(locale=locale)  # noqa: SLF001
        return page

    def store(self, obj: Any, created: bool) -> None:
        if created:
            obj._wistakon_parent.add_child(instance=obj)  # noqa: SLF001
        obj.save_revision(clean=not created).publish()
