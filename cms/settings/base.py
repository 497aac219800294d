"""Settings shared by every environment. Environment-specific files override them."""

import os
from pathlib import Path

import dj_database_url

from site_builder.snapshot.images import MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS

BASE_DIR = Path(__file__).resolve().parents[2]  # the repository root
VAR_DIR = BASE_DIR / "var"
VAR_DIR.mkdir(exist_ok=True)

INSTALLED_APPS = [
    "cms.core",
    "cms.attractions",
    "cms.agenda",
    "cms.hotspots",
    "cms.promotions",
    "cms.publishing",
    "cms.editorial",
    "cms.suggestions",
    "django_ratelimit",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "wagtail_headless_preview",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "cms.editorial.middleware.DraftPrivacyMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'wistakon.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The CMS and the build worker write at once: take the write lock up front and wait for it.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Indonesian first (the original of every item), English as the translation.
LANGUAGE_CODE = "id"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# Project messages first; then Wagtail's own id_ID admin messages merged as id (see cms/locale_wagtail/README.md).
LOCALE_PATHS = [BASE_DIR / "cms" / "locale", BASE_DIR / "cms" / "locale_wagtail"]
USE_I18N = True
TIME_ZONE = "Asia/Jakarta"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
# The site's vendored Leaflet, for the admin's map picker (cms/core/map_picker.py): one copy in the repo.
STATICFILES_DIRS = [("vendor/leaflet", BASE_DIR / "themes" / "default" / "static" / "vendor" / "leaflet")]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Page editors with many inline rows (hours, prices, occurrences) exceed Django's default.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Wistakon"
# Links in the workflow emails; the dev/demo server runs where the README says to open it.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
# The limits content files have too (site_builder/snapshot/images.py), and its check on every upload.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = MAX_IMAGE_BYTES
WAGTAILIMAGES_MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.core.images.ImageForm"
WAGTAILDOCS_EXTENSIONS = ["pdf"]
WAGTAIL_MODERATION_ENABLED = True

# Wagtail's own small tasks run inline; site builds queue in the database for `wistakon worker`.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "publishing": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

# The content snapshot this CMS exports to and imports from.
WISTAKON_CONTENT_DIR = Path(os.environ.get("WISTAKON_CONTENT_DIR", BASE_DIR / "content"))
# Publishing: each publish rebuilds the live site (a symlink to the newest release) from that snapshot.
WISTAKON_DIST_DIR = Path(os.environ.get("WISTAKON_DIST_DIR", BASE_DIR / "dist"))
# The built site's address (links, feeds, API); unset: content/manifest.yaml's. `wistakon demo` sets its own.
WISTAKON_BASE_URL = os.environ.get("WISTAKON_BASE_URL") or None
WISTAKON_BUILD_CACHE = BASE_DIR / ".cache" / "markdown"
WISTAKON_TILES = os.environ.get("WISTAKON_TILES") or None  # the map's tile server; default OpenStreetMap's
WISTAKON_AUTO_BUILD = os.environ.get("WISTAKON_AUTO_BUILD", "1") != "0"

# Preview: Wagtail's preview panel frames the builder's preview server, which reads /preview-api/.
WISTAKON_PREVIEW_URL = os.environ.get("WISTAKON_PREVIEW_URL", "http://127.0.0.1:8020/")
WAGTAIL_HEADLESS_PREVIEW = {"CLIENT_URLS": {"default": WISTAKON_PREVIEW_URL}}
WISTAKON_PREVIEW_TOKEN_MAX_AGE = 60 * 60  # seconds; pressing Preview again makes a new token

# Public suggestions (cms/suggestions/): the static site's forms post here; see docs/SUGGESTIONS.md.
# The CMS's public address the forms post to; empty: the build leaves the forms out.
WISTAKON_CMS_URL = os.environ.get("WISTAKON_CMS_URL", "")
WISTAKON_SITE_URL = os.environ.get("WISTAKON_SITE_URL", "http://127.0.0.1:8080")  # thank-you pages, Origin check
WISTAKON_SUGGESTION_MIN_SECONDS = 4  # a person needs longer than this to fill a form
WISTAKON_SUGGESTION_TOKEN_MAX_AGE = 60 * 60 * 12  # seconds a form's signed start time stays valid
WISTAKON_SUGGESTION_CONTACT_DAYS = int(os.environ.get("WISTAKON_SUGGESTION_CONTACT_DAYS", 90))
WISTAKON_SUGGESTION_RATES = {"ip": "10/h", "untimed_ip": "3/h", "all": "300/h"}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ratelimit"},
}
RATELIMIT_USE_CACHE = "ratelimit"
# No memcached/Redis in this deployment: the counts are per process, so gunicorn's N workers allow N× the
# rates above (documented in docs/SUGGESTIONS.md); django-ratelimit's check refuses a per-process cache.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
# The map picker's tiles, loaded only when an editor presses "Show map": the site's tile server unless set apart.
WISTAKON_MAP_TILES = (os.environ.get("WISTAKON_MAP_TILES") or WISTAKON_TILES
                      or "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
