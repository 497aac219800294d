from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from site_builder.calendars import hijri

# calendar_facts.hijri_indonesia_observed in tests/fixtures/facts/agenda.json (Kemenag / national decisions).
HIJRI_INDONESIA_OBSERVED = [
    ((1446, 1, 1), date(2024, 7, 7)),
    ((1446, 3, 12), date(2024, 9, 16)),
    ((1446, 10, 1), date(2025, 3, 31)),
    ((1446, 12, 10), date(2025, 6, 6)),
    ((1447, 1, 1), date(2025, 6, 27)),
    ((1447, 3, 12), date(2025, 9, 5)),
    ((1447, 9, 1), date(2026, 2, 19)),
    ((1447, 10, 1), date(2026, 3, 21)),
    ((1447, 12, 10), date(2026, 5, 27)),
    ((1448, 1, 1), date(2026, 6, 16)),
    ((1448, 3, 12), date(2026, 8, 25)),  # national holiday decree
]

# Government dates quoted beside keraton dates in the events of agenda.json (pre-2022: the older
# MABIMS criterion applied).
GOVERNMENT_DATES_IN_EVENT_FACTS = [
    ((1439, 3, 5), date(2017, 11, 24)),  # siraman-panjang: "govt 5 RA was 24 Nov"
    ((1441, 3, 5), date(2019, 11, 2)),  # siraman-panjang: "govt 5 RA was 2 Nov"
    ((1440, 3, 12), date(2018, 11, 20)),  # panjang-jimat: "national Maulid was Tue 20 Nov"
    ((1441, 3, 12), date(2019, 11, 9)),  # panjang-jimat 2019: "Sat 9 Nov (= national Maulid)"
]

ORACLES = HIJRI_INDONESIA_OBSERVED + GOVERNMENT_DATES_IN_EVENT_FACTS


@pytest.mark.parametrize(("hijri_date", "observed"), ORACLES, ids=[str(observed) for _, observed in ORACLES])
def test_to_gregorian_gives_the_date_indonesia_observed(hijri_date, observed):
    assert hijri.to_gregorian(*hijri_date) == observed


@pytest.mark.parametrize(("hijri_date", "observed"), ORACLES, ids=[str(observed) for _, observed in ORACLES])
def test_from_gregorian_reads_the_observed_date_back(hijri_date, observed):
    assert hijri.from_gregorian(observed) == hijri_date


def test_ramadan_1447_completes_30_days_because_the_crescent_of_19_march_2026_was_below_criterion():
    # 29 Ramadan = 19 Mar 2026: elongation about 6.1° even in Aceh, so istikmal; 1 Syawal = 21 Mar.
    assert hijri.to_gregorian(1447, 9, 29) == date(2026, 3, 19)
    assert hijri.month_length(1447, 9) == 30


def test_dates_carry_indonesian_month_names():
    assert [hijri.from_gregorian(observed).month_name for _, observed in HIJRI_INDONESIA_OBSERVED[:4]] == [
        "Muharram",
        "Rabiul Awal",
        "Syawal",
        "Zulhijah",
    ]
    assert str(hijri.from_gregorian(date(2026, 3, 21))) == "1 Syawal 1447 H"
    assert hijri.MONTH_NAMES == (
        "Muharram",
        "Safar",
        "Rabiul Awal",
        "Rabiul Akhir",
        "Jumadil Awal",
        "Jumadil Akhir",
        "Rajab",
        "Syakban",
        "Ramadan",
        "Syawal",
        "Zulkaidah",
        "Zulhijah",
    )


def test_month_lengths_are_29_or_30_for_a_century():
    lengths = {hijri.month_length(year, month) for year in range(1400, 1500) for month in range(1, 13)}
    assert lengths == {29, 30}


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)))
def test_from_gregorian_then_to_gregorian_returns_the_same_day(day):
    assert hijri.to_gregorian(*hijri.from_gregorian(day)) == day


@given(st.integers(1370, 1520), st.integers(1, 12), st.integers(1, 29))
def test_to_gregorian_then_from_gregorian_returns_the_same_hijri_date(year, month, day):
    assert hijri.from_gregorian(hijri.to_gregorian(year, month, day)) == (year, month, day)


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 30)))
def test_consecutive_days_advance_by_one_hijri_day(day):
    today, tomorrow = hijri.from_gregorian(day), hijri.from_gregorian(day + timedelta(days=1))
    if tomorrow.day == 1:
        assert today.day in (29, 30)
        assert (tomorrow.year * 12 + tomorrow.month) - (today.year * 12 + today.month) == 1
    else:
        assert tomorrow == (today.year, today.month, today.day + 1)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((1447, 13, 1), "month must be 1..12"),
        ((1447, 1, 31), "day must be 1..30"),
        ((1447, 1, 0), "day must be 1..30"),
        ((1445, 9, 30), "Ramadan 1445 H has 29 days"),
        ((1200, 1, 1), "outside the supported"),
    ],
)
def test_to_gregorian_rejects_dates_that_do_not_exist(args, message):
    with pytest.raises(ValueError, match=message):
        hijri.to_gregorian(*args)


def test_day_30_exists_only_in_a_30_day_month():
    assert hijri.to_gregorian(1447, 9, 30) == date(2026, 3, 20)
    assert hijri.month_length(1445, 9) == 29


def test_from_gregorian_rejects_dates_outside_the_supported_years():
    with pytest.raises(ValueError, match="outside the supported"):
        hijri.from_gregorian(date(1800, 1, 1))


def test_crescent_quantities_match_the_figures_kemenag_published_for_29_ramadan_1445():
    # Kemenag's hisab seminar, 9 Apr 2024: at Sabang, altitude 7°37'50" and elongation 10°12'56".
    crescent = hijri.crescent_at_sunset(date(2024, 4, 9), "Sabang")
    assert crescent.altitude == pytest.approx(7 + 37 / 60 + 50 / 3600, abs=0.02)
    assert crescent.elongation == pytest.approx(10 + 12 / 60 + 56 / 3600, abs=0.02)


def test_the_crescent_of_29_ramadan_1446_was_below_the_horizon_everywhere():
    # calendar_facts: 1 Syawal 1446 = 31 Mar 2025, so 29 Ramadan (29 Mar 2025) failed the criterion.
    for place, _latitude, _longitude in hijri.REFERENCE_POINTS:
        assert hijri.crescent_at_sunset(date(2025, 3, 29), place).altitude < 0
