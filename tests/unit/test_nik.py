from datetime import date

import pytest

from services.registry.domain import RuleViolation
from services.registry.domain.nik import FEMALE, MALE, mask_nik, parse_nik

TODAY = date(2026, 11, 28)


@pytest.mark.parametrize(
    ("nik", "birth", "sex", "region"),
    [
        ("1872011203850001", date(1985, 3, 12), MALE, "187201"),
        ("1872015203850001", date(1985, 3, 12), FEMALE, "187201"),  # day + 40
        ("1872014107850001", date(1985, 7, 1), FEMALE, "187201"),
        ("1872017112990009", date(1999, 12, 31), FEMALE, "187201"),  # 31 + 40 = 71
        ("1872010101009999", date(2000, 1, 1), MALE, "187201"),
        ("1871010503260001", date(2026, 3, 5), MALE, "187101"),  # Bandar Lampung: allowed
        ("3171012902000001", date(2000, 2, 29), MALE, "317101"),  # leap year 2000
        ("1872 0112 0385 0001", date(1985, 3, 12), MALE, "187201"),  # spaces as typed
        ("1872.0112.0385.0001", date(1985, 3, 12), MALE, "187201"),
    ],
)
def test_valid_nik_gives_birth_date_and_sex(nik, birth, sex, region):
    info = parse_nik(nik, TODAY)
    assert (info.birth_date, info.sex, info.region) == (birth, sex, region)
    assert len(info.nik) == 16 and info.nik.isdigit()


@pytest.mark.parametrize(
    ("nik", "fragment"),
    [
        ("", "wajib"),
        ("187201120385001", "16 digit"),  # 15 digits
        ("18720112038500011", "16 digit"),  # 17 digits
        ("18720112038500a1", "angka"),
        ("１８７２０１１２０３８５０００１", "angka"),  # full-width digits are not ASCII
        ("1872010013850001", "Bulan"),  # month 13
        ("1872011200850001", "Bulan"),  # month 00
        ("1872010003850001", "Tanggal"),  # day 00
        ("1872013203850001", "Tanggal"),  # day 32 (not a woman's 41-71)
        ("1872017203850001", "Tanggal"),  # day 72 = 32 for a woman
        ("1872014003850001", "Tanggal"),  # 40 = day 0 for a woman
        ("1872013102850001", "kalender"),  # 31 February
        ("1872012902850001", "kalender"),  # 29 February 1985
        ("1872017104850001", "kalender"),  # 71 - 40 = 31 April
        ("1872010112850000", "0001"),  # serial 0000
        ("0072010112850001", "wilayah"),  # province 00
        ("1800010112850001", "wilayah"),  # regency 00
        ("1872000112850001", "wilayah"),  # district 00
    ],
)
def test_invalid_nik_is_refused_with_a_clear_message(nik, fragment):
    with pytest.raises(RuleViolation) as caught:
        parse_nik(nik, TODAY)
    assert fragment.lower() in str(caught.value).lower()


def test_two_digit_year_takes_the_century_that_is_not_in_the_future():
    assert parse_nik("1872010101260001", TODAY).birth_date == date(2026, 1, 1)
    assert parse_nik("1872010101270001", TODAY).birth_date == date(1927, 1, 1)


def test_birth_date_later_this_year_is_in_the_future():
    with pytest.raises(RuleViolation, match="masa depan"):
        parse_nik("1872011512260001", TODAY)  # 15 Dec 2026


def test_nik_issued_elsewhere_is_allowed_and_flagged():
    assert not parse_nik("3273010112850001", TODAY).issued_in_metro
    assert parse_nik("1872050112850001", TODAY).issued_in_metro


def test_mask_hides_the_birth_date():
    assert mask_nik("1872015203850001") == "1872********0001"
    assert mask_nik(None) is None
