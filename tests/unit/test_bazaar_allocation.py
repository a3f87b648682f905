"""Allocation properties: never more stalls than exist, one per UMKM, priority respected,
the same input gives the same result."""

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from services.bazaar.domain.allocation import Candidate, StallSlot, allocate

SECTORS = ["kuliner", "kriya", "batik", "jasa"]
BASE = datetime(2027, 1, 1, tzinfo=UTC)

candidates = st.lists(st.builds(
    Candidate,
    umkm_id=st.uuids().map(str),
    sector=st.sampled_from(SECTORS),
    category=st.sampled_from(["kuliner", "non-kuliner"]),
    applied_at=st.integers(0, 10_000).map(lambda m: BASE + timedelta(minutes=m)),
    stalls_last_year=st.integers(0, 6),
    no_shows_last_year=st.integers(0, 3),
), max_size=40, unique_by=lambda c: c.umkm_id)
stall_lists = st.lists(st.sampled_from(["kuliner", "non-kuliner"]), max_size=30).map(
    lambda cats: [StallSlot(f"S-{i:02d}", c) for i, c in enumerate(cats)])


@settings(max_examples=200, deadline=None)
@given(candidates, stall_lists)
def test_allocation_properties(people, stalls):
    decisions = allocate(people, stalls)
    assert sorted(d.umkm_id for d in decisions) == sorted(c.umkm_id for c in people)
    given_stalls = [d.stall for d in decisions if d.stall]
    assert len(given_stalls) == len(set(given_stalls)) <= len(stalls)
    by_id = {c.umkm_id: c for c in people}
    category_of = {s.number: s.category for s in stalls}
    for decision in decisions:
        if decision.stall:
            assert category_of[decision.stall] == by_id[decision.umkm_id].category
    # Nobody waits while a stall of their category stays free.
    for category in ("kuliner", "non-kuliner"):
        free = sum(1 for s in stalls if s.category == category) - sum(
            1 for d in decisions if d.stall and category_of[d.stall] == category)
        waiting = [d for d in decisions if d.stall is None and
                   by_id[d.umkm_id].category == category]
        assert free == 0 or not waiting
    # Within a sector and category, a stall never goes to a lower priority than one waiting.
    for d_in in (d for d in decisions if d.stall):
        mine = by_id[d_in.umkm_id]
        for d_out in (d for d in decisions if d.stall is None):
            other = by_id[d_out.umkm_id]
            if (other.sector, other.category) == (mine.sector, mine.category):
                assert mine.priority <= other.priority
    assert allocate(list(reversed(people)), stalls) == decisions


def test_sectors_take_turns():
    people = [Candidate(f"k{i}", "kuliner", "non-kuliner", BASE + timedelta(minutes=i))
              for i in range(5)] + [Candidate("j1", "jasa", "non-kuliner",
                                              BASE + timedelta(minutes=9))]
    decisions = allocate(people, [StallSlot("N-01", "non-kuliner"),
                                  StallSlot("N-02", "non-kuliner")])
    assert {d.umkm_id for d in decisions if d.stall} == {"k0", "j1"}
