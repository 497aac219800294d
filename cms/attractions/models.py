"""Attractions: places to visit and dishes to taste, with hours, prices and images."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.attractions.forms import AttractionPageForm
from cms.core.fields import ChoiceListField, LineListField, MarkdownTextarea
from cms.core.location import Located, location_errors, location_panels, raise_errors
from cms.core.models import ContentPage, ImageRow
from cms.editorial.guide import writing_guide_panel
from cms.editorial.writing import WritingScorePanel


class AttractionIndexPage(Page):
    parent_page_types = ["core.HomePage"]
    subpage_types = ["attractions.AttractionPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("attraction list")


class AttractionTag(TaggedItemBase):
    content_object = ParentalKey("attractions.AttractionPage", on_delete=models.CASCADE,
                                 related_name="tagged_items")  # fmt: skip


class Facility(models.TextChoices):
    PARKING = "parking", _("parking")
    TOILET = "toilet", _("toilet")
    PRAYER_ROOM = "prayer-room", _("prayer room")
    FOOD = "food", _("food")
    SOUVENIR = "souvenir", _("souvenirs")
    GUIDE = "guide", _("guide")
    WHEELCHAIR = "wheelchair", _("wheelchair access")
    WIFI = "wifi", _("WiFi")
    SHADE = "shade", _("shade")
    LOCKERS = "lockers", _("lockers")


class AttractionPage(Located, ContentPage):
    class Kind(models.TextChoices):
        PLACE = "place", _("place to visit")
        DISH = "dish", _("dish sold across the city")

    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices, default=Kind.PLACE)
    category = models.ForeignKey("core.Category", on_delete=models.PROTECT, related_name="+", verbose_name=_(
        "category"), help_text=_("The theme visitors browse by; it must apply to attractions."))  # fmt: skip
    tags = ClusterTaggableManager(through=AttractionTag, blank=True)
    highlight = models.BooleanField(_("highlight on the home page"), default=False)
    hours_note = models.TextField(_("note on opening hours"), max_length=2000, blank=True, help_text=_(
        "Exceptions, e.g. closed on Friday at midday prayers, open later in Ramadan."))  # fmt: skip
    prices_note = models.TextField(_("note on prices"), max_length=2000, blank=True, help_text=_(
        "What the price includes (guide, parking) and how to pay."))  # fmt: skip
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)
    facilities = ChoiceListField(_("facilities"), item_choices=Facility.choices)
    accessibility = models.TextField(_("accessibility"), max_length=2000, blank=True,
                                     help_text=_("Steps, ramps and paths."))  # fmt: skip
    sources = LineListField(_("sources"), help_text=_("Where the facts come from, one per line."))

    content_panels = [
        writing_guide_panel(),
        WritingScorePanel("attraction"),
        *Page.content_panels,
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("category"), FieldPanel("highlight")]),
        FieldPanel("tags"),
        FieldPanel("body", widget=MarkdownTextarea),
        location_panels(),
        MultiFieldPanel([FieldPanel("hours_shortcut"), InlinePanel("hours", label=_("day")), FieldPanel("hours_note")],
                        heading=_("Opening hours")),
        MultiFieldPanel([InlinePanel("prices", label=_("price")), FieldPanel("prices_note")], heading=_("Prices")),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email"), FieldPanel("website")], heading=_("Contact")),
        FieldPanel("facilities"),
        FieldPanel("accessibility"),
        InlinePanel("images", label=_("image")),
        FieldPanel("sources"),
    ]  # fmt: skip
    search_fields = [*ContentPage.search_fields, index.SearchField("address"), index.FilterField("kind")]

    base_form_class = AttractionPageForm
    parent_page_types = ["attractions.AttractionIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("attraction")

    def clean(self) -> None:
        super().clean()
        errors = location_errors(self, required=self.kind == self.Kind.PLACE)
        if self.kind == self.Kind.PLACE and self.latitude is None:
            errors["latitude"] = _("A place needs its location; only a dish may have none.")
        raise_errors(errors)


class Weekday(models.TextChoices):
    MON = "mon", _("Monday")
    TUE = "tue", _("Tuesday")
    WED = "wed", _("Wednesday")
    THU = "thu", _("Thursday")
    FRI = "fri", _("Friday")
    SAT = "sat", _("Saturday")
    SUN = "sun", _("Sunday")


class OpeningHours(Orderable):
    """One weekday's hours; times are local (WIB), so no time zone sneaks in."""

    page = ParentalKey(AttractionPage, on_delete=models.CASCADE, related_name="hours")
    day = models.CharField(_("day"), max_length=3, choices=Weekday.choices)
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    closed = models.BooleanField(_("closed all day"), default=False)
    open_24h = models.BooleanField(_("open 24 hours"), default=False)

    panels = [FieldRowPanel([FieldPanel("day"), FieldPanel("opens"), FieldPanel("closes"),
                             FieldPanel("closed"), FieldPanel("open_24h")])]  # fmt: skip

    class Meta(Orderable.Meta):
        verbose_name = _("opening hours")

    def clean(self) -> None:
        kinds = [self.opens is not None or self.closes is not None, self.closed, self.open_24h]
        if sum(kinds) != 1:
            raise ValidationError(_("Give either opening and closing times, or 'closed', or 'open 24 hours'."))
        if kinds[0] and (self.opens is None or self.closes is None):
            raise ValidationError({"closes": _("Give both the opening and the closing time.")})
        if kinds[0] and self.closes <= self.opens:
            raise ValidationError({"closes": _("The closing time must be after the opening time.")})


class TicketPrice(Orderable):
    class Visitor(models.TextChoices):
        UMUM = "umum", _("everyone")
        DEWASA = "dewasa", _("adults")
        ANAK = "anak", _("children")
        PELAJAR = "pelajar", _("students")
        MANCANEGARA = "mancanegara", _("foreign visitors")
        LANSIA = "lansia", _("seniors")
        ROMBONGAN = "rombongan", _("groups")

    page = ParentalKey(AttractionPage, on_delete=models.CASCADE, related_name="prices")
    visitor = models.CharField(_("visitor"), max_length=12, choices=Visitor.choices)
    amount = models.BigIntegerField(_("amount (IDR)"), validators=[MaxValueValidator(100_000_000)])

    panels = [FieldRowPanel([FieldPanel("visitor"), FieldPanel("amount")])]

    class Meta(Orderable.Meta):
        verbose_name = _("ticket price")

    def clean(self) -> None:
        if self.amount is not None and self.amount < 0:
            raise ValidationError({"amount": _("A price cannot be negative; use 0 for free entry.")})


class AttractionImage(ImageRow):
    page = ParentalKey(AttractionPage, on_delete=models.CASCADE, related_name="images")
