"""Allocation properties: never more stalls than exist, one per UMKM and one per owner,
priority respected, the same input gives the same result."""

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from services.bazaar.domain.allocation import Candidate, StallSlot, allocate
from services.bazaar.domain.explanations import explain

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
    owner_id=st.one_of(st.none(), st.sampled_from([f"owner-{i}" for i in range(12)])),
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
    # One stall per owner.
    holders = [by_id[d.umkm_id].owner for d in decisions if d.stall]
    assert len(holders) == len(set(holders))
    served = set(holders)
    # Nobody waits while a stall of their category stays free (unless their owner has one).
    for category in ("kuliner", "non-kuliner"):
        free = sum(1 for s in stalls if s.category == category) - sum(
            1 for d in decisions if d.stall and category_of[d.stall] == category)
        waiting = [d for d in decisions if d.stall is None and
                   by_id[d.umkm_id].category == category and
                   by_id[d.umkm_id].owner not in served]
        assert free == 0 or not waiting
    # Within a sector and category, a stall never goes to a lower priority than one waiting
    # (whose owner has no stall elsewhere).
    for d_in in (d for d in decisions if d.stall):
        mine = by_id[d_in.umkm_id]
        for d_out in (d for d in decisions if d.stall is None):
            other = by_id[d_out.umkm_id]
            if (other.sector, other.category) == (mine.sector, mine.category) and \
                    other.owner not in served:
                assert mine.priority <= other.priority
    assert allocate(list(reversed(people)), stalls) == decisions


def test_sectors_take_turns():
    people = [Candidate(f"k{i}", "kuliner", "non-kuliner", BASE + timedelta(minutes=i))
              for i in range(5)] + [Candidate("j1", "jasa", "non-kuliner",
                                              BASE + timedelta(minutes=9))]
    decisions = allocate(people, [StallSlot("N-01", "non-kuliner"),
                                  StallSlot("N-02", "non-kuliner")])
    assert {d.umkm_id for d in decisions if d.stall} == {"k0", "j1"}


def test_one_stall_per_owner_and_the_reason_says_so():
    people = [Candidate("a1", "kuliner", "kuliner", BASE, owner_id="sri"),
              Candidate("a2", "kriya", "non-kuliner", BASE + timedelta(minutes=1),
                        owner_id="sri"),
              Candidate("b1", "kuliner", "kuliner", BASE + timedelta(minutes=2),
                        owner_id="budi")]
    decisions = {d.umkm_id: d for d in allocate(people, [
        StallSlot("K-01", "kuliner"), StallSlot("K-02", "kuliner"),
        StallSlot("N-01", "non-kuliner")])}
    assert (decisions["a1"].stall, decisions["b1"].stall) == ("K-01", "K-02")
    assert decisions["a2"].stall is None and decisions["a2"].waitlist_position == 1
    assert decisions["a2"].facts["kind"] == "same_owner"
    assert "pemilik yang sama sudah mendapat lapak K-01" in explain(decisions["a2"].facts)
