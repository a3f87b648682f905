"""Recurring markets: the rule (RRULE) and its exclusions, and the vendors' turns.

Turn properties (hypothesis): the right number on duty, nobody twice, only vendors on the
roster that day, the same answer whatever order the roster comes in, turns that differ by at
most one over any run of market days with a steady roster, no vendor waiting more than
ceil(n / k) market days, and excluded dates not moving the queue."""

from datetime import date, time, timedelta
from math import ceil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.bazaar.domain.markets import (
    Member,
    RuleError,
    Schedule,
    build_rule,
    check_rule,
    normalize_rule,
    rotation,
    turns_between,
    upcoming,
)
from services.kernel.clock import WIB

SUNDAY = date(2027, 1, 3)
SIX, TEN = time(6, 0), time(10, 0)


def payungi(*excluded: date) -> Schedule:
    return Schedule("FREQ=WEEKLY;BYDAY=SU", SUNDAY, SIX, TEN, frozenset(excluded))


# -- the rule -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "stored"), [
    ("FREQ=WEEKLY;BYDAY=SU", "FREQ=WEEKLY;BYDAY=SU"),
    ("rrule: freq=weekly; byday=we,sa", "FREQ=WEEKLY;BYDAY=WE,SA"),
    ("FREQ=MONTHLY;BYDAY=1SU;", "FREQ=MONTHLY;BYDAY=1SU"),
    ("FREQ=WEEKLY;BYDAY=SU;UNTIL=20271231", "FREQ=WEEKLY;BYDAY=SU;UNTIL=20271231"),
    # A UTC end is read in WIB (+7 h): 20:00Z on the 31st is 03:00 on 1 January.
    ("FREQ=DAILY;UNTIL=20271231T200000Z", "FREQ=DAILY;UNTIL=20280101T030000"),
])
def test_rules_are_normalized(typed, stored):
    assert normalize_rule(typed) == stored


@pytest.mark.parametrize(("typed", "says"), [
    ("", "Wajib diisi"),
    ("FREQ=HOURLY", "FREQ wajib"),
    ("BYDAY=SU", "FREQ wajib"),
    ("FREQ=WEEKLY;BYDAY=SU;BYHOUR=6", "jam mulai"),
    ("FREQ=WEEKLY;DTSTART=20270103", "tidak dikenal"),
    ("FREQ=WEEKLY;FREQ=DAILY", "dua kali"),
    ("FREQ=WEEKLY;COUNT=3;UNTIL=20271231", "tidak keduanya"),
    ("FREQ=WEEKLY;INTERVAL=0", "INTERVAL harus"),
    ("FREQ=WEEKLY;COUNT=x", "COUNT harus"),
    ("FREQ=WEEKLY;UNTIL=2027-12-31", "UNTIL bukan"),
    ("FREQ=WEEKLY;BYDAY=XX", "tidak dapat dibaca"),
    ("FREQ=WEEKLY BYDAY=SU", "BAGIAN=NILAI"),
    ("FREQ=" + "WEEKLY;" * 60, "Paling banyak"),
])
def test_bad_rules_say_why(typed, says):
    with pytest.raises(RuleError) as raised:
        check_rule(typed, SUNDAY, SIX)
    assert says in str(raised.value.message)


def test_a_rule_must_give_a_market_day_within_a_year():
    with pytest.raises(RuleError, match="tidak menghasilkan"):
        check_rule("FREQ=MONTHLY;BYMONTH=4;BYMONTHDAY=31", SUNDAY, SIX)
    with pytest.raises(RuleError, match="lebih dari setahun"):
        check_rule("FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29", date(2028, 3, 1), SIX)
    assert check_rule("freq=yearly;bymonth=8;bymonthday=17", SUNDAY, SIX) == (
        "FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=17")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="FREQ=WEKLYDAIMONTHSUBYC;0123456789,:-+ RZ", max_size=60))
def test_any_text_is_a_rule_or_a_reason(text):
    """Whatever is typed, the answer is a usable rule or a RuleError, never a crash."""
    try:
        rule = normalize_rule(text)
        build_rule(rule, SUNDAY, SIX)
    except RuleError as error:
        assert str(error.message)


def test_payungi_every_sunday_morning_with_a_holiday_excluded():
    idulfitri = date(2027, 3, 14)
    schedule = payungi(idulfitri)
    days = upcoming(schedule, date(2027, 3, 1), 4)
    assert days == [date(2027, 3, 7), date(2027, 3, 14), date(2027, 3, 21), date(2027, 3, 28)]
    assert all(d.weekday() == 6 for d in days)
    held = [d for d in schedule.held_days(date(2027, 3, 1)) if d <= date(2027, 3, 28)]
    assert idulfitri not in held and len(held) == 3
    assert schedule.starts_at(days[0]).isoformat() == "2027-03-07T06:00:00+07:00"
    assert schedule.ends_at(days[0]).tzinfo == WIB
    assert schedule.is_day(idulfitri) and not schedule.is_day(date(2027, 3, 15))
    assert upcoming(schedule, date(2026, 1, 1), 1) == [SUNDAY]  # never before the first day


def test_a_rule_that_ends_stops_giving_days():
    schedule = Schedule("FREQ=WEEKLY;BYDAY=SU;COUNT=3", SUNDAY, SIX, TEN)
    assert upcoming(schedule, SUNDAY, 10) == [SUNDAY, date(2027, 1, 10), date(2027, 1, 17)]
    schedule = Schedule("FREQ=WEEKLY;BYDAY=WE,SA;UNTIL=20270110", SUNDAY, SIX, TEN)
    assert upcoming(schedule, SUNDAY, 10) == [date(2027, 1, 6), date(2027, 1, 9)]
    assert upcoming(schedule, date(2027, 2, 1), 5) == []


