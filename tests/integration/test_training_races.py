"""Races on SQLite and PostgreSQL, with real threads: two enrollments for the last place (one
wins), two handovers for the last unit of stock (one wins, the stock never goes negative)."""

import threading

from sqlalchemy import select

from services.training.models import ENROLLED, AidItem, Enrollment, Handover
from tests.support import training_fixtures

world_any = training_fixtures.world_any


def race(*calls):
    """Run every call at once (each in its own thread, with its own test client)."""
    barrier = threading.Barrier(len(calls))
    answers = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        answers[index] = call()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return answers


def test_two_enrollments_for_the_last_place_one_wins(world_any):
    world = world_any
    for _ in range(3):
        program = world.program(quota=1)
        a, b = world.umkm(), world.umkm()
        url = f"/api/v1/programs/{program['id']}/enrollments"
        answers = race(*[lambda u=u, url=url: world.app.test_client().post(
            url, json={"umkm_id": u["id"]}, headers=world.auth) for u in (a, b)])
        assert sorted(r.status_code for r in answers) == [201, 201]
        assert sorted(r.json["status"] for r in answers) == ["enrolled", "waitlisted"]
        with world.training.uow(readonly=True) as unit:
            placed = unit.session.execute(select(Enrollment).where(
                Enrollment.program_id == program["id"], Enrollment.status == ENROLLED)).all()
        assert len(placed) == 1


def test_the_same_umkm_twice_at_once_is_one_enrollment(world_any):
    world = world_any
    program = world.program(quota=5)
    umkm = world.umkm()
    answers = race(*[lambda: world.app.test_client().post(
        f"/api/v1/programs/{program['id']}/enrollments", json={"umkm_id": umkm["id"]},
        headers=world.auth) for _ in range(2)])
    assert sorted(r.status_code for r in answers) == [201, 409]


def test_two_handovers_for_the_last_unit_one_wins_and_stock_stays_at_zero(world_any):
    world = world_any
    # Two programmes sharing one inventory item: the stock row is the only thing they share.
    first = world.program(title="Tapis A")
    second = world.program(title="Tapis B")
    world.stock(first, 1)
    a, b = world.umkm(), world.umkm()
    assert world.enroll(first["id"], a["id"]).status_code == 201
    assert world.enroll(second["id"], b["id"]).status_code == 201
    answers = race(
        lambda: world.app.test_client().post(f"/api/v1/programs/{first['id']}/handovers",
                                             json={"umkm_id": a["id"]}, headers=world.auth),
        lambda: world.app.test_client().post(f"/api/v1/programs/{second['id']}/handovers",
                                             json={"umkm_id": b["id"]}, headers=world.auth))
    assert sorted(r.status_code for r in answers) == [201, 409], [r.json for r in answers]
    with world.training.uow(readonly=True) as unit:
        item = unit.session.get(AidItem, first["aid_package"][0]["aid_item_id"])
        assert item.stock == 0
        assert len(unit.session.execute(select(Handover)).all()) == 1
