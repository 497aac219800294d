from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from site_builder.calendars import chinese

# events[id=cap-go-meh].observed in tests/fixtures/facts/agenda.json: Kirab Budaya Cap Go Meh, Cirebon.
KIRAB_2016 = pytest.param(
    date(2016, 2, 21),
    marks=pytest.mark.xfail(
        strict=True,
        reason="Imlek 2016 was Mon 8 Feb, so Cap Go Meh was Mon 22 Feb; the kirab was held a day early, on Sunday",
    ),
    id="2016-02-21",
)
CAP_GO_MEH_OBSERVED = [KIRAB_2016, date(2018, 3, 2), date(2023, 2, 5), date(2025, 2, 12)]


def test_cap_go_meh_2016_was_monday_22_february():
    assert chinese.to_gregorian(2016, 1, 1) == date(2016, 2, 8)
    assert chinese.cap_go_meh(2016) == date(2016, 2, 22)


@pytest.mark.parametrize("observed", CAP_GO_MEH_OBSERVED, ids=str)
def test_cap_go_meh_is_the_15th_of_the_first_month(observed):
    assert chinese.cap_go_meh(observed.year) == observed
    assert chinese.to_gregorian(observed.year, 1, 15) == observed
    assert chinese.from_gregorian(observed) == (observed.year, 1, 15, False)


@given(st.integers(1901, 2098))
def test_cap_go_meh_is_imlek_plus_14_days(year):
    assert chinese.to_gregorian(year, 1, 1) + timedelta(days=14) == chinese.cap_go_meh(year)


def test_a_late_lunar_month_falls_in_the_next_gregorian_january():
    # The 12th month of lunar 2024 runs into Imlek 2025 (29 Jan), so its 15th is in January 2025.
    assert chinese.occurrences_in_year(12, 15, 2025) == [chinese.to_gregorian(2024, 12, 15)]
    assert chinese.occurrences_in_year(12, 15, 2025)[0].year == 2025
    assert chinese.occurrences_in_year(1, 15, 2025) == [date(2025, 2, 12)]


@given(st.integers(1901, 2098), st.integers(1, 12), st.integers(1, 29))
def test_to_gregorian_then_from_gregorian_returns_the_same_lunar_date(year, month, day):
    assert chinese.from_gregorian(chinese.to_gregorian(year, month, day)) == (year, month, day, False)


@given(st.integers(1901, 2098), st.integers(1, 12))
def test_months_have_29_or_30_days(year, month):
    assert chinese.month_length(year, month) in (29, 30)


def test_day_30_of_a_29_day_month_is_refused():
    year, month = next((y, m) for y in range(2020, 2030) for m in range(1, 13) if chinese.month_length(y, m) == 29)
    with pytest.raises(ValueError, match="has 29 days"):
        chinese.to_gregorian(year, month, 30)


def test_years_outside_the_tables_are_refused():
    with pytest.raises(ValueError, match="outside the supported 1900..2098"):
        chinese.to_gregorian(2100, 1, 1)
