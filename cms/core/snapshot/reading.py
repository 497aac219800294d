"""Read content/ for an import and find every problem first: the file, the field and the fix."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cms.core.snapshot.codec import Bundle
from cms.core.snapshot.sections import CODECS, ORIGINAL, TRANSLATION
from site_builder.snapshot import check_files, frontmatter
from site_builder.snapshot.schema import schema_problems


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # e.g. content/attractions/keraton-kasepuhan/index.id.md
    field: str  # dotted, e.g. hours.2.closes; "" for the whole file
    message: str
    fix: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" field '{self.field}':" if self.field else ""
        return f"{where}:{field} {self.message}. Fix: {self.fix}"


class SnapshotProblems(Exception):
    """The snapshot has problems; nothing was imported."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        lines = "\n".join(f"  - {problem}" for problem in self.problems)
        noun = "problem" if len(self.problems) == 1 else "problems"
        super().__init__(f"content has {len(self.problems)} {noun}; nothing was imported:\n{lines}")


def read_snapshot(content_dir: Path, known_uids: dict[str, set[str]]) -> list[Bundle]:
    """Every item's bundle, in import order; raises SnapshotProblems listing all problems.

    `known_uids` maps a section to the uids already in the database, which references may use too.
    """
    gate = check_files(content_dir)  # the builder's own file checks: what check refuses, import refuses
    if gate:
        raise SnapshotProblems([Problem(e.path, e.field, e.message, e.fix, e.line) for e in gate])
    problems: list[Problem] = []
    bundles: list[Bundle] = []
    for codec in CODECS:
        section_dir = content_dir / codec.section
        folders = sorted(p for p in section_dir.iterdir() if p.is_dir() and not p.name.startswith(".")) \
            if section_dir.is_dir() else []  # fmt: skip
        for folder in folders:
            bundle = _read_bundle(content_dir, codec.section, codec.schema, folder, problems)
            if bundle is not None:
                bundles.append(bundle)
    _check_across(content_dir, bundles, known_uids, problems)
    if problems:
        raise SnapshotProblems(problems)
    return bundles


def _label(content_dir: Path, path: Path) -> str:
    return f"{content_dir.name}/{path.relative_to(content_dir).as_posix()}"


