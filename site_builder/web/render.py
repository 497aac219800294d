"""Rendering a page: the template, its language, and links to its other languages."""

from __future__ import annotations

from collections.abc import Mapping

from flask import current_app, render_template, request, url_for

from site_builder.catalog import Item


def localised_url(endpoint: str, lang: str, **values: object) -> str:
    return url_for(endpoint, lang=lang, **values)


def item_urls(endpoint: str, item: Item) -> dict[str, str]:
    """The item's page in every language, by its slug in that language."""
    return {lang: url_for(endpoint, lang=lang, slug=item.t(lang).slug) for lang in ("id", "en")}


def section_urls(endpoint: str, **values: object) -> dict[str, str]:
    return {lang: url_for(endpoint, lang=lang, **values) for lang in ("id", "en")}


def absolute(path: str) -> str:
    return current_app.config["BASE_URL"] + path


def page(template: str, lang: str, alternates: Mapping[str, str], **context: object) -> str:
    """Render `template` in `lang`; `alternates` maps each language to this page's path in it."""
    return render_template(
        template,
        lang=lang,
        alternates=alternates,
        canonical=absolute(alternates.get(lang, request.path)),
        **context,
    )
