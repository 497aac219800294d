"""The build's schema check (jsonschema-rs) refuses every bad document the `jsonschema` package refused.

Hostile variants of real documents of the tiny site (values swapped for other types, control characters,
trailing newlines, keys dropped or added) go through both validators: whatever the reference
implementation refuses, the compiled one refuses too, and it says where and what.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from referencing import Registry, Resource

from site_builder import api_schema
from site_builder.web import api
from site_builder.web.app import create_app
from tests.conftest import TINY, TINY_NOW

# Characters where regex engines disagree (whitespace, line ends, controls), and plain non-ASCII text.
HOSTILE_TEXT = (
    "",
    " ",
    "\n",
    "\r",
    "\t",
    "\x00",
    "\x1c",
    "\x1f",
    "\x85",
    "\xa0",
    "\u2028",
    "\ufeff",
    "é",
    "\U0001f600",
)  # noqa: E501


@cache
def reference(name: str) -> jsonschema.Draft202012Validator:
    """The schema as the `jsonschema` package (the check the build ran before) sees it."""
    registry = Registry().with_resources(
        (api_schema.PLACEHOLDER_BASE + f"{n}.json", Resource.from_contents(api_schema._schema(n)))
        for n in api_schema.NAMES
    )
    return jsonschema.Draft202012Validator(api_schema._schema(name), registry=registry)


@cache
def documents() -> tuple[tuple[str, Any], ...]:
    """(schema, document) for one document of each kind the tiny site publishes."""
    from site_builder.snapshot.loader import load_catalog

    app = create_app(load_catalog(TINY), now=TINY_NOW, content_dir=TINY)
    published = api.documents(app)
    found: dict[str, Any] = {}
    for name in published:
        if name.startswith("schema/"):
            continue
        document = api.json.loads(published[name])
        found.setdefault(document["$schema"].rsplit("/", 1)[1].removesuffix(".json"), document)
    slug = app.config["CATALOG"].hotspots[0].t("id").slug
    found["portal"] = app.test_client().get(f"/portal/{slug}/portal.json").get_json()
    return tuple(sorted(found.items()))


def _paths(value: Any, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _paths(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += _paths(inner, (*path, index))
    return found


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text() | st.sampled_from(HOSTILE_TEXT),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


@st.composite
def hostile(draw: st.DrawFn) -> tuple[str, Any]:
    """A real document with one thing broken (or, by chance, still valid)."""
    name, original = draw(st.sampled_from(documents()))
    document = copy.deepcopy(original)
    path = draw(st.sampled_from(_paths(document)[1:]))
    *parents, last = path
    holder = document
    for step in parents:
        holder = holder[step]
    value = holder[last]
    how = draw(st.sampled_from(["replace", "affix", "drop", "add"]))
    if how == "affix" and isinstance(value, str):
        extra = draw(st.sampled_from(HOSTILE_TEXT))
        holder[last] = draw(st.sampled_from([value + extra, extra + value, value[:1] + extra + value[1:]]))
    elif how == "drop" and isinstance(holder, dict):
        del holder[last]
    elif how == "add" and isinstance(value, dict):
        value[draw(st.text(max_size=8))] = draw(json_values)
    else:
        holder[last] = draw(json_values)
    return name, document


def test_each_sample_document_is_valid_for_both_validators():
    names = [name for name, _ in documents()]
    assert {"index", "page", "attraction", "event", "category", "hotspot", "promotion", "portal"} <= set(names)
    for name, document in documents():
        assert reference(name).is_valid(document), name
        assert api_schema.problems(name, document) == [], name


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile())
def test_the_build_refuses_every_document_the_reference_validator_refuses(case: tuple[str, Any]):
    name, document = case
    if not reference(name).is_valid(document):
        found = api_schema.problems(name, document)
        assert found, f"jsonschema-rs accepts what jsonschema refuses: {document!r}"
        assert all(line.startswith("at /") for line in found)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        (("links", "self"), "https://wisata.example.test/a\x1cb.json"),  # a control character in a URL
        (("links", "self"), "https://wisata.example.test/a\x85.json"),
        (("links", "self"), "https://wisata.example.test/a b.json"),
        (("text", "id", "slug"), "keraton-kasepuhan\n"),  # `$` before a final newline (the `re` module allows it)
        (("updated",), "2026-09-04T19:00:00+07:00\n"),
        (("hash",), "0" * 64 + "\n"),
        (("uid",), "33333333-3333-4333-8333-333333333333\n"),
    ],
)
def test_malformed_addresses_and_trailing_newlines_are_refused(field: tuple[str, ...], value: str):
    document = copy.deepcopy(dict(documents())["attraction"])
    holder = document
    for step in field[:-1]:
        holder = holder[step]
    holder[field[-1]] = value
    found = api_schema.problems("attraction", document)
    assert found and all(line.startswith("at /" + "/".join(field)) for line in found), found


def test_a_value_json_cannot_hold_is_a_problem_not_a_crash():
    document = {**dict(documents())["attraction"], "updated": TINY_NOW}
    assert api_schema.problems("attraction", document) == ["at /: Unsupported type: 'datetime'"]


def test_the_message_names_the_document_the_field_and_what_is_wrong():
    document = {**dict(documents())["attraction"], "highlight": "yes"}
    with pytest.raises(api_schema.DocumentInvalid) as raised:
        api_schema.check("attraction", document, "/api/v1/attractions/x.json")
    message = str(raised.value)
    assert message.startswith("/api/v1/attractions/x.json does not match its schema site_builder/api_schema/attraction")
    assert 'at /highlight: "yes" is not of type "boolean"' in message
