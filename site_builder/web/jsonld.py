"""schema.org JSON-LD for pages: `@id` derives from the item's uid, like the iCal UID and JSON id."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import current_app, url_for

from site_builder.catalog import Attraction, Catalog, Event, Location, Occurrence

# A more specific schema.org type where a tag says what a place is (tags are Indonesian, as editors write them).
TAG_TYPES = {
    "museum": "Museum",
    "masjid": "Mosque",
    "vihara": "BuddhistTemple",
    "kelenteng": "PlaceOfWorship",  # Chinese temples serve several traditions
    "makam": "LandmarksOrHistoricalBuildings",
    "keraton": "LandmarksOrHistoricalBuildings",
    "cagar-budaya": "LandmarksOrHistoricalBuildings",
    "kolonial": "LandmarksOrHistoricalBuildings",
    "taman": "Park",
    "taman-kota": "Park",
    "hutan-kota": "Park",
    "pantai": "Beach",
    "waterpark": "AmusementPark",
    "pasar": "Store",
    "stasiun": "TrainStation",
}
# The type a category implies when no tag says more, by the category's Indonesian slug.
CATEGORY_TYPES = {
    "wisata-religi": "PlaceOfWorship",
    "wisata-sejarah": "LandmarksOrHistoricalBuildings",
    "wisata-kuliner": "Restaurant",
    "wisata-belanja": "Store",
}
# Types that already say PlaceOfWorship (schema.org subtypes), so it is not repeated.
PLACES_OF_WORSHIP = {"Mosque", "BuddhistTemple", "Church", "HinduTemple", "Synagogue", "CatholicChurch"}
STATUS = {
    "confirmed": "https://schema.org/EventScheduled",
    "tentative": "https://schema.org/EventScheduled",
    "postponed": "https://schema.org/EventPostponed",
    "cancelled": "https://schema.org/EventCancelled",
}


def item_id(uid: str) -> str:
    return f"urn:uuid:{uid}"


def _absolute(path: str) -> str:
    return current_app.config["BASE_URL"] + path


def _place(name: str, location: Location | None, url: str | None = None) -> dict[str, Any]:
    place: dict[str, Any] = {"@type": "Place", "name": name}
    if url:
        place["url"] = url
    if location is not None:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": location.lat, "longitude": location.lon}
        place["address"] = {
            "@type": "PostalAddress",
            "streetAddress": location.address or None,
            "addressLocality": location.kecamatan or None,
            "addressRegion": "Jawa Barat",
            "addressCountry": "ID",
        }
        place["address"] = {k: v for k, v in place["address"].items() if v}
    return place


def attraction_types(item: Attraction, catalog: Catalog) -> list[str]:
    """TouristAttraction, then what its tags say it is, then what its category says (if nothing said more)."""
    types = ["TouristAttraction"]
    if item.place_kind != "place":
        return types  # a dish sold across town is not one building
    for tag in item.tags:
        specific = TAG_TYPES.get(tag)
        if specific and specific not in types:
            types.append(specific)
    category = catalog.category(item.category_uid)
    implied = CATEGORY_TYPES.get(category.t("id").slug) if category else None
    if implied == "PlaceOfWorship" and PLACES_OF_WORSHIP & set(types):
        implied = None
    if implied and implied not in types:
        types.append(implied)
    return types


def attraction(item: Attraction, lang: str) -> dict[str, Any]:
    text = item.t(lang)
    types = attraction_types(item, current_app.config["CATALOG"])
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": types if len(types) > 1 else types[0],
        "@id": item_id(item.uid),
        "name": text.title,
        "description": text.summary,
        "url": _absolute(url_for("pages.attraction", lang=lang, slug=text.slug)),
        "inLanguage": text.lang,
    }
    if item.location is not None:
        data.update({k: v for k, v in _place(text.title, item.location).items() if k in ("geo", "address")})
    if item.images:
        data["image"] = _absolute(url_for("media.image", file=item.images[0].file))
    if item.prices:
        data["isAccessibleForFree"] = all(p.amount == 0 for p in item.prices)
    return data


def events(item: Event, lang: str) -> list[dict[str, Any]]:
    """One Event per occurrence, all sharing the event's uid in their @id."""
    catalog = current_app.config["CATALOG"]
    text = item.t(lang)
    url = _absolute(url_for("agenda.event", lang=lang, slug=text.slug))
    venue_uid = item.venue.attraction_uid if item.venue else None
    venue_attraction = catalog.attraction(venue_uid) if venue_uid else None
    if venue_attraction is not None:
        location = _place(
            venue_attraction.t(lang).title,
            venue_attraction.location,
            _absolute(url_for("pages.attraction", lang=lang, slug=venue_attraction.t(lang).slug)),
        )
    elif item.venue is not None:
        location = _place(item.venue.name, item.venue.location)
    else:
        location = _place("Kota Cirebon", None)
    found = []
    for occurrence in item.occurrences:
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "Event",
            "@id": f"{item_id(item.uid)}#{occurrence.key}",
            "name": text.title,
            "description": text.summary,
            "url": url,
            "inLanguage": text.lang,
            "startDate": _iso(occurrence.start),
            "endDate": _iso(occurrence.end if not occurrence.all_day else occurrence.last_date),
            "eventStatus": _status(occurrence),
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "location": location,
        }
        if occurrence.previous_start is not None:
            data["previousStartDate"] = _iso(occurrence.previous_start)
        if item.organiser:
            data["organizer"] = {"@type": "Organization", "name": item.organiser}
        if item.free:
            data["isAccessibleForFree"] = True
            data["offers"] = {"@type": "Offer", "price": 0, "priceCurrency": "IDR", "url": url}
        if item.images:
            data["image"] = _absolute(url_for("media.image", file=item.images[0].file))
        found.append(data)
    return found


def _status(occurrence: Occurrence) -> str:
    # schema.org: a moved date is EventRescheduled, with the old date in previousStartDate.
    if occurrence.previous_start is not None and occurrence.status in ("confirmed", "tentative"):
        return "https://schema.org/EventRescheduled"
    return STATUS[occurrence.status]


def _iso(value) -> str:
    return value.isoformat() if isinstance(value, datetime) else value.isoformat()
