"""Phase two, the parts every kind of item shares: translations, dates, places and images."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from site_builder import catalog as c
from site_builder.markup import MarkdownCache
from site_builder.snapshot.bundles import Bundle
from site_builder.snapshot.problems import Problems


class Fields:
    """Turns front-matter values into Catalog values, noting each one that is not real against its bundle."""

    def __init__(self, markdown: MarkdownCache, problems: Problems) -> None:
        self.markdown = markdown
        self.problems = problems

    def common(self, bundle: Bundle) -> dict[str, Any]:
        meta = bundle.documents[c.DEFAULT_LANGUAGE].meta
        return {"uid": meta["uid"], "translations": self.translations(bundle), "content_hash": bundle.content_hash}

    def translations(self, bundle: Bundle) -> MappingProxyType:
        out = {}
        for lang, document in bundle.documents.items():
            meta = document.meta
            out[lang] = c.Translation(
                lang=lang,
                slug=meta["slug"],
                title=meta["title"],
                summary=meta["summary"],
                body_markdown=document.body,
                body_html=self.markdown.render(document.body) if document.body.strip() else "",
                updated=self.moment(bundle, lang, "updated", meta["updated"]),
                source=bundle.path(lang),
                hours_note=meta.get("hours_note", ""),
                prices_note=meta.get("prices_note", ""),
                accessibility=meta.get("accessibility", ""),
                image_alts=MappingProxyType({i["file"]: i["alt"] for i in meta.get("images", [])}),
            )
        return MappingProxyType(out)

    def moment(self, bundle: Bundle, lang: str, field_name: str, text: str) -> datetime:
        try:
            return datetime.fromisoformat(text).astimezone(c.JAKARTA)
        except ValueError:
            self.problems.add(
                bundle,
                lang,
                field_name,
                f"'{text}' is not a real date and time",
                "write a real time such as 2026-09-04T19:00:00+07:00",
            )
            return datetime(2000, 1, 1, tzinfo=c.JAKARTA)

    def day(self, bundle: Bundle, field_name: str, text: str) -> date:
        try:
            return date.fromisoformat(text)
        except ValueError:
            self.problems.add(
                bundle, "id", field_name, f"'{text}' is not a real date", "write a real date such as 2026-09-04"
            )
            return date(2000, 1, 1)

    def when(self, bundle: Bundle, field_name: str, text: str) -> date | datetime:
        """A day (all-day) or a moment, as the text gives it."""
        return self.moment(bundle, "id", field_name, text) if "T" in text else self.day(bundle, field_name, text)

    @staticmethod
    def location(raw: dict[str, Any] | None) -> c.Location | None:
        if raw is None:
            return None
        return c.Location(
            lat=float(raw["lat"]),
            lon=float(raw["lon"]),
            confidence=raw["confidence"],
            accuracy_m=raw.get("accuracy_m"),
            address=raw.get("address", ""),
            kelurahan=raw.get("kelurahan", ""),
            desa=raw.get("desa", ""),
            kecamatan=raw.get("kecamatan", ""),
            region=raw.get("region", ""),
        )

    def images(self, bundle: Bundle) -> tuple[c.Image, ...]:
        images = []
        originals = bundle.documents[c.DEFAULT_LANGUAGE].meta.get("images", [])
        names = {raw["file"] for raw in originals}
        for lang, document in bundle.documents.items():
            for index, raw in enumerate(document.meta.get("images", []) if lang != c.DEFAULT_LANGUAGE else []):
                if raw["file"] not in names:
                    self.problems.add(
                        bundle,
                        lang,
                        f"images.{index}.file",
                        f"'{raw['file']}' is not an image of this item",
                        f"use one of: {', '.join(sorted(names))}",
                    )
        for index, raw in enumerate(originals):
            path = bundle.folder / raw["file"]
            if not path.is_file():
                self.problems.add(
                    bundle,
                    "id",
                    f"images.{index}.file",
                    f"'{raw['file']}' does not exist",
                    f"put the image beside index.id.md in {bundle.label}/",
                )
                continue
            # Checked and measured in phase one; the bundle cache keeps sizes with the bundle.
            if raw["file"] not in bundle.sizes:
                continue  # refused, and named, in phase one
            width, height = bundle.sizes[raw["file"]]
            alts = {lang: d.meta.get("images", []) for lang, d in bundle.documents.items()}
            alt = {
                lang: next((i["alt"] for i in items if i["file"] == raw["file"]), "") for lang, items in alts.items()
            }
            focal = raw.get("focal")
            images.append(
                c.Image(
                    file=f"{bundle.label.split('/', 1)[1]}/{raw['file']}",
                    source=str(path.absolute()),
                    alt=MappingProxyType({k: v for k, v in alt.items() if v}),
                    width=width,
                    height=height,
                    credit=raw.get("credit", ""),
                    illustration=raw.get("illustration", False),
                    focal=(focal["x"], focal["y"]) if focal else None,
                    sha256=_digest(bundle, raw["file"], path),
                )
            )
        return tuple(images)


def _digest(bundle: Bundle, name: str, path: Path) -> str:
    """An image's sha256, kept with its bundle: a cached bundle's images are not read again."""
    found = bundle.digests.get(name)
    if found is None:
        found = bundle.digests[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found
