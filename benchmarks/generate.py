"""Synthetic content in the real content/ format, for the build benchmark.

    python benchmarks/generate.py --attractions 4000 --events 1000 --out /tmp/bench/content

The same arguments always give the same bytes (seeded), so runs on different machines compare.
Every item has an Indonesian original and an English translation, so N items make about 2N pages.
"""

from __future__ import annotations

import argparse
import io
import random
import shutil
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from PIL import Image

from site_builder.snapshot.frontmatter import dump

WIB = timezone(timedelta(hours=7))
# The newest `updated` of the whole snapshot; run.py builds "as of" the day after it.
LAST_UPDATE = datetime(2026, 10, 31, 17, 0, tzinfo=WIB)
COVER_VARIANTS = 8  # distinct tiny PNGs; each item gets a copy of one, so the tree stays small

MANIFEST = """schema_version: 1
site:
  name:
    id: Wisata Kota Cirebon (benchmark)
    en: Visit Cirebon (benchmark)
  tagline:
    id: Konten sintetis untuk mengukur kecepatan build
    en: Synthetic content to measure build speed
  base_url: https://bench.wistakon.example
  languages: [id, en]
  timezone: Asia/Jakarta
"""

ATTRACTION_CATEGORIES = [
    ("wisata-sejarah", "Wisata Sejarah", "history", "History"),
    ("wisata-religi", "Wisata Religi", "religious-sites", "Religious sites"),
    ("wisata-kuliner", "Wisata Kuliner", "food", "Food"),
    ("wisata-belanja", "Wisata Belanja", "shopping", "Shopping"),
    ("wisata-alam", "Wisata Alam", "nature", "Nature"),
    ("wisata-keluarga", "Wisata Keluarga", "family", "Family"),
    ("wisata-budaya", "Wisata Budaya", "culture", "Culture"),
    ("ruang-publik", "Ruang Publik", "public-spaces", "Public spaces"),
]
EVENT_CATEGORIES = [
    ("adat-keraton", "Adat Keraton", "palace-rites", "Palace rites"),
    ("hari-besar-islam", "Hari Besar Islam", "islamic-holidays", "Islamic holidays"),
    ("budaya-tionghoa", "Budaya Tionghoa", "chinese-culture", "Chinese culture"),
    ("festival-kota", "Festival Kota", "city-festivals", "City festivals"),
    ("budaya-pesisir-dan-desa", "Budaya Pesisir & Desa", "coast-and-village", "Coast and village culture"),
]
# (Indonesian word, English word, category index, tags)
PLACE_TYPES = [
    ("Keraton", "Palace", 0, ["keraton", "sejarah"]),
    ("Gedung", "Building", 0, ["sejarah", "cagar-budaya"]),
    ("Masjid", "Mosque", 1, ["masjid", "religi"]),
    ("Makam", "Tomb", 1, ["ziarah", "religi"]),
    ("Warung", "Food Stall", 2, ["kuliner"]),
    ("Rumah Makan", "Restaurant", 2, ["kuliner", "keluarga"]),
    ("Pasar", "Market", 3, ["pasar", "belanja"]),
    ("Sentra Batik", "Batik Centre", 3, ["batik", "belanja"]),
    ("Situ", "Lake", 4, ["alam", "danau"]),
    ("Bukit", "Hill", 4, ["alam", "panorama"]),
    ("Taman", "Park", 5, ["taman", "keluarga"]),
    ("Sanggar", "Arts Studio", 6, ["seni", "tari-topeng"]),
    ("Alun-alun", "Town Square", 7, ["ruang-publik"]),
]
NAMES = [
    "Pakungwati",
    "Sunyaragi",
    "Kejaksan",
    "Kesambi",
    "Harjamukti",
    "Lemahwungkuk",
    "Pekalipan",
    "Panjunan",
    "Kanoman",
    "Trusmi",
    "Plered",
    "Gunung Jati",
    "Kalijaga",
    "Pegambiran",
    "Argasunya",
    "Drajat",
    "Kesepuhan",
    "Sukapura",
    "Larangan",
    "Kebon Baru",
    "Jagasatru",
    "Pulasaren",
    "Karyamulya",
    "Sumber",
    "Talun",
    "Weru",
    "Mundu",
    "Astana",
    "Kecapi",
    "Tegalwangi",
    "Kalitanjung",
    "Sitopeng",
    "Mega Mendung",
    "Singa Barong",
]
KECAMATAN = ["Kejaksan", "Kesambi", "Harjamukti", "Lemahwungkuk", "Pekalipan"]
DISHES = [
    ("Empal Gentong", "empal gentong"),
    ("Nasi Jamblang", "nasi jamblang"),
    ("Docang", "docang"),
    ("Tahu Gejrot", "tahu gejrot"),
    ("Nasi Lengko", "nasi lengko"),
    ("Mie Koclok", "mie koclok"),
]
EVENT_TYPES = [
    ("Kirab", "Procession", 0),
    ("Grebeg", "Grebeg Rite", 0),
    ("Pengajian Akbar", "Grand Sermon", 1),
    ("Malam Takbiran", "Takbir Night", 1),
    ("Kirab Barongsai", "Lion Dance Parade", 2),
    ("Festival", "Festival", 3),
    ("Pawai Budaya", "Culture Parade", 3),
    ("Sedekah Laut", "Sea Offering", 4),
    ("Sedekah Bumi", "Harvest Offering", 4),
]
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
FACILITIES = ["parking", "toilet", "prayer-room", "food", "souvenir", "guide", "wheelchair", "wifi", "shade", "lockers"]
VISITORS = ["umum", "dewasa", "anak", "pelajar", "mancanegara"]
STATUSES = ["confirmed"] * 12 + ["tentative"] * 5 + ["cancelled"] * 2 + ["postponed"]


