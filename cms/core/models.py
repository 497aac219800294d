"""What every content area shares: the home page, the item text, image rows and categories."""

from __future__ import annotations

from datetime import datetime

from django.core.validators import MaxValueValidator, MinLengthValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, TitleFieldPanel
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_headless_preview.models import HeadlessPreviewMixin

from cms.core.fields import ChoiceListField, MarkdownTextarea, markdown_field
from cms.core.forms import ContentPageForm, ContentSnippetForm
from cms.core.plain_text import check_plain_text

SLUG_VALIDATOR = RegexValidator(r"^(?![0-9]+$)[a-z0-9]+(?:-[a-z0-9]+)*$", _(
    "Use lowercase letters, digits and single hyphens, not only digits."))  # fmt: skip


def now_in_seconds() -> datetime:
    """Default of `updated`: now, to the second, as the snapshot writes it."""
    return timezone.now().replace(microsecond=0)


class HomePage(Page):
    """The root of the site in one language; the index pages hang below it."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["attractions.AttractionIndexPage", "agenda.AgendaIndexPage"]

    class Meta:
        verbose_name = _("home page")


class ContentPage(HeadlessPreviewMixin, Page):
    """An attraction or event: summary, Markdown body and the time it last changed.

    Previewed by the builder's preview server with the real theme (cms/core/preview.py); the
    site itself is static, so only the preview half of wagtail-headless-preview is used.
    """

    summary = models.CharField(_("summary"), max_length=320, validators=[MinLengthValidator(10)],
                               help_text=_("One or two sentences of plain text."))  # fmt: skip
    body = markdown_field()
    updated = models.DateTimeField(_("last changed"), default=now_in_seconds)

    base_form_class = ContentPageForm
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]

    class Meta:
        abstract = True


class ItemText(models.Model):
    """Title, slug, summary and change time of a snippet item (category, hotspot, promotion)."""

    title = models.CharField(_("title"), max_length=120, validators=[MinLengthValidator(2)])
    slug = models.SlugField(_("slug"), max_length=80, validators=[SLUG_VALIDATOR], allow_unicode=False)
    summary = models.CharField(_("summary"), max_length=320, validators=[MinLengthValidator(10)])
    body = markdown_field()
    updated = models.DateTimeField(_("last changed"), default=now_in_seconds)

    base_form_class = ContentSnippetForm
    text_panels = [TitleFieldPanel("title"), FieldPanel("slug"), FieldPanel("summary"),
                   FieldPanel("body", widget=MarkdownTextarea)]  # fmt: skip

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title


class ImageRow(Orderable):
    """One image of an item; the file name is the one it has in the content snapshot."""

    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+",
                              verbose_name=_("image"))  # fmt: skip
    file_name = models.CharField(
        _("file name"), max_length=100, blank=True,
        validators=[RegexValidator(r"^[a-z0-9][a-z0-9._-]*\.(jpg|jpeg|png|webp)$")],
        help_text=_("Name of the file in the content snapshot, e.g. cover.jpg. Empty: taken from the image."),
    )  # fmt: skip
    alt = models.CharField(_("alt text"), max_length=250, validators=[MinLengthValidator(3)],
                           help_text=_("What the image shows, for people who cannot see it."))  # fmt: skip
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    illustration = models.BooleanField(_("illustration"), default=False,
                                       help_text=_("A drawing, not a photo; pages label it."))  # fmt: skip
    focal_x = models.FloatField(_("focal point x"), null=True, blank=True,
                                validators=[MinValueValidator(0), MaxValueValidator(1)])  # fmt: skip
    focal_y = models.FloatField(_("focal point y"), null=True, blank=True,
                                validators=[MinValueValidator(0), MaxValueValidator(1)])  # fmt: skip

    panels = [
        FieldPanel("image"), FieldPanel("alt"),
        FieldRowPanel([FieldPanel("credit"), FieldPanel("illustration")]),
        FieldRowPanel([FieldPanel("file_name"), FieldPanel("focal_x"), FieldPanel("focal_y")]),
    ]  # fmt: skip

    class Meta(Orderable.Meta):
        abstract = True

    def clean(self) -> None:
        super().clean()
        check_plain_text(self)


class Category(TranslatableMixin, ItemText):
    """A theme that groups attractions and events (heritage, food, ceremonies …)."""

    class AppliesTo(models.TextChoices):
        ATTRACTION = "attraction", _("attractions")
        EVENT = "event", _("events")

    applies_to = ChoiceListField(_("applies to"), item_choices=AppliesTo.choices, blank=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0,
                                             validators=[MaxValueValidator(999)])  # fmt: skip

    panels = [*ItemText.text_panels, FieldPanel("applies_to"), FieldPanel("order")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["order", "title"]
        constraints = [models.UniqueConstraint(fields=["locale", "slug"], name="unique_category_slug")]
