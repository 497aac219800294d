"""Builders for the editorial tests: people in a role, a small page tree, drafts, admin forms as sent."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import Locale

from cms.attractions.models import AttractionIndexPage, AttractionPage
from cms.core.models import Category
from cms.core.snapshot.site import ensure_site


def person(username: str, group: str | None) -> Any:
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "sandi-rahasia-123")
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def tree() -> Category:
    """The home page and index pages in both languages, and one category; returns the category."""
    ensure_site()
    return Category.objects.create(
        title="Wisata Sejarah",
        slug="wisata-sejarah",
        summary="Keraton dan situs tua.",
        applies_to=["attraction", "event"],
        locale=Locale.objects.get(language_code="id"),
    )


def draft(owner: Any, title: str, category: Category, **fields: Any) -> AttractionPage:
    """A never-published attraction (a dish, so it needs no location), written by `owner`."""
    index = AttractionIndexPage.objects.get(locale__language_code="id")
    values = {"title": title, "slug": fields.pop("slug", None) or title.lower().replace(" ", "-"),
              "summary": "Ringkasan yang cukup panjang.", "kind": "dish", "category": category, "owner": owner,
              "live": False, **fields}  # fmt: skip
    page = index.add_child(instance=AttractionPage(**values))
    page.save_revision(user=owner)
    return page


class _FormReader(HTMLParser):
    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.values = form_id, False, []
        self._select: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "button", "file", "image"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.values.append((a["name"], a.get("value", "on" if a.get("type") == "checkbox" else "")))
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            self.values.append((self._select, a.get("value", "")))
        elif tag == "textarea" and a.get("name"):
            self._textarea, self._text = a["name"], []

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.values.append((self._textarea, "".join(self._text).removeprefix("\n")))
            self._textarea = None


def form_data(html: str, form_id: str = "page-edit-form", **changes: Any) -> dict[str, Any]:
    """The fields of the admin form as a browser would submit them, with `changes` applied."""
    reader = _FormReader(form_id)
    reader.feed(html)
    data: dict[str, Any] = {}
    for name, value in reader.values:
        data.setdefault(name, []).append(value)
    data = {k: v if len(v) > 1 else v[0] for k, v in data.items()}
    data.update(changes)
    return data
