"""The app factory: a Catalog and a theme in, a Flask app with one blueprint per output out."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path

from flask import Flask, url_for
from markupsafe import Markup

from site_builder.catalog import JAKARTA, Catalog
from site_builder.web import (
    agenda,
    api,
    assets,
    feeds,
    i18n,
    jsonld,
    maps,
    media,
    offline,
    pages,
    portal,
    portal_files,
    search_page,
    seo,
    suggest,
    trade,
    whats_on,
)
from site_builder.web.theme import TemplateEnvironment, Theme

# Each output registers its blueprint and a generator of (endpoint, values) for the freezer.
BLUEPRINTS = (assets, media, pages, agenda, feeds, api, portal, portal_files, seo, offline, maps, search_page, trade,
              whats_on, suggest)


def create_app(
    catalog: Catalog,
    *,
    now: datetime | None = None,
    theme: Theme | None = None,
    content_dir: Path | None = None,
    base_url: str | None = None,
    preview: bool = False,
    tiles: str | None = None,
    cms_url: str | None = None,
) -> Flask:
    """`now` is the build's 'today' (aware); by default the content's last change, never the clock.

    A build works by the day (what is upcoming, which promotions run), so NOW is the start of that
    day in WIB: edits within a day keep incremental builds incremental.
    """
    day = (now or catalog.updated).astimezone(JAKARTA).date()
    now = datetime.combine(day, time(0), tzinfo=JAKARTA)
    theme = theme or Theme()
    app = Flask(__name__, static_folder=None, template_folder=None)
    app.jinja_environment = TemplateEnvironment  # records the templates each output uses
    app.jinja_loader = theme.loader()
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.config.update(
        CATALOG=catalog,
        NOW=now,
        THEME=theme,
        CONTENT_DIR=str(content_dir) if content_dir else "",
        BASE_URL=(base_url or catalog.site.base_url).rstrip("/"),
        PREVIEW=preview,
        MAP_TILES=tiles or maps.TILE_URL,
        CMS_URL=(cms_url or "").rstrip("/"),  # where the suggestion forms post; empty: no forms
        SLUGS=_slug_index(catalog),
        IMAGES={
            image.file: image.source
            for item in (*catalog.attractions, *catalog.events, *catalog.promotions)
            for image in item.images
        },
    )
    for module in BLUEPRINTS:
        app.register_blueprint(module.bp)
    _template_helpers(app)
    return app


def url_generators() -> list:
    return [module.urls for module in BLUEPRINTS]


def _slug_index(catalog: Catalog) -> dict[tuple[str, str, str], object]:
    index: dict[tuple[str, str, str], object] = {}
    for item in (*catalog.categories, *catalog.attractions, *catalog.events, *catalog.hotspots):
        for lang in catalog.site.languages:
            index[(item.kind, lang, item.t(lang).slug)] = item
    return index


def _template_helpers(app: Flask) -> None:
    theme: Theme = app.config["THEME"]
    i18n.install(app.jinja_env, theme.folders)

    def word(lang: str, key: str, **values: object) -> str:
        return i18n.word(lang, key, **values)

    def asset(name: str) -> str:
        return url_for("assets.asset", url_name=theme.asset(name).url_name)

    def inline_asset(name: str) -> Markup:
        """A small theme file's text, for critical CSS inlined in <head>."""
        return Markup(theme.asset(name).path.read_text(encoding="utf-8"))  # noqa: S704 - our own theme file

    app.jinja_env.globals.update(
        word=word,
        word_day=lambda lang, day: i18n.WEEKDAY_NAMES[lang][day],
        jsonld=jsonld,
        asset=asset,
        inline_asset=inline_asset,
        site=app.config["CATALOG"].site,
        catalog=app.config["CATALOG"],
        now=app.config["NOW"],
        preview=app.config["PREVIEW"],
    )
    app.jinja_env.filters.update(
        date=i18n.format_date,
        time=i18n.format_time,
        idr=i18n.format_idr,
        distance=i18n.format_distance,
    )