@dataclass
class _Names:
    """Slugs already used, per language, so every slug stays unique as the loader requires."""

    used: dict[str, set[str]] = field(default_factory=lambda: {"id": set(), "en": set()})

    def claim(self, lang: str, text: str) -> str:
        base = _slugify(text)
        slug, n = base, 1
        while slug in self.used[lang]:
            n += 1
            slug = f"{base}-{n}"
        self.used[lang].add(slug)
        return slug


def _slugify(text: str) -> str:
    kept = "".join(ch if ch.isalnum() else "-" for ch in text.lower().replace("&", "dan"))
    return "-".join(part for part in kept.split("-") if part)


def _uid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _stamp(moment: datetime) -> str:
    return moment.isoformat()


def _updated(rng: random.Random) -> str:
    return _stamp(LAST_UPDATE - timedelta(days=rng.randint(1, 90), hours=rng.randint(0, 8)))


def cover_variants() -> list[bytes]:
    """A few tiny PNGs (stripes in batik colours); Pillow writes the same bytes every time."""
    colours = [(139, 30, 30), (22, 66, 120), (190, 140, 40), (30, 110, 70), (90, 50, 110), (200, 90, 40)]
    variants = []
    for index in range(COVER_VARIANTS):
        image = Image.new("RGB", (48, 32), colours[index % len(colours)])
        for x in range(0, 48, 6):
            for y in range(32):
                image.putpixel((x + (index % 3), y), colours[(index + 2) % len(colours)])
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=True)
        variants.append(buffer.getvalue())
    return variants


# -- Markdown bodies -------------------------------------------------------------------------------


