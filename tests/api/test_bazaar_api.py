"""Bazaars through the API of DESIGN.md: schedule, apply once, allocate fairly, check in."""

import threading

import pytest

from services.kernel.identity import BAZAAR_COORDINATOR, VIEWER
from tests.support.bazaar_world import BazaarWorld, world_on


@pytest.fixture
def world(app, auth, service_app):
    return BazaarWorld(service_app("bazaar"), auth)


@pytest.fixture
def world_any(platform_any):
    with world_on(platform_any) as world:
        yield world


def test_schedule_publishes_the_invitation_and_numbers_the_stalls(world):
    bazaar = world.bazaar(stalls=5, kuliner_stalls=2, sectors=["kuliner", "kriya"])
    assert bazaar["status"] == "scheduled" and bazaar["stall_categories"] == {
        "kuliner": 2, "non-kuliner": 3}
    [event] = world.published("bazaar.scheduled")
    assert event["bazaar"]["bazaar_id"] == bazaar["id"] and event["stalls"] == 5
    assert event["sectors"] == ["kriya", "kuliner"] and event["verified_only"] is True
    listed = world.client.get("/api/v1/bazaars", headers=world.auth).json
    assert listed["total"] == 1 and listed["items"][0]["id"] == bazaar["id"]


def test_bad_bazaar_fields_get_one_message_each(world):
    response = world.client.post("/api/v1/bazaars", headers=world.auth, json={
        "title": "B", "venue": "Lapangan", "starts_at": "2020-01-01T08:00:00+07:00",
        "ends_at": "2019-01-01T08:00:00", "stalls": "banyak", "sectors": ["sulap"]})
    assert response.status_code == 422
    named = {key.split(".")[0] for key in response.json["error"]["fields"]}
    assert {"title", "host_event", "ends_at", "stalls", "sectors"} <= named
    past = world.client.post("/api/v1/bazaars", headers=world.auth, json={
        "title": "Bazar", "host_event": "Acara", "venue": "Lapangan", "stalls": 0,
        "starts_at": "2020-01-01T08:00:00+07:00", "ends_at": "2020-01-01T07:00:00+07:00"})
    assert past.status_code == 422
    assert {"starts_at", "ends_at", "stalls"} <= set(past.json["error"]["fields"])


def test_one_application_per_umkm_and_eligibility(world):
    bazaar = world.bazaar(sectors=["kuliner"])
    umkm = world.umkm()
    assert world.apply(bazaar["id"], umkm).status_code == 201
    second = world.apply(bazaar["id"], umkm)
    assert second.status_code == 409 and "existing_id" in str(second.json)
    assert world.apply(bazaar["id"], world.umkm(status="pending")).status_code == 422
    assert world.apply(bazaar["id"], world.umkm(sector="jasa")).status_code == 422
    unknown = world.apply(bazaar["id"], "tidak-ada")
    assert unknown.status_code == 422 and "umkm_id" in unknown.json["error"]["fields"]
    bad = world.client.post(f"/api/v1/bazaars/{bazaar['id']}/applications", json={},
                            headers=world.auth)
    assert bad.status_code == 422 and "umkm_id" in bad.json["error"]["fields"]


