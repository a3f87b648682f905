from datetime import date

import pytest

from services.kernel.errors import InvalidInput
from services.registry.domain import RuleViolation
from services.registry.domain.business import check_kbli, check_nib, check_sector, name_key
from services.registry.domain.registration import validate_registration
from tests.support.factories import registration

TODAY = date(2026, 11, 28)


@pytest.mark.parametrize("nib", ["1234567890123", " 1234567890123 ", "0000000000001"])
def test_nib_is_13_digits(nib):
    assert check_nib(nib) == nib.strip()


@pytest.mark.parametrize("nib", ["123456789012", "12345678901234", "12345678901a3", "NIB-123"])
def test_bad_nib_is_refused(nib):
    with pytest.raises(RuleViolation, match="13 digit"):
        check_nib(nib)


@pytest.mark.parametrize("kbli", ["10794", "01111", "47111"])
def test_kbli_keeps_its_leading_zero(kbli):
    assert check_kbli(kbli) == kbli


@pytest.mark.parametrize("kbli", ["1079", "107944", "1079a", "1.079"])
def test_bad_kbli_is_refused(kbli):
    with pytest.raises(RuleViolation):
        check_kbli(kbli)


def test_sector_comes_from_the_shared_list():
    assert check_sector(" Kuliner ") == "kuliner"
    with pytest.raises(RuleViolation, match="kuliner"):
        check_sector("otomotif")


def test_business_names_compare_without_case_accents_or_punctuation():
    assert name_key("Keripik Pisang Bu Sri") == name_key("KERIPIK  PISANG, BU SRI.")
    assert name_key("Café Metro") == name_key("cafe metro")
    assert name_key("Batik A") != name_key("Batik B")


def test_a_valid_registration_is_normalised():
    reg = validate_registration(registration(kecamatan="metro  pusat", kelurahan="IMOPURO",
                                             phone="0812 3456 7890", capital_idr=None,
                                             annual_turnover_idr=3_000_000_000), TODAY)
    assert (reg.kecamatan, reg.kelurahan, reg.phone) == ("Metro Pusat", "Imopuro",
                                                         "+6281234567890")
    assert (reg.scale.scale, reg.scale.basis, reg.registered_on) == ("kecil", "sales", TODAY)


def test_every_bad_field_is_reported_at_once():
    with pytest.raises(InvalidInput) as caught:
        validate_registration({
            "owner_name": "", "nik": "123", "business_name": "X", "sector": "otomotif",
            "kecamatan": "Metro Pusat", "kelurahan": "Banjarsari", "address": "",
            "phone": "12", "email": "nope", "nib": "1", "kbli": "1",
            "capital_idr": 20_000_000_000, "registered_on": date(2030, 1, 1),
        }, TODAY)
    assert set(caught.value.fields) == {
        "owner_name", "nik", "business_name", "sector", "kelurahan", "address", "phone",
        "email", "nib", "kbli", "capital_idr", "registered_on",
    }
    assert "Metro Pusat" in str(caught.value.fields["kelurahan"])


def test_unknown_kecamatan_lists_the_five():
    with pytest.raises(InvalidInput) as caught:
        validate_registration(registration(kecamatan="Metro Tengah"), TODAY)
    assert "Metro Selatan" in str(caught.value.fields["kecamatan"])
