"""The training endpoints of DESIGN.md's public contract, end to end with a real registry."""

from datetime import date, timedelta

from tests.support import training_fixtures

world = training_fixtures.world

CONTRACT_PROGRAM = {"title": "Pelatihan Batik Tulis", "topic": "batik",
                    "location": "Aula Diskoperin", "starts_on": "2026-12-07",
                    "ends_on": "2026-12-09", "quota": 2,
                    "aid_package": [{"item": "Canting", "quantity": 3}],
                    "followup_days": [14, 60]}


def test_create_a_programme_with_the_contract_body_and_list_it(world):
    created = world.client.post("/api/v1/programs", json=CONTRACT_PROGRAM, headers=world.auth)
    assert created.status_code == 201, created.json
    body = created.json
    assert body["id"] and body["status"] == "scheduled"
    # sensible defaults: one session a day, verified-only, the completion rule
    assert [s["date"] for s in body["sessions"]] == ["2026-12-07", "2026-12-08", "2026-12-09"]
    assert body["aid_package"][0]["item"] == "Canting"
    assert body["followup_days"] == [14, 60] and body["min_attendance_pct"] == 75
    listed = world.client.get("/api/v1/programs", headers=world.auth).json
    assert {"items", "total", "page"} <= set(listed)
    assert listed["total"] == 1 and listed["items"][0]["id"] == body["id"]
    [event] = world.published("training.scheduled")
    assert event["payload"]["program"]["program_id"] == body["id"]
    assert event["payload"]["aid_package"] == [{"item": "Canting", "quantity": 3,
                                                "unit_value_idr": None}]


def test_enroll_complete_and_the_visits_appear(world):
    officer = world.staff("field_officer", name="Rahmat", kecamatan=["Metro Pusat"])
    program = world.client.post("/api/v1/programs", json=CONTRACT_PROGRAM,
                                headers=world.auth).json
    umkm = world.umkm(kecamatan="Metro Pusat", kelurahan="Imopuro")
    enrolled = world.enroll(program["id"], umkm["id"])
    assert enrolled.status_code == 201, enrolled.json
    assert enrolled.json["status"] == "enrolled"
    done = world.client.post(f"/api/v1/programs/{program['id']}/complete", headers=world.auth)
    assert done.status_code == 200, done.json
    assert [p["result"] for p in done.json["participants"]] == ["passed"]
    world.deliver_own_events()
    visits = world.client.get(f"/api/v1/visits?umkm_id={umkm['id']}", headers=world.auth).json
    assert {"items", "total", "page"} <= set(visits)
    assert visits["total"] == 2
    for item, days in zip(visits["items"], (14, 60), strict=True):
        assert {"id", "umkm_id", "program_id", "due_on", "status", "officer"} <= set(item)
        assert item["umkm_id"] == umkm["id"] and item["program_id"] == program["id"]
        assert item["status"] == "scheduled" and item["offset_days"] == days
        assert item["officer"]["staff_id"] == officer["id"]
    completed_on = date.fromisoformat(done.json["completed_on"])
    assert [v["due_on"] for v in visits["items"]] == [
        (completed_on + timedelta(days=d)).isoformat() for d in (14, 60)]
