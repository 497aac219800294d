"""Interface words and date/number formats in Indonesian and English.

Content is translated by editors; these are the theme's own labels, the same on every page.
"""

from __future__ import annotations

from datetime import date, datetime, time

from site_builder.catalog import JAKARTA

MONTHS = {
    "id": [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}
WEEKDAY_NAMES = {
    "id": {
        "mon": "Senin",
        "tue": "Selasa",
        "wed": "Rabu",
        "thu": "Kamis",
        "fri": "Jumat",
        "sat": "Sabtu",
        "sun": "Minggu",
    },
    "en": {
        "mon": "Monday",
        "tue": "Tuesday",
        "wed": "Wednesday",
        "thu": "Thursday",
        "fri": "Friday",
        "sat": "Saturday",
        "sun": "Sunday",
    },
}
_WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

WORDS: dict[str, dict[str, str]] = {
    "id": {
        "language_name": "Bahasa Indonesia",
        "skip_to_content": "Langsung ke isi",
        "home": "Beranda",
        "attractions": "Tempat wisata",
        "all_attractions": "Semua tempat wisata",
        "agenda": "Agenda budaya",
        "events": "Acara",
        "upcoming": "Acara mendatang",
        "categories": "Kategori",
        "highlights": "Pilihan utama",
        "wifi": "WiFi publik",
        "opening_hours": "Jam buka",
        "closed": "Tutup",
        "open_24h": "Buka 24 jam",
        "hours_unknown": "Jam buka belum tercatat. Tanyakan setempat sebelum berkunjung.",
        "prices": "Harga tiket",
        "free": "Gratis",
        "prices_unknown": "Harga tiket belum tercatat.",
        "location": "Lokasi",
        "open_in_map": "Buka di peta",
        "open_in_osm": "OpenStreetMap",
        "open_in_google": "Google Maps",
        "open_in_app": "Aplikasi peta (geo:)",
        "approximate": "Lokasi perkiraan",
        "approximate_note": "Titik ini perkiraan (±{accuracy} m). Periksa di peta sebelum berangkat.",
        "contact": "Kontak",
        "website": "Situs web",
        "phone": "Telepon",
        "email": "Surel",
        "facilities": "Fasilitas",
        "accessibility": "Aksesibilitas",
        "nearby": "Di sekitar",
        "distance_km": "{km} km",
        "distance_m": "{m} m",
        "read_more": "Selengkapnya",
        "not_translated": "Halaman ini belum diterjemahkan; isinya dalam bahasa Indonesia.",
        "illustration": "Ilustrasi, bukan foto",
        "tentative": "Tanggal menunggu konfirmasi",
        "tentative_badge": "Belum pasti",
        "confirmed": "Pasti",
        "cancelled": "Dibatalkan",
        "postponed": "Ditunda",
        "date_tba": "Tanggal akan diumumkan",
        "next_date_tba": "Tanggal berikutnya akan diumumkan.",
        "postponed_note": "Acara ini ditunda; tanggal baru akan diumumkan.",
        "cancelled_note": "Acara ini dibatalkan.",
        "previous_start": "Semula dijadwalkan {date}.",
        "agenda_year": "Agenda {year}",
        "agenda_years": "Agenda per tahun",
        "agenda_categories": "Agenda per kategori",
        "without_date": "Belum ada tanggal",
        "subscribe": "Langganan kalender",
        "subscribe_note": "Tambahkan agenda ini ke aplikasi kalender; acara baru dan perubahan tanggal ikut masuk.",
        "subscribe_webcal": "Aplikasi kalender (webcal)",
        "subscribe_google": "Google Kalender",
        "subscribe_ics": "Berkas .ics",
        "subscribe_venue": "Semua acara di {venue}",
        "add_to_calendar": "Tambahkan ke kalender",
        "add_to_calendar_ics": "Unduh .ics",
        "add_to_google": "Tambahkan ke Google Kalender",
        "no_upcoming": "Belum ada acara mendatang yang tercatat.",
        "organiser": "Penyelenggara",
        "venue": "Tempat",
        "when": "Waktu",
        "all_day": "Sepanjang hari",
        "page_not_found": "Halaman tidak ditemukan",
        "page_not_found_text": "Halaman yang Anda cari tidak ada atau sudah dipindahkan.",
        "back_home": "Kembali ke beranda",
        "switch_language": "English",
        "switch_language_label": "Read this page in English",
        "main_navigation": "Navigasi utama",
        "breadcrumb": "Jejak navigasi",
        "footer_note": "Dikelola Dinas Kebudayaan dan Pariwisata bersama komunitas Kota Cirebon.",
        "kecamatan": "Kecamatan",
        "kelurahan": "Kelurahan",
        "desa": "Desa",
        "dish": "Kuliner khas",
        "dish_note": "Hidangan ini dijual di banyak tempat di kota.",
        "items_count": "{n} tempat",
        "visitor.umum": "Umum",
        "visitor.dewasa": "Dewasa",
        "visitor.anak": "Anak-anak",
        "visitor.pelajar": "Pelajar/mahasiswa",
        "visitor.mancanegara": "Wisatawan mancanegara",
        "visitor.lansia": "Lansia",
        "visitor.rombongan": "Rombongan",
        "facility.parking": "Parkir",
        "facility.toilet": "Toilet",
        "facility.prayer-room": "Musala",
        "facility.food": "Makanan dan minuman",
        "facility.souvenir": "Oleh-oleh",
        "facility.guide": "Pemandu",
        "facility.wheelchair": "Akses kursi roda",
        "facility.wifi": "WiFi",
        "facility.shade": "Tempat teduh",
        "facility.lockers": "Loker",
    },
    "en": {
        "language_name": "English",
        "skip_to_content": "Skip to content",
        "home": "Home",
        "attractions": "Places to visit",
        "all_attractions": "All places",
        "agenda": "Cultural agenda",
        "events": "Events",
        "upcoming": "Coming up",
        "categories": "Categories",
        "highlights": "Highlights",
        "wifi": "Public WiFi",
        "opening_hours": "Opening hours",
        "closed": "Closed",
        "open_24h": "Open 24 hours",
        "hours_unknown": "Opening hours are not recorded yet. Ask locally before you go.",
        "prices": "Tickets",
        "free": "Free",
        "prices_unknown": "Ticket prices are not recorded yet.",
        "location": "Location",
        "open_in_map": "Open in a map",
        "open_in_osm": "OpenStreetMap",
        "open_in_google": "Google Maps",
        "open_in_app": "Map app (geo:)",
        "approximate": "Approximate location",
        "approximate_note": "This point is approximate (±{accuracy} m). Check a map before you set off.",
        "contact": "Contact",
        "website": "Website",
        "phone": "Phone",
        "email": "Email",
        "facilities": "Facilities",
        "accessibility": "Accessibility",
        "nearby": "Nearby",
        "distance_km": "{km} km",
        "distance_m": "{m} m",
        "read_more": "Read more",
        "not_translated": "This page is not translated yet; it is shown in Indonesian.",
        "illustration": "Illustration, not a photo",
        "tentative": "Date to be confirmed",
        "tentative_badge": "Tentative",
        "confirmed": "Confirmed",
        "cancelled": "Cancelled",
        "postponed": "Postponed",
        "date_tba": "Date to be announced",
        "next_date_tba": "The next date will be announced.",
        "postponed_note": "This event is postponed; a new date will be announced.",
        "cancelled_note": "This event is cancelled.",
        "previous_start": "Originally scheduled for {date}.",
        "agenda_year": "Agenda {year}",
        "agenda_years": "Agenda by year",
        "agenda_categories": "Agenda by category",
        "without_date": "No date yet",
        "subscribe": "Subscribe",
        "subscribe_note": "Add this agenda to your calendar app; new events and date changes follow automatically.",
        "subscribe_webcal": "Calendar app (webcal)",
        "subscribe_google": "Google Calendar",
        "subscribe_ics": ".ics file",
        "subscribe_venue": "All events at {venue}",
        "add_to_calendar": "Add to calendar",
        "add_to_calendar_ics": "Download .ics",
        "add_to_google": "Add to Google Calendar",
        "no_upcoming": "No upcoming events are listed yet.",
        "organiser": "Organiser",
        "venue": "Venue",
        "when": "When",
        "all_day": "All day",
        "page_not_found": "Page not found",
        "page_not_found_text": "The page you are looking for does not exist or has moved.",
        "back_home": "Back to the home page",
        "switch_language": "Bahasa Indonesia",
        "switch_language_label": "Baca halaman ini dalam bahasa Indonesia",
        "main_navigation": "Main navigation",
        "breadcrumb": "Breadcrumb",
        "footer_note": "Run by Cirebon's culture and tourism office with the city's communities.",
        "kecamatan": "District",
        "kelurahan": "Kelurahan",
        "desa": "Village",
        "dish": "Local dish",
        "dish_note": "This dish is sold in many places across the city.",
        "items_count": "{n} places",
        "visitor.umum": "General",
        "visitor.dewasa": "Adults",
        "visitor.anak": "Children",
        "visitor.pelajar": "Students",
        "visitor.mancanegara": "Foreign visitors",
        "visitor.lansia": "Seniors",
        "visitor.rombongan": "Groups",
        "facility.parking": "Parking",
        "facility.toilet": "Toilets",
        "facility.prayer-room": "Prayer room",
        "facility.food": "Food and drink",
        "facility.souvenir": "Souvenirs",
        "facility.guide": "Guides",
        "facility.wheelchair": "Wheelchair access",
        "facility.wifi": "WiFi",
        "facility.shade": "Shade",
        "facility.lockers": "Lockers",
    },
}


def word(lang: str, key: str, **values: object) -> str:
    text = WORDS[lang].get(key) or WORDS["id"][key]
    return text.format(**values) if values else text


def format_date(value: date | datetime, lang: str, weekday: bool = True) -> str:
    """'Senin, 7 Juli 2026' / 'Monday 7 July 2026'."""
    day = value.astimezone(JAKARTA).date() if isinstance(value, datetime) else value
    text = f"{day.day} {MONTHS[lang][day.month - 1]} {day.year}"
    if not weekday:
        return text
    name = WEEKDAY_NAMES[lang][_WEEKDAY_KEYS[day.weekday()]]
    return f"{name}, {text}" if lang == "id" else f"{name} {text}"


def format_time(value: time | datetime) -> str:
    """24-hour, as both languages read it in Indonesia: '19.30' in id is common, but HH:MM is unambiguous."""
    moment = value.astimezone(JAKARTA).time() if isinstance(value, datetime) else value
    return moment.strftime("%H:%M")


def format_idr(amount: int, lang: str) -> str:
    if amount == 0:
        return word(lang, "free")
    grouped = f"{amount:,}".replace(",", ".")
    return f"Rp{grouped}"


def format_distance(metres: float, lang: str) -> str:
    if metres < 1000:
        return word(lang, "distance_m", m=int(round(metres, -1)))
    km = f"{metres / 1000:.1f}"
    return word(lang, "distance_km", km=km.replace(".", ",") if lang == "id" else km)
