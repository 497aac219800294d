"""Blanks the contact details (and the photo) of suggestions older than WISTAKON_SUGGESTION_CONTACT_DAYS."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from cms.suggestions.models import Suggestion


def erase_old_contacts(days: int) -> int:
    """Returns how many suggestions lost their contact details or photo."""
    cutoff = timezone.now() - timedelta(days=days)
    old = Suggestion.objects.filter(received__lt=cutoff).exclude(contact_name="", contact="", image="")
    count = 0
    for suggestion in old:
        if suggestion.image:
            suggestion.image.delete(save=False)
        suggestion.contact_name = suggestion.contact = ""
        suggestion.save(update_fields=["contact_name", "contact", "image"])
        count += 1
    return count


class Command(BaseCommand):
    help = "Erase the contact details and photos of suggestions received more than N days ago (run daily)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--days", type=int, default=None,
                            help="Default: the WISTAKON_SUGGESTION_CONTACT_DAYS setting.")  # fmt: skip

    def handle(self, *args: Any, days: int | None, **options: Any) -> None:
        days = settings.WISTAKON_SUGGESTION_CONTACT_DAYS if days is None else days
        count = erase_old_contacts(days)
        self.stdout.write(f"Erased the contact details of {count} suggestions older than {days} days.")
