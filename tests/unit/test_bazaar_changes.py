"""The rules of changing a bazaar: stalls follow a new count without touching allocated
numbers, what stallholders are told, which states allow a change, the cancellation reason."""

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from services.bazaar.domain.allocation import StallSlot
from services.bazaar.domain.changes import (
    KULINER,
    NON_KULINER,
    Shortfall,
    StallState,
    cancellable,
    changed_fields,
    clean_reason,
    editable,
    notice_needed,
    override_choices,
    plan_stalls,
    sectors_left_out,
    stall_order,
)

NOW = datetime(2027, 6, 1, 3, 0, tzinfo=UTC)


def stalls(kuliner: str, other: str) -> list[StallState]:
    """'x.x' -> K-01 taken, K-02 free, K-03 taken (x: taken, .: free)."""
    return [StallState(f"K-{i:02d}", KULINER, c == "x") for i, c in enumerate(kuliner, 1)] + \
        [StallState(f"N-{i:02d}", NON_KULINER, c == "x") for i, c in enumerate(other, 1)]


def test_fewer_stalls_remove_free_ones_highest_number_first():
    plan = plan_stalls(stalls("x..x.", "x."), {KULINER: 3, NON_KULINER: 1})
    assert plan.possible and plan.remove == ("K-05", "K-03", "N-02") and plan.add == ()
    assert plan.taken == 3


def test_more_stalls_are_numbered_after_the_highest():
    plan = plan_stalls(stalls("x.", ""), {KULINER: 4, NON_KULINER: 2})
    assert plan.add == (StallSlot("K-03", KULINER), StallSlot("K-04", KULINER),
                        StallSlot("N-01", NON_KULINER), StallSlot("N-02", NON_KULINER))
    gap = [StallState("K-01", KULINER, True), StallState("K-04", KULINER, True)]
    assert plan_stalls(gap, {KULINER: 3}).add == (StallSlot("K-05", KULINER),)


def test_never_fewer_than_allocated_in_a_category():
    plan = plan_stalls(stalls("xx.", "x"), {KULINER: 1, NON_KULINER: 0})
    assert not plan.possible and plan.remove == plan.add == ()
    assert plan.shortfalls == (Shortfall(KULINER, 1, 2), Shortfall(NON_KULINER, 0, 1))
    assert plan_stalls(stalls("xx.", "x"), {KULINER: 2, NON_KULINER: 1}).remove == ("K-03",)


def test_same_count_changes_nothing():
    plan = plan_stalls(stalls("x.", ".."), {KULINER: 2, NON_KULINER: 2})
    assert plan.possible and not plan.changes


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="x.", max_size=15), st.text(alphabet="x.", max_size=15),
       st.integers(0, 20), st.integers(0, 20))
def test_plan_properties(kuliner, other, want_k, want_n):
    existing = stalls(kuliner, other)
    plan = plan_stalls(existing, {KULINER: want_k, NON_KULINER: want_n})
    taken = {s.number for s in existing if s.taken}
    if not plan.possible:
        assert want_k < kuliner.count("x") or want_n < other.count("x")
        return
    kept = [s for s in existing if s.number not in plan.remove]
    after = [(s.number, s.category) for s in kept] + [(a.number, a.category) for a in plan.add]
    assert taken <= {number for number, _ in after}  # allocated numbers never go
    assert len({number for number, _ in after}) == len(after)  # numbers stay unique
    assert sum(1 for _, c in after if c == KULINER) == want_k
    assert sum(1 for _, c in after if c == NON_KULINER) == want_n


def test_stall_order_is_numeric_within_kuliner_first():
    numbers = [("N-02", NON_KULINER), ("K-10", KULINER), ("K-02", KULINER),
               ("N-100", NON_KULINER)]
    assert sorted(numbers, key=lambda s: stall_order(*s)) == [
        ("K-02", KULINER), ("K-10", KULINER), ("N-02", NON_KULINER), ("N-100", NON_KULINER)]


def test_changed_fields_and_who_is_told():
    start = NOW + timedelta(days=9)
    before = {"title": "Bazar", "starts_at": start, "venue": "Lapangan Samber",
              "sectors": ["kriya", "kuliner"]}
    same_instant = start.astimezone(datetime.now().astimezone().tzinfo)
    after = {"title": "Bazar HUT", "starts_at": same_instant, "venue": "Stadion Tejosari",
             "sectors": ["kuliner", "kriya"]}
    changed = changed_fields(before, after)
    assert changed == ["title", "venue"]  # the same instant in another zone is no change
    assert notice_needed("allocated", changed) == ["venue"]
    assert notice_needed("scheduled", changed) == []  # nobody holds a stall yet
    assert notice_needed("allocated", ["title", "sectors"]) == []


def test_sectors_with_applicants_cannot_be_left_out():
    assert sectors_left_out(["kriya", "kuliner", "kriya"], ["kuliner"]) == ["kriya"]
    assert sectors_left_out(["kriya"], []) == []  # empty: every sector
    assert sectors_left_out([], ["kuliner"]) == []


def test_which_states_and_times_allow_a_change():
    start, end = NOW + timedelta(hours=1), NOW + timedelta(hours=9)
    assert editable("scheduled", start, NOW) and editable("allocated", start, NOW)
    assert not editable("allocated", NOW, NOW)  # started
    assert not editable("closed", start, NOW) and not editable("cancelled", start, NOW)
    assert cancellable("allocated", end, NOW + timedelta(hours=2))  # during the day
    assert not cancellable("allocated", end, end)
    assert not cancellable("closed", end, NOW)


def test_cancellation_reason():
    assert clean_reason("  Acara   ditunda\noleh panitia ") == "Acara ditunda oleh panitia"
    assert clean_reason("hujan") == "hujan"
    assert clean_reason("abcd") is None and clean_reason("   ") is None
    assert clean_reason(None) is None and clean_reason("x" * 501) is None
    assert clean_reason("x" * 500) == "x" * 500


def test_an_override_offers_every_free_stall_its_own_category_first():
    both = stalls("x.x..", "x.")
    offered = [s.number for s in override_choices(both, NON_KULINER)]
    assert offered == ["N-02", "K-02", "K-04", "K-05"]
    assert [s.number for s in override_choices(both, KULINER)] == ["K-02", "K-04", "K-05", "N-02"]
    assert override_choices(stalls("xx", "x"), KULINER) == []
