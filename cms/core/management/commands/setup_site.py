from typing import Any

from django.core.management.base import BaseCommand

from cms.core.snapshot.site import ensure_site


class Command(BaseCommand):
    help = "Create the locales (id, en), a home page per language, the index pages and the Wagtail site."

    def handle(self, *args: Any, **options: Any) -> None:
        ensure_site(say=self.stdout.write)
        self.stdout.write(self.style.SUCCESS("The site is set up."))