def _attraction_body(rng: random.Random, lang: str, title: str, place: str, prices: list[dict[str, Any]]) -> str:
    if lang == "id":
        intro = (
            f"{title} adalah salah satu tujuan yang sering dikunjungi di {place}. Tempat ini ramai pada akhir "
            f"pekan dan hari libur, terutama saat musim liburan sekolah."
        )
        more = (
            "Pengunjung datang untuk melihat bangunan lama, mencicipi makanan khas dan membeli oleh-oleh. "
            "Sebagian besar jalur bisa dilalui dengan berjalan kaki dari pusat kota."
        )
        see, tips, table_head, link_text = "Yang bisa dilihat", "Tips", "| Pengunjung | Harga |", "situs resmi kota"
        points = [
            f"Gerbang utama bergaya {rng.choice(['candi bentar', 'paduraksa', 'kolonial'])}.",
            f"Ragam hias **mega mendung** dan *wadasan* di dinding {rng.choice(['timur', 'barat', 'utara'])}.",
            "Pemandu lokal yang bisa bercerita tentang sejarah tempat ini.",
            f"Pedagang {rng.choice(['empal gentong', 'nasi jamblang', 'tahu gejrot'])} di sekitar pintu masuk.",
        ]
        tip_text = "Datang pagi hari agar tidak kepanasan, dan bawa air minum sendiri. Informasi lain ada di"
    else:
        intro = (
            f"{title} is one of the most visited places in {place}. It is busy at weekends and on public "
            f"holidays, especially during the school holidays."
        )
        more = (
            "Visitors come to see old buildings, taste local food and buy souvenirs. Most paths can be "
            "walked from the city centre."
        )
        see, tips, table_head, link_text = "What to see", "Tips", "| Visitor | Price |", "the city's official site"
        points = [
            f"The main gate in the {rng.choice(['candi bentar', 'paduraksa', 'colonial'])} style.",
            f"**Mega mendung** and *wadasan* ornaments on the {rng.choice(['east', 'west', 'north'])} wall.",
            "Local guides who can tell the history of the place.",
            f"{rng.choice(['Empal gentong', 'Nasi jamblang', 'Tahu gejrot'])} sellers near the entrance.",
        ]
        tip_text = "Come early in the morning to avoid the heat, and bring your own drinking water. More is on"
    rng.shuffle(points)
    rows = "\n".join(f"| {p['visitor']} | Rp{p['amount']:,} |".replace(",", ".") for p in prices) or "| umum | 0 |"
    paragraphs = [intro, more] + ([more] if rng.random() < 0.4 else [])
    return "\n\n".join(
        [
            *paragraphs,
            f"## {see}",
            "\n".join(f"- {point}" for point in points[: rng.randint(2, 4)]),
            f"### {table_head.strip('| ').split(' |')[0]}",
            f"{table_head}\n| --- | ---: |\n{rows}",
            f"## {tips}",
            f"{tip_text} [{link_text}](https://cirebonkota.go.id/wisata/).",
        ]
    )


def _event_body(rng: random.Random, lang: str, title: str, venue: str) -> str:
    if lang == "id":
        parts = [
            f"{title} digelar setiap tahun di {venue}. Warga dan wisatawan berkumpul sejak sore untuk "
            f"menyaksikan arak-arakan, musik gamelan dan tari topeng.",
            "## Apa yang terjadi",
            "1. Doa bersama dan pembukaan oleh sesepuh.\n2. Arak-arakan pusaka dan kesenian.\n3. Makan bersama.",
            "## Jadwal",
            "| Waktu | Acara |\n| --- | --- |\n| 16.00 | Berkumpul |\n| 19.30 | Arak-arakan |\n| 22.00 | Selesai |",
            "## Etika",
            "- Berpakaian sopan.\n- Ikuti arahan panitia.\n- Jaga kebersihan.",
            "Kabar terbaru ada di [kalender acara kota](https://cirebonkota.go.id/agenda/).",
        ]
    else:
        parts = [
            f"{title} is held every year at {venue}. Residents and visitors gather from the afternoon to watch "
            f"the procession, gamelan music and mask dances.",
            "## What happens",
            "1. Prayers and an opening by the elders.\n2. A procession of heirlooms and arts.\n3. A shared meal.",
            "## Schedule",
            "| Time | What |\n| --- | --- |\n| 16:00 | Gathering |\n| 19:30 | Procession |\n| 22:00 | End |",
            "## Etiquette",
            "- Dress modestly.\n- Follow the organisers' directions.\n- Keep the place clean.",
            "News is on the [city's events calendar](https://cirebonkota.go.id/agenda/).",
        ]
    if rng.random() < 0.5:
        parts.insert(1, parts[0])
    return "\n\n".join(parts)


