"""Read and write one content file: YAML front matter plus a Markdown body.

Timestamps stay strings when read, so the JSON Schema sees exactly what the author wrote
and the Catalog turns them into aware datetimes with one clear error path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import frontmatter
import yaml


class _UniqueKeys:
    """A field written twice is an error, not a silent win for the last one."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set[str] = set()
        for key_node, _value in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                if key_node.value in seen:
                    raise yaml.constructor.ConstructorError(
                        "while reading a mapping",
                        node.start_mark,
                        f"the field '{key_node.value}' is written twice",
                        key_node.start_mark,
                    )
                seen.add(key_node.value)
        return super().construct_mapping(node, deep)  # type: ignore[misc]


class _PlainLoader(_UniqueKeys, yaml.SafeLoader):
    """SafeLoader without the implicit timestamp type."""


# YAML 1.1 reads 17:00 as the base-60 number 1020; authors mean a time, as YAML 1.2 reads it.
_INT = re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)


def _plain_resolver(tag: str, regexp: re.Pattern) -> tuple[str, re.Pattern] | None:
    if tag == "tag:yaml.org,2002:timestamp":
        return None
    return (tag, {"tag:yaml.org,2002:int": _INT, "tag:yaml.org,2002:float": _FLOAT}.get(tag, regexp))


_PlainLoader.yaml_implicit_resolvers = {
    first: [pair for tag, regexp in resolvers if (pair := _plain_resolver(tag, regexp))]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


if getattr(yaml, "__with_libyaml__", False):

    class _FastLoader(_UniqueKeys, yaml.CSafeLoader):
        """The same resolvers as _PlainLoader, parsed by libyaml (about 10x faster)."""

    _FastLoader.yaml_implicit_resolvers = _PlainLoader.yaml_implicit_resolvers
else:  # pragma: no cover - PyYAML built without libyaml
    _FastLoader = _PlainLoader  # type: ignore[misc,assignment]


class _Handler(frontmatter.YAMLHandler):
    def load(self, fm: str, **kwargs: object) -> Any:
        try:
            return yaml.load(fm, Loader=_FastLoader)  # noqa: S506 - a SafeLoader subclass
        except yaml.YAMLError:
            # The pure-Python parser words its errors and counts lines the way our messages expect.
            return yaml.load(fm, Loader=_PlainLoader)  # noqa: S506 - a SafeLoader subclass


class _Dumper(yaml.SafeDumper):
    """Block style, unicode kept, and multi-line strings as literal blocks for readable diffs."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


@dataclass(frozen=True)
class Document:
    meta: dict[str, Any]
    body: str
    front_matter: str  # raw YAML, for line numbers in errors
    first_line: int = 2  # the file line where the raw YAML starts


class FrontMatterError(ValueError):
    def __init__(self, message: str, line: int | None = None, fix: str = "") -> None:
        super().__init__(message)
        self.line = line
        self.fix = fix  # what to do, when more is known than "correct the YAML"


def parse(text: str) -> Document:
    text = text.removeprefix("\ufeff")  # a byte-order mark, as some Windows editors save UTF-8
    if not text.startswith("---"):
        raise FrontMatterError("the file does not start with a '---' front matter block", line=1)
    handler = _Handler()
    try:
        raw, body = handler.split(text)
    except ValueError as error:
        raise FrontMatterError("the front matter block is not closed with '---'", line=1) from error
    try:
        meta = handler.load(raw)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + text[: text.find(raw)].count("\n") + 1 if mark is not None else None
        problem = getattr(error, "problem", None) or str(error)
        fix = "keep the field once, with the value you mean" if "written twice" in problem else ""
        raise FrontMatterError(f"the front matter is not valid YAML: {problem}", line=line, fix=fix) from error
    if not isinstance(meta, dict):
        raise FrontMatterError("the front matter must be a mapping of field: value", line=2)
    first_line = text[: text.find(raw)].count("\n") + 1 if raw else 2
    return Document(meta=meta, body=body.strip("\n"), front_matter=raw, first_line=first_line)


def dump(meta: dict[str, Any], body: str) -> str:
    """The canonical text of a content file: the same input always gives the same bytes."""
    yaml_text = yaml.dump(
        meta, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100
    )
    body = body.strip("\n")
    return f"---\n{yaml_text}---\n" + (f"\n{body}\n" if body else "")


def line_of(document: Document, path: tuple[str | int, ...]) -> int | None:
    """The 1-based line in the file where `path` (e.g. ('hours', 2, 'opens')) is written."""
    try:
        node = yaml.compose(document.front_matter, Loader=_PlainLoader)
    except yaml.YAMLError:
        return None
    found = node
    for step in path:
        if isinstance(found, yaml.MappingNode) and isinstance(step, str):
            match = next((v for k, v in found.value if k.value == step), None)
        elif isinstance(found, yaml.SequenceNode) and isinstance(step, int) and step < len(found.value):
            match = found.value[step]
        else:
            match = None
        if match is None:
            break
        found = match
    if found is None:
        return None
    return found.start_mark.line + document.first_line
