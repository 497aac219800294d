from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "cms.editorial"
    label = "editorial"
    verbose_name = _("Editorial workflow")

    def ready(self) -> None:
        from wagtail.models import Page
        from wagtail.permissions import register_permission_policy

        from cms.editorial import moderation, signals  # noqa: F401 - they register hooks and signal handlers
        from cms.editorial.drafts import DraftPrivatePagePolicy

        register_permission_policy(Page, DraftPrivatePagePolicy(Page))

        post_migrate.connect(_complete_roles, sender=self)


def _complete_roles(sender: AppConfig, apps: Any = None, **kwargs: Any) -> None:
    """After every migrate, give the roles the permissions that apps created after the data migration."""
    from django.apps import apps as live_apps

    from cms.editorial.roles import apply_roles

    apply_roles(live_apps)
