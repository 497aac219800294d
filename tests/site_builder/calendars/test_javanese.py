from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from site_builder.calendars import javanese

# calendar_facts.javanese_observed in tests/fixtures/facts/agenda.json.
JAVANESE_OBSERVED = [
    ((1949, 10, 1), "asapon", date(2016, 7, 7)),  # 1 Sawal 1949, Asapon, Yogyakarta
    ((1956, 10, 1), "asapon", date(2023, 4, 22)),  # 1 Sawal 1956 Ehe, Asapon
    ((1956, 10, 1), "aboge", date(2023, 4, 23)),  # 1 Sawal 1956, Aboge community
    ((1954, 1, 1), "aboge", date(2020, 8, 21)),  # 1 Suro 1954 Jimakir, Aboge, Keraton Kanoman, Jumat Wage
]

SUPPORTED_DAYS = st.dates(min_value=date(1936, 3, 25), max_value=date(2052, 6, 30))


@pytest.mark.parametrize(("javanese_date", "variant", "observed"), JAVANESE_OBSERVED)
def test_to_gregorian_gives_the_observed_date(javanese_date, variant, observed):
    assert javanese.to_gregorian(*javanese_date, variant) == observed


@pytest.mark.parametrize(("javanese_date", "variant", "observed"), JAVANESE_OBSERVED)
def test_from_gregorian_reads_the_observed_date_back(javanese_date, variant, observed):
    assert javanese.from_gregorian(observed, variant) == javanese_date


def test_kanoman_1_suro_1954_is_jumat_wage_in_a_jimakir_year():
    day = javanese.to_gregorian(1954, 1, 1, "aboge")
    assert (day.strftime("%A"), javanese.pasaran(day)) == ("Friday", "Wage")
    assert str(javanese.from_gregorian(day, "aboge")) == "1 Suro 1954 Jimakir"


def test_windu_year_names_follow_the_facts():
    assert [javanese.year_name(year) for year in (1949, 1954, 1956)] == ["Jimawal", "Jimakir", "Ehe"]
    assert [javanese.year_name(year) for year in range(1867, 1875)] == list(javanese.YEAR_NAMES)


def test_ehe_dal_and_jimakir_are_the_355_day_years():
    lengths = {
        javanese.year_name(year): sum(javanese.month_length(year, month) for month in range(1, 13))
        for year in range(1955, 1963)
    }
    assert lengths == {
        "Alip": 354,
        "Ehe": 355,
        "Jimawal": 354,
        "Je": 354,
        "Dal": 355,
        "Be": 354,
        "Wawu": 354,
        "Jimakir": 355,
    }


@pytest.mark.parametrize(
    ("variant", "weekday", "pasaran"), [("asapon", "Tuesday", "Pon"), ("aboge", "Wednesday", "Wage")]
)
def test_every_alip_year_starts_on_the_day_the_variant_is_named_after(variant, weekday, pasaran):
    # A-sa-pon = Alip Selasa Pon; A-bo-ge = Alip Rebo Wage.
    for year in range(javanese.FIRST_YEAR, javanese.LAST_YEAR + 1, 8):
        first_suro = javanese.to_gregorian(year, 1, 1, variant)
        assert (first_suro.strftime("%A"), javanese.pasaran(first_suro)) == (weekday, pasaran)


@given(SUPPORTED_DAYS)
def test_aboge_runs_one_day_after_asapon(day):
    assert javanese.from_gregorian(day + timedelta(days=1), "aboge") == javanese.from_gregorian(day, "asapon")


@given(SUPPORTED_DAYS, st.sampled_from(["aboge", "asapon"]))
def test_from_gregorian_then_to_gregorian_returns_the_same_day(day, variant):
    assert javanese.to_gregorian(*javanese.from_gregorian(day, variant), variant) == day


@given(SUPPORTED_DAYS)
def test_pasaran_cycles_every_five_days(day):
    names = javanese.PASARAN_NAMES
    assert javanese.pasaran(day + timedelta(days=5)) == javanese.pasaran(day)
    assert names.index(javanese.pasaran(day + timedelta(days=1))) == (names.index(javanese.pasaran(day)) + 1) % 5


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: javanese.to_gregorian(1959, 2, 30, "aboge"), "Sapar 1959 has 29 days"),
        (lambda: javanese.to_gregorian(1958, 12, 30, "aboge"), "Besar 1958 has 29 days"),
        (lambda: javanese.to_gregorian(1959, 13, 1, "aboge"), "month must be 1..12"),
        (lambda: javanese.to_gregorian(1959, 1, 1, "kejawen"), "unknown Javanese variant 'kejawen'"),
        (lambda: javanese.to_gregorian(1990, 1, 1, "asapon"), "outside the Asapon kurup"),
        (lambda: javanese.from_gregorian(date(1900, 1, 1), "aboge"), "outside the Asapon kurup"),
    ],
)
def test_impossible_dates_raise_a_clear_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_besar_has_30_days_in_a_leap_year():
    assert javanese.to_gregorian(1959, 12, 30, "aboge") + timedelta(days=1) == javanese.to_gregorian(
        1960, 1, 1, "aboge"
    )
