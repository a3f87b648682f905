"""What each staff role may do with a follow-up visit: coordinators any, a field officer the
visits given to them, other staff only look; the page offers the report and reschedule forms
exactly to those whose use of them is accepted."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest

from services.kernel.clock import today_wib
from tests.support import training_fixtures
from tests.support.sessions import csrf_of
from tests.support.training_world import PASSWORD, logged_in

world = training_fixtures.world

REPORT = {"still_producing": True, "units_produced": 12, "sales_idr": 2_400_000,
          "equipment_in_use": True, "equipment_condition": "baik"}
WHO = ("admin", "training_coordinator", "assigned officer", "other officer", "viewer",
       "bazaar_coordinator", "registry_officer")
MAY = {"admin", "training_coordinator", "assigned officer"}
REFUSED = "Anda tidak memiliki akses untuk tindakan ini."


def assigned_visit(world) -> tuple[dict, dict, dict]:
    """A visit given to Rahmat (Metro Utara); Wulan works in Metro Selatan."""
    rahmat = world.staff("field_officer", name="Rahmat", kecamatan=["Metro Utara"])
    wulan = world.staff("field_officer", name="Wulan", kecamatan=["Metro Selatan"])
    program = world.program()
    umkm = world.umkm(kecamatan="Metro Utara", kelurahan="Banjarsari")
    visit = world.visit_after(program, umkm)
    assert visit["officer"]["staff_id"] == rahmat["id"]
    return visit, rahmat, wulan


def person(world, who: str, rahmat: dict, wulan: dict) -> dict:
    if who == "admin":
        from tests.conftest import ADMIN_EMAIL, ADMIN_PASSWORD

        return {"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD, "auth": world.auth}
    found = {"assigned officer": rahmat, "other officer": wulan}.get(who) or world.staff(who)
    return {**found, "password": PASSWORD}


@pytest.mark.parametrize("who", WHO)
def test_a_visit_is_reported_and_moved_by_its_officer_or_a_coordinator(who, world):
    visit, rahmat, wulan = assigned_visit(world)
    someone = person(world, who, rahmat, wulan)
    page = logged_in(world, someone["email"], someone["password"])
    url = f"/visits/{visit['id']}"
    shown = page.get(url).get_data(as_text=True)
    later = (today_wib() + timedelta(days=40)).isoformat()
    moved = page.post(url, data={"move-due_on": later, "move-reason": "Pemilik ke luar kota",
                                 "csrf_token": csrf_of(shown)})
    reported = world.client.post(f"/api/v1/visits/{visit['id']}/report", json=REPORT,
                                 headers=someone["auth"])
    after = world.client.get(f"/api/v1/visits/{visit['id']}", headers=world.auth).json
    offered = ('data-testid="report-form"' in shown, 'data-testid="reschedule-form"' in shown)
    if who in MAY:
        assert offered == (True, True)
        assert moved.status_code == 302 and reported.status_code == 200
        assert after["due_on"] == later and after["status"] == "completed"
    else:
        assert offered == (False, False)
        assert moved.status_code == 403 and reported.status_code == 403
        assert after["due_on"] == visit["due_on"] and after["status"] == visit["status"]
        assert "Anda tidak memiliki akses untuk tindakan ini." in moved.get_data(as_text=True)
    if who == "other officer":
        assert "Kunjungan ini ditugaskan kepada Rahmat." in shown
        assert "Rahmat" in reported.json["error"]["message"]


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
COORDINATE = ("admin", "training_coordinator")


@pytest.mark.parametrize("who", ("admin", "training_coordinator", "field_officer", "viewer",
                                 "bazaar_coordinator", "registry_officer"))
def test_attendance_aid_and_trainer_forms_change_for_coordinators_and_refuse_others(who, world):
    """A session's attendance, a handover's signed BAST, the inventory and the trainers: staff
    who do not coordinate training get a 403 and nothing changes (it was a redirect or the
    page again, which looked like it had worked)."""
    program = world.program()
    world.stock(program, 2)
    umkm = world.umkm()
    assert world.enroll(program["id"], umkm["id"]).status_code == 201
    handover = world.client.post(f"/api/v1/programs/{program['id']}/handovers",
                                 json={"umkm_id": umkm["id"]}, headers=world.auth).json
    someone = (person(world, who, {}, {}) if who == "admin" else
               {**world.staff(who), "password": PASSWORD})
    page = logged_in(world, someone["email"], someone["password"])
    session_url = f"/programs/{program['id']}/sessions/{program['sessions'][0]['id']}/attendance"
    token = csrf_of(page.get(session_url).get_data(as_text=True))
    item = world.client.get("/api/v1/aid-items", headers=world.auth).json["items"][0]

    answers = [
        page.post(session_url, data={"csrf_token": token, "present": [umkm["id"]]}),
        page.post(f"/handovers/{handover['id']}", content_type="multipart/form-data",
                  data={"csrf_token": token, "file": (io.BytesIO(PNG), "bast.png")}),
        page.post("/aid-items", data={"csrf_token": token, "name": "Mesin jahit",
                                      "unit": "unit", "stock": "1"}),
        page.post("/aid-items", data={"csrf_token": token, "stock_item": item["id"],
                                      "quantity": "5"}),
        page.post("/trainers", data={"csrf_token": token, "name": "Pak Hendra",
                                     "skills": "batik cap", "address": "Jl. Ahmad Yani 9",
                                     "city": "Bandar Lampung", "fee_idr": "750.000"})]

    api = world.client
    sheet = api.get(session_url.replace("/programs", "/api/v1/programs"),
                    headers=world.auth).json
    changed = (
        [p["present"] for p in sheet["participants"]] == [True],
        api.get(f"/api/v1/handovers/{handover['id']}", headers=world.auth).json["scan_uploaded"],
        api.get("/api/v1/aid-items", headers=world.auth).json["total"] == 2,
        api.get("/api/v1/aid-items", headers=world.auth).json["items"][0]["stock"] == 6,
        api.get("/api/v1/trainers", headers=world.auth).json["total"] == 1)
    if who in COORDINATE:
        assert [a.status_code for a in answers] == [302] * 5
        assert changed == (True,) * 5
    else:
        assert [a.status_code for a in answers] == [403] * 5
        assert all(REFUSED in a.get_data(as_text=True) for a in answers)
        assert changed == (False,) * 5
