"""Which records look like the same business, and what a merge takes from the duplicate."""

from services.registry.domain.business import name_key
from services.registry.domain.duplicates import (
    SAME_PHONE,
    SIMILAR_NAME,
    Record,
    fill_gaps,
    find_candidates,
    near_identical,
    pair_key,
)


def rec(id_, owner, name, phone="+628100000000", kel="Imopuro"):
    return Record(id_, owner, name_key(name), phone, kel)


def test_same_phone_under_two_owners_and_near_identical_names_are_proposed():
    records = [
        rec("1", "o1", "Keripik Pisang Bu Sri", "+6281200000001"),
        rec("2", "o2", "Keripik Pisang Bu Sri.", "+6281200000002"),  # exact key
        rec("3", "o3", "Keripik Pisang Bu Sry", "+6281200000003"),  # one letter off
        rec("4", "o4", "Batik Tulis Mulyojati", "+6281200000001"),  # phone of 1
        rec("5", "o5", "Bengkel Las Jaya", "+6281200000005"),  # nothing alike
    ]
    found = {(c.a, c.b): c for c in find_candidates(records)}
    assert set(found) == {("1", "2"), ("1", "3"), ("2", "3"), ("1", "4")}
    assert found[("1", "2")].score == 1.0 and found[("1", "2")].reasons == (SIMILAR_NAME,)
    assert 0.88 <= found[("1", "3")].score < 1.0
    assert found[("1", "4")].reasons == (SAME_PHONE,)


def test_the_same_owner_is_not_a_duplicate_of_itself_and_dismissed_pairs_stay_away():
    records = [rec("1", "o1", "Warung Sri", "+6281"), rec("2", "o1", "Warung Sri 2", "+6281"),
               rec("3", "o2", "Warung Sri", "+6282")]
    assert {(c.a, c.b) for c in find_candidates(records)} == {("1", "3"), ("2", "3")}
    left = find_candidates(records, dismissed={pair_key("3", "1")})
    assert {(c.a, c.b) for c in left} == {("2", "3")}


def test_both_reasons_rank_first():
    records = [rec("a", "o1", "Tapis Indah", "+6281"), rec("b", "o2", "Tapis Indah", "+6281"),
               rec("c", "o3", "Kopi Metro", "+6283"), rec("d", "o4", "Kopi Metro", "+6284")]
    first, second = find_candidates(records)
    assert (first.a, first.b, first.reasons) == ("a", "b", (SAME_PHONE, SIMILAR_NAME))
    assert (second.a, second.b) == ("c", "d")


def test_names_in_other_kelurahan_are_compared_only_when_identical():
    records = [rec("1", "o1", "Keripik Pisang Bu Sri", kel="Imopuro", phone="+1"),
               rec("2", "o2", "Keripik Pisang Bu Sry", kel="Banjarsari", phone="+2")]
    assert find_candidates(records) == []


def test_a_merge_fills_gaps_and_never_overwrites():
    keep = {"nib": None, "email": "a@x.id", "kbli": "", "capital_idr": 5}
    drop = {"nib": "1234567890123", "email": "b@x.id", "kbli": "10794", "capital_idr": 9}
    assert fill_gaps(keep, drop, ["nib", "email", "kbli", "capital_idr"]) == {
        "nib": "1234567890123", "kbli": "10794"}


def test_near_identical_names_of_one_owner_but_numbered_branches_are_two():
    def same(a, b):
        return near_identical(name_key(a), name_key(b))

    assert same("Keripik Pisang Bu Sri", "KERIPIK PISANG BU SRI.")
    assert same("Keripik Pisang Bu Sri", "Keripik Pisang Bu Sry")
    assert same("Batik Tulis Sekar Jagad", "Batik Tulis Sekar Jagat")
    assert not same("Warung Sri 1", "Warung Sri 2")
    assert not same("Tapis", "Tapas")
    assert not same("Keripik Pisang Bu Sri", "Keripik Singkong Bu Sri")
