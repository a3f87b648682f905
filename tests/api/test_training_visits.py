"""Visit reports from the field, reschedules with a reason, the daily overdue job (once), and
the outcomes per programme and overall."""

from datetime import date, timedelta

from services.kernel.clock import today_wib
from services.training.usecases import visits
from services.training.usecases.visits import mark_overdue
from tests.support import training_fixtures

world = training_fixtures.world


def scheduled_visits(world, officer=None, **program):
    program = world.program(**program)
    world.stock(program, 5)
    umkm = world.umkm(kecamatan="Metro Utara", kelurahan="Banjarsari")
    assert world.enroll(program["id"], umkm["id"]).status_code == 201
    assert world.client.post(f"/api/v1/programs/{program['id']}/handovers",
                             json={"umkm_id": umkm["id"]}, headers=world.auth).status_code == 201
    world.client.post(f"/api/v1/programs/{program['id']}/complete", headers=world.auth)
    world.deliver_own_events()
    items = world.client.get(f"/api/v1/visits?umkm_id={umkm['id']}", headers=world.auth).json
    return program, umkm, items["items"]


REPORT = {"still_producing": True, "units_produced": 12, "sales_idr": 2_400_000,
          "equipment_in_use": True, "equipment_condition": "baik",
          "needs": "Bahan baku benang", "next_step": "Ikut bazar HUT Kota Metro"}


def test_a_field_officer_files_the_report_once(world):
    officer = world.staff("field_officer", name="Rahmat")
    viewer = world.staff("viewer")
    _, umkm, (first, _second) = scheduled_visits(world)
    url = f"/api/v1/visits/{first['id']}/report"
    assert world.client.post(url, json=REPORT, headers=viewer["auth"]).status_code == 403
    missing = world.client.post(url, json={"units_produced": -1}, headers=officer["auth"])
    assert missing.status_code == 422
    assert set(missing.json["error"]["fields"]) == {"still_producing"}
    negative = world.client.post(url, json={**REPORT, "units_produced": -1},
                                 headers=officer["auth"])
    assert negative.status_code == 422 and "units_produced" in negative.json["error"]["fields"]
    filed = world.client.post(url, json=REPORT, headers=officer["auth"])
    assert filed.status_code == 200, filed.json
    assert filed.json["status"] == "completed"
    assert filed.json["report"]["sales_idr"] == 2_400_000
    assert filed.json["report"]["reported_by"] == officer["email"]
    [event] = [e["payload"] for e in world.published("visit.completed")]
    assert (event["umkm_id"], event["units_produced"], event["still_producing"]) == (
        umkm["id"], 12, True)
    assert world.client.post(url, json=REPORT, headers=officer["auth"]).status_code == 409


def test_reschedule_with_a_reason(world):
    _, _, (first, _) = scheduled_visits(world)
    url = f"/api/v1/visits/{first['id']}/reschedule"
    # Later than the visit's own date (today + 14), and never in the past whenever this runs.
    later = (today_wib() + timedelta(days=56)).isoformat()
    no_reason = world.client.post(url, json={"due_on": later, "reason": " "},
                                  headers=world.auth)
    assert no_reason.status_code == 422 and "reason" in no_reason.json["error"]["fields"]
    past = world.client.post(url, json={"due_on": "2020-01-01", "reason": "Hujan"},
                             headers=world.auth)
    assert past.status_code == 422 and "due_on" in past.json["error"]["fields"]
    moved = world.client.post(url, json={"due_on": later, "reason": "Pemilik ke luar kota"},
                              headers=world.auth)
    assert moved.status_code == 200, moved.json
    assert moved.json["due_on"] == later
    assert moved.json["reschedules"][0]["reason"] == "Pemilik ke luar kota"
    assert moved.json["reschedules"][0]["from_due_on"] == first["due_on"]


