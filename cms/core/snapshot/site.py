"""The page tree every import and export expects: locales, a home page per language, index pages."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site

from cms.agenda.models import AgendaIndexPage
from cms.attractions.models import AttractionIndexPage
from cms.core.models import HomePage

HOME = {"id": ("Wisata Kota Cirebon", "beranda"), "en": ("Visit Cirebon", "home")}
INDEXES = {
    AttractionIndexPage: {"id": ("Tempat Wisata", "wisata"), "en": ("Attractions", "attractions")},
    AgendaIndexPage: {"id": ("Agenda", "agenda"), "en": ("Agenda", "agenda")},
}


@transaction.atomic
def ensure_site(say: Callable[[str], None] = lambda _line: None) -> HomePage:
    """Create what is missing and leave the rest alone; returns the Indonesian home page."""
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("id", "en")}
    # Wagtail's migration makes the tree root; a flushed database (transactional tests) may lack it.
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=locales["id"]))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    home = HomePage.objects.filter(locale=locales["id"]).first()
    if home is None:
        title, slug = HOME["id"]
        home = _publish(root.add_child(instance=HomePage(title=title, slug=slug, locale=locales["id"])))
        say(f"created the home page '{title}'")
    site = Site.objects.filter(is_default_site=True).first() or Site(hostname="localhost", port=80,
                                                                        is_default_site=True)  # fmt: skip
    if site.root_page_id != home.pk:
        stock = site.root_page if site.pk else None
        site.root_page, site.site_name = home, HOME["id"][0]
        site.save()
        say("pointed the default site at the home page")
        if stock is not None and type(stock.specific) is Page and stock.depth == 2:
            stock.delete()  # Wagtail's stock "Welcome" page
    homes = {"id": home, "en": _translation(root, home, locales["en"], *HOME["en"], say)}
    for model, names in INDEXES.items():
        index = model.objects.filter(locale=locales["id"]).first()
        if index is None:
            title, slug = names["id"]
            index = _publish(home.add_child(instance=model(title=title, slug=slug, locale=locales["id"])))
            say(f"created the page '{title}'")
        _translation(homes["en"], index, locales["en"], *names["en"], say)
    return home


def _translation(parent: Page, original: Page, locale: Locale, title: str, slug: str,
                 say: Callable[[str], None]) -> Page:  # fmt: skip
    found = type(original).objects.filter(translation_key=original.translation_key, locale=locale).first()
    if found is None:
        page = type(original)(title=title, slug=slug, locale=locale, translation_key=original.translation_key)
        found = _publish(parent.add_child(instance=page))
        say(f"created the page '{title}'")
    return found


def _publish(page: Page) -> Page:
    page.save_revision().publish()
    return page
