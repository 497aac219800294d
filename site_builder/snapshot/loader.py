"""Load content/ into a Catalog: read every file, validate everything, then build.

Two phases, as in Pelican: nothing is rendered until the whole snapshot is known to be good.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from time import time_ns
from types import MappingProxyType
from typing import Any

from site_builder import catalog as c
from site_builder.calendars import Rule, RuleError
from site_builder.markup import MarkdownCache
from site_builder.snapshot import frontmatter
from site_builder.snapshot.errors import ContentError, SnapshotInvalid
from site_builder.snapshot.images import ImageRefused, inspect_image_file
from site_builder.snapshot.schema import schema_problems
from site_builder.snapshot.text import refused_character

# Folder under content/ → the schema name of its items.
SECTIONS = {
    "categories": "category",
    "attractions": "attraction",
    "events": "event",
    "hotspots": "hotspot",
    "promotions": "promotion",
}
TRANSLATED_FIELDS = {"hours_note", "prices_note", "accessibility", "images"}


@dataclass
class Bundle:
    """One item's folder: its files, parsed, before the Catalog is built."""

    section: str
    folder: Path
    label: str  # e.g. content/attractions/keraton-kasepuhan
    documents: dict[str, frontmatter.Document] = field(default_factory=dict)  # lang → document
    content_hash: str = ""
    sizes: dict[str, tuple[int, int]] = field(default_factory=dict)  # image file → (width, height), once read

    def path(self, lang: str) -> str:
        return f"{self.label}/index.{lang}.md"


class _Problems:
    def __init__(self) -> None:
        self.errors: list[ContentError] = []

    def add(
        self,
        bundle: Bundle | None,
        lang: str | None,
        field: str,
        message: str,
        fix: str,
        line: int | None = None,
        path: str | None = None,
    ) -> None:
        where = path or (bundle.path(lang) if bundle and lang else bundle.label if bundle else "content")
        if line is None and bundle is not None and lang in bundle.documents and field:
            steps = tuple(int(s) if s.isdigit() else s for s in field.split("."))
            line = frontmatter.line_of(bundle.documents[lang], steps)
        self.errors.append(ContentError(where, field, message, fix, line))


class BundleCache:
    """Parsed and validated bundles by folder, reused while its files' names, sizes and mtimes stay the same.

    Kept in memory for a long-lived process (the CMS publisher) and in a pickle between processes.
    Cross-references are checked over every bundle on every load, cached or not.
    """

    FORMAT = 1
    RACY_NS = 3_000_000_000  # a file changed this recently may change again within the same mtime tick
    _memory: dict[Path, dict[str, tuple[tuple, Bundle]]] = {}

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.changed = False
        found = self._memory.get(self.path)
        if found is None:
            try:
                with open(self.path, "rb") as stream:
                    saved = pickle.load(stream)  # noqa: S301 - our own cache file
                found = saved["bundles"] if saved.get("format") == (self.FORMAT, _code_digest()) else {}
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, KeyError, TypeError):
                found = {}
        self.bundles: dict[str, tuple[tuple, Bundle]] = found
        self.seen: set[str] = set()

    @staticmethod
    def signature(folder: Path) -> tuple:
        with os.scandir(folder) as entries:
            stats = [(e.name, e.stat()) for e in entries if e.is_file()]
        return tuple(sorted((name, st.st_size, st.st_mtime_ns) for name, st in stats))

    def get(self, key: str, signature: tuple) -> Bundle | None:
        self.seen.add(key)
        found = self.bundles.get(key)
        return found[1] if found is not None and found[0] == signature else None

    def put(self, key: str, signature: tuple, bundle: Bundle) -> None:
        if any(mtime > time_ns() - self.RACY_NS for _, _, mtime in signature):
            return  # not trusted yet: read it again next time
        self.bundles[key] = (signature, bundle)
        self.changed = True

    def save(self) -> None:
        for gone in set(self.bundles) - self.seen:
            del self.bundles[gone]
            self.changed = True
        self._memory[self.path] = self.bundles
        if not self.changed:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        with open(temporary, "wb") as stream:
            pickle.dump({"format": (self.FORMAT, _code_digest()), "bundles": self.bundles}, stream, protocol=5)
        temporary.replace(self.path)


