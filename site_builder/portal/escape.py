"""Router templates: one escaper per language the router reads, applied by the template engine.

Router files are code. RouterOS expands `$(…)` in its hotspot pages, openNDS expands `$name` in its
templated splash, and it sources the ThemeSpec script as root. So a router template renders in an
environment whose `finalize` is its language's escaper: every `{{ value }}`, even one marked safe,
comes out escaped, and only the template's own text can hold router variables or shell code.
Router templates share parts with `{% include %}`: a macro's or `super()`'s output is a value too,
and would be escaped twice.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Mapping
from typing import Any

from flask import Flask, current_app
from jinja2 import Environment
from markupsafe import Markup, escape

from site_builder.web.theme import RouterEnvironment

_ENVIRONMENTS = "wistakon.router_templates"


def one_line(text: str) -> str:
    """`text` on one line: every line break (and NUL, which no shell word can hold) becomes a space."""
    return " ".join(text.replace("\0", " ").splitlines())


def routeros_html(value: object) -> Markup:
    """HTML-escaped, then `$` as `&#36;`, so no `$(…)` in a value can become a RouterOS variable."""
    return Markup(str(escape(str(value))).replace("$", "&#36;"))  # noqa: S704 - escaped on this line


def opennds_html(value: object) -> Markup:
    """HTML-escaped, then `$` as `&#36;`, so no `$name` in a value can become an openNDS variable
    (and no value can spell the ThemeSpec's `$fas` placeholder)."""
    return Markup(str(escape(str(value))).replace("$", "&#36;"))  # noqa: S704 - escaped on this line


def sh_words(value: object) -> Markup:
    """POSIX sh: one single-quoted word on one line; a list or tuple becomes one word per item,
    continued over lines with backslash-newline (for `printf '%s\\n' …`)."""
    items = value if isinstance(value, list | tuple) else (value,)
    return Markup(" \\\n".join(shlex.quote(one_line(str(item))) for item in items))  # noqa: S704 - quoted here


def text_line(value: object) -> Markup:
    """Plain text (a pack's README): a value never starts a line of its own."""
    return Markup(one_line(str(value)))  # noqa: S704 - plain text, not HTML


# (template name prefix or suffix, the escaper of the language its output is read in), first match wins.
ESCAPERS: tuple[tuple[str, Callable[[object], Markup]], ...] = (
    (".sh", sh_words),
    (".txt", text_line),
    ("portal/mikrotik/", routeros_html),
    ("portal/opennds/", opennds_html),
)


def escaper_of(template: str) -> Callable[[object], Markup]:
    for affix, escaper in ESCAPERS:
        if template.endswith(affix) or template.startswith(affix):
            return escaper
    raise ValueError(f"'{template}' is not a router template (themes/*/templates/portal/mikrotik|opennds/)")


def environment(app: Flask, escaper: Callable[[object], Markup]) -> Environment:
    """The app's template loader, globals and filters, with `escaper` applied to every value."""
    environments = app.extensions.setdefault(_ENVIRONMENTS, {})
    found = environments.get(escaper)
    if found is None:
        found = RouterEnvironment(
            loader=app.jinja_loader,
            autoescape=True,  # a no-op on the escaper's own (Markup) result: every value passes `finalize`
            finalize=escaper,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=app.jinja_env.keep_trailing_newline,
            auto_reload=app.jinja_env.auto_reload,
            undefined=app.jinja_env.undefined,
        )
        found.globals.update(app.jinja_env.globals, config=app.config)
        found.filters.update(app.jinja_env.filters)
        environments[escaper] = found
    return found


def render(template: str, context: Mapping[str, Any]) -> str:
    """A router template rendered with its language's escaper (in the current app)."""
    app = current_app._get_current_object()  # noqa: SLF001 - the app itself, to key its environments
    return environment(app, escaper_of(template)).get_template(template).render(context)