def test_upcoming_stops_at_until():
    assert upcoming(payungi(), SUNDAY, 10, until=date(2027, 1, 20)) == [
        SUNDAY, date(2027, 1, 10), date(2027, 1, 17)]


# -- turns ----------------------------------------------------------------------------------------

def sundays(n: int, start: date = SUNDAY) -> list[date]:
    return [start + timedelta(weeks=i) for i in range(n)]


def test_turns_go_round_in_joining_order():
    members = [Member(u, SUNDAY) for u in "abcde"]
    turns = [t.on_duty for t in rotation(sundays(5), members, 2)]
    assert turns == [("a", "b"), ("c", "d"), ("e", "a"), ("b", "c"), ("d", "e")]


def test_an_excluded_day_does_not_move_the_queue():
    members = [Member(u, SUNDAY) for u in "abc"]
    holiday = date(2027, 1, 10)
    turns = turns_between(payungi(holiday), members, 1, SUNDAY, date(2027, 1, 24))
    assert holiday not in turns
    assert [turns[d].on_duty for d in sorted(turns)] == [("a",), ("b",), ("c",)]


def test_newcomers_join_the_back_and_leavers_go():
    members = [Member("a", SUNDAY), Member("b", SUNDAY, left_on=date(2027, 1, 17)),
               Member("c", SUNDAY + timedelta(days=1))]
    turns = list(rotation(sundays(4), members, 1))
    # c joins behind b and a; b leaves before the third Sunday.
    assert [t.on_duty for t in turns] == [("a",), ("b",), ("a",), ("c",)]
    assert turns[1].waiting == ("a", "c") and turns[2].waiting == ("c",)


def test_everyone_every_time_when_there_are_enough_spots():
    members = [Member(u, SUNDAY) for u in "abc"]
    for turn in rotation(sundays(3), members, 5):
        assert sorted(turn.on_duty) == ["a", "b", "c"] and turn.waiting == ()


ids = st.sampled_from([f"u{i:02d}" for i in range(12)])
join_days = st.integers(0, 60).map(lambda d: SUNDAY + timedelta(days=d))


@st.composite
def rosters(draw):
    members = []
    for umkm_id in draw(st.lists(ids, unique=True, max_size=12)):
        joined = draw(join_days)
        left = draw(st.one_of(st.none(), st.integers(1, 90).map(
            lambda d, j=joined: j + timedelta(days=d))))
        members.append(Member(umkm_id, joined, left))
    return members


@settings(max_examples=200, deadline=None)
@given(rosters(), st.integers(1, 6), st.integers(1, 30), st.randoms(use_true_random=False))
def test_turn_properties_with_any_roster(members, spots, weeks, rng):
    days = sundays(weeks)
    turns = list(rotation(days, members, spots))
    assert [t.day for t in turns] == days
    for turn in turns:
        active = {m.umkm_id for m in members if m.active_on(turn.day)}
        assert len(turn.on_duty) == min(spots, len(active))
        assert len(set(turn.on_duty)) == len(turn.on_duty)
        assert set(turn.on_duty) | set(turn.waiting) == active
        assert not set(turn.on_duty) & set(turn.waiting)
    shuffled = list(members)
    rng.shuffle(shuffled)
    assert list(rotation(days, shuffled, spots)) == turns  # the same answer, any order


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 15), st.integers(1, 6), st.integers(1, 40))
def test_steady_roster_is_fair(n, spots, weeks):
    members = [Member(f"u{i:02d}", SUNDAY) for i in range(n)]
    turns = [t.on_duty for t in rotation(sundays(weeks), members, spots)]
    k = min(spots, n)
    # Over any run of market days, turns differ by at most one.
    for start in range(weeks):
        for end in range(start + 1, weeks + 1):
            counts = [sum(m.umkm_id in duty for duty in turns[start:end]) for m in members]
            assert max(counts) - min(counts) <= 1
    # In every n consecutive market days each vendor has exactly k turns.
    for start in range(weeks - n + 1):
        for m in members:
            assert sum(m.umkm_id in duty for duty in turns[start:start + n]) == k
    # Nobody waits more than ceil(n / k) market days for a turn.
    window = ceil(n / k)
    for start in range(weeks - window + 1):
        for m in members:
            assert any(m.umkm_id in duty for duty in turns[start:start + window])


@settings(max_examples=150, deadline=None)
@given(rosters(), st.integers(1, 4))
def test_a_vendor_on_the_roster_waits_at_most_ceil_n_over_k(members, spots):
    days = sundays(20)
    turns = list(rotation(days, members, spots))
    for i, turn in enumerate(turns):
        queue = len(turn.on_duty) + len(turn.waiting)
        window = ceil(queue / spots)
        for umkm_id in turn.on_duty + turn.waiting:
            ahead = turns[i:i + window]
            still_on = all(umkm_id in t.on_duty + t.waiting for t in ahead)
            if still_on and len(ahead) == window:
                assert any(umkm_id in t.on_duty for t in ahead)


@settings(max_examples=100, deadline=None)
@given(st.integers(2, 10), st.integers(1, 4), st.sets(st.integers(0, 19), max_size=6))
def test_exclusions_only_skip_days(n, spots, skipped):
    members = [Member(f"u{i:02d}", SUNDAY) for i in range(n)]
    all_days = sundays(20)
    excluded = frozenset(all_days[i] for i in skipped)
    schedule = payungi(*excluded)
    with_holidays = turns_between(schedule, members, spots, SUNDAY, all_days[-1])
    held = [d for d in all_days if d not in excluded]
    plain = list(rotation(held, members, spots))
    assert [with_holidays[d].on_duty for d in held] == [t.on_duty for t in plain]
    assert not excluded & set(with_holidays)
