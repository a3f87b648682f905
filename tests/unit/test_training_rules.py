"""Training's pure rules: programme plans, the completion rule, trainer residency and clashes,
officer choice, due dates, repeat-aid window, uploads."""

from datetime import date, time

import pytest

from services.kernel import contact
from services.kernel.errors import InvalidInput
from services.kernel.uploads import check_upload, sniff
from services.training.domain import aid, numbers, programs, trainers, visits
from services.training.domain.aid import serials, window_start
from services.training.domain.attendance import judge
from services.training.domain.programs import eligibility_problem, validate_program
from services.training.domain.trainers import clash, validate_trainer
from services.training.domain.visits import days_overdue, due_dates, pick_officer
from services.training.models import (
    AidItem,
    Enrollment,
    Handover,
    HandoverLine,
    Program,
    ProgramSession,
    Reschedule,
    StockMovement,
    Trainer,
)

BASE = {"title": "Batik", "topic": "batik", "location": "Aula", "starts_on": date(2026, 12, 7),
        "ends_on": date(2026, 12, 9), "quota": 20}


def test_a_plan_gets_one_session_a_day_the_default_rule_and_plan():
    plan = validate_program(BASE)
    assert [s.held_on.day for s in plan.sessions] == [7, 8, 9]
    assert plan.sessions[0].venue == "Aula"
    assert (plan.sessions[0].starts_at, plan.sessions[0].ends_at) == (time(8), time(16))
    assert plan.followup_days == (14, 60) and plan.min_attendance_pct == 75


def test_sessions_must_fall_within_the_dates_and_not_overlap():
    with pytest.raises(InvalidInput) as error:
        validate_program({**BASE, "sessions": [
            {"date": date(2026, 12, 10)},
            {"date": date(2026, 12, 7), "starts_at": time(8), "ends_at": time(12)},
            {"date": date(2026, 12, 7), "starts_at": time(11), "ends_at": time(13)},
            {"date": date(2026, 12, 8), "starts_at": time(14), "ends_at": time(13)}]})
    assert set(error.value.fields) == {"sessions.0.date", "sessions", "sessions.3.ends_at"}


def test_followup_days_are_sorted_and_positive():
    assert validate_program({**BASE, "followup_days": [60, 14, 90]}).followup_days == (14, 60, 90)
    with pytest.raises(InvalidInput) as error:
        validate_program({**BASE, "followup_days": [14, 14]})
    assert "followup_days" in error.value.fields


@pytest.mark.parametrize(("attended", "sessions", "pct", "passed"), [
    (3, 4, 75, True), (2, 4, 75, False), (0, 0, 75, True), (1, 3, 0, True), (3, 3, 100, True)])
def test_the_completion_rule(attended, sessions, pct, passed):
    verdict = judge(attended, sessions, pct)
    assert verdict.passed is passed
    assert (verdict.reason is None) is passed


def test_residency_comes_from_the_domicile_kelurahan():
    resident = validate_trainer({"name": "Ratna", "skills": ["tapis"], "address": "Jl. A",
                                 "kelurahan": "tejo agung"})
    assert resident.metro_resident and resident.kecamatan == "Metro Timur"
    assert resident.fee_idr is None
    outsider = validate_trainer({"name": "Hendra", "skills": ["batik"], "address": "Jl. B",
                                 "city": "Bandar Lampung", "fee_idr": 500_000})
    assert not outsider.metro_resident and outsider.fee_idr == 500_000
    with pytest.raises(InvalidInput) as error:
        validate_trainer({"name": "Joko", "skills": ["x"], "address": "Jl. C",
                          "kelurahan": "Yosomulyo", "fee_idr": 100_000})
    assert set(error.value.fields) == {"fee_idr"}
    with pytest.raises(InvalidInput) as error:
        validate_trainer({"name": "", "skills": [], "address": "", "city": "Kota Metro"})
    assert set(error.value.fields) == {"name", "skills", "address", "kelurahan"}


def test_a_clash_is_the_same_day_with_overlapping_times():
    day = date(2026, 12, 7)
    ours = [(day, time(8), time(12))]
    assert clash(ours, [(day, time(11, 59), time(13))]) == ours[0]
    assert clash(ours, [(day, time(12), time(16))]) is None
    assert clash(ours, [(date(2026, 12, 8), time(8), time(12))]) is None


def test_the_officer_with_the_lowest_load_then_the_local_one_then_by_name():
    officers = [{"staff_id": "a", "name": "Agus", "kecamatan": []},
                {"staff_id": "b", "name": "Budi", "kecamatan": ["Metro Pusat"]},
                {"staff_id": "c", "name": "Citra", "kecamatan": ["Metro Pusat"]}]
    assert pick_officer(officers, {})["staff_id"] == "b"
    assert pick_officer(officers, {"b": 2, "c": 1})["staff_id"] == "a"
    assert pick_officer(officers, {"a": 1, "b": 1, "c": 0})["staff_id"] == "c"
    assert pick_officer([], {}) is None