# -- items -----------------------------------------------------------------------------------------


@dataclass
class Item:
    section: str
    folder: str
    documents: dict[str, tuple[dict[str, Any], str]]  # lang → (front matter, body)
    cover: int | None = None  # index into cover_variants()


def _categories(rng: random.Random, names: _Names) -> tuple[list[Item], list[str], list[str]]:
    items, attraction_uids, event_uids = [], [], []
    for order, (rows, applies) in enumerate([(ATTRACTION_CATEGORIES, "attraction"), (EVENT_CATEGORIES, "event")]):
        for position, (id_slug, id_title, en_slug, en_title) in enumerate(rows, start=1):
            uid = _uid(rng)
            (attraction_uids if applies == "attraction" else event_uids).append(uid)
            common = {"uid": uid, "updated": _updated(rng)}
            id_meta = {
                "uid": uid,
                "slug": names.claim("id", id_slug),
                "title": id_title,
                "summary": f"Kumpulan tempat dan acara: {id_title.lower()}.",
                "updated": common["updated"],
                "applies_to": [applies],
                "order": order * 10 + position,
            }
            en_meta = {
                "uid": uid,
                "slug": names.claim("en", en_slug),
                "title": en_title,
                "summary": f"Places and events: {en_title.lower()}.",
                "updated": common["updated"],
            }
            items.append(Item("categories", id_slug, {"id": (id_meta, ""), "en": (en_meta, "")}))
    return items, attraction_uids, event_uids


def _hours(rng: random.Random) -> list[dict[str, Any]]:
    style = rng.random()
    opens, closes = rng.choice(["07:00", "08:00", "09:00"]), rng.choice(["16:00", "17:00", "21:00"])
    rows: list[dict[str, Any]] = []
    for day in DAYS:
        if style < 0.1:
            rows.append({"day": day, "open_24h": True})
        elif day == "fri" and style < 0.4:
            rows.append({"day": day, "closed": True})
        else:
            rows.append({"day": day, "opens": opens, "closes": closes})
    return rows if rng.random() < 0.9 else []


