"""Headless preview: Wagtail's preview panel frames the builder's preview server, which asks us for the draft.

Pressing Preview stores the form's unsaved state under a signed token (wagtail-headless-preview's
PagePreview). The preview server calls /preview-api/?content_type=…&token=… and gets that one draft
as the content bundle `export` would write for it; a bad, unknown or expired token gets a bare 403.
"""

from __future__ import annotations

import base64
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.signing import BadSignature
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Page
from wagtail_headless_preview.models import HeadlessPreviewMixin, PagePreview

from cms.core.snapshot.codec import PageCodec
from cms.core.snapshot.export import item_files
from cms.core.snapshot.sections import CODECS, ORIGINAL, TRANSLATION
from site_builder.snapshot.frontmatter import dump


def _codec_for(model: type) -> PageCodec | None:
    return next((codec for codec in CODECS if codec.model is model and isinstance(codec, PageCodec)), None)


def draft_from_token(content_type: str, token: str) -> Page | None:
    """The draft stored for this token and content type, or None for anything not exactly right."""
    app_label, _, model_name = content_type.partition(".")
    try:
        kind = ContentType.objects.get_by_natural_key(app_label, model_name)
    except ContentType.DoesNotExist:
        return None
    model = kind.model_class()
    if model is None or not issubclass(model, HeadlessPreviewMixin) or _codec_for(model) is None:
        return None
    try:
        model.get_preview_signer().unsign(token, max_age=settings.WISTAKON_PREVIEW_TOKEN_MAX_AGE)
    except BadSignature:  # also SignatureExpired
        return None
    record = PagePreview.objects.filter(content_type=kind, token=token).first()
    return record.as_page() if record is not None else None


def draft_bundle(draft: Page) -> dict[str, Any]:
    """The draft as the site builder reads it: its section, folder, uid, language and files."""
    codec = _codec_for(type(draft))
    assert codec is not None
    model = codec.model
    lang = draft.locale.language_code
    if lang == ORIGINAL:
        original, translation = draft, None
        files = item_files(codec, draft, Locale.objects.filter(language_code=TRANSLATION).first())
    else:
        original = _published_or_latest(model.objects.filter(translation_key=draft.translation_key,
                                                             locale__language_code=ORIGINAL).first())  # fmt: skip
        if original is None:
            raise LookupError("a translation without its original")
        translation = draft
        files = item_files(codec, original, None)
        text = dump(codec.translation_meta(translation, original), translation.body)
        files[f"index.{TRANSLATION}.md"] = text.encode()
    live_original = model.objects.filter(translation_key=draft.translation_key, locale__language_code=ORIGINAL,
                                         live=True).first()  # fmt: skip
    # The published item's folder, so the draft replaces it rather than appearing beside it.
    folder = live_original.slug if live_original is not None else original.slug
    return {
        "section": codec.section,
        "folder": folder,
        "uid": str(draft.translation_key),
        "lang": lang,
        "files": {name: data.decode() for name, data in files.items() if name.endswith(".md")},
        "images": {name: base64.b64encode(data).decode() for name, data in files.items() if not name.endswith(".md")},
    }


def _published_or_latest(page: Page | None) -> Page | None:
    """The live original as the site shows it; a never-published one as its latest revision."""
    if page is None or page.live:
        return page
    return page.get_latest_revision_as_object()


@never_cache
@require_GET
def preview_api(request: HttpRequest) -> HttpResponse:
    content_type, token = request.GET.get("content_type", ""), request.GET.get("token", "")
    draft = draft_from_token(content_type, token) if content_type and token else None
    if draft is None:
        return HttpResponseForbidden()
    try:
        bundle = draft_bundle(draft)
    except LookupError:
        return HttpResponseForbidden()
    return JsonResponse(bundle)
