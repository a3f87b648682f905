"""Recurring markets through the API: the rule, excluded dates, the roster taking turns,
attendance, roles, and market days on the public page."""

from datetime import timedelta

import pytest

from services.kernel.clock import today_wib
from services.kernel.identity import BAZAAR_COORDINATOR, VIEWER
from tests.support.bazaar_world import BazaarWorld

WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


@pytest.fixture
def world(app, auth, service_app):
    return BazaarWorld(service_app("bazaar"), auth)


def payungi(world, **overrides) -> dict:
    body = {"name": "Payungi", "venue": "Jalan Ahmad Yani, Yosomulyo",
            "rule": "FREQ=WEEKLY;BYDAY=SU", "first_date": "2026-01-04",
            "starts_time": "06:00", "ends_time": "10:00", "spots": 2} | overrides
    response = world.client.post("/api/v1/markets", json=body, headers=world.auth)
    assert response.status_code == 201, response.json
    return response.json


def daily(world, **overrides) -> dict:
    """A market held every day from today: easy to reason about turns."""
    return payungi(world, **{"name": "Pasar Segar", "rule": "FREQ=DAILY",
                             "first_date": today_wib().isoformat()} | overrides)


def days(world, market_id: str, **params) -> list[dict]:
    response = world.client.get(f"/api/v1/markets/{market_id}/days", query_string=params,
                                headers=world.auth)
    assert response.status_code == 200, response.json
    return response.json["items"]


def add_vendor(world, market_id: str, umkm_id: str, **extra):
    return world.client.post(f"/api/v1/markets/{market_id}/vendors",
                             json={"umkm_id": umkm_id} | extra, headers=world.auth)


def test_payungi_every_sunday_morning(world):
    market = payungi(world, rule="rrule: freq=weekly; byday=su")
    assert market["rule"] == "FREQ=WEEKLY;BYDAY=SU"
    assert (market["starts_time"], market["ends_time"], market["spots"]) == ("06:00", "10:00", 2)
    assert len(market["next_days"]) == 3
    from datetime import date
    nexts = [date.fromisoformat(d) for d in market["next_days"]]
    assert all(d.weekday() == 6 and d >= today_wib() for d in nexts)
    listed = world.client.get("/api/v1/markets", headers=world.auth).json
    assert listed["total"] == 1 and listed["items"][0]["id"] == market["id"]
    items = days(world, market["id"], count=5)
    assert len(items) == 5 and items[0]["date"] == market["next_days"][0]
    assert items[0]["starts_at"].endswith("T06:00:00+07:00")
    assert items[0]["ends_at"].endswith("T10:00:00+07:00")
    start = days(world, market["id"], count=2, **{"from": "2026-03-01"})
    assert [d["date"] for d in start] == ["2026-03-01", "2026-03-08"]


def test_bad_market_fields_get_one_message_each(world):
    response = world.client.post("/api/v1/markets", headers=world.auth, json={
        "name": "P", "rule": "FREQ=HOURLY", "first_date": "kemarin", "starts_time": "25:00",
        "ends_time": "10:00", "spots": "banyak"})
    assert response.status_code == 422
    fields = response.json["error"]["fields"]
    assert {"name", "venue", "rule", "first_date", "starts_time", "spots"} <= set(fields)
    assert "DAILY, WEEKLY" in fields["rule"]
    rules = world.client.post("/api/v1/markets", headers=world.auth, json={
        "name": "Pasar Malam", "venue": "Lapangan Samber", "rule": "FREQ=WEEKLY;BYHOUR=18",
        "first_date": "2026-01-04", "starts_time": "18:00", "ends_time": "22:00", "spots": 0})
    assert rules.status_code == 422
    assert "jam mulai" in rules.json["error"]["fields"]["rule"]
    assert "spots" in rules.json["error"]["fields"]
    # Rules only the use case can judge: a rule without days, hours the wrong way round,
    # a first date far away.
    later = world.client.post("/api/v1/markets", headers=world.auth, json={
        "name": "Pasar Malam", "venue": "Lapangan Samber",
        "rule": "FREQ=MONTHLY;BYMONTH=4;BYMONTHDAY=31", "first_date": "2090-01-01",
        "starts_time": "18:00", "ends_time": "17:00", "spots": 3})
    assert later.status_code == 422
    assert set(later.json["error"]["fields"]) == {"rule", "first_date", "ends_time"}
    unknown = world.client.post("/api/v1/markets", headers=world.auth, json={
        "name": "Pasar Malam", "venue": "Lapangan", "rule": "FREQ=DAILY", "spots": 1,
        "first_date": "2026-01-04", "starts_time": "18:00", "ends_time": "22:00", "x": 1})
    assert unknown.status_code == 422 and "x" in unknown.json["error"]["fields"]