def test_due_dates_and_days_overdue():
    assert due_dates(date(2026, 12, 9), [60, 14]) == [(14, date(2026, 12, 23)),
                                                       (60, date(2027, 2, 7))]
    assert days_overdue(date(2026, 12, 23), date(2026, 12, 26)) == 3
    assert days_overdue(date(2026, 12, 23), date(2026, 12, 20)) == 0


def test_the_repeat_aid_window_and_serials():
    assert window_start(date(2026, 12, 9)) == date(2023, 12, 9)
    assert window_start(date(2028, 2, 29)) == date(2025, 2, 28)
    assert serials("A1, A2\nA3,,A1") == ("A1", "A2", "A3")
    assert serials(None) == ()


def test_eligibility_verified_then_sector_then_kecamatan():
    umkm = {"status": "verified", "sector": "kriya", "kecamatan": "Metro Pusat"}
    assert eligibility_problem([], [], umkm) is None
    assert "belum terverifikasi" in str(eligibility_problem([], [], {**umkm,
                                                                    "status": "pending"}))
    assert "sektor" in str(eligibility_problem(["batik"], [], umkm))
    assert "kecamatan" in str(eligibility_problem([], ["Metro Barat"], umkm))


def test_uploads_are_judged_by_their_first_bytes_and_size():
    assert sniff(b"%PDF-1.7...") == "pdf" and sniff(b"\xff\xd8\xff\xe0") == "jpg"
    assert sniff(b"GIF89a") is None
    assert check_upload("file", b"\x89PNG\r\n\x1a\nxxxx", ("png",), 100) == "png"
    for content, size in ((b"", 100), (b"%PDF-" + b"x" * 200, 100), (b"%PDF-1", 100)):
        with pytest.raises(InvalidInput) as error:
            check_upload("file", content, ("png", "jpg"), size)
        assert set(error.value.fields) == {"file"}


@pytest.mark.parametrize(("limit", "column"), [
    (trainers.NAME_MAX, Trainer.name), (trainers.ADDRESS_MAX, Trainer.address),
    (trainers.CITY_MAX, Trainer.city), (trainers.AVAILABILITY_MAX, Trainer.availability),
    (contact.EMAIL_MAX, Trainer.email), (aid.NOTE_MAX, StockMovement.note),
    (aid.ITEM_NAME_MAX, AidItem.name), (aid.ITEM_NAME_MAX, AidItem.name_key),
    (aid.ITEM_NAME_MAX, HandoverLine.item), (aid.UNIT_MAX, AidItem.unit),
    (visits.REASON_MAX, Reschedule.reason), (aid.RECEIVED_BY_MAX, Handover.received_by),
    (programs.TITLE_MAX, Program.title), (programs.TOPIC_MAX, Program.topic),
    (programs.VENUE_MAX, Program.location), (programs.VENUE_MAX, ProgramSession.venue),
    (programs.REASON_MAX, Enrollment.cancel_reason),
    (programs.REASON_MAX, Enrollment.result_reason)])
def test_each_length_limit_is_the_length_of_the_column_that_keeps_it(limit, column):
    assert limit == column.type.length


def test_a_trainers_phone_is_kept_in_e164_and_text_is_never_cut():
    base = {"name": "Ratna", "skills": ["tapis"], "address": "Jl. A", "kelurahan": "Imopuro"}
    assert validate_trainer({**base, "phone": "0812 3456 7001"}).phone == "+6281234567001"
    assert validate_trainer({**base, "name": "x" * 120}).name == "x" * 120
    with pytest.raises(InvalidInput) as error:
        validate_trainer({**base, "name": "x" * 121, "phone": "0812", "email": "a@@b",
                          "skills": [f"s{n}" for n in range(21)]})
    assert set(error.value.fields) == {"name", "phone", "email", "skills"}


def test_an_item_name_fits_its_column_once_case_folded_too():
    with pytest.raises(InvalidInput) as error:
        validate_program({**BASE, "aid_package": [
            {"item": "x" * 161, "quantity": 1}, {"item": "ß" * 100, "quantity": 1}]})
    assert set(error.value.fields) == {"aid_package.0.item", "aid_package.1.item"}
    plan = validate_program({**BASE, "aid_package": [{"item": "x" * 160, "quantity": 1}]})
    assert plan.aid_package[0].item == "x" * 160


def test_eligibility_names_the_status_and_sectors_in_words_not_codes():
    umkm = {"status": "rejected", "sector": "kuliner", "kecamatan": "Metro Pusat"}
    assert str(eligibility_problem([], [], umkm)) == (
        "UMKM ini belum terverifikasi (status: ditolak).")
    verified = {**umkm, "status": "verified"}
    assert str(eligibility_problem(["batik", "jasa"], [], verified)) == (
        "Pelatihan ini hanya untuk sektor: Batik, Jasa.")


def test_counts_and_rupiah_stay_within_their_columns():
    with pytest.raises(InvalidInput) as error:
        validate_program({**BASE, "aid_package": [
            {"item": "Kompor", "quantity": 2**31, "unit_value_idr": 2**63}]})
    assert set(error.value.fields) == {"aid_package.0.quantity", "aid_package.0.unit_value_idr"}
    assert numbers.MAX_COUNT < 2**31 - 1 and numbers.MAX_IDR < 2**63 - 1
