"""Bulk import of attractions from a curator's spreadsheet: check every row, then write all or the valid ones.

A row is matched to an existing attraction by its `uid` (the item's stable id), else by its slug, so
importing the same file twice creates nothing new. A moderator's import is published; a
contributor's becomes drafts submitted to the Moderasi Komunitas workflow.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Locale

from cms.attractions.models import AttractionIndexPage, AttractionPage, OpeningHours, TicketPrice
from cms.core.location import location_errors
from cms.core.models import Category
from cms.editorial.drafts import may_see_draft

COLUMNS: list[tuple[str, Any]] = [
    ("uid", gettext_lazy("Leave empty for a new attraction. Keep the value the export or a previous import gave.")),
    ("slug", gettext_lazy("Web address, e.g. keraton-kasepuhan. Empty: made from the name.")),
    ("nama", gettext_lazy("Required. The Indonesian name.")),
    ("ringkasan", gettext_lazy("Required. One or two sentences, 10 to 320 characters.")),
    ("isi", gettext_lazy("The description in Markdown, at least 50 words for a complete entry.")),
    ("kategori", gettext_lazy("Required. The title of an existing category, e.g. Wisata Sejarah.")),
    ("jenis", gettext_lazy("tempat (a place to visit, the default) or kuliner (a dish sold across the city).")),
    ("lat", gettext_lazy("Latitude, e.g. -6.7261 (a comma works too). Required for a place.")),
    ("lon", gettext_lazy("Longitude, e.g. 108.5708.")),
    ("keyakinan", gettext_lazy("How sure the coordinates are: tinggi, sedang, rendah or sangat rendah.")),
    ("alamat", gettext_lazy("Street address.")),
    ("kecamatan", gettext_lazy("Kecamatan, e.g. Lemahwungkuk.")),
    ("kelurahan", gettext_lazy("Kelurahan, e.g. Kasepuhan.")),
    ("jam_buka", gettext_lazy("e.g. Senin-Minggu 08:00-17:00; Jumat tutup; Sabtu 24 jam. Later parts win.")),
    (
        "harga",
        gettext_lazy(
            "e.g. umum 15000; pelajar 10000; anak gratis. Groups: umum, dewasa, anak, pelajar, "
            "mancanegara, lansia, rombongan."
        ),
    ),  # fmt: skip
    ("nama_en", gettext_lazy("Optional English name; give the English summary with it.")),
    ("ringkasan_en", gettext_lazy("Optional English summary.")),
]
# The template's example is a made-up place under a slug no real attraction has, and it is refused if left in:
# a curator who forgets it must not overwrite a real page with sample text.
EXAMPLE_SLUG = "contoh-hapus-baris-ini"
EXAMPLE = {"slug": EXAMPLE_SLUG, "nama": "Contoh: Museum Batik (hapus baris ini)",
           "ringkasan": "Contoh ringkasan satu atau dua kalimat tentang tempat ini.",
           "isi": "Contoh isi dengan **Markdown**.", "kategori": "Wisata Sejarah",
           "jenis": "tempat", "lat": "-6.7200", "lon": "108.5600", "keyakinan": "tinggi",
           "alamat": "Jl. Contoh No. 1", "kecamatan": "Lemahwungkuk", "kelurahan": "Kasepuhan",
           "jam_buka": "Senin-Minggu 08:00-17:00; Jumat tutup", "harga": "umum 15000; pelajar 10000",
           "nama_en": "Example: Batik Museum (delete this row)",
           "ringkasan_en": "An example summary of one or two sentences about this place."}  # fmt: skip
# What the report shows when an update changes a field: (value key, column).
COMPARED = [("title", "nama"), ("slug", "slug"), ("summary", "ringkasan"), ("body", "isi"), ("category_id", "kategori"),
            ("kind", "jenis"), ("latitude", "lat"), ("longitude", "lon"), ("confidence", "keyakinan"),
            ("address", "alamat"), ("kecamatan", "kecamatan"), ("kelurahan", "kelurahan")]  # fmt: skip

DAYS = {"senin": "mon", "sen": "mon", "selasa": "tue", "sel": "tue", "rabu": "wed", "rab": "wed", "kamis": "thu",
        "kam": "thu", "jumat": "fri", "jum'at": "fri", "jum": "fri", "sabtu": "sat", "sab": "sat", "minggu": "sun",
        "ahad": "sun", "min": "sun", "mon": "mon", "tue": "tue", "wed": "wed", "thu": "thu", "fri": "fri",
        "sat": "sat", "sun": "sun"}  # fmt: skip
WEEK = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
CONFIDENCE = {"tinggi": "high", "sedang": "medium", "rendah": "low", "sangat rendah": "very-low",
              "sangat-rendah": "very-low", "high": "high", "medium": "medium", "low": "low",
              "very-low": "very-low"}  # fmt: skip
KINDS = {"": "place", "tempat": "place", "place": "place", "kuliner": "dish", "hidangan": "dish", "dish": "dish"}
VISITORS = {choice.value for choice in TicketPrice.Visitor}


class ImportRefused(Exception):
    """Some rows are invalid and the curator did not ask to import only the valid ones."""


@dataclass
class RowPlan:
    number: int  # the row number in the spreadsheet (the header is row 1)
    name: str
    action: str = "create"  # create | update | unchanged | error
    errors: list[str] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)
    page_id: int | None = None
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (column, now, after the import)

    @property
    def valid(self) -> bool:
        return not self.errors


def parse_hours(text: str) -> list[dict[str, Any]]:
    """'Senin-Minggu 08:00-17:00; Jumat tutup; Sabtu 24 jam' → one row per day mentioned."""
    days: dict[str, dict[str, Any]] = {}
    for part in filter(None, (p.strip() for p in text.replace("\n", ";").split(";"))):
        match = re.fullmatch(r"([A-Za-z']+)(?:\s*[-–]\s*([A-Za-z']+))?\s+(.+)", part)
        if not match or match.group(1).lower() not in DAYS or (match.group(2) or "x").lower() not in {**DAYS, "x": 1}:
            raise ValueError(_("“%(part)s”: start with a day or days, e.g. “Senin-Jumat 08:00-16:00”.") % {
                "part": part})  # fmt: skip
        first, last = DAYS[match.group(1).lower()], DAYS[(match.group(2) or match.group(1)).lower()]
        span = WEEK[WEEK.index(first): WEEK.index(last) + 1] if WEEK.index(first) <= WEEK.index(last) else (
            WEEK[WEEK.index(first):] + WEEK[: WEEK.index(last) + 1])  # fmt: skip
        days.update({day: _hours_value(match.group(3).strip().lower(), part) | {"day": day} for day in span})
    return [days[day] for day in WEEK if day in days]


def _hours_value(text: str, part: str) -> dict[str, Any]:
    if text in ("tutup", "libur", "closed"):
        return {"closed": True}
    if text in ("24 jam", "24jam", "buka 24 jam", "24 hours"):
        return {"open_24h": True}
    match = re.fullmatch(r"(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})", text)
    if not match:
        raise ValueError(_("“%(part)s”: write the times like 08:00-17:00, or “tutup”, or “24 jam”.") % {
            "part": part})  # fmt: skip
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if h1 > 23 or m1 > 59:
        raise ValueError(_("“%(part)s”: the opening time is not a real time (00:00 to 23:59).") % {"part": part})
    if h2 > 23 or m2 > 59 or (h2, m2) <= (h1, m1):
        raise ValueError(_("“%(part)s”: the closing time must be a real time after the opening time.") % {
            "part": part})  # fmt: skip
    return {"opens": time(h1, m1), "closes": time(h2, m2)}


def parse_prices(text: str) -> list[tuple[str, int]]:
    """'umum 15000; pelajar Rp 10.000; anak gratis' → [(visitor, amount)]."""
    prices = []
    for part in filter(None, (p.strip() for p in text.replace("\n", ";").split(";"))):
        match = re.fullmatch(r"([a-z]+)\s*:?\s*(.+)", part.lower())
        if not match or match.group(1) not in VISITORS:
            raise ValueError(_("“%(part)s”: start with a visitor group: %(groups)s.") % {
                "part": part, "groups": ", ".join(sorted(VISITORS))})  # fmt: skip
        amount_text = match.group(2).strip()
        digits = re.sub(r"[^\d]", "", amount_text)
        if amount_text == "gratis":
            digits = "0"
        if not digits:
            raise ValueError(_("“%(part)s”: give the price in rupiah, e.g. 15000, or “gratis”.") % {"part": part})
        prices.append((match.group(1), int(digits)))
    return prices


def _number(text: str, column: str, errors: list[str]) -> float | None:
    if not text:
        return None
    try:
        return float(text.replace(",", "."))
    except ValueError:
        errors.append(_("%(column)s: “%(value)s” is not a number.") % {"column": column, "value": text})
        return None


def _check_field(name: str, value: Any, column: str, errors: list[str]) -> None:
    try:
        AttractionPage._meta.get_field(name).clean(value, None)
    except ValidationError as error:
        errors.append(f"{column}: " + " ".join(error.messages))


def plan_row(number: int, row: dict[str, str], user: Any, index: AttractionIndexPage) -> RowPlan:
    name = row.get("nama", "")
    plan = RowPlan(number, name)
    errors = plan.errors
    if unknown := sorted(set(row) - {column for column, _help in COLUMNS}):
        errors.append(_("Unknown columns: %(columns)s. Use the template's column names.") % {
            "columns": ", ".join(unknown)})  # fmt: skip
    for column in ("nama", "ringkasan", "kategori"):
        if not row.get(column):
            errors.append(_("%(column)s is required.") % {"column": column})
    slug = row.get("slug") or slugify(name)
    if slug == EXAMPLE_SLUG:
        errors.append(_("This is the template's example row: delete it, or replace every value with a real "
                        "attraction."))  # fmt: skip
    address = row.get("alamat", "").strip().rstrip(",;").strip()
    values: dict[str, Any] = {"title": name, "slug": slug, "summary": row.get("ringkasan", ""),
                              "body": row.get("isi", ""), "address": address,
                              "kecamatan": row.get("kecamatan", ""), "kelurahan": row.get("kelurahan", "")}  # fmt: skip
    for field_name, column in (("title", "nama"), ("slug", "slug"), ("summary", "ringkasan"), ("address", "alamat"),
                               ("kecamatan", "kecamatan"), ("kelurahan", "kelurahan")):  # fmt: skip
        if values[field_name]:
            _check_field(field_name, values[field_name], column, errors)
    kind = KINDS.get(row.get("jenis", "").lower())
    if kind is None:
        errors.append(_("jenis: write “tempat” or “kuliner”."))
    values["kind"] = kind or "place"
    if category_name := row.get("kategori"):
        categories = Category.objects.filter(locale__language_code="id")
        category = (categories.filter(title__iexact=category_name).first()
                    or categories.filter(slug=category_name.lower()).first())  # fmt: skip
        if category is None:
            titles = ", ".join(category.title for category in categories.order_by("title")
                               if "attraction" in category.applies_to)  # fmt: skip
            errors.append(_("kategori: no category “%(name)s”. Existing: %(titles)s.") % {
                "name": category_name, "titles": titles})  # fmt: skip
        elif "attraction" not in category.applies_to:
            errors.append(_("kategori: “%(name)s” is not a category for attractions.") % {"name": category_name})
        else:
            values["category_id"] = category.pk
    lat, lon = _number(row.get("lat", ""), "lat", errors), _number(row.get("lon", ""), "lon", errors)
    confidence = CONFIDENCE.get(row.get("keyakinan", "").lower().strip(), None if row.get("keyakinan") else "")
    if confidence is None:
        errors.append(_("keyakinan: write tinggi, sedang, rendah or sangat rendah."))
    values.update(latitude=lat, longitude=lon, confidence=confidence or "")
    located = AttractionPage(**{k: values[k] for k in ("latitude", "longitude", "confidence")})
    for problem in dict.fromkeys(map(str, location_errors(located, required=values["kind"] == "place").values())):
        errors.append(f"lat/lon/keyakinan: {problem}")  # one message given for two missing fields is said once
    try:
        values["hours"] = parse_hours(row.get("jam_buka", ""))
    except ValueError as error:
        errors.append(f"jam_buka: {error}")
    try:
        values["prices"] = parse_prices(row.get("harga", ""))
    except ValueError as error:
        errors.append(f"harga: {error}")
    if bool(row.get("nama_en")) != bool(row.get("ringkasan_en")):
        errors.append(_("nama_en and ringkasan_en: give both, or neither."))
    values["title_en"], values["summary_en"] = row.get("nama_en", ""), row.get("ringkasan_en", "")
    _match(plan, row.get("uid", ""), slug, user, index, values, errors)
    plan.values = values
    if errors:
        plan.action = "error"
    return plan


def _match(plan: RowPlan, uid: str, slug: str, user: Any, index: AttractionIndexPage, values: dict[str, Any],
           errors: list[str]) -> None:  # fmt: skip
    siblings = AttractionPage.objects.child_of(index)
    page = None
    if uid:
        try:
            uid = str(uuid.UUID(uid))
        except ValueError:
            errors.append(_("uid: “%(uid)s” is not a valid id; leave it empty for a new attraction.") % {"uid": uid})
            return
        page = siblings.filter(translation_key=uid).first()
    elif slug:
        page = siblings.filter(slug=slug).first()
    values["uid"] = str(page.translation_key) if page else uid or str(uuid.uuid4())
    if slug and siblings.filter(slug=slug).exclude(pk=page.pk if page else None).exists():
        errors.append(_("slug: “%(slug)s” already belongs to another attraction.") % {"slug": slug})
    if page is None:
        return
    plan.page_id = page.pk
    if not may_see_draft(user, page):
        errors.append(_("This attraction is someone else's unpublished draft."))
    elif page.workflow_in_progress and not page.permissions_for_user(user).can_publish():
        errors.append(_("This attraction is waiting for a moderator; import it again after the review."))
    plan.changes = _changes(page, values)
    plan.action = "update" if plan.changes else "unchanged"


def _changes(page: AttractionPage, values: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Field by field, what the import would change on the page: (column, current text, new text)."""
    current = page.get_latest_revision_as_object() if page.has_unpublished_changes else page
    changes = []
    for name, column in COMPARED:
        before, after = getattr(current, name), values.get(name)
        if before != after:
            if name == "category_id":
                before, after = current.category, Category.objects.filter(pk=after).first()
            changes.append((column, _shown(before), _shown(after)))
    hours = [_hours_dict(row) for row in current.hours.all()]
    if hours != values["hours"]:
        changes.append(("jam_buka", _hours_text(hours), _hours_text(values["hours"])))
    prices = [(row.visitor, row.amount) for row in current.prices.all()]
    if prices != values["prices"]:
        changes.append(("harga", _prices_text(prices), _prices_text(values["prices"])))
    if values["title_en"]:
        english = AttractionPage.objects.filter(translation_key=page.translation_key,
                                                locale__language_code="en").first()  # fmt: skip
        if english is not None and english.has_unpublished_changes:
            english = english.get_latest_revision_as_object()
        for name, column in (("title", "nama_en"), ("summary", "ringkasan_en")):
            before = getattr(english, name) if english else ""
            if before != values[f"{name}_en"]:
                changes.append((column, _shown(before), _shown(values[f"{name}_en"])))
    return changes


