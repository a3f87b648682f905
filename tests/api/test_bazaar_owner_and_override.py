"""One stall per owner (a person with two businesses), and a coordinator's override of the
allocation with a reason: through the API and the bazaar page."""

import re

import pytest

from services.kernel.identity import VIEWER
from tests.support.bazaar_world import BazaarWorld
from tests.support.sessions import sign_in


@pytest.fixture
def world(app, auth, service_app):
    return BazaarWorld(service_app("bazaar"), auth)


def _override(world, bazaar_id, application_id, headers=None, **body):
    return world.client.put(
        f"/api/v1/bazaars/{bazaar_id}/applications/{application_id}/stall",
        json=body, headers=headers or world.auth)


def _applications(world, bazaar_id):
    items = world.client.get(f"/api/v1/bazaars/{bazaar_id}/applications",
                             headers=world.auth).json["items"]
    return {a["umkm_id"]: a for a in items}


def test_an_owner_with_two_businesses_gets_one_stall(world):
    bazaar = world.bazaar(stalls=4)
    sri_food = world.umkm(sector="kuliner", owner_id="owner-sri")
    sri_craft = world.umkm(sector="kriya", owner_id="owner-sri")
    other = world.umkm(sector="kriya")
    for umkm_id in (sri_food, sri_craft, other):
        assert world.apply(bazaar["id"], umkm_id).status_code == 201
    result = world.allocate(bazaar["id"])
    assert (result["allocated"], result["waitlisted"]) == (2, 1)
    apps = _applications(world, bazaar["id"])
    assert apps[sri_food]["status"] == "allocated" and apps[other]["status"] == "allocated"
    assert apps[sri_craft]["status"] == "waitlisted"
    assert "satu lapak per pemilik" in apps[sri_craft]["explanation"]
    assert len(world.published("bazaar.stall_allocated")) == 2


def test_a_coordinator_gives_a_free_stall_moves_and_takes_back(world):
    bazaar = world.bazaar(stalls=2, kuliner_stalls=1)
    first, second, third = (world.umkm(sector="kuliner") for _ in range(3))
    for umkm_id in (first, second, third):
        world.apply(bazaar["id"], umkm_id)
    world.allocate(bazaar["id"])
    apps = _applications(world, bazaar["id"])
    waiting = next(a for a in apps.values() if a["status"] == "waitlisted")
    holder = next(a for a in apps.values() if a["stall_number"] == "K-01")
    taken = _override(world, bazaar["id"], waiting["id"], stall_number="K-01",
                      reason="Tukar dengan yang lain")
    assert taken.status_code == 422 and "stall_number" in taken.json["error"]["fields"]
    given = _override(world, bazaar["id"], waiting["id"], stall_number="N-01",
                      reason="Produk kemasan, bisa di lapak non-kuliner")
    assert given.status_code == 200, given.json
    assert (given.json["status"], given.json["stall_number"]) == ("allocated", "N-01")
    assert "Produk kemasan" in given.json["explanation"]
    told = world.published("bazaar.stall_allocated")
    assert [t["stall_number"] for t in told if t["umkm_id"] == waiting["umkm_id"]] == ["N-01"]
    back = _override(world, bazaar["id"], holder["id"], stall_number=None,
                     reason="Tidak memenuhi syarat kebersihan")
    assert back.status_code == 200 and back.json["status"] == "waitlisted"
    assert back.json["stall_number"] is None
    [revoked] = world.published("bazaar.stall_revoked")
    assert (revoked["umkm_id"], revoked["application_id"], revoked["stall_number"]) == (
        holder["umkm_id"], holder["id"], "K-01")
    assert revoked["reason"] == "Tidak memenuhi syarat kebersihan"
    assert revoked["bazaar"]["bazaar_id"] == bazaar["id"]
    moved = _override(world, bazaar["id"], waiting["id"], stall_number="K-01",
                      reason="Pindah ke lapak kuliner yang kosong")
    assert moved.status_code == 200 and moved.json["stall_number"] == "K-01"
    assert _applications(world, bazaar["id"])[waiting["umkm_id"]]["stall_number"] == "K-01"


def test_override_rules(world, staff_token):
    bazaar = world.bazaar(stalls=2)
    umkm_id = world.umkm()
    application = world.apply(bazaar["id"], umkm_id).json
    early = _override(world, bazaar["id"], application["id"], stall_number="K-01",
                      reason="Sebelum alokasi")
    assert early.status_code == 409
    world.allocate(bazaar["id"])
    for body, field in (({"stall_number": "K-01", "reason": "x"}, "reason"),
                        ({"stall_number": "Z-99", "reason": "Lapak lain"}, "stall_number"),
                        ({"reason": "tanpa lapak"}, "stall_number"),
                        ({"stall_number": None, "reason": "ok ok", "x": 1}, "x")):
        answer = _override(world, bazaar["id"], application["id"], **body)
        assert answer.status_code == 422 and field in answer.json["error"]["fields"], body
    viewer = staff_token(VIEWER)
    assert _override(world, bazaar["id"], application["id"], headers=viewer,
                     stall_number=None, reason="bukan koordinator").status_code == 403


def test_the_page_overrides_with_a_reason(world, app):
    bazaar = world.bazaar(stalls=2, kuliner_stalls=1)
    a, b = world.umkm(sector="kuliner"), world.umkm(sector="kuliner")
    world.apply(bazaar["id"], a)
    world.apply(bazaar["id"], b)
    world.allocate(bazaar["id"])
    page_client = sign_in(app, world.client)
    page = page_client.get(f"/bazaars/{bazaar['id']}").get_data(as_text=True)
    assert page.count('data-testid="override-form"') == 2
    waiting = next(x for x in _applications(world, bazaar["id"]).values()
                   if x["status"] == "waitlisted")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    done = page_client.post(
        f"/bazaars/{bazaar['id']}/applications/{waiting['id']}/stall",
        data={"csrf_token": token, "stall_number": "N-01", "reason": "Lapak kosong dipakai"},
        follow_redirects=True)
    assert "diubah: N-01" in done.get_data(as_text=True)
    assert "Lapak kosong dipakai" in done.get_data(as_text=True)
