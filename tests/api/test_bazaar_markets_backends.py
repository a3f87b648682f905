"""Markets and Friday batik on every database backend (SQLite and PostgreSQL), and two
coordinators recording the same batik delivery at once: the order is never over-delivered."""

import threading
from datetime import timedelta

import pytest

from services.kernel.clock import today_wib
from tests.support.bazaar_world import world_on


@pytest.fixture
def world_any(platform_any):
    with world_on(platform_any) as world:
        yield world


def test_market_turns_and_attendance(world_any):
    world = world_any
    today = today_wib()
    market = world.client.post("/api/v1/markets", headers=world.auth, json={
        "name": "Pasar Segar", "venue": "Taman Merdeka", "rule": "FREQ=DAILY",
        "first_date": today.isoformat(), "starts_time": "06:00", "ends_time": "10:00",
        "spots": 1}).json
    a, b = world.umkm(), world.umkm()
    for umkm in (a, b):
        assert world.client.post(f"/api/v1/markets/{market['id']}/vendors", headers=world.auth,
                                 json={"umkm_id": umkm}).status_code == 201
    tomorrow = (today + timedelta(days=1)).isoformat()
    assert world.client.post(f"/api/v1/markets/{market['id']}/exclusions", headers=world.auth,
                             json={"date": tomorrow, "reason": "Libur"}).status_code == 201
    days = world.client.get(f"/api/v1/markets/{market['id']}/days", headers=world.auth,
                            query_string={"count": 3}).json["items"]
    assert [[v["umkm_id"] for v in d["vendors"]] for d in days] == [[a], [], [b]]
    marked = world.client.put(
        f"/api/v1/markets/{market['id']}/days/{today.isoformat()}/attendance/{a}",
        json={"present": True}, headers=world.auth)
    assert marked.status_code == 200 and marked.json["present"] == 1
    assert world.client.delete(f"/api/v1/markets/{market['id']}/vendors/{b}",
                               headers=world.auth).status_code == 200
    assert "Pasar Segar" in world.app.test_client().get("/publik").get_data(as_text=True)


def test_batik_orders_and_two_deliveries_at_once(world_any):
    world = world_any
    today = today_wib()
    office = world.client.post("/api/v1/batik/offices", headers=world.auth, json={
        "name": "Dinas Pendidikan", "kind": "opd"}).json
    world.client.post("/api/v1/batik/offices", headers=world.auth, json={
        "name": "Dinas Kesehatan", "kind": "opd", "active": True})
    placed = world.client.post("/api/v1/batik/orders", headers=world.auth, json={
        "office_id": office["id"], "umkm_id": world.umkm(sector="batik"),
        "due_on": (today + timedelta(days=10)).isoformat(),
        "items": [{"item": "Kemeja batik", "quantity": 5, "unit_price_idr": 300_000}]}).json
    item = placed["items"][0]["id"]
    answers, barrier = [], threading.Barrier(2)

    def deliver():
        client = world.app.test_client()
        barrier.wait()
        answers.append(client.post(f"/api/v1/batik/orders/{placed['id']}/deliveries",
                                   json={"items": [{"item_id": item, "quantity": 5}]},
                                   headers=world.auth).status_code)

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers) == [201, 409]  # the second finds the order delivered already
    order = world.client.get(f"/api/v1/batik/orders/{placed['id']}", headers=world.auth).json
    assert order["status"] == "delivered" and order["delivered_pieces"] == 5
    assert len(order["deliveries"]) == 1
    report = world.client.get("/api/v1/batik/report", headers=world.auth).json
    assert [o["value_idr"] for o in report["offices"]] == [1_500_000]
    assert [o["name"] for o in report["offices_without_purchase"]] == ["Dinas Kesehatan"]
    people = world.client.get("/api/v1/batik/craftspeople", headers=world.auth).json
    assert people["items"][0]["orders"] == 1
    active = world.client.get("/api/v1/batik/offices", query_string={"active": "true"},
                              headers=world.auth).json
    assert active["total"] == 2