def _shown(value: Any) -> str:
    return "" if value is None else str(value)


def _hours_text(hours: list[dict[str, Any]]) -> str:
    def when(row: dict[str, Any]) -> str:
        if row.get("closed"):
            return "tutup"
        if row.get("open_24h"):
            return "24 jam"
        return f"{row['opens']:%H:%M}-{row['closes']:%H:%M}"

    return "; ".join(f"{row['day']} {when(row)}" for row in hours)


def _prices_text(prices: list[tuple[str, int]]) -> str:
    return "; ".join(f"{visitor} {amount}" for visitor, amount in prices)


def _hours_dict(row: OpeningHours) -> dict[str, Any]:
    if row.closed:
        return {"closed": True, "day": row.day}
    if row.open_24h:
        return {"open_24h": True, "day": row.day}
    return {"opens": row.opens, "closes": row.closes, "day": row.day}


def plan_import(rows: list[dict[str, str]], user: Any) -> list[RowPlan]:
    index = AttractionIndexPage.objects.get(locale__language_code="id")
    plans = [plan_row(number, row, user, index) for number, row in enumerate(rows, start=2)]
    seen: dict[str, int] = {}
    for plan in plans:
        for key in (plan.values.get("uid"), plan.values.get("slug")):
            if key and key in seen:
                plan.errors.append(_("The same attraction as row %(row)s; keep one of them.") % {"row": seen[key]})
                plan.action = "error"
            elif key:
                seen[key] = plan.number
    return plans


