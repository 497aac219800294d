"""Settings split as base, dev, test and production; choose with DJANGO_SETTINGS_MODULE."""
