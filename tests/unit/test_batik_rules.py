"""Friday local batik: which offices need a circular letter, the order's fulfilment
(ordered -> partially delivered -> delivered / cancelled) and the purchase report."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.bazaar.domain.batik import (
    CANCELLED,
    DELIVERED,
    OPD,
    ORDERED,
    PARTIAL,
    TRANSITIONS,
    VERTICAL,
    Line,
    OfficeFact,
    OrderFact,
    TransitionError,
    cancel,
    deliver,
    is_craftsperson,
    office_errors,
    purchase_report,
    status_of,
)


def test_offices_and_their_circular_letter():
    assert office_errors(OPD, None) == {}
    assert office_errors(VERTICAL, "800/123/SE/2027") == {}
    assert set(office_errors(VERTICAL, "  ")) == {"circular_letter"}
    assert set(office_errors(OPD, "800/1/SE")) == {"circular_letter"}
    assert set(office_errors("kementerian", None)) == {"kind"}


def test_craftspeople_are_batik_umkm():
    assert is_craftsperson({"sector": "batik"})
    assert not is_craftsperson({"sector": "fashion"}) and not is_craftsperson(None)


def test_ordered_then_partly_then_wholly_delivered():
    lines = [Line(10), Line(5)]
    status, lines, errors = deliver(ORDERED, lines, [4, 0])
    assert (status, errors, lines) == (PARTIAL, {}, [Line(10, 4), Line(5, 0)])
    status, lines, errors = deliver(status, lines, [6, 2])
    assert status == PARTIAL and lines == [Line(10, 10), Line(5, 2)]
    status, lines, errors = deliver(status, lines, [0, 3])
    assert status == DELIVERED and all(line.remaining == 0 for line in lines)
    with pytest.raises(TransitionError):
        deliver(status, lines, [0, 0])
    with pytest.raises(TransitionError):
        cancel(status)


def test_one_delivery_can_complete_the_order():
    assert deliver(ORDERED, [Line(3), Line(1)], [3, 1])[0] == DELIVERED


def test_a_delivery_never_exceeds_the_order_and_is_not_empty():
    status, _lines, errors = deliver(ORDERED, [Line(10, 0), Line(5, 4)], [11, 2])
    assert status == ORDERED and set(errors) == {0, 1}
    assert "Melebihi sisa pesanan (1)" in str(errors[1])
    assert set(deliver(ORDERED, [Line(2)], [0])[2]) == {"items"}
    assert set(deliver(ORDERED, [Line(2)], [-1])[2]) == {0}


def test_cancelling_keeps_what_came():
    assert cancel(ORDERED) == CANCELLED and cancel(PARTIAL) == CANCELLED
    with pytest.raises(TransitionError):
        cancel(CANCELLED)
    with pytest.raises(TransitionError):
        deliver(CANCELLED, [Line(2)], [1])
    fact = OrderFact("o", date(2027, 1, 8), CANCELLED, 1_000_000, 300_000, 10, 3)
    assert (fact.bought_value, fact.bought_pieces) == (300_000, 3)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(1, 20), min_size=1, max_size=5).flatmap(
    lambda qs: st.tuples(st.just(qs), st.lists(st.lists(st.integers(-2, 25), min_size=len(qs),
                                                        max_size=len(qs)), max_size=8))))
def test_any_sequence_of_deliveries_follows_the_transitions(case):
    quantities, deliveries = case
    status, lines = ORDERED, [Line(q) for q in quantities]
    for batch in deliveries:
        if status in (DELIVERED, CANCELLED):
            with pytest.raises(TransitionError):
                deliver(status, lines, batch)
            continue
        new_status, new_lines, errors = deliver(status, lines, batch)
        if errors:
            assert (new_status, new_lines) == (status, lines)
            continue
        assert new_status in TRANSITIONS[status]
        assert all(0 <= line.delivered <= line.quantity for line in new_lines)
        assert new_status == status_of(new_lines)
        assert sum(ln.delivered for ln in new_lines) == sum(
            ln.delivered for ln in lines) + sum(batch)
        status, lines = new_status, new_lines
    assert (status == DELIVERED) == all(line.remaining == 0 for line in lines)


def test_report_per_office_and_month_and_who_bought_nothing():
    offices = [OfficeFact("disdik", "Dinas Pendidikan", OPD),
               OfficeFact("kemenag", "Kantor Kemenag Kota Metro", VERTICAL),
               OfficeFact("dinkes", "Dinas Kesehatan", OPD),
               OfficeFact("lama", "Kantor Lama", OPD, active=False)]
    orders = [
        OrderFact("disdik", date(2027, 1, 8), DELIVERED, 3_000_000, 3_000_000, 20, 20),
        OrderFact("disdik", date(2027, 3, 5), PARTIAL, 1_500_000, 500_000, 10, 3),
        OrderFact("kemenag", date(2027, 3, 12), CANCELLED, 900_000, 200_000, 6, 1),
        OrderFact("dinkes", date(2027, 2, 1), CANCELLED, 700_000, 0, 5, 0),  # nothing came
        OrderFact("dinkes", date(2026, 12, 30), DELIVERED, 400_000, 400_000, 2, 2),  # last year
    ]
    report = purchase_report(offices, orders, 2027)
    assert [(o["office_id"], o["orders"], o["value_idr"]) for o in report["offices"]] == [
        ("disdik", 2, 4_500_000), ("kemenag", 1, 200_000)]
    assert report["offices"][0]["by_month"][:3] == [3_000_000, 0, 1_500_000]
    assert [m["value_idr"] for m in report["months"][:4]] == [3_000_000, 0, 1_700_000, 0]
    assert report["value_idr"] == 4_700_000 and report["delivered_idr"] == 3_700_000
    assert [o["office_id"] for o in report["offices_without_purchase"]] == ["dinkes"]
    assert purchase_report(offices, orders, 2026)["offices"][0]["office_id"] == "dinkes"