def _read_bundle(content_dir: Path, section: str, schema: str, folder: Path,
                 problems: list[Problem]) -> Bundle | None:  # fmt: skip
    documents: dict[str, frontmatter.Document] = {}
    for lang in (ORIGINAL, TRANSLATION):
        path = folder / f"index.{lang}.md"
        if not path.is_file():
            continue
        label = _label(content_dir, path)
        try:
            document = frontmatter.parse(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            problems.append(Problem(label, "", "the file is not UTF-8 text", "save it as UTF-8"))
            continue
        except frontmatter.FrontMatterError as error:
            problems.append(Problem(label, "", str(error), "start the file with '---', then 'field: value' lines, "
                                    "then '---' and the Markdown text", error.line))  # fmt: skip
            continue
        name = schema if lang == ORIGINAL else f"{schema}.translation"
        found = list(schema_problems(name, document.meta))
        for steps, message, fix in found:
            problems.append(Problem(label, ".".join(map(str, steps)), message, fix,
                                    frontmatter.line_of(document, steps)))  # fmt: skip
        if not found:
            documents[lang] = document
    if ORIGINAL not in documents:
        if not (folder / f"index.{ORIGINAL}.md").is_file():
            problems.append(Problem(_label(content_dir, folder), "", "has no index.id.md", "every item needs its "
                                    "Indonesian original, index.id.md; index.en.md is optional"))  # fmt: skip
        return None
    original, translation = documents[ORIGINAL], documents.get(TRANSLATION)
    bundle = Bundle(section, folder, original.meta, original.body,
                    translation.meta if translation else None, translation.body if translation else "")  # fmt: skip
    _check_bundle(content_dir, bundle, problems)
    return bundle


def _check_bundle(content_dir: Path, bundle: Bundle, problems: list[Problem]) -> None:
    label = _label(content_dir, bundle.folder)
    if bundle.translation and bundle.translation["uid"] != bundle.original["uid"]:
        problems.append(Problem(f"{label}/index.{TRANSLATION}.md", "uid", f"is {bundle.translation['uid']!r} but "
                                f"index.id.md says {bundle.original['uid']!r}", "use the same uid in every language"))
    names = [raw["file"] for raw in bundle.original.get("images", [])]
    for index, name in enumerate(names):
        if not (bundle.folder / name).is_file():
            problems.append(Problem(f"{label}/index.{ORIGINAL}.md", f"images.{index}.file", f"'{name}' does not "
                                    "exist", f"put the image beside index.id.md in {label}/"))  # fmt: skip
        elif names.count(name) > 1:
            problems.append(Problem(f"{label}/index.{ORIGINAL}.md", f"images.{index}.file", f"'{name}' is listed "
                                    "twice", "list each image once"))  # fmt: skip
    for index, raw in enumerate((bundle.translation or {}).get("images", [])):
        if raw["file"] not in names:
            problems.append(Problem(f"{label}/index.{TRANSLATION}.md", f"images.{index}.file", f"'{raw['file']}' "
                                    "is not an image of this item", f"use one of: {', '.join(names) or '(none)'}"))
    if bundle.section == "events":
        keys = Counter(raw["key"] for raw in bundle.original["occurrences"])
        for index, raw in enumerate(bundle.original["occurrences"]):
            if keys[raw["key"]] > 1:
                problems.append(Problem(f"{label}/index.{ORIGINAL}.md", f"occurrences.{index}.key", f"'{raw['key']}'"
                                        " is used by more than one occurrence", "give each occurrence its own key"))


# (section of the referring item, field, where the path leads) → the section it must name
_REFERENCES: tuple[tuple[str, str, str], ...] = (
    ("attractions", "category", "categories"),
    ("events", "category", "categories"),
    ("events", "venue.attraction", "attractions"),
    ("promotions", "targets.hotspots", "hotspots"),
)


def _check_across(content_dir: Path, bundles: list[Bundle], known_uids: dict[str, set[str]],
                  problems: list[Problem]) -> None:  # fmt: skip
    uids: dict[str, set[str]] = {section: set(found) for section, found in known_uids.items()}
    first: dict[str, Bundle] = {}
    slugs: Counter[tuple[str, str, str]] = Counter()
    for bundle in bundles:
        uid = bundle.original["uid"]
        label = _label(content_dir, bundle.folder)
        if uid in first:
            problems.append(Problem(f"{label}/index.id.md", "uid", f"{uid} is already used by "
                                    f"{_label(content_dir, first[uid].folder)}", "give this item a new uid (a new "
                                    "UUID: python -c 'import uuid; print(uuid.uuid4())')"))  # fmt: skip
        first.setdefault(uid, bundle)
        uids.setdefault(bundle.section, set()).add(uid)
        for lang, meta in ((ORIGINAL, bundle.original), (TRANSLATION, bundle.translation)):
            if meta:
                slugs[(bundle.section, lang, meta["slug"])] += 1
    for bundle in bundles:
        label = _label(content_dir, bundle.folder)
        for lang, meta in ((ORIGINAL, bundle.original), (TRANSLATION, bundle.translation)):
            if meta and slugs[(bundle.section, lang, meta["slug"])] > 1:
                problems.append(Problem(f"{label}/index.{lang}.md", "slug", f"'{meta['slug']}' is used by more than "
                                        f"one item in {bundle.section}", "choose a slug no other item uses"))
        for section, field, target in _REFERENCES:
            if bundle.section != section:
                continue
            for path, uid in _values(bundle.original, field):
                if uid not in uids.get(target, set()):
                    problems.append(Problem(f"{label}/index.id.md", path, f"refers to {uid}, which is not an item "
                                            f"in {target}", f"use the uid of an item in content/{target}/"))


def _values(meta: dict[str, Any], field: str) -> list[tuple[str, str]]:
    head, _, rest = field.partition(".")
    value = meta.get(head)
    if not rest:
        return [(head, value)] if isinstance(value, str) else []
    if isinstance(value, dict):
        found = value.get(rest)
        if isinstance(found, list):
            return [(f"{field}.{index}", uid) for index, uid in enumerate(found)]
        return [(field, found)] if isinstance(found, str) else []
    return []
