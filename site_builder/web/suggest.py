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

PROBLEMS = ("hours", "price", "location", "closed", "text", "other")


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
