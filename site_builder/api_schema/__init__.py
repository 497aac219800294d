"""JSON Schemas (draft 2020-12) of every app API and portal document, and the check the build runs.

The files here carry a placeholder `$id`; `published()` gives each its real address under the
site's base URL, so the relative `$ref`s ("common.json#/$defs/…") resolve there too.

The build checks with jsonschema-rs (compiled, about 250 times faster than the `jsonschema` package on
these documents), whose patterns follow ECMA-262 as the specification asks, as an app's validator does.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs

SCHEMA_DIR = Path(__file__).parent
PLACEHOLDER_BASE = "https://wistakon.invalid/api/v1/schema/"
NAMES = (
    *("common", "index", "page", "category", "attraction", "event", "hotspot", "promotion", "portal"),
    *("pack_manifest", "fleet"),  # the routers' update manifests and the fleet report
)


class DocumentInvalid(ValueError):
    """A generated document does not match its published schema: a builder bug, not a content error."""


def schema_path(name: str) -> Path:
    return SCHEMA_DIR / f"{name}.json"


@cache
def _schema(name: str) -> dict[str, Any]:
    return json.loads(schema_path(name).read_text(encoding="utf-8"))


@cache
def _registry() -> jsonschema_rs.Registry:
    return jsonschema_rs.Registry([(PLACEHOLDER_BASE + f"{name}.json", _schema(name)) for name in NAMES])


@cache
def validator(name: str) -> jsonschema_rs.Draft202012Validator:
    return jsonschema_rs.Draft202012Validator(_schema(name), registry=_registry())


def problems(name: str, document: Any) -> list[str]:
    """Every way `document` breaks schema `name`, as 'at /json/pointer: message' lines."""
    try:
        errors = list(validator(name).iter_errors(document))
    except ValueError as error:  # a value JSON cannot hold, such as a date object
        return [f"at /: {error}"]
    found = []
    for error in sorted(errors, key=lambda e: list(map(str, e.instance_path))):
        pointer = "/" + "/".join(str(step) for step in error.instance_path)
        found.append(f"at {pointer}: {error.message}")
    return found


def check(name: str, document: Any, where: str) -> None:
    """Raise DocumentInvalid naming `where` (the output path) and every problem."""
    found = problems(name, document)
    if found:
        listed = "\n  ".join(found[:10])
        more = f"\n  … and {len(found) - 10} more" if len(found) > 10 else ""
        raise DocumentInvalid(
            f"{where} does not match its schema site_builder/api_schema/{name}.json:\n  {listed}{more}\n"
            "Fix the document builder (site_builder/web/api.py or portal.py) or the schema, then rebuild."
        )


def published(name: str, schema_base: str) -> dict[str, Any]:
    """Schema `name` as published at `schema_base` + '<name>.json' (its `$id` set to that address)."""
    return {**_schema(name), "$id": f"{schema_base}{name}.json"}
