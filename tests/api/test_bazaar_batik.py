"""Friday local batik through the API: offices (OPD / vertical under a circular letter), local
batik craftspeople, orders and their fulfilment, the report, and roles."""

from datetime import date, timedelta

import pytest

from services.kernel.clock import today_wib
from services.kernel.identity import BAZAAR_COORDINATOR, VIEWER
from tests.support.bazaar_world import BazaarWorld


@pytest.fixture
def world(app, auth, service_app):
    return BazaarWorld(service_app("bazaar"), auth)


def office(world, name="Dinas Pendidikan dan Kebudayaan", **extra) -> dict:
    response = world.client.post("/api/v1/batik/offices", headers=world.auth,
                                 json={"name": name, "kind": "opd"} | extra)
    assert response.status_code == 201, response.json
    return response.json


def order(world, office_id: str, umkm_id: str, **overrides):
    today = today_wib()
    body = {"office_id": office_id, "umkm_id": umkm_id, "ordered_on": today.isoformat(),
            "due_on": (today + timedelta(days=30)).isoformat(),
            "items": [{"item": "Kemeja batik motif Siger", "quantity": 10,
                       "unit_price_idr": 250_000},
                      {"item": "Kain batik tulis 2 m", "quantity": 4,
                       "unit_price_idr": 600_000}]} | overrides
    return world.client.post("/api/v1/batik/orders", json=body, headers=world.auth)


def deliver(world, order_id: str, lines, **extra):
    return world.client.post(f"/api/v1/batik/orders/{order_id}/deliveries", headers=world.auth,
                             json={"items": [{"item_id": i, "quantity": q} for i, q in lines]}
                             | extra)


def test_offices_opd_and_vertical_under_a_circular_letter(world):
    opd = office(world, contact_name="Bu Sri", contact_phone="0725 41234")
    assert (opd["kind"], opd["circular_letter"], opd["active"]) == ("opd", None, True)
    vertical = office(world, "Kantor Kementerian Agama Kota Metro", kind="vertikal",
                      circular_letter="025/123/SE/D.5/2025", circular_letter_date="2025-02-03")
    assert vertical["circular_letter"] == "025/123/SE/D.5/2025"
    url = "/api/v1/batik/offices"
    missing = world.client.post(url, headers=world.auth, json={
        "name": "Kantor Pajak Pratama Metro", "kind": "vertikal"})
    assert missing.status_code == 422
    assert set(missing.json["error"]["fields"]) == {"circular_letter"}
    opd_letter = world.client.post(url, headers=world.auth, json={
        "name": "Dinas Kesehatan", "kind": "opd", "circular_letter": "1/SE",
        "circular_letter_date": "2025-01-01"})
    assert opd_letter.status_code == 422
    assert set(opd_letter.json["error"]["fields"]) == {"circular_letter", "circular_letter_date"}
    bad = world.client.post(url, headers=world.auth, json={
        "name": "D", "kind": "kementerian", "contact_phone": "telepon saya"})
    assert bad.status_code == 422 and {"name", "kind"} <= set(bad.json["error"]["fields"])
    phone = world.client.post(url, headers=world.auth, json={
        "name": "Dinas Sosial", "kind": "opd", "contact_phone": "telepon saya"})
    assert phone.status_code == 422 and set(phone.json["error"]["fields"]) == {"contact_phone"}
    future = world.client.post(url, headers=world.auth, json={
        "name": "Kantor Imigrasi", "kind": "vertikal", "circular_letter": "9/SE",
        "circular_letter_date": (today_wib() + timedelta(days=3)).isoformat()})
    assert set(future.json["error"]["fields"]) == {"circular_letter_date"}
    duplicate = world.client.post(url, headers=world.auth, json={
        "name": "dinas  pendidikan dan kebudayaan", "kind": "opd"})
    assert duplicate.status_code == 409 and "name" in duplicate.json["error"]["fields"]
    listed = world.client.get(url, query_string={"kind": "vertikal"}, headers=world.auth).json
    assert [o["id"] for o in listed["items"]] == [vertical["id"]]
    changed = world.client.patch(f"{url}/{opd['id']}", json={"kind": "vertikal"},
                                 headers=world.auth)
    assert changed.status_code == 422 and "circular_letter" in changed.json["error"]["fields"]
    closed = world.client.patch(f"{url}/{opd['id']}", json={"active": False},
                                headers=world.auth)
    assert closed.status_code == 200 and closed.json["active"] is False
    assert world.client.get(f"{url}/tidak-ada", headers=world.auth).status_code == 404


