"""content/manifest.yaml: the site's name, address and languages."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

from site_builder import catalog as c
from site_builder.snapshot import frontmatter
from site_builder.snapshot.problems import Problems
from site_builder.snapshot.schema import schema_problems


def read_site(content_dir: Path, label_root: str, problems: Problems) -> c.Site | None:
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