def _attraction(rng: random.Random, number: int, names: _Names, categories: list[str]) -> Item:
    uid = _uid(rng)
    updated = _updated(rng)
    dish = rng.random() < 0.06
    kecamatan = rng.choice(KECAMATAN)
    if dish:
        dish, name = rng.choice(DISHES)[0], rng.choice(NAMES)
        title_id, title_en, category, tags = f"{dish} {name}", f"{dish} of {name}", 2, ["kuliner"]
    else:
        type_id, type_en, category, tags = rng.choice(PLACE_TYPES)
        name = rng.choice(NAMES)
        title_id, title_en = f"{type_id} {name}", f"{name} {type_en}"
    prices = [
        {"visitor": v, "amount": rng.choice([0, 2000, 5000, 10000, 15000, 25000])}
        for v in rng.sample(VISITORS, rng.randint(0, 3))
    ]
    place = f"Kecamatan {kecamatan}"
    meta: dict[str, Any] = {
        "uid": uid,
        "slug": names.claim("id", title_id),
        "title": title_id,
        "summary": f"{title_id} di {place}, Kota Cirebon: tujuan wisata yang mudah dijangkau dari pusat kota.",
        "updated": updated,
        "kind": "dish" if dish else "place",
        "category": categories[category],
        "tags": list(tags),
        "highlight": rng.random() < 0.01,
    }
    if not dish:
        meta["location"] = {
            "lat": round(rng.uniform(-6.78, -6.68), 5),
            "lon": round(rng.uniform(108.52, 108.59), 5),
            "confidence": rng.choice(["high", "high", "medium", "low"]),
            "accuracy_m": rng.choice([25, 50, 100, 250]),
            "address": f"Jl. {rng.choice(NAMES)} No. {rng.randint(1, 200)}",
            "kelurahan": rng.choice(NAMES),
            "kecamatan": kecamatan,
            "region": "Kota Cirebon",
        }
        if hours := _hours(rng):
            meta["hours"] = hours
    meta["hours_note"] = "Jam dapat berubah saat hari besar."
    if prices:
        meta["prices"] = prices
    meta["prices_note"] = "Harga dapat berubah; tanyakan di loket."
    meta["contact"] = {"phone": f"+62 231 {rng.randint(200000, 899999)}"}
    meta["facilities"] = sorted(rng.sample(FACILITIES, rng.randint(1, 5)), key=FACILITIES.index)
    meta["accessibility"] = "Jalan setapak datar; ada dua anak tangga di pintu masuk."
    meta["images"] = [
        {"file": "cover.png", "alt": f"Ilustrasi {title_id}", "illustration": True, "credit": "Ilustrasi sintetis"}
    ]
    meta["sources"] = [f"https://cirebonkota.go.id/wisata/{number}"]
    en: dict[str, Any] = {
        "uid": uid,
        "slug": names.claim("en", title_en),
        "title": title_en,
        "summary": f"{title_en} in the {kecamatan} district of Cirebon, easy to reach from the city centre.",
        "updated": updated,
        "hours_note": "Hours may change on public holidays.",
        "prices_note": "Prices may change; ask at the ticket desk.",
        "accessibility": "A flat path; two steps at the entrance.",
        "images": [{"file": "cover.png", "alt": f"Illustration of {title_en}"}],
    }
    bodies = {lang: _attraction_body(rng, lang, m["title"], place, prices) for lang, m in (("id", meta), ("en", en))}
    return Item(
        "attractions",
        f"{meta['slug']}",
        {"id": (meta, bodies["id"]), "en": (en, bodies["en"])},
        cover=rng.randrange(COVER_VARIANTS),
    )


def _rule(rng: random.Random, timed: bool) -> dict[str, Any]:
    calendar = rng.choice(["gregorian", "gregorian", "hijri", "javanese-aboge", "chinese", "organiser"])
    if calendar == "organiser":
        return {"calendar": "organiser"}
    rule: dict[str, Any] = {"calendar": calendar, "month": rng.randint(1, 12)}
    if calendar == "gregorian" and rng.random() < 0.3:
        rule.update(weekday=rng.choice(DAYS), nth=rng.choice([1, 2, -1]))
    else:
        rule["day"] = rng.randint(1, 28)
    if calendar == "javanese-aboge" and rng.random() < 0.5:
        rule["evening_before"] = True
    if timed:
        rule.update(start_time=rng.choice(["08:00", "19:00", "20:00"]), duration_minutes=rng.choice([120, 240]))
    elif rng.random() < 0.3:
        rule["span_days"] = rng.randint(2, 4)
    return rule


def _occurrences(rng: random.Random, rule: dict[str, Any], updated: str) -> list[dict[str, Any]]:
    first = date(2026, rng.randint(1, 12), rng.randint(1, 28))
    rows = []
    for year_offset in range(rng.choice([1, 2, 2, 3])):
        # Lunar events come about 11 days earlier each year; the key stays the year of the date.
        day = first.replace(year=first.year + year_offset)
        if (earlier := day - timedelta(days=11 * year_offset)).year == day.year:
            day = earlier
        status = rng.choice(STATUSES)
        row: dict[str, Any] = {"key": str(day.year)}
        if "start_time" in rule:
            hour, minute = map(int, rule["start_time"].split(":"))
            start = datetime(day.year, day.month, day.day, hour, minute, tzinfo=WIB)
            row["start"] = _stamp(start)
            row["end"] = _stamp(start + timedelta(minutes=rule["duration_minutes"]))
        else:
            row["start"] = day.isoformat()
            row["end"] = (day + timedelta(days=rule.get("span_days", 1) - 1)).isoformat()
        row["status"] = "tentative" if year_offset > 0 and status == "confirmed" and rng.random() < 0.5 else status
        row["sequence"] = 0 if row["status"] == "tentative" else rng.randint(0, 2)
        row["updated"] = updated
        if row["status"] == "tentative" and year_offset > 0:
            row["projected"] = True
        if row["sequence"] > 1 and row["status"] == "confirmed":
            moved = day - timedelta(days=1)
            row["previous_start"] = (
                moved.isoformat()
                if "start_time" not in rule
                else row["start"].replace(day.isoformat(), moved.isoformat())
            )
        rows.append(row)
    return rows


