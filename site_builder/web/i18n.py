"""Interface words from the theme's gettext catalogs; dates, times, numbers and prices from Babel.

Content is translated by editors; these are the theme's own labels, the same on every page. They live
in themes/<theme>/locale/<lang>/LC_MESSAGES/messages.po, one entry per word key (msgid "home"), and are
translated with standard tools (docs/TRANSLATING.md). Catalogs are compiled in memory when first used,
so no .mo file is committed. A word missing from a language's catalog (untranslated or fuzzy) falls
back to Indonesian, the site's source language; a key in no catalog is an error. A new language is a
catalog, not code: formats come from Babel's CLDR data for the language's locale.
"""

from __future__ import annotations

import gettext as gnu
from collections.abc import Callable, Sequence
from datetime import date, datetime, time
from functools import cache, lru_cache
from io import BytesIO
from pathlib import Path

from babel import Locale, dates, numbers
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from jinja2 import Environment, pass_context

from site_builder.catalog import JAKARTA
from site_builder.web.theme import THEMES_DIR

SOURCE_LANG = "id"
WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
RUPIAH = numbers.get_currency_symbol("IDR", SOURCE_LANG)  # "Rp", as on every price tag, in every language

_theme_folders: tuple[Path, ...] = (THEMES_DIR / "default",)
_active: dict[str, gnu.NullTranslations] = {}  # this theme's translations by language, for speed


def use_theme(folders: Sequence[Path]) -> None:
    """Take words from these theme folders' catalogs, the first (the child theme) before its parents."""
    global _theme_folders  # noqa: PLW0603 - i18n.word() serves the theme the app was built with
    _theme_folders = tuple(folders)
    _active.clear()


def install(env: Environment, folders: Sequence[Path]) -> None:
    """Jinja's i18n extension: {{ _('home') }} and {{ _('agenda_year', year=2026) }} speak the page's `lang`.

    `_` reads `lang` from the template's context; a macro given another language uses word(lang, key).
    """
    use_theme(folders)
    env.add_extension("jinja2.ext.i18n")

    @pass_context
    def gettext(context, key: str, **values: object) -> str:
        return word(context.get("lang", SOURCE_LANG), key, **values)

    @pass_context
    def ngettext(context, singular: str, plural: str, n: int, **values: object) -> str:
        return translations(context.get("lang", SOURCE_LANG)).ngettext(singular, plural, n).format(n=n, **values)

    env.install_gettext_callables(gettext, ngettext)


def translations(lang: str) -> gnu.NullTranslations:
    if lang not in _active:
        _active[lang] = _translations(_theme_folders, lang)
    return _active[lang]


@cache
def _translations(folders: tuple[Path, ...], lang: str) -> gnu.NullTranslations:
    chain = [_compile(path) for path in _catalog_files(folders, lang)]
    chain += [_compile(path) for path in _catalog_files(folders, SOURCE_LANG)] if lang != SOURCE_LANG else []
    first: gnu.NullTranslations = chain[0] if chain else gnu.NullTranslations()
    for fallback in [*chain[1:], _Missing(lang, folders)]:
        first.add_fallback(fallback)
    return first


def _catalog_files(folders: tuple[Path, ...], lang: str) -> list[Path]:
    paths = (folder / "locale" / lang / "LC_MESSAGES" / "messages.po" for folder in folders)
    return [path for path in paths if path.is_file()]


def _compile(path: Path) -> gnu.GNUTranslations:
    """The .po file as a .mo in memory: untranslated and fuzzy entries left out, so they fall back."""
    try:
        with path.open("rb") as po:
            catalog = read_po(po, abort_invalid=True)
    except PoFileError as error:
        problem = str(error).rpartition(" on ")[0]  # Babel counts lines from 0
        raise ValueError(f"{path}, line {error.lineno + 1}: {problem} ({error.line.strip()!r}); fix it in Poedit") from None
    mo = BytesIO()
    write_mo(mo, catalog)
    mo.seek(0)
    return gnu.GNUTranslations(mo)


class _Missing(gnu.NullTranslations):
    def __init__(self, lang: str, folders: tuple[Path, ...]) -> None:
        super().__init__()
        self.where = f"the '{lang}' or '{SOURCE_LANG}' catalogs under {', '.join(str(f / 'locale') for f in folders)}"

    def gettext(self, message: str) -> str:
        raise KeyError(f"interface word '{message}' is in none of {self.where}; add it to messages.po")


def word(lang: str, key: str, **values: object) -> str:
    text = translations(lang).gettext(key)
    return text.format(**values) if values else text


class _PerLanguage(dict):
    """Names from Babel's CLDR data, computed for a language the first time it is asked for."""

    def __init__(self, names: Callable[[str], object]) -> None:
        super().__init__()
        self.names = names

    def __missing__(self, lang: str) -> object:
        self[lang] = self.names(lang)
        return self[lang]


MONTHS = _PerLanguage(lambda lang: [dates.get_month_names("wide", "stand-alone", lang)[m] for m in range(1, 13)])
WEEKDAY_NAMES = _PerLanguage(
    lambda lang: dict(zip(WEEKDAY_KEYS, (dates.get_day_names("wide", "stand-alone", lang)[d] for d in range(7)), strict=True))
)


def format_date(value: date | datetime, lang: str, weekday: bool = True) -> str:
    """'Senin, 7 Juli 2026' / 'Monday 7 July 2026': the catalog's CLDR pattern, Babel's names."""
    day = value.astimezone(JAKARTA).date() if isinstance(value, datetime) else value
    pattern = word(lang, "date_weekday_format") if weekday else word(lang, "date_format")
    return _babel(dates.format_date, day, pattern, lang)


def format_time(value: time | datetime, lang: str = SOURCE_LANG) -> str:
    """24-hour HH:mm in both languages: '19.30' is common in id, but '19:30' is unambiguous."""
    moment = value.astimezone(JAKARTA).time() if isinstance(value, datetime) else value
    return _babel(dates.format_time, moment, word(lang, "time_format"), lang)


def format_idr(amount: int, lang: str) -> str:
    """'Rp15.000' / 'Rp15,000': the language's own grouping and currency pattern, the Rupiah's own symbol."""
    if amount == 0:
        return word(lang, "free")
    return _babel(_rupiah, amount, _price_pattern(lang), lang)


@cache
def _price_pattern(lang: str) -> str:
    return Locale.parse(lang).currency_formats["standard"].pattern.replace("¤", f"'{RUPIAH}'")


def _rupiah(amount: int, pattern: str, locale: str) -> str:
    return numbers.format_currency(amount, "IDR", pattern, locale=locale)  # with the Rupiah's digits (none)


@lru_cache(maxsize=8192)
def _babel(formatter: Callable[..., str], value: object, pattern: str, lang: str) -> str:
    """Babel is exact but slow (~50 µs a call); a site repeats the same dates, times and prices."""
    return formatter(value, pattern, locale=lang)


def format_distance(metres: float, lang: str) -> str:
    if metres < 1000:
        return word(lang, "distance_m", m=numbers.format_decimal(int(round(metres, -1)), locale=lang))
    return word(lang, "distance_km", km=numbers.format_decimal(round(metres / 1000, 1), "0.0", locale=lang))
