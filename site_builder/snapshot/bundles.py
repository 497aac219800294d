"""Phase one, reading: each item's folder (its bundle) with its files parsed, nothing checked across items."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from site_builder import catalog as c
from site_builder.snapshot import frontmatter
from site_builder.snapshot.problems import Problems

if TYPE_CHECKING:
    from site_builder.snapshot.bundle_cache import BundleCache

# Folder under content/ → the schema name of its items.
SECTIONS = {
    "categories": "category",
    "attractions": "attraction",
    "events": "event",
    "hotspots": "hotspot",
    "promotions": "promotion",
}


@dataclass
class Bundle:
    """One item's folder: its files, parsed, before the Catalog is built."""

    section: str
    folder: Path
    label: str  # e.g. content/attractions/keraton-kasepuhan
    documents: dict[str, frontmatter.Document] = field(default_factory=dict)  # lang → document
    content_hash: str = ""
    sizes: dict[str, tuple[int, int]] = field(default_factory=dict)  # image file → (width, height), once read
    digests: dict[str, str] = field(default_factory=dict)  # image file → sha256, once read

    def path(self, lang: str) -> str:
        return f"{self.label}/index.{lang}.md"


def read_bundles(
    content_dir: Path,
    label_root: str,
    problems: Problems,
    overlay: Mapping[str, Path],
    cache: BundleCache | None = None,
) -> Iterable[tuple[Bundle, tuple | None]]:
    """(bundle, its files' signature), or (bundle, None) when it came valid from `cache`."""
    root = content_dir.resolve()
    for section in SECTIONS:
        section_dir = content_dir / section
        names = {p.name for p in section_dir.iterdir() if p.is_dir()} if section_dir.is_dir() else set()
        names |= {key.split("/", 1)[1] for key in overlay if key.startswith(f"{section}/")}
        for name in sorted(n for n in names if not n.startswith(".")):
            folder = Path(overlay.get(f"{section}/{name}", section_dir / name))
            signature = None
            if cache is not None:
                signature = cache.signature(folder)
                cached = cache.get(str(folder.absolute()), signature)
                if cached is not None and cached.label == f"{label_root}/{section}/{name}":
                    yield cached, None
                    continue
            bundle = Bundle(section, folder, f"{label_root}/{section}/{name}")
            trusted = f"{section}/{name}" in overlay  # a draft folder the CMS made, wherever it lies
            if not trusted and _outside(folder, root, bundle.label, problems):
                continue
            bundle.content_hash = _content_hash(bundle, root, trusted, problems)
            _read_documents(bundle, root, trusted, problems)
            yield bundle, signature or ()


def _content_hash(bundle: Bundle, root: Path, trusted: bool, problems: Problems) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in bundle.folder.iterdir() if p.is_file() or p.is_symlink()):
        if not trusted and _outside(path, root, f"{bundle.label}/{path.name}", problems):
            continue
        if not path.is_file():
            continue  # a link to nothing: the image or text it stands for is named as missing
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _read_documents(bundle: Bundle, root: Path, trusted: bool, problems: Problems) -> None:
    folder = bundle.folder
    for lang in c.LANGUAGES:
        path = folder / f"index.{lang}.md"
        if not path.is_file() or (not trusted and not _inside(path, root)):
            continue
        try:
            bundle.documents[lang] = frontmatter.parse(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            problems.add(bundle, lang, "", "the file is not UTF-8 text", "save it as UTF-8")
        except frontmatter.FrontMatterError as error:
            problems.add(
                bundle,
                None,
                "",
                str(error),
                error.fix or "start the file with '---', then 'field: value' lines, then '---' and the Markdown text",
                line=error.line,
                path=bundle.path(lang),
            )
    others = sorted(p.name for p in folder.glob("index.*.md") if p.name.split(".")[1] not in c.LANGUAGES)
    for name in others:
        problems.add(
            bundle,
            None,
            "",
            f"'{name}' is in a language the site does not publish",
            "name the files index.id.md (Indonesian) and index.en.md (English)",
            path=f"{bundle.label}/{name}",
        )
    if c.DEFAULT_LANGUAGE not in bundle.documents and not any(
        e.path.startswith(bundle.label + "/") for e in problems.errors
    ):
        problems.add(
            bundle,
            None,
            "",
            "has no index.id.md",
            "every item needs its Indonesian original, index.id.md; the English index.en.md is optional",
            path=bundle.label,
        )


def _inside(path: Path, root: Path) -> bool:
    return path.resolve().is_relative_to(root)


def _outside(path: Path, root: Path, label: str, problems: Problems) -> bool:
    """True (and a problem noted) when `path` is a link that leaves the content folder."""
    if _inside(path, root):
        return False
    problems.add(
        None,
        None,
        "",
        f"is a link to {os.readlink(path) if path.is_symlink() else path.resolve()}, outside {root.name}/",
        "copy the file into the content folder instead of linking to it; nothing outside it is published",
        path=label,
    )
    return True