def test_craftspeople_are_verified_batik_umkm_of_the_directory(world):
    batik = world.umkm(sector="batik")
    world.umkm(sector="batik", status="pending")
    world.umkm(sector="fashion")
    people = world.client.get("/api/v1/batik/craftspeople", headers=world.auth).json
    assert [p["umkm_id"] for p in people["items"]] == [batik] and people["total"] == 1
    assert people["items"][0]["orders"] == 0


def test_an_office_orders_from_a_craftsperson(world):
    buyer, maker = office(world), world.umkm(sector="batik")
    response = order(world, buyer["id"], maker)
    assert response.status_code == 201, response.json
    placed = response.json
    assert (placed["status"], placed["pieces"], placed["total_idr"]) == ("ordered", 14,
                                                                         4_900_000)
    assert placed["office_name"] == buyer["name"] and placed["business_name"].startswith("Usaha")
    assert [i["value_idr"] for i in placed["items"]] == [2_500_000, 2_400_000]
    got = world.client.get(f"/api/v1/batik/orders/{placed['id']}", headers=world.auth).json
    assert got["items"][0]["delivered_quantity"] == 0 and got["overdue"] is False
    listed = world.client.get("/api/v1/batik/orders", query_string={"office_id": buyer["id"]},
                              headers=world.auth).json
    assert listed["total"] == 1
    people = world.client.get("/api/v1/batik/craftspeople", headers=world.auth).json["items"]
    assert (people[0]["orders"], people[0]["ordered_idr"]) == (1, 4_900_000)


def test_bad_order_fields_get_one_message_each(world):
    buyer, maker = office(world), world.umkm(sector="batik")
    today = today_wib()
    bad = order(world, "tidak-ada", world.umkm(sector="kuliner"),
                ordered_on=(today + timedelta(days=1)).isoformat(),
                due_on=today.isoformat(),
                items=[{"item": "Kemeja", "quantity": 0, "unit_price_idr": 0},
                       {"item": "", "quantity": 1, "unit_price_idr": 10}])
    assert bad.status_code == 422
    fields = bad.json["error"]["fields"]
    assert {"items.0.quantity", "items.0.unit_price_idr", "items.1.item"} <= set(fields)
    # Once the shapes are right, the rules speak, each beside its field.
    ruled = order(world, "tidak-ada", world.umkm(sector="kuliner"),
                  ordered_on=(today + timedelta(days=1)).isoformat(), due_on=today.isoformat())
    assert ruled.status_code == 422
    assert set(ruled.json["error"]["fields"]) == {"office_id", "umkm_id", "ordered_on", "due_on"}
    assert "Bukan perajin batik" in ruled.json["error"]["fields"]["umkm_id"]
    early = order(world, buyer["id"], maker,
                  due_on=(today - timedelta(days=1)).isoformat())
    assert early.status_code == 422 and set(early.json["error"]["fields"]) == {"due_on"}
    unverified = order(world, buyer["id"], world.umkm(sector="batik", status="pending"))
    assert unverified.status_code == 422 and "umkm_id" in unverified.json["error"]["fields"]
    shapes = order(world, buyer["id"], maker, items=[{"item": "Kemeja", "quantity": "10",
                                                      "unit_price_idr": 1.5}])
    assert shapes.status_code == 422
    assert {"items.0.quantity", "items.0.unit_price_idr"} <= set(shapes.json["error"]["fields"])
    empty = order(world, buyer["id"], maker, items=[])
    assert empty.status_code == 422 and "items" in empty.json["error"]["fields"]
    missing = world.client.post("/api/v1/batik/orders", json={}, headers=world.auth)
    assert missing.status_code == 422
    assert {"office_id", "umkm_id", "due_on", "items"} <= set(missing.json["error"]["fields"])
    world.client.patch(f"/api/v1/batik/offices/{buyer['id']}", json={"active": False},
                       headers=world.auth)
    inactive = order(world, buyer["id"], maker)
    assert inactive.status_code == 422 and "office_id" in inactive.json["error"]["fields"]


