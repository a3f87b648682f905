import pytest

from services.registry.domain import RuleViolation
from services.registry.domain.scale import (
    ASSUMED,
    CAPITAL,
    KECIL,
    MENENGAH,
    MIKRO,
    SALES,
    classify,
)

B = 1_000_000_000


@pytest.mark.parametrize(
    ("capital", "scale"),
    [(0, MIKRO), (1 * B, MIKRO), (1 * B + 1, KECIL), (5 * B, KECIL), (5 * B + 1, MENENGAH),
     (10 * B, MENENGAH)],
)
def test_capital_thresholds_at_their_boundaries(capital, scale):
    assert classify(capital, None) == classify(capital, 60 * B)  # capital decides first
    assert (classify(capital, None).scale, classify(capital, None).basis) == (scale, CAPITAL)


@pytest.mark.parametrize(
    ("sales", "scale"),
    [(0, MIKRO), (2 * B, MIKRO), (2 * B + 1, KECIL), (15 * B, KECIL), (15 * B + 1, MENENGAH),
     (50 * B, MENENGAH)],
)
def test_sales_thresholds_at_their_boundaries(sales, scale):
    result = classify(None, sales)
    assert (result.scale, result.basis, result.regulation) == (scale, SALES, "PP 7/2021")


def test_above_menengah_is_not_an_umkm():
    with pytest.raises(RuleViolation) as by_capital:
        classify(10 * B + 1, None)
    assert by_capital.value.field == "capital_idr"
    with pytest.raises(RuleViolation) as by_sales:
        classify(None, 50 * B + 1)
    assert by_sales.value.field == "annual_turnover_idr"


def test_negative_amounts_are_refused():
    with pytest.raises(RuleViolation) as caught:
        classify(None, -1)
    assert caught.value.field == "annual_turnover_idr"


def test_without_capital_or_sales_the_scale_is_assumed_micro():
    assert classify(None, None).scale == MIKRO
    assert classify(None, None).basis == ASSUMED
