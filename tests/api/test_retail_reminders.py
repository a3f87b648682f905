"""MoU expiry reminders: `retail.mou_expiring` once per MoU and expiry date, within 60 days,
from the bazaar service's periodic tick."""

import threading
from datetime import timedelta

import pytest

from services.bazaar.usecases.retail_reminders import announce_expiring_mous
from services.kernel.clock import today_wib
from tests.conftest import ADMIN_EMAIL, ADMIN_PASSWORD, _app
from tests.support.retail_world import RetailWorld


@pytest.fixture
def world(app, auth, service_app):
    return RetailWorld(service_app("bazaar"), auth)


def mou_expiring_in(world, partner_id: str, days: int, number: str) -> dict:
    signed = today_wib() - timedelta(days=300)
    response = world.mou(partner_id, number=number, signed_days_ago=300,
                         valid_days=(today_wib() + timedelta(days=days) - signed).days)
    assert response.status_code == 201, response.json
    return response.json


def test_each_mou_is_announced_once_within_sixty_days(world):
    uow, today = world.service.uow, today_wib()
    delfan = world.seeded("Delfan")
    soon = mou_expiring_in(world, delfan["id"], 30, "MOU/DELFAN/1")
    later = mou_expiring_in(world, world.seeded("Chandra")["id"], 61, "MOU/CHANDRA/1")
    mou_expiring_in(world, world.seeded("Indomaret")["id"], -1, "MOU/INDOMARET/0")  # over
    assert announce_expiring_mous(uow) == 1
    assert announce_expiring_mous(uow) == 0  # once
    [event] = world.published("retail.mou_expiring")
    assert event == {"partner_id": delfan["id"], "partner_name": "Delfan",
                     "mou_number": "MOU/DELFAN/1", "expires_on": soon["expires_on"],
                     "days_left": 30}
    assert announce_expiring_mous(uow, today + timedelta(days=1)) == 1  # 60 days left now
    assert announce_expiring_mous(uow, today + timedelta(days=2)) == 0
    events = world.published("retail.mou_expiring")
    assert [e["mou_number"] for e in events] == ["MOU/DELFAN/1", "MOU/CHANDRA/1"]
    assert events[1]["days_left"] == 60 and events[1]["expires_on"] == later["expires_on"]


def test_a_corrected_expiry_date_is_announced_again_a_renewed_mou_is_not(world):
    uow = world.service.uow
    alfamart = world.seeded("Alfamart")
    mou = mou_expiring_in(world, alfamart["id"], 10, "MOU/ALFA/1")
    assert announce_expiring_mous(uow) == 1
    corrected = world.put(f"/partners/{alfamart['id']}/mous/{mou['id']}", {
        **{k: mou[k] for k in ("number", "signed_on", "contact_name", "contact_phone")},
        "expires_on": (today_wib() + timedelta(days=45)).isoformat()})
    assert corrected.status_code == 200
    assert announce_expiring_mous(uow) == 1 and announce_expiring_mous(uow) == 0
    assert [e["days_left"] for e in world.published("retail.mou_expiring")] == [10, 45]
    # Alfamidi renewed in time: its old MoU is not worth a reminder any more.
    alfamidi = world.seeded("Alfamidi")["id"]
    mou_expiring_in(world, alfamidi, 20, "MOU/MIDI/1")
    assert world.mou(alfamidi, number="MOU/MIDI/2", signed_days_ago=1).status_code == 201
    assert announce_expiring_mous(uow) == 0
    # A partner the department no longer works with is not a reminder's worth either.
    ended = world.partner("Toko Tutup")
    mou_expiring_in(world, ended["id"], 15, "MOU/TUTUP/1")
    world.client.patch(f"/api/v1/retail/partners/{ended['id']}", json={"active": False},
                       headers=world.auth)
    assert announce_expiring_mous(uow) == 0


def test_the_bazaar_tick_runs_the_reminders(world):
    mou_expiring_in(world, world.seeded("PB Swalayan")["id"], 59, "MOU/PB/1")
    world.service.runtime.tick()
    world.service.runtime.tick()
    [event] = world.published("retail.mou_expiring")
    assert event["partner_name"] == "PB Swalayan" and event["days_left"] == 59


def test_two_ticks_at_once_announce_an_mou_once(platform_any):
    from services.registry.usecases.staff import ensure_admin

    registry = _app("registry", platform_any)
    ensure_admin(registry.extensions["registry"].uow, ADMIN_EMAIL, ADMIN_PASSWORD)
    token = registry.test_client().post("/api/v1/auth/token", json={
        "email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}).json["access_token"]
    bazaar = _app("bazaar", platform_any)
    try:
        world = RetailWorld(bazaar, {"Authorization": f"Bearer {token}"})
        mou_expiring_in(world, world.seeded("Alfamart")["id"], 7, "MOU/ALFA/7")
        counts, barrier = [], threading.Barrier(2)

        def tick():
            barrier.wait()
            counts.append(announce_expiring_mous(world.service.uow))

        threads = [threading.Thread(target=tick) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(counts) == [0, 1]
        assert len(world.published("retail.mou_expiring")) == 1
    finally:
        bazaar.extensions["runtime"].dispose()
        registry.extensions["runtime"].dispose()