OUTCOMES = {"create": "created", "update": "updated", "unchanged": "unchanged"}


def apply_import(plans: list[RowPlan], user: Any, only_valid: bool = False) -> Counter[str]:
    """Write the planned rows in one transaction; returns how many were created, updated, unchanged."""
    if any(not plan.valid for plan in plans) and not only_valid:
        raise ImportRefused
    index = AttractionIndexPage.objects.get(locale__language_code="id")
    publish = index.permissions_for_user(user).can_publish()
    outcome: Counter[str] = Counter()
    with transaction.atomic():
        for plan in plans:
            if not plan.valid:
                outcome["skipped"] += 1
                continue
            if plan.action != "unchanged":
                _write(plan, user, index, publish)
            outcome[OUTCOMES[plan.action]] += 1
    return outcome


def _write(plan: RowPlan, user: Any, index: AttractionIndexPage, publish: bool) -> None:
    values = plan.values
    if plan.page_id is None:
        page = AttractionPage(translation_key=values["uid"], locale=index.locale, owner=user, live=publish,
                              has_unpublished_changes=not publish)  # fmt: skip
        _fill(page, values)
        index.add_child(instance=page)
    else:
        saved = AttractionPage.objects.get(pk=plan.page_id)
        page = saved.get_latest_revision_as_object() if saved.has_unpublished_changes else saved
        _fill(page, values)
    _save(page, user, publish)
    if values["title_en"]:
        _write_translation(page, values, user, publish)


