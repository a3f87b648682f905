"""Workers by sex, founded year and coordinates: what is accepted, what is refused and why."""

from datetime import date

import pytest

from services.kernel.errors import InvalidInput
from services.registry.domain import RuleViolation
from services.registry.domain.profile import (
    check_coordinates,
    check_founded_year,
    check_workers,
)
from services.registry.domain.registration import validate_registration
from tests.support.factories import registration

TODAY = date(2026, 11, 29)


@pytest.mark.parametrize("raw, expected", [
    (None, None), ("", None), ("  ", None), (0, 0), (3, 3), ("12", 12), (" 7 ", 7), (4.0, 4),
    (100_000, 100_000),
])
def test_workers_accepted(raw, expected):
    assert check_workers(raw) == expected


@pytest.mark.parametrize("raw", [-1, 100_001, "tiga", "3.5", 3.5, True, "٣", [3], "9" * 5000])
def test_workers_refused(raw):
    with pytest.raises(RuleViolation):
        check_workers(raw)


@pytest.mark.parametrize("raw, expected", [(None, None), (1900, 1900), ("2015", 2015),
                                           (2026, 2026)])
def test_founded_year_accepted(raw, expected):
    assert check_founded_year(raw, TODAY) == expected


@pytest.mark.parametrize("raw", [1899, 2027, "15", "dua ribu", 2015.5, "2" * 5000])
def test_founded_year_refused(raw):
    with pytest.raises(RuleViolation):
        check_founded_year(raw, TODAY)


def test_coordinates_of_metro_and_typed_with_a_comma():
    assert check_coordinates(-5.1131, 105.3067) == (-5.1131, 105.3067)
    assert check_coordinates("-5,1131", "105,3067") == (-5.1131, 105.3067)
    assert check_coordinates(None, "") == (None, None)


@pytest.mark.parametrize("lat, lon, field", [
    (-5.11, None, "longitude"), (None, 105.31, "latitude"),
    (105.31, -5.11, "latitude"),  # swapped
    (-5.11, 12.0, "longitude"), ("utara", 105.3, "latitude"), (-5.1, "nan", "longitude"),
])
def test_coordinates_refused_with_the_field_named(lat, lon, field):
    with pytest.raises(RuleViolation) as caught:
        check_coordinates(lat, lon)
    assert caught.value.field == field


def test_a_registration_reports_every_bad_profile_field_at_once():
    data = registration(workers_male=-2, workers_female="x", founded_year=3000,
                        latitude=-5.11, longitude=None)
    with pytest.raises(InvalidInput) as caught:
        validate_registration(data, TODAY)
    assert set(caught.value.fields) == {"workers_male", "workers_female", "founded_year",
                                        "longitude"}
    good = validate_registration(registration(workers_male=2, workers_female=3,
                                              founded_year=2015, latitude=-5.11,
                                              longitude=105.31), TODAY)
    assert (good.workers_male, good.workers_female, good.founded_year, good.latitude,
            good.longitude) == (2, 3, 2015, -5.11, 105.31)