def test_allocation_is_fair_explained_and_announced(world):
    past = world.bazaar(stalls=2, kuliner_stalls=2)
    regular, newcomer, third = world.umkm(), world.umkm(), world.umkm()
    for umkm in (regular, newcomer):
        world.apply(past["id"], umkm)
    world.client.post(f"/api/v1/bazaars/{past['id']}/allocate", headers=world.auth)
    bazaar = world.bazaar(stalls=2, kuliner_stalls=1)
    for umkm in (regular, newcomer, third):  # the regular applies first
        assert world.apply(bazaar["id"], umkm).status_code == 201
    result = world.client.post(f"/api/v1/bazaars/{bazaar['id']}/allocate", headers=world.auth)
    assert result.status_code == 200
    by_umkm = {a["umkm_id"]: a for a in result.json["items"]}
    # One kuliner stall: the UMKM with no stall in the last 12 months gets it.
    assert by_umkm[third]["stall_number"] == "K-01"
    assert by_umkm[regular]["status"] == by_umkm[newcomer]["status"] == "waitlisted"
    assert "12 bulan" in by_umkm[third]["explanation"]
    assert "Daftar tunggu nomor 1" in by_umkm[regular]["explanation"]
    allocated = world.published("bazaar.stall_allocated")
    assert [(e["umkm_id"], e["stall_number"]) for e in allocated
            if e["bazaar"]["bazaar_id"] == bazaar["id"]] == [(third, "K-01")]
    again = world.client.post(f"/api/v1/bazaars/{bazaar['id']}/allocate", headers=world.auth)
    assert again.status_code == 409
    late = world.apply(bazaar["id"], world.umkm())
    assert late.status_code == 409


def test_check_in_and_no_show_lower_priority_next_time(world):
    bazaar = world.bazaar(stalls=2, kuliner_stalls=2)
    a, b = world.umkm(), world.umkm()
    for umkm in (a, b):
        world.apply(bazaar["id"], umkm)
    items = world.client.post(f"/api/v1/bazaars/{bazaar['id']}/allocate",
                              headers=world.auth).json["items"]
    ids = {i["umkm_id"]: i["id"] for i in items}
    url = f"/api/v1/bazaars/{bazaar['id']}/applications"
    assert world.client.post(f"{url}/{ids[a]}/attendance", json={"present": True},
                             headers=world.auth).json["status"] == "checked_in"
    assert world.client.post(f"{url}/{ids[b]}/attendance", json={"present": False},
                             headers=world.auth).json["status"] == "no_show"
    bad = world.client.post(f"{url}/{ids[b]}/attendance", json={"present": "mungkin"},
                            headers=world.auth)
    assert bad.status_code == 422
    following = world.bazaar(stalls=1, kuliner_stalls=1)
    world.apply(following["id"], b)  # b applies first, but did not come last time
    world.apply(following["id"], a)
    result = world.client.post(f"/api/v1/bazaars/{following['id']}/allocate",
                               headers=world.auth).json
    assert {i["umkm_id"]: i["status"] for i in result["items"]} == {
        a: "allocated", b: "waitlisted"}


def test_withdraw_and_roles(world, staff_token):
    bazaar = world.bazaar()
    umkm = world.umkm()
    application = world.apply(bazaar["id"], umkm).json
    url = f"/api/v1/bazaars/{bazaar['id']}/applications/{application['id']}/withdraw"
    assert world.client.post(url, headers=world.auth).json["status"] == "withdrawn"
    assert world.client.post(url, headers=world.auth).status_code == 409
    assert world.apply(bazaar["id"], umkm).status_code == 201  # may apply again
    viewer = staff_token(VIEWER)
    assert world.client.post("/api/v1/bazaars", json={}, headers=viewer).status_code == 403
    coordinator = staff_token(BAZAAR_COORDINATOR)
    assert world.client.get(f"/api/v1/bazaars/{bazaar['id']}",
                            headers=coordinator).status_code == 200


def test_two_coordinators_allocating_at_once_one_wins(world_any):
    world = world_any
    bazaar = world.bazaar(stalls=3, kuliner_stalls=3)
    for _ in range(5):
        world.apply(bazaar["id"], world.umkm())
    answers, barrier = [], threading.Barrier(2)

    def allocate():
        client = world.app.test_client()
        barrier.wait()
        answers.append(client.post(f"/api/v1/bazaars/{bazaar['id']}/allocate",
                                   headers=world.auth).status_code)

    threads = [threading.Thread(target=allocate) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers) == [200, 409]
    assert len(world.published("bazaar.stall_allocated")) == 3


