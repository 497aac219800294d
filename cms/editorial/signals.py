"""A new attraction or agenda list gets the contributors' permissions and the workflow at once."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db.models.signals import post_save
from django.dispatch import receiver

from cms.agenda.models import AgendaIndexPage
from cms.attractions.models import AttractionIndexPage
from cms.editorial.roles import attach_index_pages


@receiver(post_save, sender=AttractionIndexPage)
@receiver(post_save, sender=AgendaIndexPage)
def index_page_created(sender: type, instance: Any, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if created and not raw:
        attach_index_pages(apps)
