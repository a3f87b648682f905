"""Three versions of a record meet when an edit comes back: what the person saw, what they
sent, what is stored now."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from services.kernel.edits import matches, merge, plain, version_of

SHOWN = {"phone": "+6281234000111", "address": "Jl. Merdeka 1", "capital_idr": 5_000_000,
         "registered_on": "2026-01-05"}


def test_an_untouched_field_keeps_what_a_colleague_saved_meanwhile():
    stored = {**SHOWN, "phone": "+6281299999999"}
    sent = {**SHOWN, "address": "Jl. Merdeka 2"}
    outcome = merge(SHOWN, sent, stored)
    assert outcome.changed == ("address",)
    assert outcome.conflicts == {}
    assert outcome.kept == ("phone",)


def test_the_same_field_changed_by_both_to_different_values_is_a_conflict():
    stored = {**SHOWN, "phone": "+6281299999999"}
    outcome = merge(SHOWN, {**SHOWN, "phone": "+6281277777777"}, stored)
    assert outcome.changed == ("phone",)
    assert outcome.conflicts == {"phone": "+6281299999999"}


def test_both_making_the_same_change_is_no_conflict():
    stored = {**SHOWN, "capital_idr": 7_000_000}
    outcome = merge(SHOWN, {**SHOWN, "capital_idr": 7_000_000}, stored)
    assert outcome.conflicts == {} and outcome.changed == ("capital_idr",)


def test_dates_and_browser_line_ends_compare_as_what_they_say():
    sent = {**SHOWN, "registered_on": date(2026, 1, 5), "address": " Jl. Merdeka 1\r\n"}
    assert merge(SHOWN, sent, SHOWN).changed == ()
    assert plain("a\r\nb ") == "a\nb"


def test_one_moment_written_in_any_zone_is_the_same_and_so_is_a_time_of_day():
    wib = datetime(2026, 3, 1, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
    assert plain(wib) == plain(wib.astimezone(UTC)) == "2026-03-01T02:00:00+00:00"
    stored = {"starts_at": wib.astimezone(UTC), "opens": time(6, 0)}
    shown = {"starts_at": plain(stored["starts_at"]), "opens": plain(stored["opens"])}
    assert shown["opens"] == "06:00:00"
    assert merge(shown, {"starts_at": wib, "opens": time(6, 0)}, stored).changed == ()


def test_a_list_sent_is_the_same_as_the_list_shown_whatever_its_sequence_type():
    shown = {"sectors": ["batik", "kuliner"]}
    assert merge(shown, {"sectors": ("batik", "kuliner")}, shown).changed == ()
    assert plain(("a ", date(2026, 1, 5))) == ["a", "2026-01-05"]


def test_without_what_was_shown_every_difference_from_the_stored_record_is_a_change():
    stored = {**SHOWN, "phone": "+6281299999999"}
    outcome = merge(None, SHOWN, stored)
    assert outcome.changed == ("phone",) and outcome.conflicts == {} and outcome.kept == ()


def test_the_version_changes_with_any_editable_value_and_only_with_them():
    base = version_of(SHOWN)
    assert version_of({**SHOWN, "capital_idr": 5_000_001}) != base
    assert version_of({**SHOWN, "status": "verified"}, SHOWN) == base
    assert version_of({**SHOWN, "registered_on": date(2026, 1, 5)}) == base


def test_if_match_allows_the_version_read_and_refuses_another():
    assert matches(None, "abc") and matches("*", "abc") and matches('"abc"', "abc")
    assert matches('W/"abc", "def"', "def")
    assert not matches('"abd"', "abc")
