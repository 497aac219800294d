"""Tests: fast password hashing, media in var/, nothing sent anywhere."""

import os
from pathlib import Path

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "test-media"))
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WISTAKON_AUTO_BUILD = False  # tests that build turn it on, with a temporary content/ and dist/
