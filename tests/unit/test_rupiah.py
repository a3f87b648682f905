"""Rupiah as people type them, whole only: sen are refused, never cut off nor multiplied."""

import pytest

from services.kernel.rupiah import AmountRefused, NotAnAmount, parse_rupiah


@pytest.mark.parametrize("typed, rupiah", [
    ("1500000", 1_500_000), ("1.500.000", 1_500_000), ("1,500,000", 1_500_000),
    ("Rp 1.500.000", 1_500_000), ("rp1.500.000", 1_500_000), ("Rp. 2.500", 2_500),
    ("1.500.000,00", 1_500_000), ("1,500,000.00", 1_500_000), ("2500000,0", 2_500_000),
    (" 750 000 000 ", 750_000_000), ("0", 0), ("-5.000", -5_000), ("Rp -2.500", -2_500),
])
def test_amounts_as_typed(typed, rupiah):
    assert parse_rupiah(typed) == rupiah


@pytest.mark.parametrize("typed", ["2500000.50", "2.500.000,50", "2,500,000.5", "2.5", "2,75"])
def test_an_amount_with_sen_is_refused(typed):
    with pytest.raises(AmountRefused, match="tanpa sen"):
        parse_rupiah(typed)


@pytest.mark.parametrize("typed", ["banyak", "1.5.0", "²", "--5", "-", "1.500.000,", ".50", "1e6"])
def test_what_is_no_amount_is_said_to_be_none(typed):
    with pytest.raises(NotAnAmount):
        parse_rupiah(typed)


def test_an_amount_past_any_column_is_refused():
    with pytest.raises(AmountRefused, match="terlalu besar"):
        parse_rupiah("9" * 30)
