from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

USERNAME, PASSWORD = "admin", "wistakon-demo"  # noqa: S105 - a documented demo login, never for production


class Command(BaseCommand):
    help = "Create (or reset) the demo superuser admin / wistakon-demo."

    def handle(self, *args: Any, **options: Any) -> None:
        user, created = get_user_model().objects.get_or_create(username=USERNAME,
                                                               defaults={"email": "admin@localhost"})  # fmt: skip
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(PASSWORD)
        user.save()
        self.stdout.write(f"{'Created' if created else 'Reset'} the demo admin.")
        self.stdout.write(f"username: {USERNAME}")
        self.stdout.write(f"password: {PASSWORD}")
