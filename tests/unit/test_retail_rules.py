"""Retail partners' pure rules: the placement workflow, the readiness checklist, MoUs and
monthly sales."""

from datetime import date

import pytest

from services.bazaar.domain import retail as rules
from services.bazaar.domain.retail import CheckEntry

TODAY = date(2027, 3, 15)


@pytest.mark.parametrize(("current", "target", "allowed"), [
    ("proposed", "curated", True), ("curated", "listed", True), ("listed", "delisted", True),
    ("proposed", "listed", False),  # curation comes first
    ("proposed", "delisted", True), ("curated", "proposed", True), ("curated", "delisted", True),
    ("listed", "curated", False), ("listed", "proposed", False), ("listed", "listed", False),
    ("delisted", "listed", False), ("delisted", "proposed", True), ("delisted", "curated", False),
    ("proposed", "sold", False), ("unknown", "curated", False),
])
def test_status_transitions(current, target, allowed):
    assert rules.can_move(current, target) is allowed
    assert (target in rules.next_statuses(current)) is allowed


def test_every_status_can_be_left_and_reached():
    reached = {t for targets in rules.TRANSITIONS.values() for t in targets}
    assert set(rules.TRANSITIONS) == reached == set(rules.STATUSES)


def test_missing_items_in_checklist_order():
    assert rules.missing_items({}) == list(rules.CHECKLIST)
    entries = {"halal": CheckEntry(True, "ID123"), "pirt": CheckEntry(False, "belum"),
               "barcode": CheckEntry(True, "8991234567891"), "bpom": None}
    assert rules.missing_items(entries) == ["pirt", "bpom", "packaging"]
    done = {item: CheckEntry(True, "ok") for item in rules.CHECKLIST}
    assert rules.missing_items(done) == []
    assert rules.item_labels(["pirt", "bpom"]) == "P-IRT, Izin edar BPOM"
    # an item that does not apply to the product is settled too
    entries = {**done, "bpom": CheckEntry(False, "Produk P-IRT", not_applicable=True),
               "halal": CheckEntry(False, "Produk P-IRT")}
    assert rules.missing_items(entries) == ["halal"]


def test_an_item_that_does_not_apply_needs_a_reason_and_is_not_also_checked():
    assert rules.check_item("bpom", False, " Produk  P-IRT ", not_applicable=True) == (
        "Produk P-IRT", {})
    assert set(rules.check_item("bpom", False, " ", not_applicable=True)[1]) == {"note"}
    assert set(rules.check_item("bpom", True, "MD 1", not_applicable=True)[1]) == {
        "not_applicable"}
    # no GS1 check for a barcode that does not apply
    assert rules.check_item("barcode", False, "dijual curah", not_applicable=True)[1] == {}


@pytest.mark.parametrize(("code", "valid"), [
    ("8991234567891", True), ("8991234567892", False), ("8992761136017", True),
    ("4006381333931", True),
    ("96385074", True), ("96385075", False), ("036000291452", True), ("12345", False),
    ("899276113601X", False), ("", False),
])
def test_gtin_check_digit(code, valid):
    assert rules.valid_gtin(code) is valid


def test_checking_an_item_needs_its_number_and_a_real_barcode():
    assert rules.check_item("pirt", True, "  2061872010123-27 ") == ("2061872010123-27", {})
    assert "note" in rules.check_item("halal", True, "  ")[1]
    assert rules.check_item("halal", False, None) == (None, {})  # unticking needs nothing
    assert "note" in rules.check_item("barcode", True, "8991234567892")[1]
    assert rules.check_item("barcode", True, "899-2761-136017") == ("8992761136017", {})
    assert "note" in rules.check_item("packaging", True, "x" * 301)[1]
    assert "item" in rules.check_item("sertifikat_sni", True, "1")[1]


def test_listing_blockers_name_every_reason():
    assert rules.listing_blockers([], True, 1, True) == {}
    blockers = rules.listing_blockers(["pirt", "barcode"], False, 0, False)
    assert set(blockers) == {"checklist", "mou", "outlet_ids", "umkm_id"}
    assert "P-IRT" in str(blockers["checklist"]) and "Barcode" in str(blockers["checklist"])


