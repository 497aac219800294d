"""Everything that appears on the site asks for a build when it is published, unpublished or removed.

Pages and promotions have drafts, so their publish signals count; categories and hotspots have none,
so saving or deleting one is its publish. The build is queued after the transaction commits, with the
item that changed (its snapshot section and uid, the same in both languages), so that only its folder
is exported.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, published, unpublished

from cms.agenda.models import EventPage
from cms.attractions.models import AttractionPage
from cms.core.models import Category
from cms.core.snapshot.sections import CODECS
from cms.hotspots.models import Hotspot
from cms.promotions.models import Promotion
from cms.publishing.tasks import request_build

SITE_PAGES = (AttractionPage, EventPage)
SECTION_OF = {codec.model: codec.section for codec in CODECS}


def _queue(action: str, instance: Any) -> None:
    if not settings.WISTAKON_AUTO_BUILD:
        return
    reason = f"{action} {instance._meta.verbose_name} '{instance}'"
    section = SECTION_OF.get(type(instance))  # anything else: the run exports the whole snapshot
    item = {"section": section, "uid": str(instance.translation_key), "action": action} if section else None
    transaction.on_commit(lambda: request_build(reason, item))


@receiver(page_published)
def page_was_published(sender: type, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, SITE_PAGES):
        _queue("published", instance)


@receiver(page_unpublished)
def page_was_unpublished(sender: type, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, SITE_PAGES):
        _queue("unpublished", instance)


@receiver(published, sender=Promotion)
def promotion_was_published(sender: type, instance: Promotion, **kwargs: Any) -> None:
    _queue("published", instance)


@receiver(unpublished, sender=Promotion)
def promotion_was_unpublished(sender: type, instance: Promotion, **kwargs: Any) -> None:
    _queue("unpublished", instance)


@receiver(post_delete, sender=Promotion)
def promotion_was_deleted(sender: type, instance: Promotion, **kwargs: Any) -> None:
    if instance.live:
        _queue("deleted", instance)


@receiver(post_save, sender=Category)
@receiver(post_save, sender=Hotspot)
def item_was_saved(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        _queue("saved", instance)


@receiver(post_delete, sender=Category)
@receiver(post_delete, sender=Hotspot)
def item_was_deleted(sender: type, instance: Any, **kwargs: Any) -> None:
    _queue("deleted", instance)
