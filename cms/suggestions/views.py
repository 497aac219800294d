"""The public endpoint: one cross-origin form post in, a 303 to the static site's thank-you page out.

CSRF: the static site cannot carry Django's CSRF cookie, so this one view is csrf_exempt and instead
requires the Origin (or Referer) of the configured static site; it changes no logged-in state.
CORS: a plain HTML form post is a "simple" request that browsers send without a preflight and then
navigate to the answer, so no CORS header is needed for it. Only the small token answer, which the
form's script reads with fetch(), allows the site's origin.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from cms.suggestions import gate
from cms.suggestions.forms import FORMS
from cms.suggestions.models import Suggestion, new_reference

# The static site's thank-you pages (site_builder/web/suggest.py renders them).
THANKS_PATHS = {"id": "/usulan/terima-kasih/", "en": "/en/suggest/thank-you/"}


@require_GET
@never_cache
def form_token(request: HttpRequest) -> JsonResponse:
    response = JsonResponse({"token": gate.new_token()})
    response["Access-Control-Allow-Origin"] = gate.site_origin()
    response["Vary"] = "Origin"
    return response


def thanks(language: str, reference: str = "") -> HttpResponseRedirect:
    query = f"?{urlencode({'ref': reference})}" if reference else ""
    return HttpResponseRedirect(settings.WISTAKON_SITE_URL.rstrip("/") + THANKS_PATHS[language] + query, status=303)


def problem(request: HttpRequest, status: int, message: str, errors: object = None) -> HttpResponse:
    back = settings.WISTAKON_SITE_URL
    return render(request, "suggestions/problem.html", {"message": message, "errors": errors, "back": back},
                  status=status)  # fmt: skip


@csrf_exempt  # cross-origin by design; gate.from_the_site() takes CSRF's place (see the module docstring)
@require_POST
@never_cache
def submit(request: HttpRequest) -> HttpResponse:
    if gate.too_large(request):  # before Django reads the body: an upload would go to disk first
        return HttpResponse(_("The suggestion is too large."), status=413, content_type="text/plain; charset=utf-8")
    language = request.POST.get("lang") if request.POST.get("lang") in THANKS_PATHS else "id"
    with translation.override(language):
        if not gate.from_the_site(request):
            return problem(request, 403, _("Send suggestions from the pages of the site itself."))
        token = request.POST.get("token", "")[:500]
        fill = gate.fill_time(token)
        if gate.rate_limited(request, timed=fill.seconds is not None):
            response = problem(request, 429, _("Too many suggestions at once. Please try again in an hour."))
            response["Retry-After"] = "3600"
            return response
        if request.POST.get(gate.HONEYPOT):
            return thanks(language)  # a bot: it learns nothing, nothing is kept
        if fill.problem == "too-fast":
            return problem(request, 400, _("That was quicker than a person can fill the form. Please try again."))
        if fill.problem == "expired":
            return problem(request, 400, _("The form was open too long. Please reload the page and send it again."))
        form_class = FORMS.get(request.POST.get("kind", ""))
        if form_class is None:
            return problem(request, 400, _("Unknown form."))
        form = form_class(request.POST, request.FILES)
        if not form.is_valid():
            return problem(request, 400, _("Please go back and correct the form:"), form.errors)
        return thanks(language, save(form, token))


def save(form: object, token: str) -> str:
    """Stores the suggestion; the same form sent twice (a double tap) keeps the first one's reference."""
    digest = hashlib.sha256(token.encode()).hexdigest() if token else ""
    if digest and (earlier := Suggestion.objects.filter(form_token=digest).first()):
        return earlier.reference
    suggestion = form.suggestion()  # type: ignore[attr-defined]
    suggestion.form_token = digest
    for _attempt in range(5):
        suggestion.reference = new_reference()
        try:
            with transaction.atomic():
                suggestion.save()
            return suggestion.reference
        except IntegrityError:
            if digest and (earlier := Suggestion.objects.filter(form_token=digest).first()):
                return earlier.reference
    raise RuntimeError("no free suggestion reference after 5 tries")
