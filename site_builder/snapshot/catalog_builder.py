"""Phase two: cross-check the valid bundles and make the frozen Catalog from them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from site_builder import catalog as c
from site_builder.markup import MarkdownCache
from site_builder.snapshot.bundles import SECTIONS, Bundle
from site_builder.snapshot.events import make_event
from site_builder.snapshot.fields import Fields
from site_builder.snapshot.items import make_attraction, make_category, make_hotspot, make_promotion
from site_builder.snapshot.problems import Problems
from site_builder.snapshot.references import References

MAKERS: dict[str, Callable[[Bundle, Fields, References], Any]] = {
    "categories": make_category,
    "attractions": make_attraction,
    "events": make_event,
    "hotspots": make_hotspot,
    "promotions": make_promotion,
}

# Items made from bundles that came from a BundleCache's memory, with the references they check: a
# worker's next load reuses them while the bundle object is the same (its files did not change).
_MADE: dict[int, tuple[Bundle, Any, tuple]] = {}


def build_catalog(site: c.Site | None, bundles: list[Bundle], markdown: MarkdownCache, problems: Problems) -> c.Catalog:
    references = References(bundles, problems)
    fields = Fields(markdown, problems)
    made: dict[str, list[Any]] = {section: [] for section in SECTIONS}
    kept: dict[int, tuple[Bundle, Any, tuple]] = {}
    for bundle in bundles:
        if c.DEFAULT_LANGUAGE not in bundle.documents:
            continue
        cached = _MADE.get(id(bundle))
        if cached is not None and cached[0] is bundle:  # the same cached bundle as last load: the same item
            for reference in cached[2]:
                references.check(bundle, *reference)  # what it refers to may be gone since
            item, kept[id(bundle)] = cached[1], cached
        else:
            before, references.recorded = len(problems.errors), []
            item = MAKERS[bundle.section](bundle, fields, references)
            if len(problems.errors) == before:
                kept[id(bundle)] = (bundle, item, tuple(references.recorded))
            references.recorded = None
        made[bundle.section].append(item)
    _MADE.clear()
    _MADE.update(kept)
    assert site is not None or problems.errors
    return c.Catalog(
        site=site,  # type: ignore[arg-type]
        categories=tuple(sorted(made["categories"], key=lambda x: (x.order, x.t("id").title))),
        attractions=tuple(made["attractions"]),
        events=tuple(made["events"]),
        hotspots=tuple(made["hotspots"]),
        promotions=tuple(made["promotions"]),
    )
