from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from cms.editorial.roles import WORKFLOW, apply_roles, attach_index_pages


class Command(BaseCommand):
    help = "Create or complete the editorial groups, their permissions and the moderation workflow."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        groups = apply_roles(apps)
        pages = attach_index_pages(apps)
        for name, group in groups.items():
            self.stdout.write(f"{name}: {group.permissions.count()} permissions, {group.user_set.count()} members")
        self.stdout.write(f"workflow '{WORKFLOW}' on {pages} index page(s) and on promotions")
