"""Load content/ into a Catalog: read every file, validate everything, then build.

Two phases, as in Pelican: nothing is rendered until the whole snapshot is known to be good.
Phase one reads and checks each bundle on its own (bundles.py, validation.py, with bundle_cache.py
keeping what is unchanged); phase two checks across items and makes the Catalog (catalog_builder.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from site_builder import catalog as c
from site_builder.markup import MarkdownCache
from site_builder.snapshot.bundle_cache import BundleCache
from site_builder.snapshot.bundles import read_bundles
from site_builder.snapshot.catalog_builder import build_catalog
from site_builder.snapshot.errors import ContentError, SnapshotInvalid
from site_builder.snapshot.manifest import read_site
from site_builder.snapshot.problems import Problems
from site_builder.snapshot.validation import validate_bundle


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
    problems = Problems()
    label_root = content_dir.name
    site = read_site(content_dir, label_root, problems)
    cache = BundleCache(bundle_cache) if bundle_cache is not None and not overlay else None
    bundles = []
    for bundle, signature in read_bundles(content_dir, label_root, problems, overlay or {}, cache):
        bundles.append(bundle)
        if signature is None:
            continue  # from the cache: parsed and validated already
        before = len(problems.errors)
        validate_bundle(bundle, problems)
        if cache is not None and len(problems.errors) == before and not problems.about(bundle):
            cache.put(str(bundle.folder.absolute()), signature, bundle)
    if problems.errors:
        raise SnapshotInvalid(problems.errors)
    try:
        result = build_catalog(site, bundles, markdown or MarkdownCache(), problems)
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
    problems = Problems()
    read_site(content_dir, content_dir.name, problems)
    for bundle, _signature in read_bundles(content_dir, content_dir.name, problems, {}):
        validate_bundle(bundle, problems)
    return sorted(problems.errors)


def check_content(content_dir: Path) -> list[ContentError]:
    """Every problem in the snapshot, or an empty list."""
    try:
        load_catalog(content_dir)
    except SnapshotInvalid as invalid:
        return invalid.errors
    return []
