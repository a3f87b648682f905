"""Placements through the API: the workflow and the readiness checklist that blocks listing,
the MoU, outlet and verification it needs, `retail.product_listed` written with the state, two
coordinators at once, and monthly sales with the totals per partner."""

import threading

import pytest

from services.bazaar.domain.retail import CHECKLIST
from services.kernel.clock import today_wib
from tests.conftest import ADMIN_EMAIL
from tests.support.bazaar_world import world_on
from tests.support.retail_world import RetailWorld

REFERENCE = {"Alfamart", "Alfamidi", "Indomaret", "Delfan", "PB Swalayan", "Chandra"}


@pytest.fixture
def world(app, auth, service_app):
    return RetailWorld(service_app("bazaar"), auth)


@pytest.fixture
def world_any(platform_any):
    with world_on(platform_any, RetailWorld) as world:
        yield world


def month(delta_months: int = 0) -> str:
    first = today_wib().replace(day=1)
    year, index = divmod(first.year * 12 + first.month - 1 + delta_months, 12)
    return f"{year:04d}-{index + 1:02d}"


def test_the_readiness_checklist_blocks_listing_until_complete(world):
    partner = world.partner()
    world.mou(partner["id"])
    placement = world.propose(partner).json
    pid = placement["id"]
    early = world.move(pid, "listed")
    assert early.status_code == 409 and "status" in early.json["error"]["fields"]
    assert world.move(pid, "curated").status_code == 200
    blocked = world.move(pid, "listed")
    assert blocked.status_code == 409
    error = blocked.json["error"]
    assert error["missing"] == list(CHECKLIST) and set(error["fields"]) == {"checklist"}
    for label in ("P-IRT", "Sertifikat halal", "Izin edar BPOM", "Barcode", "Kemasan"):
        assert label in error["message"]
    english = world.client.post(f"/api/v1/retail/placements/{pid}/status",
                                json={"status": "listed"},
                                headers={**world.auth, "Accept-Language": "en"})
    assert "Halal certificate" in english.json["error"]["message"]
    no_number = world.check(pid, "halal", note="")
    assert no_number.status_code == 422 and set(no_number.json["error"]["fields"]) == {"note"}
    bad_barcode = world.check(pid, "barcode", note="8991234567892")
    assert bad_barcode.status_code == 422 and "barcode" in bad_barcode.json["error"]["fields"][
        "note"]
    assert world.check(pid, "sni").status_code == 404
    assert world.put(f"/placements/{pid}/checklist/pirt", {"note": "x"}).status_code == 422
    partial = world.check_all(pid, ("pirt", "halal", "barcode"))
    assert partial["missing"] == ["bpom", "packaging"]
    assert set(partial["blockers"]) == {"checklist"}
    still = world.move(pid, "listed")
    assert still.status_code == 409 and still.json["error"]["missing"] == ["bpom", "packaging"]
    assert "Izin edar BPOM, Kemasan" in still.json["error"]["message"]
    assert "P-IRT" not in still.json["error"]["message"]
    done = world.check_all(pid, ("bpom", "packaging"))
    assert done["ready"] and done["blockers"] == {}
    barcode = next(c for c in done["checklist"] if c["item"] == "barcode")
    assert barcode["note"] == "8991234567891" and barcode["updated_by"] == ADMIN_EMAIL
    listed = world.move(pid, "listed")
    assert listed.status_code == 200 and listed.json["status"] == "listed"
    assert listed.json["first_listed_on"] == today_wib().isoformat()
    untick = world.check(pid, "halal", checked=False)
    assert untick.status_code == 409
    assert world.check(pid, "halal", note="ID18110000999990123").status_code == 200
    assert world.move(pid, "listed").status_code == 409
    delisted = world.move(pid, "delisted")
    assert delisted.status_code == 200 and delisted.json["next_statuses"] == ["proposed"]
    assert [h["status"] for h in delisted.json["history"]] == [
        "proposed", "curated", "listed", "delisted"]
    assert all(h["by"] == ADMIN_EMAIL and h["since"] for h in delisted.json["history"])
    assert world.move(pid, "proposed").json["status"] == "proposed"
    assert world.move(pid, "terjual").status_code == 422


