"""The checks a public post passes before its form is read: origin, rate limits, honeypot, fill time."""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited

TOKEN_SALT = "cms.suggestions.form-start"
HONEYPOT = "website"  # hidden from people by the theme; bots fill in every field


def site_origin() -> str:
    parts = urlsplit(settings.WISTAKON_SITE_URL)
    return f"{parts.scheme}://{parts.netloc}"


def from_the_site(request: HttpRequest) -> bool:
    """The post came from a page of the static site: browsers send Origin on every cross-origin POST."""
    origin = request.headers.get("Origin")
    if origin and origin != "null":
        return origin == site_origin()
    referer = request.headers.get("Referer", "")
    return bool(referer) and urlsplit(referer)._replace(path="", query="", fragment="").geturl() == site_origin()


TEXT_ALLOWANCE = 64 * 1024  # every text field at its maximum, with multipart's overhead


def too_large(request: HttpRequest) -> bool:
    """The body is over one image at the admin's upload limit plus the texts (or its size is not given)."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE + TEXT_ALLOWANCE


def new_token() -> str:
    """The moment the form was opened, signed with SECRET_KEY so a bot cannot date it back."""
    return signing.dumps({"opened": time.time()}, salt=TOKEN_SALT)


@dataclass(frozen=True)
class FillTime:
    seconds: float | None  # None: the form came without a token (JavaScript off)
    problem: str = ""  # "too-fast" or "expired"


def fill_time(token: str) -> FillTime:
    if not token:
        return FillTime(None)
    try:
        opened = signing.loads(token, salt=TOKEN_SALT, max_age=settings.WISTAKON_SUGGESTION_TOKEN_MAX_AGE)["opened"]
    except (signing.BadSignature, KeyError, TypeError):
        return FillTime(None, "expired")
    seconds = time.time() - float(opened)
    if seconds > settings.WISTAKON_SUGGESTION_TOKEN_MAX_AGE:
        return FillTime(None, "expired")
    return FillTime(seconds, "too-fast" if seconds < settings.WISTAKON_SUGGESTION_MIN_SECONDS else "")


def _everyone(group: str, request: HttpRequest) -> str:
    return "everyone"


def rate_limited(request: HttpRequest, timed: bool) -> bool:
    """Counts this post against the per-address and the global limits; True when one is over."""
    rates = settings.WISTAKON_SUGGESTION_RATES
    limits = [("suggestions-all", _everyone, rates["all"]), ("suggestions-ip", "ip", rates["ip"])]
    if not timed:  # no signed start time: a tighter limit, since the fill time cannot be checked
        limits.append(("suggestions-untimed", "ip", rates["untimed_ip"]))
    over = [is_ratelimited(request, group=group, key=key, rate=rate, increment=True) for group, key, rate in limits]
    return any(over)