def _event(rng: random.Random, names: _Names, categories: list[str], venues: list[tuple[str, str]]) -> Item:
    uid = _uid(rng)
    updated = _updated(rng)
    type_id, type_en, category = rng.choice(EVENT_TYPES)
    name = rng.choice(NAMES)
    title_id, title_en = f"{type_id} {name}", f"{name} {type_en}"
    rule = _rule(rng, timed=rng.random() < 0.5)
    meta: dict[str, Any] = {
        "uid": uid,
        "slug": names.claim("id", title_id),
        "title": title_id,
        "summary": f"{title_id}: acara tahunan warga {name} dengan arak-arakan, gamelan dan tari topeng.",
        "updated": updated,
        "category": categories[category],
        "tags": ["budaya", _slugify(name)],
        "highlight": rng.random() < 0.02,
        "organiser": f"Paguyuban {name}",
        "free": rng.random() < 0.8,
    }
    if venues and rng.random() < 0.7:
        venue_uid, venue_title = rng.choice(venues)
        meta["venue"] = {"attraction": venue_uid}
    else:
        venue_title = f"Lapangan {name}"
        meta["venue"] = {
            "name": venue_title,
            "location": {
                "lat": round(rng.uniform(-6.78, -6.68), 5),
                "lon": round(rng.uniform(108.52, 108.59), 5),
                "confidence": "medium",
            },
        }
    meta["rule"] = rule
    meta["rule_note"] = "Tanggal mengikuti kalender yang tertulis pada aturan; panitia mengumumkan jam pastinya."
    meta["observed"] = [
        {"date": f"{2024 + i}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}", "note": "menurut berita"}
        for i in range(rng.randint(0, 2))
    ]
    meta["occurrences"] = _occurrences(rng, rule, updated)
    meta["images"] = [{"file": "cover.png", "alt": f"Ilustrasi {title_id}", "illustration": True}]
    en = {
        "uid": uid,
        "slug": names.claim("en", title_en),
        "title": title_en,
        "summary": f"{title_en}: a yearly {name} celebration with a procession, gamelan and mask dances.",
        "updated": updated,
        "images": [{"file": "cover.png", "alt": f"Illustration of {title_en}"}],
    }
    return Item(
        "events",
        meta["slug"],
        {
            "id": (meta, _event_body(rng, "id", title_id, venue_title)),
            "en": (en, _event_body(rng, "en", title_en, venue_title)),
        },
        cover=rng.randrange(COVER_VARIANTS),
    )


def _hotspot(rng: random.Random, number: int, names: _Names) -> Item:
    uid, updated, kecamatan = _uid(rng), _updated(rng), KECAMATAN[number % len(KECAMATAN)]
    title = f"Hotspot {rng.choice(NAMES)} {number + 1}"
    meta = {
        "uid": uid,
        "slug": names.claim("id", title),
        "title": title,
        "summary": f"Titik WiFi publik di Kecamatan {kecamatan}.",
        "updated": updated,
        "ssid": "WIFI JABAR",
        "location": {
            "lat": round(rng.uniform(-6.78, -6.68), 5),
            "lon": round(rng.uniform(108.52, 108.59), 5),
            "confidence": "high",
            "kecamatan": kecamatan,
            "region": "Kota Cirebon",
        },
        "area": kecamatan,
        "router": rng.choice(["mikrotik", "opennds"]),
        "status": rng.choice(["confirmed", "confirmed", "proposed"]),
        "program": "WiFi Jabar",
    }
    en = {
        "uid": uid,
        "slug": names.claim("en", title),
        "title": title,
        "summary": f"A public WiFi spot in the {kecamatan} district.",
        "updated": updated,
    }
    return Item("hotspots", meta["slug"], {"id": (meta, ""), "en": (en, "")})