def test_market_names_are_unique_and_markets_can_change(world):
    market = payungi(world)
    again = world.client.post("/api/v1/markets", headers=world.auth, json={
        "name": "  payungi ", "venue": "Lain", "rule": "FREQ=DAILY",
        "first_date": "2026-01-04", "starts_time": "06:00", "ends_time": "10:00", "spots": 1})
    assert again.status_code == 409 and "name" in again.json["error"]["fields"]
    url = f"/api/v1/markets/{market['id']}"
    changed = world.client.patch(url, json={"rule": "FREQ=WEEKLY;BYDAY=SA", "spots": 4},
                                 headers=world.auth)
    assert changed.status_code == 200 and changed.json["spots"] == 4
    from datetime import date
    assert all(date.fromisoformat(d).weekday() == 5 for d in changed.json["next_days"])
    bad = world.client.patch(url, json={"rule": "FREQ=WEEKLY;BYDAY=XX",
                                        "ends_time": "05:00"}, headers=world.auth)
    assert bad.status_code == 422 and set(bad.json["error"]["fields"]) == {"rule", "ends_time"}
    other = daily(world)
    taken = world.client.patch(f"/api/v1/markets/{other['id']}", json={"name": "PAYUNGI"},
                               headers=world.auth)
    assert taken.status_code == 409
    assert world.client.get("/api/v1/markets/tidak-ada", headers=world.auth).status_code == 404


def test_vendors_take_turns_when_there_are_more_than_spots(world):
    market = daily(world, spots=2)
    a, b, c = world.umkm(), world.umkm(sector="kriya"), world.umkm()
    for umkm in (a, b, c):
        response = add_vendor(world, market["id"], umkm)
        assert response.status_code == 201, response.json
    items = days(world, market["id"], count=4)
    assert [[v["umkm_id"] for v in d["vendors"]] for d in items] == [
        [a, b], [c, a], [b, c], [a, b]]
    assert [v["umkm_id"] for v in items[0]["waiting"]] == [c]
    assert items[0]["vendors"][1]["business_name"].startswith("Usaha Bazar")
    roster = world.client.get(f"/api/v1/markets/{market['id']}/vendors",
                              headers=world.auth).json
    assert roster["total"] == 3 and {v["umkm_id"] for v in roster["items"]} == {a, b, c}
    assert world.client.get(f"/api/v1/markets/{market['id']}",
                            headers=world.auth).json["vendors"] == 3


def test_roster_rules(world):
    market = daily(world)
    url = f"/api/v1/markets/{market['id']}/vendors"
    umkm = world.umkm()
    assert add_vendor(world, market["id"], umkm).status_code == 201
    twice = add_vendor(world, market["id"], umkm)
    assert twice.status_code == 409 and "umkm_id" in twice.json["error"]["fields"]
    unknown = add_vendor(world, market["id"], "tidak-ada")
    assert unknown.status_code == 422 and "umkm_id" in unknown.json["error"]["fields"]
    assert add_vendor(world, market["id"], world.umkm(status="pending")).status_code == 422
    past = add_vendor(world, market["id"], world.umkm(),
                      joined_on=(today_wib() - timedelta(days=1)).isoformat())
    assert past.status_code == 422 and "joined_on" in past.json["error"]["fields"]
    assert world.client.post(url, json={}, headers=world.auth).status_code == 422
    left = world.client.delete(f"{url}/{umkm}", headers=world.auth)
    assert left.status_code == 200
    assert left.json["left_on"] == (today_wib() + timedelta(days=1)).isoformat()
    assert world.client.delete(f"{url}/{umkm}", headers=world.auth).status_code == 404
    # Off the roster from tomorrow: on duty today, not tomorrow.
    today, tomorrow = days(world, market["id"], count=2)
    assert [v["umkm_id"] for v in today["vendors"]] == [umkm] and tomorrow["vendors"] == []
    assert add_vendor(world, market["id"], umkm).status_code == 201  # changed their mind
    assert [v["umkm_id"] for v in days(world, market["id"], count=2)[1]["vendors"]] == [umkm]
    # A vendor who was to join later and is taken off never appears.
    later = world.umkm()
    joins = (today_wib() + timedelta(days=5)).isoformat()
    assert add_vendor(world, market["id"], later, joined_on=joins).status_code == 201
    assert world.client.delete(f"{url}/{later}", headers=world.auth).status_code == 200
    everyone = world.client.get(url, query_string={"include_past": "true"},
                                headers=world.auth).json["items"]
    assert later not in {v["umkm_id"] for v in everyone}