def _fill(page: AttractionPage, values: dict[str, Any]) -> None:
    for name in ("title", "slug", "summary", "body", "address", "kecamatan", "kelurahan", "kind", "latitude",
                 "longitude", "confidence", "category_id"):  # fmt: skip
        setattr(page, name, values[name])
    page.hours = [OpeningHours(**row) for row in values["hours"]]
    page.prices = [TicketPrice(visitor=visitor, amount=amount) for visitor, amount in values["prices"]]


def _save(page: AttractionPage, user: Any, publish: bool) -> None:
    revision = page.save_revision(user=user)
    if publish:
        revision.publish(user=user)
    elif not page.workflow_in_progress and (workflow := page.get_workflow()):
        workflow.start(page, user)


def _write_translation(original: AttractionPage, values: dict[str, Any], user: Any, publish: bool) -> None:
    english = Locale.objects.get(language_code="en")
    page = AttractionPage.objects.filter(translation_key=original.translation_key, locale=english).first()
    if page is None:
        page = original.copy_for_translation(english)
        page.body = ""  # the Indonesian description is no English text; the page shows the summary meanwhile
        page.owner = user
    elif page.has_unpublished_changes:
        page = page.get_latest_revision_as_object()
    page.title, page.summary = values["title_en"], values["summary_en"]
    page.slug = slugify(values["title_en"]) or original.slug
    _fill_shared(page, original)
    _save(page, user, publish)


def _fill_shared(page: AttractionPage, original: AttractionPage) -> None:
    for name in ("kind", "latitude", "longitude", "confidence", "address", "kecamatan", "kelurahan", "category_id"):
        setattr(page, name, getattr(original, name))
    page.hours = [OpeningHours(day=r.day, opens=r.opens, closes=r.closes, closed=r.closed, open_24h=r.open_24h)
                  for r in original.hours.all()]  # fmt: skip
    page.prices = [TicketPrice(visitor=r.visitor, amount=r.amount) for r in original.prices.all()]