def test_an_item_that_does_not_apply_says_why_and_does_not_hold_up_listing(world_any):
    world = world_any  # the new column, on SQLite and on PostgreSQL
    partner = world.partner()
    world.mou(partner["id"])
    pid = world.propose(partner).json["id"]
    assert world.move(pid, "curated").status_code == 200
    world.check_all(pid, ("pirt", "halal", "barcode", "packaging"))
    url = f"/placements/{pid}/checklist/bpom"
    no_reason = world.put(url, {"checked": False, "not_applicable": True})
    assert no_reason.status_code == 422
    assert set(no_reason.json["error"]["fields"]) == {"note"}
    assert "BPOM" in no_reason.json["error"]["fields"]["note"]
    both = world.put(url, {"checked": True, "not_applicable": True, "note": "MD 123"})
    assert both.status_code == 422 and set(both.json["error"]["fields"]) == {"not_applicable"}
    assert world.put(url, {"checked": False, "not_applicable": "kadang"}).status_code == 422
    answer = world.put(url, {"checked": False, "not_applicable": True,
                             "note": "Produk P-IRT, tidak perlu izin edar BPOM"})
    assert answer.status_code == 200, answer.json
    bpom = next(c for c in answer.json["checklist"] if c["item"] == "bpom")
    assert (bpom["checked"], bpom["not_applicable"]) == (False, True)
    assert bpom["note"] == "Produk P-IRT, tidak perlu izin edar BPOM"
    assert answer.json["ready"] and answer.json["missing"] == []
    assert world.move(pid, "listed").status_code == 200
    # while listed, it may not be turned into an open item
    reopened = world.put(url, {"checked": False, "not_applicable": False})
    assert reopened.status_code == 409
    # an item that was not applicable can still be checked with its number
    assert world.put(url, {"checked": True, "note": "MD 224510001234"}).json["checklist"][2][
        "not_applicable"] is False


def test_listing_needs_an_mou_in_force_an_outlet_and_a_verified_umkm(world):
    partner = world.partner()
    umkm = world.umkm()
    placement = world.propose(partner, umkm, outlets=False).json
    world.check_all(placement["id"])
    world.move(placement["id"], "curated")
    blocked = world.move(placement["id"], "listed")
    assert blocked.status_code == 409
    assert set(blocked.json["error"]["fields"]) == {"mou", "outlet_ids"}
    assert blocked.json["error"]["missing"] == []
    expired = world.mou(partner["id"], signed_days_ago=400, valid_days=365)
    assert expired.status_code == 201 and not expired.json["in_force"]
    outlets = world.put(f"/placements/{placement['id']}/outlets",
                        {"outlet_ids": [partner["outlet_list"][0]["id"]]})
    assert outlets.status_code == 200 and set(outlets.json["blockers"]) == {"mou"}
    assert set(world.move(placement["id"], "listed").json["error"]["fields"]) == {"mou"}
    assert world.mou(partner["id"]).status_code == 201
    world.umkm_event("umkm.deactivated", umkm, status="inactive")
    gone = world.move(placement["id"], "listed")
    assert gone.status_code == 409 and set(gone.json["error"]["fields"]) == {"umkm_id"}
    world.umkm_event("umkm.verified", umkm, status="verified")
    assert world.move(placement["id"], "listed").status_code == 200
    keep = world.put(f"/placements/{placement['id']}/outlets", {"outlet_ids": []})
    assert keep.status_code == 422 and "outlet_ids" in keep.json["error"]["fields"]