def test_excluded_dates_are_shown_and_do_not_move_the_turns(world):
    market = daily(world, spots=1)
    a, b = world.umkm(), world.umkm()
    for umkm in (a, b):
        add_vendor(world, market["id"], umkm)
    url = f"/api/v1/markets/{market['id']}/exclusions"
    tomorrow = today_wib() + timedelta(days=1)
    added = world.client.post(url, json={"date": tomorrow.isoformat(), "reason": "Idulfitri"},
                              headers=world.auth)
    assert added.status_code == 201
    assert added.json["exclusions"] == [{"date": tomorrow.isoformat(), "reason": "Idulfitri"}]
    items = days(world, market["id"], count=3)
    assert [d["excluded"] for d in items] == [False, True, False]
    assert items[1]["exclusion_reason"] == "Idulfitri" and items[1]["vendors"] == []
    assert [[v["umkm_id"] for v in d["vendors"]] for d in items] == [[a], [], [b]]
    again = world.client.post(url, json={"date": tomorrow.isoformat(), "reason": "Lagi"},
                              headers=world.auth)
    assert again.status_code == 409
    past = world.client.post(url, json={"date": (today_wib() - timedelta(days=1)).isoformat(),
                                        "reason": "Hujan"}, headers=world.auth)
    assert past.status_code == 422 and "date" in past.json["error"]["fields"]
    bad = world.client.post(url, json={"date": "besok", "reason": "x"}, headers=world.auth)
    assert bad.status_code == 422
    assert {"date", "reason"} <= set(bad.json["error"]["fields"])
    removed = world.client.delete(f"{url}/{tomorrow.isoformat()}", headers=world.auth)
    assert removed.status_code == 200 and removed.json["exclusions"] == []
    assert world.client.delete(f"{url}/{tomorrow.isoformat()}",
                               headers=world.auth).status_code == 404
    assert world.client.delete(f"{url}/bukan-tanggal", headers=world.auth).status_code == 422


def test_only_market_days_can_be_excluded(world):
    weekday = WEEKDAYS[(today_wib() + timedelta(days=2)).weekday()]
    market = payungi(world, rule=f"FREQ=WEEKLY;BYDAY={weekday}")
    url = f"/api/v1/markets/{market['id']}/exclusions"
    not_a_day = world.client.post(url, headers=world.auth, json={
        "date": (today_wib() + timedelta(days=3)).isoformat(), "reason": "Libur nasional"})
    assert not_a_day.status_code == 422 and "bukan hari pasar" in not_a_day.json[
        "error"]["fields"]["date"]
    day = world.client.get(f"/api/v1/markets/{market['id']}/days/"
                           f"{(today_wib() + timedelta(days=3)).isoformat()}",
                           headers=world.auth)
    assert day.status_code == 404


def test_attendance_per_market_day(world):
    market = daily(world, spots=1)
    a, b = world.umkm(), world.umkm()
    for umkm in (a, b):
        add_vendor(world, market["id"], umkm)
    today = today_wib().isoformat()
    url = f"/api/v1/markets/{market['id']}/days/{today}/attendance"
    marked = world.client.put(f"{url}/{a}", json={"present": True}, headers=world.auth)
    assert marked.status_code == 200
    assert marked.json["vendors"][0] == marked.json["vendors"][0] | {"umkm_id": a,
                                                                     "present": True}
    assert (marked.json["present"], marked.json["absent"]) == (1, 0)
    fixed = world.client.put(f"{url}/{a}", json={"present": False}, headers=world.auth)
    assert (fixed.json["present"], fixed.json["absent"]) == (0, 1)
    off_duty = world.client.put(f"{url}/{b}", json={"present": True}, headers=world.auth)
    assert off_duty.status_code == 422 and "umkm_id" in off_duty.json["error"]["fields"]
    tomorrow = (today_wib() + timedelta(days=1)).isoformat()
    future = world.client.put(f"/api/v1/markets/{market['id']}/days/{tomorrow}/attendance/{b}",
                              json={"present": True}, headers=world.auth)
    assert future.status_code == 422 and "date" in future.json["error"]["fields"]
    bad = world.client.put(f"{url}/{a}", json={"present": "mungkin"}, headers=world.auth)
    assert bad.status_code == 422 and "present" in bad.json["error"]["fields"]
    roster = world.client.get(f"/api/v1/markets/{market['id']}/vendors",
                              headers=world.auth).json["items"]
    assert {(v["umkm_id"], v["present"], v["absent"]) for v in roster} == {(a, 0, 1),
                                                                          (b, 0, 0)}
    day = world.client.get(f"/api/v1/markets/{market['id']}/days/{today}", headers=world.auth)
    assert day.json["vendors"][0]["present"] is False