def test_sales_are_reported_corrected_until_closed_and_summed(world):
    bazaar = world.bazaar(stalls=2, kuliner_stalls=1, sectors=[])
    food, craft, absent = world.umkm(), world.umkm(sector="kriya"), world.umkm(sector="kriya")
    for umkm in (food, craft, absent):
        world.apply(bazaar["id"], umkm)
    items = world.client.post(f"/api/v1/bazaars/{bazaar['id']}/allocate",
                              headers=world.auth).json["items"]
    ids = {i["umkm_id"]: i["id"] for i in items}
    url = f"/api/v1/bazaars/{bazaar['id']}/applications"
    report = {"revenue_idr": 1_850_000, "units_sold": 140, "best_product": "Keripik Coklat"}
    first = world.client.put(f"{url}/{ids[food]}/sales", json=report, headers=world.auth)
    assert first.status_code == 200 and first.json["revenue_idr"] == 1_850_000
    fixed = world.client.put(f"{url}/{ids[food]}/sales", json={**report, "units_sold": 150},
                             headers=world.auth)
    assert fixed.json["units_sold"] == 150
    bad = world.client.put(f"{url}/{ids[craft]}/sales", headers=world.auth,
                           json={"revenue_idr": -5, "units_sold": "banyak"})
    assert bad.status_code == 422
    assert {"revenue_idr", "units_sold"} <= set(bad.json["error"]["fields"])
    waiting = next(i for i in items if i["status"] == "waitlisted")["id"]
    assert world.client.put(f"{url}/{waiting}/sales", json=report,
                            headers=world.auth).status_code == 409
    world.client.put(f"{url}/{ids[craft]}/sales", headers=world.auth,
                     json={"revenue_idr": 600_000, "units_sold": 12, "best_product": None})
    summary = world.client.get(f"/api/v1/bazaars/{bazaar['id']}/report", headers=world.auth).json
    assert (summary["reports"], summary["revenue_idr"], summary["units_sold"]) == (
        2, 2_450_000, 162)
    assert [tuple(s) for s in summary["by_sector"]] == [("kuliner", 1_850_000),
                                                         ("kriya", 600_000)]
    events = world.published("bazaar.sales_reported")
    assert [e["units_sold"] for e in events if e["umkm_id"] == food] == [140, 150]
    closed = world.client.post(f"/api/v1/bazaars/{bazaar['id']}/close", headers=world.auth)
    assert closed.status_code == 200 and closed.json["stalls_used"] == 2
    [event] = world.published("bazaar.closed")
    assert event["bazaar"]["bazaar_id"] == bazaar["id"]
    late = world.client.put(f"{url}/{ids[food]}/sales", json=report, headers=world.auth)
    assert late.status_code == 409
    assert world.client.post(f"/api/v1/bazaars/{bazaar['id']}/close",
                             headers=world.auth).status_code == 409


def test_public_page_lists_upcoming_bazaars_without_login(world):
    world.bazaar(title="Bazar Ramadan Metro", venue="Lapangan Samber")
    page = world.app.test_client().get("/publik")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Bazar Ramadan Metro" in html and 'data-testid="public-bazaar"' in html


def test_the_day_before_each_stallholder_is_reminded_once(world):
    from datetime import datetime, timedelta

    from services.bazaar.usecases.reminders import send_reminders
    from services.kernel.clock import WIB

    bazaar = world.bazaar(stalls=1, kuliner_stalls=1)
    holder, waiting = world.umkm(), world.umkm()
    for umkm in (holder, waiting):
        world.apply(bazaar["id"], umkm)
    world.client.post(f"/api/v1/bazaars/{bazaar['id']}/allocate", headers=world.auth)
    held_on = datetime.fromisoformat(bazaar["starts_at"]).astimezone(WIB).date()
    uow = world.service.uow
    assert send_reminders(uow, today=held_on - timedelta(days=2)) == 0  # not yet
    assert send_reminders(uow, today=held_on - timedelta(days=1)) == 1
    assert send_reminders(uow, today=held_on - timedelta(days=1)) == 0  # once only
    reminders = world.published("bazaar.reminder")
    assert [(r["umkm_id"], r["stall_number"]) for r in reminders] == [(holder, "K-01")]
