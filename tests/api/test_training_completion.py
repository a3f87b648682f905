"""Attendance, the completion rule, results with reasons, and the follow-up visits the
completion event schedules (once, even when the event comes twice), by kecamatan and load."""

import pytest
from sqlalchemy import func, select

from services.kernel.errors import Unavailable
from services.training.models import Visit
from tests.support import training_fixtures

world = training_fixtures.world


def enrolled_programme(world, n=2, **program):
    program = world.program(**program)
    people = [world.umkm(kecamatan="Metro Pusat", kelurahan="Imopuro") for _ in range(n)]
    for umkm in people:
        assert world.enroll(program["id"], umkm["id"]).status_code == 201
    return program, people


def attendance(world, program, session, present):
    return world.client.put(
        f"/api/v1/programs/{program['id']}/sessions/{session['id']}/attendance",
        json={"present": [u["id"] for u in present]}, headers=world.auth)


def complete(world, program, **body):
    return world.client.post(f"/api/v1/programs/{program['id']}/complete", json=body or None,
                             headers=world.auth)


def visits(world, **query):
    return world.client.get("/api/v1/visits", query_string=query, headers=world.auth).json


def test_attendance_is_recorded_and_replaced_per_session(world):
    program, (a, b) = enrolled_programme(world)
    first = program["sessions"][0]
    sheet = attendance(world, program, first, [a])
    assert sheet.status_code == 200, sheet.json
    assert {p["umkm_id"]: p["present"] for p in sheet.json["participants"]} == {
        a["id"]: True, b["id"]: False}
    again = attendance(world, program, first, [a, b]).json
    assert all(p["present"] for p in again["participants"])
    stranger = world.umkm()
    refused = attendance(world, program, first, [stranger])
    assert refused.status_code == 422 and "present" in refused.json["error"]["fields"]


def test_completion_by_the_attendance_rule_and_by_staff_with_a_reason(world):
    program, (a, b) = enrolled_programme(world, n=2, min_attendance_pct=60)
    c = world.umkm()
    assert world.enroll(program["id"], c["id"]).status_code == 201
    for session in program["sessions"]:  # three sessions: a all, b one, c all
        attendance(world, program, session, [a, c] if session != program["sessions"][0]
                   else [a, b, c])
    done = complete(world, program, results=[
        {"umkm_id": c["id"], "passed": False, "reason": "Tidak membuat produk akhir"}])
    assert done.status_code == 200, done.json
    results = {p["umkm_id"]: (p["result"], p["result_reason"])
               for p in done.json["participants"]}
    assert results[a["id"]] == ("passed", None)
    assert results[b["id"]][0] == "not_passed" and "1 dari 3" in results[b["id"]][1]
    assert results[c["id"]] == ("not_passed", "Tidak membuat produk akhir")
    events = [e["payload"] for e in world.published("training.participant_completed")]
    assert [e["umkm_id"] for e in events] == [a["id"]]
    assert events[0]["followup_days"] == [14, 60] and events[0]["kecamatan"] == "Metro Pusat"
    assert complete(world, program).status_code == 409
    assert world.enroll(program["id"], world.umkm()["id"]).status_code == 409


def test_without_attendance_everyone_passes_and_unknown_results_are_422(world):
    program, _people = enrolled_programme(world)
    bad = complete(world, program, results=[{"umkm_id": "someone-else", "passed": False}])
    assert bad.status_code == 422 and "results.0.umkm_id" in bad.json["error"]["fields"]
    done = complete(world, program)
    assert done.json["passed"] == 2 and done.json["not_passed"] == 0


def test_visits_go_to_the_officer_of_the_kecamatan_with_the_lowest_load(world):
    busy = world.staff("field_officer", name="Budi", kecamatan=["Metro Pusat"])
    free = world.staff("field_officer", name="Wati", kecamatan=["Metro Pusat"])
    world.staff("field_officer", name="Yanto", kecamatan=["Metro Selatan"])
    first, [_one] = enrolled_programme(world, n=1, title="Batik I")
    complete(world, first)
    world.deliver_own_events()
    assigned = {v["officer"]["name"] for v in visits(world)["items"]}
    assert assigned == {"Budi"}  # both at zero: by name, and a participant keeps one officer
    second, [two] = enrolled_programme(world, n=1, title="Batik II")
    complete(world, second)
    world.deliver_own_events()
    theirs = visits(world, umkm_id=two["id"])["items"]
    assert {v["officer"]["staff_id"] for v in theirs} == {free["id"]}
    assert busy["id"] != free["id"]
    scheduled = [e["payload"] for e in world.published("visit.scheduled")]
    assert len(scheduled) == 4 and {s["offset_days"] for s in scheduled} == {14, 60}
    assert scheduled[-1]["officer"]["name"] == "Wati"


def test_a_completion_event_delivered_twice_creates_the_visits_once(world):
    program, [umkm] = enrolled_programme(world, n=1)
    complete(world, program)
    [envelope] = world.deliver_own_events()
    consumer = world.training.runtime.consumer
    assert consumer.handle(envelope) == "duplicate"
    replay = {**envelope, "event_id": "5d1f7a2e-0000-4000-8000-000000000001"}
    assert consumer.handle(replay) == "processed"  # a copy under a new id: still no new visit
    assert visits(world, umkm_id=umkm["id"])["total"] == 2
    assert len(world.published("visit.scheduled")) == 2


def test_the_registry_down_when_the_event_arrives_means_try_again_later(world):
    world.staff("field_officer", name="Rahmat")
    program, [umkm] = enrolled_programme(world, n=1)
    complete(world, program)
    world.served.stop()
    with pytest.raises(Unavailable):
        world.deliver_own_events()
    with world.training.uow(readonly=True) as unit:
        assert unit.session.execute(select(func.count()).select_from(Visit)).scalar_one() == 0
    # the same event again (as the relay re-sends it), now the registry answers
    from tests.support.training_world import ServedApp

    world.served = ServedApp(world.registry_app)
    world.training.registry.client.base_url = world.served.url
    tables = world.training.runtime.tables
    with world.training.uow(readonly=True) as unit:
        row = unit.session.execute(select(tables.outbox_event).where(
            tables.outbox_event.c.type == "training.participant_completed")).mappings().one()
    envelope = {"event_id": row["id"], "type": row["type"], "version": row["version"],
                "occurred_at": row["occurred_at"].isoformat(), "producer": "training",
                "correlation_id": None, "payload": row["payload"]}
    assert world.training.runtime.consumer.handle(envelope) == "processed"
    items = visits(world, umkm_id=umkm["id"])["items"]
    assert [v["officer"]["name"] for v in items] == ["Rahmat", "Rahmat"]
