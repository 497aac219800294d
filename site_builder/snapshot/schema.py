"""Validate front matter against the JSON Schemas in ./schema, with messages an author can act on."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from referencing import Registry, Resource

from site_builder.snapshot.text import refused_character

SCHEMA_DIR = Path(__file__).parent / "schema"
BASE_URI = "https://wistakon.cirebonkota.go.id/schema/content/"


@cache
def _registry() -> Registry:
    resources = []
    for path in sorted(SCHEMA_DIR.glob("*.json")):
        resources.append((BASE_URI + path.name, Resource.from_contents(json.loads(path.read_text()))))
    return Registry().with_resources(resources)


def _pattern(validator: Any, pattern: str, instance: Any, schema: dict) -> Iterator[jsonschema.ValidationError]:
    """`pattern` as JSON Schema (ECMA-262) means it: a final `$` is the end of the text, not before a last newline."""
    if validator.is_type(instance, "string") and not re.search(_ecma_end(pattern), instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _ecma_end(pattern: str) -> str:
    return pattern[:-1] + r"\Z" if pattern.endswith("$") and not pattern.endswith("\\$") else pattern


Validator = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": _pattern})


@cache
def validator(name: str) -> jsonschema.Draft202012Validator:
    """`name` is e.g. 'attraction' or 'attraction.translation'."""
    schema = _registry().get_or_retrieve(BASE_URI + f"{name}.json").value.contents
    return Validator(schema, registry=_registry())


def schema_problems(name: str, meta: dict[str, Any]) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """Yield (field path, message, fix) for every problem, the most specific error of each branch."""
    seen = set()
    for error in sorted(validator(name).iter_errors(meta), key=lambda e: list(map(str, e.path))):
        for problem in _explain(error, translation=name.endswith(".translation")):
            if problem not in seen:
                seen.add(problem)
                yield problem


def _explain(error: jsonschema.ValidationError, translation: bool) -> Iterator[tuple[tuple, str, str]]:
    path = tuple(error.absolute_path)
    kind = error.validator
    schema = error.schema if isinstance(error.schema, dict) else {}
    if kind == "required":
        missing = error.message.split("'")[1]
        yield path + (missing,), "is missing", f"add '{missing}:' to the front matter{_hint(error, missing)}"
    elif kind in ("additionalProperties", "unevaluatedProperties"):
        for name in _extra_names(error):
            if translation:
                fix = (
                    f"remove '{name}' here: a translation file holds only translated text "
                    "(title, slug, summary, notes, image alt text); shared facts live in index.id.md"
                )
            else:
                allowed = ", ".join(sorted(schema.get("properties", {})))
                fix = f"remove it or correct the spelling; allowed fields here: {allowed}"
            yield path + (name,), "is not a known field", fix
    elif kind == "enum":
        choices = ", ".join(map(str, error.validator_value))
        yield path, f"has the value {error.instance!r}, which is not allowed", f"use one of: {choices}"
    elif kind == "const":
        yield path, f"has the value {error.instance!r}", f"use {error.validator_value!r}"
    elif kind == "pattern" and isinstance(error.instance, str) and (
        refused := refused_character(error.instance, one_line=not re.search(_ecma_end(error.validator_value), "a\nb"))
    ):
        yield path, *refused
    elif kind == "pattern":
        description = schema.get("description") or f"it must match {error.validator_value}"
        yield path, f"has the value {error.instance!r}, which is not in the expected form", description
    elif kind == "type":
        expected = error.validator_value
        message = f"should be {_article(expected)} but is {_kind_of(error.instance)}"
        yield path, message, f"write it as {_article(expected)}"
    elif kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        bound = "at least" if "inimum" in kind else "at most"
        yield path, f"is {error.instance}, out of range", f"use a value {bound} {error.validator_value}"
    elif kind in ("minLength", "maxLength"):
        bound = "at least" if kind == "minLength" else "at most"
        unit = "characters"
        yield path, f"has {len(error.instance)} {unit}", f"write {bound} {error.validator_value} {unit}"
    elif kind in ("minItems", "maxItems", "uniqueItems"):
        yield path, error.message, "correct the list"
    elif kind in ("oneOf", "anyOf") and path and path[0] == "hours":
        fix = "give either 'opens' and 'closes', or 'closed: true', or 'open_24h: true'"
        yield path, "is not a valid opening-hours row", fix
    elif kind in ("oneOf", "anyOf") and path and path[0] == "venue":
        fix = "give either 'attraction: <uid of an attraction>', or a 'name' (with an optional 'location')"
        yield path, "is not a valid venue", fix
    elif kind in ("oneOf", "anyOf") and error.context:
        best = jsonschema.exceptions.best_match(error.context)
        yield from _explain(best, translation)
    else:
        yield path, error.message, "see the schema in site_builder/snapshot/schema"


def _extra_names(error: jsonschema.ValidationError) -> list[str]:
    schema = error.schema if isinstance(error.schema, dict) else {}
    known = set(schema.get("properties", {}))
    if isinstance(error.instance, dict):
        extras = [key for key in error.instance if key not in known]
        if extras and error.validator == "additionalProperties":
            return sorted(extras)
    # unevaluatedProperties: the message lists the names in quotes
    return sorted(set(error.message.split("'")[1::2])) or ["?"]


def _hint(error: jsonschema.ValidationError, name: str) -> str:
    schema = error.schema if isinstance(error.schema, dict) else {}
    prop = schema.get("properties", {}).get(name, {})
    description = prop.get("description")
    return f" ({description})" if description else ""


def _article(expected: str | list[str]) -> str:
    names = {
        "string": "text",
        "integer": "a whole number",
        "number": "a number",
        "boolean": "true or false",
        "array": "a list",
        "object": "a mapping of field: value",
    }
    if isinstance(expected, list):
        return " or ".join(names.get(e, e) for e in expected)
    return names.get(expected, expected)


def _kind_of(value: Any) -> str:
    if value is None:
        return "empty"
    return {str: "text", bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "a mapping"}.get(
        type(value), type(value).__name__
    )