def _code_digest() -> str:
    """The code that parses and validates a bundle: a cache made by other code is not used."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for path in sorted([*here.rglob("*"), here.parent / "catalog.py"]):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.read_bytes())
    return digest.hexdigest()


def load_catalog(
    content_dir: Path,
    markdown: MarkdownCache | None = None,
    overlay: Mapping[str, Path] | None = None,
    bundle_cache: Path | None = None,
) -> c.Catalog:
    """Read and validate `content_dir`; raise SnapshotInvalid listing every problem found.

    `overlay` maps a bundle ("attractions/keraton-kasepuhan") to a folder read in its place:
    a draft in preview, new or replacing the published one. `bundle_cache` is a file where parsed,
    valid bundles are kept between builds (see BundleCache).
    """
    content_dir = Path(content_dir)
    problems = _Problems()
    label_root = content_dir.name
    site = _read_site(content_dir, label_root, problems)
    cache = BundleCache(bundle_cache) if bundle_cache is not None and not overlay else None
    bundles = []
    for bundle, signature in _read_bundles(content_dir, label_root, problems, overlay or {}, cache):
        bundles.append(bundle)
        if signature is None:
            continue  # from the cache: parsed and validated already
        before = len(problems.errors)
        _validate_bundle(bundle, problems)
        if cache is not None and len(problems.errors) == before and not _has_problem(bundle, problems):
            cache.put(str(bundle.folder.absolute()), signature, bundle)
    if problems.errors:
        raise SnapshotInvalid(problems.errors)
    builder = _CatalogBuilder(content_dir, bundles, markdown or MarkdownCache(), problems)
    try:
        result = builder.build(site)
    finally:
        if cache is not None:
            cache.save()  # after the build, which notes each bundle's image sizes in it
    if problems.errors:
        raise SnapshotInvalid(problems.errors)
    return result


def check_files(content_dir: Path) -> list[ContentError]:
    """Every problem of each file on its own (manifest, front matter, text, images, links), not across items.

    `wistakon import` runs this gate first, as `check` and `build` do, so what one refuses all refuse;
    references across items it checks itself, against the CMS's items as well as the files.
    """
    content_dir = Path(content_dir)
    problems = _Problems()
    _read_site(content_dir, content_dir.name, problems)
    for bundle, _signature in _read_bundles(content_dir, content_dir.name, problems, {}):
        _validate_bundle(bundle, problems)
    return sorted(problems.errors)


def check_content(content_dir: Path) -> list[ContentError]:
    """Every problem in the snapshot, or an empty list."""
    try:
        load_catalog(content_dir)
    except SnapshotInvalid as invalid:
        return invalid.errors
    return []


def _read_site(content_dir: Path, label_root: str, problems: _Problems) -> c.Site | None:
    path = content_dir / "manifest.yaml"
    label = f"{label_root}/manifest.yaml"
    if not path.is_file():
        problems.add(
            None,
            None,
            "",
            "the snapshot has no manifest.yaml",
            "add content/manifest.yaml with 'schema_version: 1' and a 'site' block (see content/README.md)",
            path=label,
        )
        return None
    try:
        meta = frontmatter.parse("---\n" + path.read_text(encoding="utf-8-sig") + "\n---\n").meta
    except frontmatter.FrontMatterError as error:
        problems.add(None, None, "", str(error), error.fix or "correct the YAML", line=error.line, path=label)
        return None
    found = list(schema_problems("manifest", meta))
    for steps, message, fix in found:
        problems.add(None, None, ".".join(map(str, steps)), message, fix, path=label)
    if found:
        return None
    site = meta["site"]
    return c.Site(
        name=MappingProxyType(dict(site["name"])),
        tagline=MappingProxyType(dict(site.get("tagline", {}))),
        base_url=site["base_url"].rstrip("/"),
        languages=tuple(site["languages"]),
        contact=MappingProxyType(dict(site.get("contact", {}))),
    )


def _has_problem(bundle: Bundle, problems: _Problems) -> bool:
    return any(e.path == bundle.label or e.path.startswith(bundle.label + "/") for e in problems.errors)


def _read_bundles(
    content_dir: Path,
    label_root: str,
    problems: _Problems,
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
            if f"{section}/{name}" not in overlay and _outside(folder, root, bundle.label, problems):
                continue
            digest = hashlib.sha256()
            for path in sorted(p for p in folder.iterdir() if p.is_file() or p.is_symlink()):
                if f"{section}/{name}" not in overlay and _outside(path, root, f"{bundle.label}/{path.name}", problems):
                    continue
                if not path.is_file():
                    continue  # a link to nothing: the image or text it stands for is named as missing
                digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
            bundle.content_hash = digest.hexdigest()
            for lang in c.LANGUAGES:
                path = folder / f"index.{lang}.md"
                if not path.is_file() or (f"{section}/{name}" not in overlay and not _inside(path, root)):
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
                        error.fix
                        or "start the file with '---', then 'field: value' lines, then '---' and the Markdown text",
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
            yield bundle, signature or ()


def _inside(path: Path, root: Path) -> bool:
    return path.resolve().is_relative_to(root)


def _outside(path: Path, root: Path, label: str, problems: _Problems) -> bool:
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


def _validate_bundle(bundle: Bundle, problems: _Problems) -> None:
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


def _validate_images(bundle: Bundle, problems: _Problems) -> None:
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


# Items made from bundles that came from a BundleCache's memory, with the references they check: a
# worker's next load reuses them while the bundle object is the same (its files did not change).
_MADE: dict[int, tuple[Bundle, Any, tuple]] = {}


class _CatalogBuilder:
    """Phase two: cross-check references and build the frozen Catalog objects."""

    def __init__(self, content_dir: Path, bundles: list[Bundle], markdown: MarkdownCache, problems: _Problems) -> None:
        self.content_dir = content_dir
        self.bundles = bundles
        self.markdown = markdown
        self.problems = problems
        self.by_uid: dict[str, Bundle] = {}
        self._refs: list[tuple[str, str, str]] | None = None  # the references the item being made checks

    def build(self, site: c.Site | None) -> c.Catalog:
        self._check_uids_and_slugs()
        made: dict[str, list[Any]] = {section: [] for section in SECTIONS}
        makers: dict[str, Callable[[Bundle], Any]] = {
            "categories": self._category,
            "attractions": self._attraction,
            "events": self._event,
            "hotspots": self._hotspot,
            "promotions": self._promotion,
        }
        kept: dict[int, tuple[Bundle, Any, tuple]] = {}
        for bundle in self.bundles:
            if c.DEFAULT_LANGUAGE not in bundle.documents:
                continue
            cached = _MADE.get(id(bundle))
            if cached is not None and cached[0] is bundle:  # the same cached bundle as last load: the same item
                for ref in cached[2]:
                    self._ref(bundle, *ref)  # what it refers to may be gone since
                item, kept[id(bundle)] = cached[1], cached
            else:
                before, self._refs = len(self.problems.errors), []
                item = makers[bundle.section](bundle)
                if len(self.problems.errors) == before:
                    kept[id(bundle)] = (bundle, item, tuple(self._refs))
                self._refs = None
            made[bundle.section].append(item)
        _MADE.clear()
        _MADE.update(kept)
        assert site is not None or self.problems.errors
        return c.Catalog(
            site=site,  # type: ignore[arg-type]
            categories=tuple(sorted(made["categories"], key=lambda x: (x.order, x.t("id").title))),
            attractions=tuple(made["attractions"]),
            events=tuple(made["events"]),
            hotspots=tuple(made["hotspots"]),
            promotions=tuple(made["promotions"]),
        )

    # -- cross-checks -------------------------------------------------------------------------

    def _check_uids_and_slugs(self) -> None:
        first: dict[str, Bundle] = {}
        for bundle in self.bundles:
            uid = bundle.documents.get(c.DEFAULT_LANGUAGE, frontmatter.Document({}, "", "")).meta.get("uid")
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
        self.by_uid = first
        for section in SECTIONS:
            for lang in c.LANGUAGES:
                slugs = Counter(
                    b.documents[lang].meta.get("slug")
                    for b in self.bundles
                    if b.section == section and lang in b.documents
                )
                for bundle in self.bundles:
                    slug = bundle.documents.get(lang, frontmatter.Document({}, "", "")).meta.get("slug")
                    if bundle.section == section and slug and slugs[slug] > 1:
                        self.problems.add(
                            bundle,
                            lang,
                            "slug",
                            f"'{slug}' is used by more than one item in {section}",
                            "choose a slug no other item uses",
                        )

    def _ref(self, bundle: Bundle, field_name: str, uid: str, section: str) -> str:
        if self._refs is not None:
            self._refs.append((field_name, uid, section))
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

    # -- shared parts --------------------------------------------------------------------------

    def _translations(self, bundle: Bundle) -> MappingProxyType:
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
                updated=self._datetime(bundle, lang, "updated", meta["updated"]),
                source=bundle.path(lang),
                hours_note=meta.get("hours_note", ""),
                prices_note=meta.get("prices_note", ""),
                accessibility=meta.get("accessibility", ""),
                image_alts=MappingProxyType({i["file"]: i["alt"] for i in meta.get("images", [])}),
            )
        return MappingProxyType(out)

    def _common(self, bundle: Bundle) -> dict[str, Any]:
        meta = bundle.documents[c.DEFAULT_LANGUAGE].meta
        return {"uid": meta["uid"], "translations": self._translations(bundle), "content_hash": bundle.content_hash}

    def _datetime(self, bundle: Bundle, lang: str, field_name: str, text: str) -> datetime:
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

    def _date(self, bundle: Bundle, field_name: str, text: str) -> date:
        try:
            return date.fromisoformat(text)
        except ValueError:
            self.problems.add(
                bundle, "id", field_name, f"'{text}' is not a real date", "write a real date such as 2026-09-04"
            )
            return date(2000, 1, 1)

    def _when(self, bundle: Bundle, field_name: str, text: str) -> date | datetime:
        return self._datetime(bundle, "id", field_name, text) if "T" in text else self._date(bundle, field_name, text)

    def _location(self, raw: dict[str, Any] | None) -> c.Location | None:
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

    def _images(self, bundle: Bundle) -> tuple[c.Image, ...]:
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
                    sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
                )
            )
        return tuple(images)

    # -- item types ----------------------------------------------------------------------------

    def _category(self, bundle: Bundle) -> c.Category:
        meta = bundle.documents[c.DEFAULT_LANGUAGE].meta
        return c.Category(**self._common(bundle), applies_to=tuple(meta["applies_to"]), order=meta.get("order", 0))

    def _attraction(self, bundle: Bundle) -> c.Attraction:
        meta = bundle.documents[c.DEFAULT_LANGUAGE].meta
        category = self._ref(bundle, "category", meta["category"], "categories")
        hours = []
        for index, row in enumerate(meta.get("hours", [])):
            opens = time.fromisoformat(row["opens"]) if "opens" in row else None
            closes = time.fromisoformat(row["closes"]) if "closes" in row else None
            if opens and closes and closes <= opens:
                self.problems.add(
                    bundle,
                    "id",
                    f"hours.{index}.closes",
                    f"closes at {row['closes']}, not after it opens at {row['opens']}",
                    "write a closing time later than the opening time (use open_24h: true for places that never close)",
                )
            hours.append(
                c.OpeningHours(row["day"], opens, closes, row.get("closed", False), row.get("open_24h", False))
            )
        days = Counter(h.day for h in hours)
        for day, count in days.items():
            if count > 1 and any(h.closed or h.open_24h for h in hours if h.day == day):
                self.problems.add(
                    bundle,
                    "id",
                    "hours",
                    f"'{day}' is closed or open 24h and also has other rows",
                    f"keep one row for {day}",
                )
        return c.Attraction(
            **self._common(bundle),
            category_uid=category,
            place_kind=meta["kind"],
            tags=tuple(meta.get("tags", [])),
            highlight=meta.get("highlight", False),
            location=self._location(meta.get("location")),
            hours=tuple(sorted(hours, key=lambda h: (c.WEEKDAYS.index(h.day), h.opens or time(0)))),
            prices=tuple(c.Price(p["visitor"], p["amount"]) for p in meta.get("prices", [])),
            contact=MappingProxyType(dict(meta.get("contact", {}))),
            facilities=tuple(meta.get("facilities", [])),
            images=self._images(bundle),
            sources=tuple(meta.get("sources", [])),
        )

    def _event(self, bundle: Bundle) -> c.Event:
        meta = bundle.documents[c.DEFAULT_LANGUAGE].meta
        category = self._ref(bundle, "category", meta["category"], "categories")
        try:
            rule = Rule.from_mapping(meta["rule"])
        except RuleError as error:
            self.problems.add(
                bundle,
                "id",
                f"rule.{error.field}" if error.field else "rule",
                str(error),
                "see the rule keys in content/README.md",
            )
            rule = None
        venue = None
        if raw_venue := meta.get("venue"):
            if uid := raw_venue.get("attraction"):
                self._ref(bundle, "venue.attraction", uid, "attractions")
            venue = c.Venue(
                name=raw_venue.get("name", ""),
                attraction_uid=raw_venue.get("attraction"),
                location=self._location(raw_venue.get("location")),
            )
        occurrences = []
        keys = Counter(o["key"] for o in meta["occurrences"])
        for index, raw in enumerate(meta["occurrences"]):
            where = f"occurrences.{index}"
            if keys[raw["key"]] > 1:
                self.problems.add(
                    bundle,
                    "id",
                    f"{where}.key",
                    f"'{raw['key']}' is used by more than one occurrence",
                    "give each occurrence its own key (e.g. the year)",
                )
            start = self._when(bundle, f"{where}.start", raw["start"])
            end = self._when(bundle, f"{where}.end", raw["end"]) if "end" in raw else None
            if end is None:
                end = start + timedelta(hours=2) if isinstance(start, datetime) else start + timedelta(days=1)
            elif isinstance(start, datetime) != isinstance(end, datetime):
                self.problems.add(
                    bundle,
                    "id",
                    f"{where}.end",
                    "mixes a date with a date and time",
                    "give start and end both as dates (all-day) or both as times",
                )
                end = start + timedelta(days=1) if not isinstance(start, datetime) else start
            elif not isinstance(start, datetime):
                end = end + timedelta(days=1)  # the file names the last day; the Catalog keeps it exclusive
            if end <= start and isinstance(start, datetime):
                self.problems.add(
                    bundle,
                    "id",
                    f"{where}.end",
                    f"{raw['end']} is not after the start {raw['start']}",
                    "make the end later than the start",
                )
            elif end < start:
                self.problems.add(
                    bundle,
                    "id",
                    f"{where}.end",
                    f"{raw['end']} is before the start {raw['start']}",
                    "make the last day the same as or after the start",
                )
            previous = raw.get("previous_start")
            occurrences.append(
                c.Occurrence(
                    key=raw["key"],
                    start=start,
                    end=end,
                    status=raw["status"],
                    sequence=raw["sequence"],
                    updated=self._datetime(bundle, "id", f"{where}.updated", raw.get("updated", meta["updated"])),
                    previous_start=self._when(bundle, f"{where}.previous_start", previous) if previous else None,
                    projected=raw.get("projected", False),
                    venue_name=raw.get("venue_name", ""),
                )
            )
        return c.Event(
            **self._common(bundle),
            category_uid=category,
            tags=tuple(meta.get("tags", [])),
            highlight=meta.get("highlight", False),
            organiser=meta.get("organiser", ""),
            website=meta.get("website", ""),
            free=meta.get("free"),
            venue=venue,
            rule=rule,
            rule_note=meta.get("rule_note", ""),
            observed=tuple(
                c.ObservedDate(self._date(bundle, "observed", o["date"]), o.get("note", ""))
                for o in meta.get("observed", [])
            ),
            occurrences=tuple(sorted(occurrences, key=_occurrence_order)),
            images=self._images(bundle),
            sources=tuple(meta.get("sources", [])),
        )

    def _hotspot(self, bundle: Bundle) -> c.Hotspot:
        meta = bundle.documents[c.DEFAULT_LANGUAGE].meta
        return c.Hotspot(
            **self._common(bundle),
            ssid=meta["ssid"],
            location=self._location(meta["location"]),
            area=meta["area"],
            router=meta["router"],
            status=meta["status"],
            program=meta.get("program", ""),
        )

    def _promotion(self, bundle: Bundle) -> c.Promotion:
        meta = bundle.documents[c.DEFAULT_LANGUAGE].meta
        valid_from = self._date(bundle, "valid_from", meta["valid_from"])
        valid_until = self._date(bundle, "valid_until", meta["valid_until"])
        if valid_until < valid_from:
            self.problems.add(
                bundle,
                "id",
                "valid_until",
                f"{meta['valid_until']} is before valid_from {meta['valid_from']}",
                "make the promotion end on or after its first day",
            )
        targets = meta.get("targets", {})
        for index, uid in enumerate(targets.get("hotspots", [])):
            self._ref(bundle, f"targets.hotspots.{index}", uid, "hotspots")
        return c.Promotion(
            **self._common(bundle),
            business=meta["business"],
            valid_from=valid_from,
            valid_until=valid_until,
            target_hotspots=tuple(targets.get("hotspots", [])),
            target_areas=tuple(targets.get("areas", [])),
            priority=meta.get("priority", 0),
            example=meta.get("example", False),
            link=meta.get("link", ""),
            images=self._images(bundle),
        )


def _occurrence_order(occurrence: c.Occurrence) -> tuple[date, str]:
    return (occurrence.start_date, occurrence.key)