def test_roles(world, staff_token):
    market = payungi(world)
    viewer = staff_token(VIEWER)
    assert world.client.get("/api/v1/markets", headers=viewer).status_code == 200
    assert world.client.get(f"/api/v1/markets/{market['id']}/days",
                            headers=viewer).status_code == 200
    assert world.client.post("/api/v1/markets", json={}, headers=viewer).status_code == 403
    assert world.client.patch(f"/api/v1/markets/{market['id']}", json={"spots": 3},
                              headers=viewer).status_code == 403
    assert world.client.post(f"/api/v1/markets/{market['id']}/vendors",
                             json={"umkm_id": world.umkm()}, headers=viewer).status_code == 403
    assert world.client.get("/api/v1/markets").status_code == 401
    coordinator = staff_token(BAZAAR_COORDINATOR)
    response = world.client.patch(f"/api/v1/markets/{market['id']}", json={"spots": 3},
                                  headers=coordinator)
    assert response.status_code == 200 and response.json["spots"] == 3


def test_market_days_on_the_public_page_without_login(world):
    market = daily(world, name="Pasar Segar Metro", venue="Taman Merdeka")
    world.client.post(f"/api/v1/markets/{market['id']}/exclusions", headers=world.auth, json={
        "date": (today_wib() + timedelta(days=1)).isoformat(), "reason": "Libur"})
    world.bazaar(title="Bazar Ramadan Metro")
    page = world.app.test_client().get("/publik")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Bazar Ramadan Metro" in html
    assert "Pasar Segar Metro" in html and 'data-testid="public-market-day"' in html
    shown = html.count('data-testid="public-market-day"')
    assert 10 <= shown <= 20  # every day for weeks ahead, one excluded, at most 20


def test_openapi_documents_markets(world):
    spec = world.client.get("/api/v1/openapi.json").json
    assert "/api/v1/markets/{market_id}/days" in spec["paths"]
    rule = spec["components"]["schemas"]["MarketCreate"]["properties"]["rule"]
    assert "RRULE" in rule["description"]


def test_dates_at_the_ends_of_the_calendar_are_refused_quickly(world):
    market = daily(world)
    umkm = world.umkm()
    add_vendor(world, market["id"], umkm)
    far, url = "9999-12-31", f"/api/v1/markets/{market['id']}"
    created = world.client.post("/api/v1/markets", headers=world.auth, json={
        "name": "Pasar Jauh", "venue": "Lapangan", "rule": "FREQ=DAILY", "first_date": far,
        "starts_time": "06:00", "ends_time": "10:00", "spots": 1})
    assert created.status_code == 422 and set(created.json["error"]["fields"]) == {"first_date"}
    assert world.client.patch(url, json={"first_date": "0001-01-01"},
                              headers=world.auth).status_code == 422
    excluded = world.client.post(f"{url}/exclusions", json={"date": far, "reason": "Kiamat"},
                                 headers=world.auth)
    assert excluded.status_code == 422 and "date" in excluded.json["error"]["fields"]
    attendance = world.client.put(f"{url}/days/{far}/attendance/{umkm}",
                                  json={"present": True}, headers=world.auth)
    assert attendance.status_code == 422
    assert world.client.put(f"{url}/days/0001-01-01/attendance/{umkm}", json={"present": True},
                            headers=world.auth).status_code == 422
    assert world.client.get(f"{url}/days/{far}", headers=world.auth).status_code == 404
    listed = world.client.get(f"{url}/days", query_string={"from": far}, headers=world.auth)
    assert listed.status_code == 422 and "from" in listed.json["error"]["fields"]
    assert add_vendor(world, market["id"], world.umkm(), joined_on=far).status_code == 422
    assert world.client.get(f"{url}/days", query_string={"count": 61},
                            headers=world.auth).status_code == 422