def test_fulfilment_ordered_partly_delivered_delivered(world):
    placed = order(world, office(world)["id"], world.umkm(sector="batik")).json
    shirts, cloth = (i["id"] for i in placed["items"])
    first = deliver(world, placed["id"], [(shirts, 6)])
    assert first.status_code == 201 and first.json["status"] == "partially_delivered"
    assert first.json["delivered_pieces"] == 6 and first.json["delivered_idr"] == 1_500_000
    too_many = deliver(world, placed["id"], [(cloth, 1), (shirts, 5)])
    assert too_many.status_code == 422
    assert set(too_many.json["error"]["fields"]) == {"items.1.quantity"}
    assert "(4)" in too_many.json["error"]["fields"]["items.1.quantity"]
    unknown = deliver(world, placed["id"], [("bukan-barang", 1)])
    assert unknown.status_code == 422 and "items.0.item_id" in unknown.json["error"]["fields"]
    twice = deliver(world, placed["id"], [(cloth, 1), (cloth, 1)])
    assert twice.status_code == 422 and "items.1.item_id" in twice.json["error"]["fields"]
    nothing = deliver(world, placed["id"], [(cloth, 0)])
    assert nothing.status_code == 422 and "items" in nothing.json["error"]["fields"]
    future = deliver(world, placed["id"], [(cloth, 1)],
                     delivered_on=(today_wib() + timedelta(days=1)).isoformat())
    assert future.status_code == 422 and "delivered_on" in future.json["error"]["fields"]
    before = deliver(world, placed["id"], [(cloth, 1)],
                     delivered_on=(today_wib() - timedelta(days=1)).isoformat())
    assert before.status_code == 422 and "delivered_on" in before.json["error"]["fields"]
    done = deliver(world, placed["id"], [(shirts, 4), (cloth, 4)], note="Diantar ke kantor")
    assert done.status_code == 201 and done.json["status"] == "delivered"
    assert [len(d["lines"]) for d in done.json["deliveries"]] == [1, 2]
    assert done.json["deliveries"][1]["note"] == "Diantar ke kantor"
    late = deliver(world, placed["id"], [(shirts, 1)])
    assert late.status_code == 409
    cancel = world.client.post(f"/api/v1/batik/orders/{placed['id']}/cancel",
                               json={"reason": "Salah pesan"}, headers=world.auth)
    assert cancel.status_code == 409


def test_cancelling_keeps_what_was_delivered(world):
    placed = order(world, office(world)["id"], world.umkm(sector="batik")).json
    shirts = placed["items"][0]["id"]
    deliver(world, placed["id"], [(shirts, 2)])
    url = f"/api/v1/batik/orders/{placed['id']}/cancel"
    no_reason = world.client.post(url, json={"reason": ""}, headers=world.auth)
    assert no_reason.status_code == 422 and "reason" in no_reason.json["error"]["fields"]
    cancelled = world.client.post(url, json={"reason": "Anggaran dialihkan"},
                                  headers=world.auth)
    assert cancelled.status_code == 200 and cancelled.json["status"] == "cancelled"
    assert cancelled.json["cancel_reason"] == "Anggaran dialihkan"
    assert world.client.post(url, json={"reason": "Lagi"}, headers=world.auth).status_code == 409
    assert deliver(world, placed["id"], [(shirts, 1)]).status_code == 409
    report = world.client.get("/api/v1/batik/report", headers=world.auth).json
    assert report["offices"][0]["value_idr"] == 500_000  # the two shirts that came


