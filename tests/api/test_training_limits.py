"""Text longer than the column that keeps it is refused with one message per field (422), never
cut and never a database error: on PostgreSQL an over-long string would raise DataError."""

from sqlalchemy import func, select

from services.training.models import Enrollment, Handover, Program, Trainer
from tests.support import training_fixtures

world = training_fixtures.world
world_any = training_fixtures.world_any


def count(world, model) -> int:
    with world.training.uow(readonly=True) as unit:
        return unit.session.execute(select(func.count()).select_from(model)).scalar_one()


def test_over_long_text_is_422_on_sqlite_and_postgresql(world_any):
    world = world_any
    programme = {"title": "Tapis", "topic": "tapis", "location": "Aula",
                 "starts_on": "2026-12-07", "ends_on": "2026-12-07", "quota": 5,
                 "aid_package": [{"item": "Benang emas", "quantity": 1}]}
    venue = world.client.post("/api/v1/programs", headers=world.auth, json={
        **programme, "sessions": [{"date": "2026-12-07", "venue": "v" * 301}]})
    assert venue.status_code == 422, venue.json
    assert venue.json["error"]["fields"] == {"sessions.0.venue": "Paling banyak 300 karakter."}
    assert count(world, Program) == 0
    trainer = world.client.post("/api/v1/trainers", headers=world.auth, json={
        "name": "n" * 121, "skills": ["tapis"], "address": "Jl. A", "kelurahan": "Imopuro"})
    assert trainer.status_code == 422 and set(trainer.json["error"]["fields"]) == {"name"}
    assert count(world, Trainer) == 0
    program = world.program(**programme)
    world.stock(program, 2)
    umkm = world.umkm()
    assert world.enroll(program["id"], umkm["id"]).status_code == 201
    handover = world.client.post(f"/api/v1/programs/{program['id']}/handovers",
                                 headers=world.auth,
                                 json={"umkm_id": umkm["id"], "received_by": "r" * 201})
    assert handover.status_code == 422, handover.json
    assert set(handover.json["error"]["fields"]) == {"received_by"}
    assert count(world, Handover) == 0
    stock = world.client.get("/api/v1/aid-items", headers=world.auth).json["items"][0]["stock"]
    assert stock == 2


def test_a_cancel_or_result_reason_is_refused_when_too_long_never_cut(world):
    program = world.program()
    first, second = world.umkm(), world.umkm()
    for umkm in (first, second):
        assert world.enroll(program["id"], umkm["id"]).status_code == 201
    enrollment = world.client.get(f"/api/v1/programs/{program['id']}/enrollments",
                                  headers=world.auth).json["items"][0]
    cancel = world.client.post(
        f"/api/v1/programs/{program['id']}/enrollments/{enrollment['id']}/cancel",
        json={"reason": "x" * 301}, headers=world.auth)
    assert cancel.status_code == 422 and set(cancel.json["error"]["fields"]) == {"reason"}
    with world.training.uow(readonly=True) as unit:
        assert unit.session.get(Enrollment, enrollment["id"]).status == "enrolled"
    url = f"/api/v1/programs/{program['id']}/complete"
    complete = world.client.post(url, headers=world.auth, json={"results": [
        {"umkm_id": first["id"], "passed": False, "reason": "Tidak hadir"},
        {"umkm_id": second["id"], "passed": False, "reason": "y" * 301}]})
    assert complete.status_code == 422
    assert set(complete.json["error"]["fields"]) == {"results.1.reason"}
    assert world.client.get(f"/api/v1/programs/{program['id']}",
                            headers=world.auth).json["status"] == "scheduled"
    done = world.client.post(url, headers=world.auth, json={"results": [
        {"umkm_id": second["id"], "passed": False, "reason": "y" * 300}]})
    assert done.status_code == 200, done.json
    reasons = {p["umkm_id"]: p["result_reason"] for p in done.json["participants"]}
    assert reasons[second["id"]] == "y" * 300


def test_numbers_beyond_their_columns_are_422_on_sqlite_and_postgresql(world_any):
    world = world_any
    huge, too_many = 10**13, 3_000_000_000  # past the rupiah cap; past Integer (numbers past
    # a 64-bit column do not get this far: tests/api/test_hostile_input.py)
    program = world.client.post("/api/v1/programs", headers=world.auth, json={
        "title": "Tapis", "topic": "tapis", "location": "Aula", "starts_on": "2026-12-07",
        "ends_on": "2026-12-07", "quota": 5,
        "aid_package": [{"item": "Benang emas", "quantity": too_many, "unit_value_idr": huge}]})
    assert program.status_code == 422, program.json
    assert set(program.json["error"]["fields"]) == {"aid_package.0.quantity",
                                                    "aid_package.0.unit_value_idr"}
    item = world.client.post("/api/v1/aid-items", json={"name": "Kompor", "unit_value_idr": huge},
                             headers=world.auth)
    assert item.status_code == 422
    assert item.json["error"]["fields"] == {"unit_value_idr": "Paling banyak Rp1.000.000.000.000."}
    trainer = world.client.post("/api/v1/trainers", headers=world.auth, json={
        "name": "Pak Hendra", "skills": ["batik"], "address": "Jl. A", "city": "Bandar Lampung",
        "fee_idr": huge})
    assert trainer.status_code == 422 and set(trainer.json["error"]["fields"]) == {"fee_idr"}
    assert (count(world, Program), count(world, Trainer)) == (0, 0)
    program = world.program()
    umkm = world.umkm()
    visit = world.visit_after(program, umkm)
    report = world.client.post(f"/api/v1/visits/{visit['id']}/report", headers=world.auth,
                               json={"still_producing": True, "units_produced": too_many,
                                     "sales_idr": huge})
    assert report.status_code == 422, report.json
    assert set(report.json["error"]["fields"]) == {"units_produced", "sales_idr"}
    assert world.client.get(f"/api/v1/visits/{visit['id']}",
                            headers=world.auth).json["status"] == "scheduled"
