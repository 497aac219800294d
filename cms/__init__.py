"""Wistakon CMS: the Wagtail admin where editors keep the content, and its export to content/."""