@pytest.mark.parametrize(("raw", "e164"), [
    ("0812-3456-7890", "+6281234567890"), ("62 812 3456 7890", "+6281234567890"),
    ("+6281234567890", "+6281234567890"), ("(0725) 41234", "+6272541234"),
])
def test_phone_numbers_as_typed(raw, e164):
    assert rules.normalize_phone(raw) == e164


@pytest.mark.parametrize("raw", ["12345", "+1 202 555 0100", "08abc", "0812"])
def test_bad_phone_numbers(raw):
    with pytest.raises(ValueError):
        rules.normalize_phone(raw)


def test_an_mou_needs_its_contacts_phone():
    assert rules.normalize_phone("  ") is None
    _, errors = rules.check_mou("500/12/D.4/2027", date(2027, 1, 2), date(2029, 1, 1), "Budi",
                                "", date(2027, 1, 3))
    assert set(errors) == {"contact_phone"}


def test_mou_one_message_per_field():
    values, errors = rules.check_mou(" 500/12/D.4/2027 ", date(2027, 1, 2), date(2029, 1, 1),
                                     "Budi Santoso", "0812 3456 7890", TODAY)
    assert errors == {} and values["number"] == "500/12/D.4/2027"
    assert values["contact_phone"] == "+6281234567890"
    _, errors = rules.check_mou("1", date(2027, 4, 1), date(2027, 3, 1), "B", "123", TODAY)
    assert set(errors) == {"number", "signed_on", "expires_on", "contact_name", "contact_phone"}
    _, errors = rules.check_mou("MOU-1", date(2027, 1, 1), date(2027, 1, 1), "Budi", "0812345678",
                                TODAY)
    assert set(errors) == {"expires_on"}  # expiry must come after the signing
    _, errors = rules.check_mou("MOU-1", date(2027, 1, 1), date(2040, 1, 1), "Budi",
                                "081234567890", TODAY)
    assert set(errors) == {"expires_on"}
    _, errors = rules.check_mou("MOU-1", None, None, "Budi", "081234567890", TODAY)
    assert set(errors) == {"signed_on", "expires_on"}


def test_mou_in_force_and_reminder_window():
    assert rules.mou_in_force(date(2027, 1, 1), date(2027, 3, 15), TODAY)
    assert not rules.mou_in_force(date(2027, 1, 1), date(2027, 3, 14), TODAY)
    assert not rules.mou_in_force(date(2027, 3, 16), date(2028, 1, 1), TODAY)
    assert rules.due_for_reminder(date(2027, 5, 14), TODAY)  # 60 days
    assert not rules.due_for_reminder(date(2027, 5, 15), TODAY)  # 61
    assert rules.due_for_reminder(TODAY, TODAY)
    assert not rules.due_for_reminder(date(2027, 3, 14), TODAY)  # already over


def test_months():
    assert rules.parse_month("2027-02") == date(2027, 2, 1)
    assert rules.parse_month(date(2027, 2, 17)) == date(2027, 2, 1)
    for bad in ("2027-13", "2027-2", "Februari", "", None, "1999-01"):
        assert rules.parse_month(bad) is None
    assert rules.month_label(date(2027, 2, 1)) == "2027-02"


def test_sales_rules():
    listed = date(2027, 1, 20)
    assert rules.check_sales(date(2027, 1, 1), 10, 150_000, listed, TODAY) == {}
    assert rules.check_sales(date(2027, 3, 1), 0, 0, listed, TODAY) == {}
    assert set(rules.check_sales(date(2027, 4, 1), 1, 1, listed, TODAY)) == {"month"}  # future
    assert set(rules.check_sales(date(2026, 12, 1), 1, 1, listed, TODAY)) == {"month"}
    assert set(rules.check_sales(date(2027, 1, 1), 1, 1, None, TODAY)) == {"month"}
    assert set(rules.check_sales(None, -1, "lots", listed, TODAY)) == {
        "month", "units", "revenue_idr"}
    assert set(rules.check_sales(date(2027, 2, 1), 0, 5_000, listed, TODAY)) == {"revenue_idr"}
    assert set(rules.check_sales(date(2027, 2, 1), True, 5_000, listed, TODAY)) == {"units"}


def test_names_compare_without_case_or_spacing():
    assert rules.name_key("  PB   Swalayan ") == rules.name_key("pb swalayan") == "pb swalayan"
