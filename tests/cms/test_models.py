"""clean() turns nonsense away, in the editor's language."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from cms.agenda.models import EventPage, Occurrence
from cms.attractions.models import AttractionPage, OpeningHours, TicketPrice
from cms.core.snapshot.text import JAKARTA
from cms.hotspots.models import Hotspot
from cms.promotions.models import Promotion

pytestmark = pytest.mark.django_db


def messages(error: pytest.ExceptionInfo[ValidationError]) -> str:
    return " ".join(error.value.messages)


def at(hour: int, day: int = 24) -> timezone.datetime:
    return timezone.datetime(2026, 8, day, hour, 0, tzinfo=JAKARTA)


def test_occurrence_ending_before_it_starts_is_rejected_in_indonesian() -> None:
    with translation.override("id"):
        with pytest.raises(ValidationError) as error:
            Occurrence(key="2026", start=at(20), end=at(18)).clean()
        assert "harus setelah" in messages(error)


def test_occurrence_with_a_timed_and_an_all_day_start_is_rejected() -> None:
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            Occurrence(key="2026", start=at(20), start_date=date(2026, 8, 24)).clean()
        assert "not both" in messages(error)


def test_all_day_occurrence_whose_last_day_is_before_the_first_is_rejected() -> None:
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            Occurrence(key="2026", start_date=date(2026, 8, 24), end_date=date(2026, 8, 23)).clean()
        assert "last day" in messages(error)


def test_single_day_all_day_occurrence_is_accepted() -> None:
    Occurrence(key="2026", start_date=date(2026, 8, 24), end_date=date(2026, 8, 24)).clean()


def test_opening_hours_closing_before_opening_are_rejected() -> None:
    with translation.override("id"):
        with pytest.raises(ValidationError) as error:
            OpeningHours(day="mon", opens=time(17), closes=time(8)).clean()
        assert "Jam tutup" in messages(error)


def test_opening_hours_that_are_both_closed_and_timed_are_rejected() -> None:
    with pytest.raises(ValidationError):
        OpeningHours(day="mon", opens=time(8), closes=time(17), closed=True).clean()


def test_negative_ticket_price_is_rejected() -> None:
    with translation.override("id"):
        with pytest.raises(ValidationError) as error:
            TicketPrice(visitor="umum", amount=-1).clean()
        assert "negatif" in messages(error)


@pytest.mark.parametrize(("latitude", "longitude", "field"), [(-91.0, 108.5, "latitude"), (-6.7, 181.0, "longitude")])
def test_coordinates_out_of_range_are_rejected(latitude: float, longitude: float, field: str) -> None:
    hotspot = Hotspot(latitude=latitude, longitude=longitude, confidence="high")
    with pytest.raises(ValidationError) as error:
        hotspot.clean()
    assert field in error.value.message_dict


def test_place_without_a_location_is_rejected_but_a_dish_is_not() -> None:
    with pytest.raises(ValidationError) as error:
        AttractionPage(kind="place", title="Keraton", slug="keraton").clean()
    assert "latitude" in error.value.message_dict
    AttractionPage(kind="dish", title="Empal Gentong", slug="empal-gentong").clean()


def test_promotion_ending_before_it_starts_is_rejected_in_indonesian() -> None:
    promotion = Promotion(valid_from=date(2026, 12, 1), valid_until=date(2026, 11, 1))
    with translation.override("id"):
        with pytest.raises(ValidationError) as error:
            promotion.clean()
        assert "sebelum" in error.value.message_dict["valid_until"][0]


def test_event_rule_that_breaks_the_schema_is_rejected_with_the_reason() -> None:
    event = EventPage(title="Panjang Jimat", slug="panjang-jimat", rule={"calendar": "javanese-aboge", "month": 13})
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "month" in error.value.message_dict["rule"][0]


def test_event_rule_with_an_unknown_calendar_is_rejected() -> None:
    event = EventPage(title="Panjang Jimat", slug="panjang-jimat", rule={"calendar": "mayan"})
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "rule" in error.value.message_dict


def test_event_with_duplicate_occurrence_keys_is_rejected() -> None:
    event = EventPage(title="Panjang Jimat", slug="panjang-jimat", rule={"calendar": "organiser"})
    event.occurrences = [Occurrence(key="2026", start_date=date(2026, 8, 24)),
                         Occurrence(key="2026", start_date=date(2026, 9, 24))]  # fmt: skip
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            event.clean()
        assert "2026" in messages(error)


def test_event_with_a_valid_rule_and_distinct_keys_is_accepted() -> None:
    event = EventPage(title="Panjang Jimat", slug="panjang-jimat",
                      rule={"calendar": "javanese-aboge", "month": 3, "day": 12, "start_time": "20:00"})  # fmt: skip
    event.occurrences = [Occurrence(key="2026", start_date=date(2026, 8, 24))]
    event.clean()