def test_the_daily_job_marks_overdue_once_and_publishes(world):
    _, _umkm, (first, second) = scheduled_visits(world)
    due = date.fromisoformat(first["due_on"])
    uow = world.training.uow
    assert mark_overdue(uow, today=due) == 0  # due today is not late
    assert mark_overdue(uow, today=due + timedelta(days=3)) == 1
    assert mark_overdue(uow, today=due + timedelta(days=4)) == 0  # once
    [event] = [e["payload"] for e in world.published("visit.overdue")]
    assert (event["visit_id"], event["days_overdue"]) == (first["id"], 3)
    statuses = world.client.get("/api/v1/visits?status=overdue", headers=world.auth).json
    assert [v["id"] for v in statuses["items"]] == [first["id"]]
    # the tick of the runtime runs the same job (today's date: nothing is late yet)
    world.training.runtime.tick()
    assert len(world.published("visit.overdue")) == 1
    # a reschedule makes it due again; a report closes it
    world.client.post(f"/api/v1/visits/{first['id']}/reschedule",
                      json={"due_on": (date.today() + timedelta(days=30)).isoformat(),
                            "reason": "Jalan rusak"}, headers=world.auth)
    assert world.client.get(f"/api/v1/visits/{first['id']}",
                            headers=world.auth).json["status"] == "scheduled"
    assert world.client.get(f"/api/v1/visits/{second['id']}",
                            headers=world.auth).json["status"] == "scheduled"


def test_outcomes_per_programme_and_overall(world):
    program, _, (first, second) = scheduled_visits(world)
    world.client.post(f"/api/v1/visits/{first['id']}/report", json=REPORT, headers=world.auth)
    world.client.post(f"/api/v1/visits/{second['id']}/report",
                      json={"still_producing": False, "sales_idr": 0}, headers=world.auth)
    mine = world.client.get(f"/api/v1/programs/{program['id']}/outcomes",
                            headers=world.auth).json
    assert (mine["participants"], mine["passed"], mine["completion_rate"]) == (1, 1, 100.0)
    assert mine["aid_value_idr"] == 1_500_000 and mine["sales_idr"] == 2_400_000
    assert mine["producing_by_visit"] == [
        {"offset_days": 14, "reported": 1, "producing": 1, "share_producing": 100.0},
        {"offset_days": 60, "reported": 1, "producing": 0, "share_producing": 0.0}]
    world.program(title="Belum selesai")
    overall = world.client.get("/api/v1/outcomes", headers=world.auth).json
    assert len(overall["programs"]) == 2 and overall["visits_reported"] == 2


def test_an_over_long_reason_is_refused_never_cut(world):
    _, _, (first, _) = scheduled_visits(world)
    url = f"/api/v1/visits/{first['id']}/reschedule"
    later = (today_wib() + timedelta(days=56)).isoformat()
    long = world.client.post(url, json={"due_on": later, "reason": "x" * 5000},
                             headers=world.auth)
    assert long.status_code == 422
    assert long.json["error"]["fields"] == {"reason": "Paling banyak 300 karakter."}
    unchanged = world.client.get(f"/api/v1/visits/{first['id']}", headers=world.auth).json
    assert unchanged["due_on"] == first["due_on"] and unchanged["reschedules"] == []
    full = world.client.post(url, json={"due_on": later, "reason": "y" * 300},
                             headers=world.auth)
    assert full.status_code == 200 and full.json["reschedules"][0]["reason"] == "y" * 300


def test_visits_due_within_a_window_count_from_the_given_day(world):
    visit = world.visit_after(world.program(), world.umkm())
    due_on = date.fromisoformat(visit["due_on"])
    week = visits.VisitQuery(due_within_days=7)
    in_window = visits.list_visits(world.training.uow, week, today=due_on - timedelta(days=7))
    assert [v["id"] for v in in_window["items"]] == [visit["id"]]
    too_early = visits.list_visits(world.training.uow, week, today=due_on - timedelta(days=8))
    assert too_early["items"] == [] and too_early["total"] == 0