def test_listing_publishes_the_event_with_the_state(world, monkeypatch):
    placement = world.ready_to_list()
    outbox = world.service.runtime.uow.outbox

    def broken(*args, **kwargs):
        raise RuntimeError("outbox unavailable")

    with monkeypatch.context() as patch:
        patch.setattr(outbox, "add", broken)
        assert world.move(placement["id"], "listed").status_code == 500
    after = world.get(f"/placements/{placement['id']}").json
    assert after["status"] == "curated" and not world.published("retail.product_listed")
    listed = world.move(placement["id"], "listed").json
    [event] = world.published("retail.product_listed")
    assert event == {
        "placement_id": placement["id"], "partner_name": listed["partner_name"],
        "umkm_id": placement["umkm_id"], "business_name": placement["business_name"],
        "owner_name": placement["owner_name"], "product_name": placement["product_name"],
        "outlets": ["Gerai Metro Pusat"], "listed_on": today_wib().isoformat()}
    assert world.move(placement["id"], "delisted").status_code == 200
    assert len(world.published("retail.product_listed")) == 1  # delisting announces nothing


def test_monthly_sales_one_row_per_month_correctable_and_totals(world):
    placement = world.ready_to_list()
    url = f"/placements/{placement['id']}/sales"
    before = world.put(url, {"month": month(), "units": 5, "revenue_idr": 75_000})
    assert before.status_code == 422 and set(before.json["error"]["fields"]) == {"month"}
    world.move(placement["id"], "listed")
    first = world.put(url, {"month": month(), "units": 40, "revenue_idr": 600_000})
    assert first.status_code == 200 and first.json["corrected"] is False
    fixed = world.put(url, {"month": month(), "units": 42, "revenue_idr": 630_000})
    assert fixed.json["corrected"] is True and fixed.json["units"] == 42
    future = world.put(url, {"month": month(1), "units": 1, "revenue_idr": 1})
    assert future.status_code == 422 and set(future.json["error"]["fields"]) == {"month"}
    earlier = world.put(url, {"month": month(-1), "units": 1, "revenue_idr": 1})
    assert earlier.status_code == 422  # before it was listed
    bad = world.put(url, {"month": "Maret", "units": -1, "revenue_idr": "banyak"})
    assert bad.status_code == 422
    assert set(bad.json["error"]["fields"]) == {"month", "units", "revenue_idr"}
    nothing_sold = world.put(url, {"month": month(), "units": 0, "revenue_idr": 5_000})
    assert nothing_sold.status_code == 422 and set(nothing_sold.json["error"]["fields"]) == {
        "revenue_idr"}
    detail = world.get(f"/placements/{placement['id']}").json
    assert [(s["month"], s["units"], s["revenue_idr"]) for s in detail["sales"]] == [
        (month(), 42, 630_000)]
    partner_id = detail["partner_id"]
    monthly = world.get(f"/partners/{partner_id}/sales").json
    assert monthly["items"] == [{"month": month(), "units": 42, "revenue_idr": 630_000}]
    totals = world.get("/sales/totals").json
    assert totals["items"][0]["partner_id"] == partner_id
    assert (totals["items"][0]["units"], totals["items"][0]["revenue_idr"]) == (42, 630_000)
    assert totals["items"][0]["placements_listed"] == 1 and totals["revenue_idr"] == 630_000
    assert {t["partner_name"] for t in totals["items"]} >= REFERENCE
    old = world.get("/sales/totals", year=today_wib().year - 1).json
    assert old["revenue_idr"] == 0
    assert world.get("/sales/totals", year="kemarin").status_code == 422
    assert world.put("/placements/tidak-ada/sales", {"month": month(), "units": 1,
                                                     "revenue_idr": 1}).status_code == 404


def test_two_coordinators_listing_at_once_announce_it_once(world_any):
    world = world_any
    placement = world.ready_to_list()
    answers, barrier = [], threading.Barrier(2)

    def move():
        client = world.app.test_client()
        barrier.wait()
        answers.append(client.post(f"/api/v1/retail/placements/{placement['id']}/status",
                                   json={"status": "listed"}, headers=world.auth).status_code)

    threads = [threading.Thread(target=move) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers) == [200, 409]
    assert len(world.published("retail.product_listed")) == 1
    assert world.seeded("Alfamart")["placements"] == {}


