"""Public suggestion forms: words and helpers for the theme's form partials, and the thank-you pages.

The forms post to the CMS (`cms_url`, given at build time); without one the partials render nothing
and the thank-you pages are not built. The CMS redirects to THANKS_PATHS (cms/suggestions/views.py).
"""

from __future__ import annotations

from collections.abc import Iterator

from flask import Blueprint, abort, current_app

from site_builder.web.render import page, section_urls

bp = Blueprint("suggest", __name__)

THANKS_PATHS = {"id": "/usulan/terima-kasih/", "en": "/en/suggest/thank-you/"}

WORDS = {
    "id": {
        "correct": "Laporkan koreksi",
        "correct_intro": "Ada yang salah atau sudah berubah? Beri tahu kami; moderator memeriksanya sebelum halaman diubah.",
        "problem": "Apa yang salah?",
        "problem.hours": "Jam buka",
        "problem.price": "Harga",
        "problem.location": "Lokasi",
        "problem.closed": "Sudah tutup permanen",
        "problem.text": "Teks",
        "problem.other": "Hal lain",
        "details": "Keterangan",
        "photo": "Foto (tidak wajib; JPEG, PNG atau WebP, maks. 8 MB)",
        "suggest_event": "Usulkan acara",
        "suggest_event_intro": "Tahu acara yang belum ada di agenda? Usulkan di sini; moderator memeriksanya sebelum terbit.",
        "event_title": "Nama acara",
        "first_day": "Tanggal mulai",
        "last_day": "Tanggal selesai (tidak wajib)",
        "start_time": "Jam mulai (tidak wajib)",
        "date_unknown": "Tanggal belum diketahui",
        "venue": "Tempat (pilih tempat wisata)",
        "venue_other": "— tempat lain —",
        "venue_name": "atau tulis nama tempat",
        "organiser": "Penyelenggara",
        "description": "Tentang acara",
        "poster": "Poster (tidak wajib; JPEG, PNG atau WebP, maks. 8 MB)",
        "send_date": "Kirim tanggal",
        "send_date_intro": "Anda penyelenggara atau tahu tanggalnya? Kirimkan; moderator memeriksanya sebelum terbit.",
        "note": "Catatan (tidak wajib), misalnya sumber tanggal",
        "contact_name": "Nama Anda (tidak wajib)",
        "contact": "Telepon atau email, agar kami bisa bertanya balik (tidak wajib)",
        "privacy": "Kontak Anda hanya dilihat moderator kota, tidak pernah tampil di situs, dan dihapus otomatis setelah masa simpan (biasanya 90 hari).",
        "trap": "Jangan isi kolom ini",
        "send": "Kirim",
        "thanks": "Terima kasih!",
        "thanks_intro": "Usulan Anda sudah kami terima dan menunggu pemeriksaan moderator. Usulan tidak langsung tampil di situs.",
        "reference": "Nomor referensi Anda:",
        "reference_nojs": "Nomor referensi Anda ada di alamat halaman ini, setelah “ref=”. Sebutkan nomor itu bila menghubungi kami.",
        "reference_keep": "Sebutkan nomor itu bila menghubungi kami.",
        "back_agenda": "Kembali ke agenda",
    },
    "en": {
        "correct": "Suggest a correction",
        "correct_intro": "Something wrong or out of date? Tell us; a moderator checks it before the page changes.",
        "problem": "What is wrong?",
        "problem.hours": "Opening hours",
        "problem.price": "Price",
        "problem.location": "Location",
        "problem.closed": "Closed permanently",
        "problem.text": "Text",
        "problem.other": "Something else",
        "details": "Details",
        "photo": "Photo (optional; JPEG, PNG or WebP, up to 8 MB)",
        "suggest_event": "Suggest an event",
        "suggest_event_intro": "Know an event that is not in the agenda? Suggest it here; a moderator checks it before it is published.",
        "event_title": "Name of the event",
        "first_day": "First day",
        "last_day": "Last day (optional)",
        "start_time": "Starts at (optional)",
        "date_unknown": "Date not known yet",
        "venue": "Venue (choose an attraction)",
        "venue_other": "— another place —",
        "venue_name": "or type the place",
        "organiser": "Organiser",
        "description": "About the event",
        "poster": "Poster (optional; JPEG, PNG or WebP, up to 8 MB)",
        "send_date": "Send the date",
        "send_date_intro": "Are you the organiser, or do you know the date? Send it; a moderator checks it before it is published.",
        "note": "Note (optional), e.g. where the date comes from",
        "contact_name": "Your name (optional)",
        "contact": "Phone or email, so we can ask back (optional)",
        "privacy": "Only the city's moderators see your contact details; they never appear on the site and are deleted automatically after the retention period (usually 90 days).",
        "trap": "Leave this field empty",
        "send": "Send",
        "thanks": "Thank you!",
        "thanks_intro": "We have your suggestion; it waits for a moderator and does not appear on the site by itself.",
        "reference": "Your reference number:",
        "reference_nojs": "Your reference number is in this page's address, after “ref=”. Quote it when you contact us.",
        "reference_keep": "Quote it when you contact us.",
        "back_agenda": "Back to the agenda",
    },
}
PROBLEMS = ("hours", "price", "location", "closed", "text", "other")


@bp.app_template_global("suggest_word")
def suggest_word(lang: str, key: str) -> str:
    return WORDS[lang][key]


@bp.app_template_global("suggest_urls")
def suggest_urls() -> dict[str, str] | None:
    """The CMS addresses the forms use, or None when this build has no forms."""
    cms_url = current_app.config.get("CMS_URL", "")
    if not cms_url:
        return None
    return {"send": f"{cms_url}/suggestions/send/", "token": f"{cms_url}/suggestions/token/"}


def thanks(lang: str) -> str:
    if not current_app.config.get("CMS_URL"):
        abort(404)
    return page("suggest_thanks.html", lang, section_urls("suggest.thanks"))


for _lang, _rule in THANKS_PATHS.items():
    bp.add_url_rule(_rule, "thanks", thanks, defaults={"lang": _lang})


def urls() -> Iterator[tuple[str, dict[str, str]]]:
    if current_app.config.get("CMS_URL"):
        for lang in THANKS_PATHS:
            yield "suggest.thanks", {"lang": lang}