def test_report_who_buys_local_batik_and_how_much(world):
    last_year = today_wib().year - 1
    disdik, dinkes = office(world), office(world, "Dinas Kesehatan")
    kemenag = office(world, "Kantor Kementerian Agama Kota Metro", kind="vertikal",
                     circular_letter="025/SE/2025")
    office(world, "Kantor yang sudah tutup", active=False)
    maker = world.umkm(sector="batik")
    for who, month, quantity in ((disdik, 1, 10), (disdik, 3, 2), (kemenag, 3, 5)):
        ordered = date(last_year, month, 5)
        response = order(world, who["id"], maker, ordered_on=ordered.isoformat(),
                         due_on=(ordered + timedelta(days=20)).isoformat(),
                         items=[{"item": "Kemeja batik", "quantity": quantity,
                                 "unit_price_idr": 200_000}])
        assert response.status_code == 201, response.json
    report = world.client.get("/api/v1/batik/report", query_string={"year": last_year},
                              headers=world.auth).json
    assert report["year"] == last_year and report["value_idr"] == 3_400_000
    assert [(o["name"], o["orders"], o["pieces"], o["value_idr"]) for o in report["offices"]] == [
        (disdik["name"], 2, 12, 2_400_000), (kemenag["name"], 1, 5, 1_000_000)]
    assert report["offices"][0]["by_month"][:3] == [2_000_000, 0, 400_000]
    assert [m["value_idr"] for m in report["months"][:3]] == [2_000_000, 0, 1_400_000]
    assert [o["office_id"] for o in report["offices_without_purchase"]] == [dinkes["id"]]
    this_year = world.client.get("/api/v1/batik/report", headers=world.auth).json
    assert this_year["year"] == today_wib().year and this_year["offices"] == []
    assert len(this_year["offices_without_purchase"]) == 3
    bad = world.client.get("/api/v1/batik/report", query_string={"year": "dulu"},
                           headers=world.auth)
    assert bad.status_code == 422 and "year" in bad.json["error"]["fields"]


def test_roles(world, staff_token):
    buyer = office(world)
    viewer = staff_token(VIEWER)
    for path in ("/api/v1/batik/offices", "/api/v1/batik/orders", "/api/v1/batik/report",
                 "/api/v1/batik/craftspeople"):
        assert world.client.get(path, headers=viewer).status_code == 200, path
    assert world.client.post("/api/v1/batik/offices", json={"name": "Dinas X", "kind": "opd"},
                             headers=viewer).status_code == 403
    assert order(world, buyer["id"], world.umkm(sector="batik")).status_code == 201
    world.auth = viewer
    assert order(world, buyer["id"], world.umkm(sector="batik")).status_code == 403
    assert world.client.get("/api/v1/batik/report").status_code == 401
    coordinator = staff_token(BAZAAR_COORDINATOR)
    assert world.client.post("/api/v1/batik/offices", json={"name": "Dinas X", "kind": "opd"},
                             headers=coordinator).status_code == 201


def test_dates_at_the_ends_of_the_calendar_are_refused(world):
    buyer, maker = office(world), world.umkm(sector="batik")
    far = order(world, buyer["id"], maker, ordered_on="9999-12-31", due_on="9999-12-31")
    assert far.status_code == 422 and "ordered_on" in far.json["error"]["fields"]
    old = order(world, buyer["id"], maker, ordered_on="0001-01-01", due_on="9999-12-31")
    assert old.status_code == 422
    assert {"ordered_on", "due_on"} <= set(old.json["error"]["fields"])
    placed = order(world, buyer["id"], maker).json
    item = placed["items"][0]["id"]
    for day in ("9999-12-31", "0001-01-01"):
        late = deliver(world, placed["id"], [(item, 1)], delivered_on=day)
        assert late.status_code == 422 and "delivered_on" in late.json["error"]["fields"]
    letter = world.client.post("/api/v1/batik/offices", headers=world.auth, json={
        "name": "Kantor Jauh", "kind": "vertikal", "circular_letter": "1/SE",
        "circular_letter_date": "9999-12-31"})
    assert letter.status_code == 422