def _promotion(rng: random.Random, number: int, names: _Names, hotspots: list[str]) -> Item:
    uid, updated = _uid(rng), _updated(rng)
    title = f"Diskon {10 + 5 * (number % 4)}% {rng.choice(DISHES)[0]} (contoh)"
    start = date(2026, 9, 1) + timedelta(days=30 * (number % 4))
    meta: dict[str, Any] = {
        "uid": uid,
        "slug": names.claim("id", title),
        "title": title,
        "summary": "Promosi contoh untuk portal WiFi, bukan penawaran sungguhan.",
        "updated": updated,
        "business": f"Warung {rng.choice(NAMES)} (contoh)",
        "valid_from": start.isoformat(),
        "valid_until": (start + timedelta(days=60)).isoformat(),
        "priority": 10 * (number % 3),
        "example": True,
    }
    if number % 2 and hotspots:
        meta["targets"] = {"hotspots": rng.sample(hotspots, min(2, len(hotspots)))}
    elif number % 3:
        meta["targets"] = {"areas": [rng.choice(KECAMATAN)]}
    en = {
        "uid": uid,
        "slug": names.claim("en", f"discount {title}"),
        "title": f"Discount: {title}",
        "summary": "An example promotion for the WiFi portal, not a real offer.",
        "updated": updated,
    }
    return Item("promotions", meta["slug"], {"id": (meta, "Promosi contoh."), "en": (en, "An example promotion.")})


def generate_items(attractions: int, events: int, hotspots: int, promotions: int, seed: int) -> Iterator[Item]:
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    names = _Names()
    categories, attraction_categories, event_categories = _categories(rng, names)
    yield from categories
    venues: list[tuple[str, str]] = []
    for number in range(attractions):
        item = _attraction(rng, number, names, attraction_categories)
        meta = item.documents["id"][0]
        if meta["kind"] == "place" and len(venues) < 200:  # events share a few hundred venues, as in a real city
            venues.append((meta["uid"], meta["title"]))
        yield item
    for _ in range(events):
        yield _event(rng, names, event_categories, venues)
    hotspot_uids = []
    for number in range(hotspots):
        item = _hotspot(rng, number, names)
        hotspot_uids.append(item.documents["id"][0]["uid"])
        yield item
    for number in range(promotions):
        yield _promotion(rng, number, names, hotspot_uids)


def write_content(
    out: Path, *, attractions: int, events: int, hotspots: int = 20, promotions: int = 8, seed: int = 2026
) -> int:
    """Write a fresh snapshot into `out` (replacing it); return the number of items."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / "manifest.yaml").write_text(MANIFEST, encoding="utf-8")
    covers = cover_variants()
    count = 0
    for item in generate_items(attractions, events, hotspots, promotions, seed):
        if count == 0:  # the newest change, so the snapshot's `updated` is the same at every size
            item.documents["id"][0]["updated"] = _stamp(LAST_UPDATE)
        folder = out / item.section / item.folder
        folder.mkdir(parents=True)
        for lang, (meta, body) in item.documents.items():
            (folder / f"index.{lang}.md").write_text(dump(meta, body), encoding="utf-8")
        if item.cover is not None:
            (folder / "cover.png").write_bytes(covers[item.cover])
        count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--attractions", type=int, default=4000)
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--hotspots", type=int, default=20)
    parser.add_argument("--promotions", type=int, default=8)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", type=Path, required=True, help="the content folder to (re)create")
    options = parser.parse_args(argv)
    count = write_content(
        options.out,
        attractions=options.attractions,
        events=options.events,
        hotspots=options.hotspots,
        promotions=options.promotions,
        seed=options.seed,
    )
    sys.stdout.write(
        f"wrote {count} items ({options.attractions} attractions, {options.events} events) to {options.out}\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
