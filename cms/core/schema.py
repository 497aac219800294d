"""The snapshot's JSON Schemas, reused to check what editors type into JSON fields."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from typing import Any

import jsonschema
from referencing import Registry, Resource

from site_builder.snapshot.schema import BASE_URI, SCHEMA_DIR, Validator


@cache
def _validator(pointer: str) -> jsonschema.Draft202012Validator:
    registry = Registry().with_resources(
        (BASE_URI + path.name, Resource.from_contents(json.loads(path.read_text(encoding="utf-8"))))
        for path in sorted(SCHEMA_DIR.glob("*.json"))
    )
    return Validator({"$ref": BASE_URI + pointer}, registry=registry)


def rule_problems(rule: Any) -> Iterator[str]:
    """One line per way `rule` breaks the `rule` part of event.json, e.g. "month: 13 is greater …"."""
    for error in sorted(_validator("event.json#/properties/rule").iter_errors(rule), key=str):
        where = ".".join(map(str, error.absolute_path))
        yield f"{where}: {error.message}" if where else error.message
