"""Retail partners through the API: the reference list and partners staff add, outlets, MoUs,
proposing a placement, roles and the OpenAPI description (the workflow is in
test_retail_placements.py)."""

from datetime import timedelta

import pytest

from services.bazaar.domain.retail import CHECKLIST
from services.kernel.clock import today_wib
from services.kernel.identity import BAZAAR_COORDINATOR, VIEWER
from tests.conftest import ADMIN_EMAIL
from tests.support.retail_world import RetailWorld

REFERENCE = {"Alfamart", "Alfamidi", "Indomaret", "Delfan", "PB Swalayan", "Chandra"}


@pytest.fixture
def world(app, auth, service_app):
    return RetailWorld(service_app("bazaar"), auth)


def test_reference_partners_are_there_and_staff_add_others(world):
    listed = world.get("/partners", per_page=100).json
    assert {p["name"] for p in listed["items"]} >= REFERENCE and listed["total"] == 6
    assert all(p["reference"] and p["mou"] is None for p in listed["items"])
    partner = world.partner("Toko Tani Makmur", outlets=["Pasar Cendrawasih", "Jl. Ahmad Yani"])
    assert partner["reference"] is False and partner["outlets"] == 2
    assert [o["name"] for o in partner["outlet_list"]] == ["Jl. Ahmad Yani", "Pasar Cendrawasih"]
    again = world.post("/partners", {"name": "  toko tani   MAKMUR "})
    assert again.status_code == 409 and again.json["error"]["existing_id"] == partner["id"]
    bad = world.post("/partners", {"name": "T", "outlets": ["A", "a"], "colour": "red"})
    assert bad.status_code == 422 and {"name", "colour"} <= set(bad.json["error"]["fields"])
    twice = world.post("/partners", {"name": "Toko Dua", "outlets": ["Gerai A", "gerai  a"]})
    assert twice.status_code == 422 and set(twice.json["error"]["fields"]) == {"outlets"}
    assert world.get("/partners", q="cendrawasih").json["total"] == 1  # by outlet name
    assert world.get("/partners", per_page=500).status_code == 422


def test_partners_are_renamed_and_deactivated(world):
    partner = world.partner("Toko Lama")
    url = f"/partners/{partner['id']}"
    renamed = world.client.patch("/api/v1/retail" + url, headers=world.auth,
                                 json={"name": "Toko Baru Jaya", "note": "Jl. Hasanudin"})
    assert renamed.status_code == 200 and renamed.json["name"] == "Toko Baru Jaya"
    taken = world.client.patch("/api/v1/retail" + url, headers=world.auth,
                               json={"name": "INDOMARET"})
    assert taken.status_code == 409 and "existing_id" in taken.json["error"]
    bad = world.client.patch("/api/v1/retail" + url, headers=world.auth,
                             json={"name": "X", "active": "mungkin"})
    assert bad.status_code == 422 and set(bad.json["error"]["fields"]) == {"name", "active"}
    off = world.client.patch("/api/v1/retail" + url, headers=world.auth, json={"active": False})
    assert off.json["active"] is False and off.json["note"] == "Jl. Hasanudin"
    refused = world.propose(off.json)
    assert refused.status_code == 422 and set(refused.json["error"]["fields"]) == {"partner_id"}
    on = world.client.patch("/api/v1/retail" + url, headers=world.auth, json={"active": True})
    assert on.json["active"] is True and world.propose(on.json).status_code == 201


def test_outlets_belong_to_one_partner_each_once(world):
    alfamart = world.seeded("Alfamart")
    url = f"/partners/{alfamart['id']}/outlets"
    made = world.post(url, {"name": "Alfamart Hadimulyo", "address": "Jl. Jend. Sudirman 12"})
    assert made.status_code == 201 and made.json["partner_id"] == alfamart["id"]
    assert world.post(url, {"name": "ALFAMART hadimulyo"}).status_code == 409
    bad = world.post(url, {"name": "", "address": "x" * 301})
    assert bad.status_code == 422 and set(bad.json["error"]["fields"]) == {"name", "address"}
    assert world.post("/partners/tidak-ada/outlets", {"name": "Gerai"}).status_code == 404
    assert world.get(f"/partners/{alfamart['id']}").json["outlet_list"][0]["name"] == \
        "Alfamart Hadimulyo"


def test_mou_validation_gives_one_message_per_field(world):
    chandra = world.seeded("Chandra")
    url = f"/partners/{chandra['id']}/mous"
    good = world.mou(chandra["id"], number="500/123/D.4/2027")
    assert good.status_code == 201
    mou = good.json
    assert mou["in_force"] and mou["contact_phone"] == "+6281234567890"
    assert mou["days_left"] == 335 and mou["created_by"] == ADMIN_EMAIL
    dup = world.mou(chandra["id"], number="500/123/d.4/2027")
    assert dup.status_code == 409 and "number" in dup.json["error"]["fields"]
    today = today_wib()
    short = world.post(url, {"number": "M", "signed_on": today.isoformat(),
                             "expires_on": "31-12-2027", "contact_name": "B"})
    assert short.status_code == 422 and set(short.json["error"]["fields"]) == {
        "number", "expires_on", "contact_name", "contact_phone"}
    bad = world.post(url, {"number": "MOU-8", "signed_on": (today + timedelta(days=3)).isoformat(),
                           "expires_on": today.isoformat(), "contact_name": "Budi",
                           "contact_phone": "1234567"})
    assert bad.status_code == 422
    assert set(bad.json["error"]["fields"]) == {"signed_on", "expires_on", "contact_phone"}
    before = world.post(url, {"number": "MOU-9", "signed_on": today.isoformat(),
                              "expires_on": (today - timedelta(days=1)).isoformat(),
                              "contact_name": "Budi", "contact_phone": "081234567890"})
    assert before.status_code == 422 and set(before.json["error"]["fields"]) == {"expires_on"}
    assert "setelah" in before.json["error"]["fields"]["expires_on"]
    missing = world.post(url, {"signed_on": "kemarin"})
    assert missing.status_code == 422 and set(missing.json["error"]["fields"]) == {
        "number", "signed_on", "expires_on", "contact_name", "contact_phone"}
    corrected = world.put(f"{url}/{mou['id']}", {
        "number": mou["number"], "signed_on": mou["signed_on"],
        "expires_on": (today + timedelta(days=20)).isoformat(), "contact_name": "Siti Aminah",
        "contact_phone": "+62 721 123456"})
    assert corrected.status_code == 200 and corrected.json["expiring_soon"]
    assert corrected.json["updated_by"] == ADMIN_EMAIL
    assert world.put(f"/partners/{world.seeded('Delfan')['id']}/mous/{mou['id']}", {
        **{k: corrected.json[k] for k in ("number", "signed_on", "expires_on",
                                          "contact_name", "contact_phone")}}).status_code == 404
    assert world.seeded("Chandra")["mou"]["number"] == "500/123/D.4/2027"


def test_a_placement_needs_a_known_verified_umkm_and_the_partners_outlets(world):
    partner, other = world.partner(), world.partner()
    umkm = world.umkm()
    proposed = world.propose(partner, umkm, "Keripik Pisang Coklat 250 g")
    assert proposed.status_code == 201, proposed.json
    placement = proposed.json
    assert placement["status"] == "proposed" and placement["status_by"] == ADMIN_EMAIL
    assert placement["missing"] == list(CHECKLIST) and not placement["ready"]
    assert [h["status"] for h in placement["history"]] == ["proposed"]
    assert placement["business_name"].startswith("Usaha Bazar")
    again = world.propose(partner, umkm, "keripik pisang  COKLAT 250 g")
    assert again.status_code == 409 and again.json["error"]["existing_id"] == placement["id"]
    unknown = world.propose(partner, "tidak-ada")
    assert unknown.status_code == 422 and set(unknown.json["error"]["fields"]) == {"umkm_id"}
    pending = world.propose(partner, world.umkm(status="pending"))
    assert pending.status_code == 422 and "terverifikasi" in pending.json["error"]["fields"][
        "umkm_id"]
    nobody = world.post("/placements", {"umkm_id": umkm, "partner_id": "tidak-ada",
                                        "product_name": "Kopi"})
    assert nobody.status_code == 422 and set(nobody.json["error"]["fields"]) == {"partner_id"}
    foreign = world.post("/placements", {"umkm_id": umkm, "partner_id": partner["id"],
                                         "product_name": "Kopi Robusta",
                                         "outlet_ids": [other["outlet_list"][0]["id"]]})
    assert foreign.status_code == 422 and "outlet_ids" in foreign.json["error"]["fields"]
    empty = world.post("/placements", {"product_name": "K", "registry_product_id": "x" * 40})
    assert empty.status_code == 422 and {"umkm_id", "partner_id", "product_name",
                                         "registry_product_id"} <= set(
        empty.json["error"]["fields"])
    listed = world.get("/placements", partner_id=partner["id"]).json
    assert listed["total"] == 1 and listed["items"][0]["id"] == placement["id"]
    assert world.get("/placements", status="terjual").status_code == 422


def test_viewers_read_coordinators_change(world, staff_token):
    viewer, coordinator = staff_token(VIEWER), staff_token(BAZAAR_COORDINATOR)
    placement = world.ready_to_list()
    assert world.get("/partners", headers=viewer).status_code == 200
    assert world.get(f"/placements/{placement['id']}", headers=viewer).status_code == 200
    assert world.get("/sales/totals", headers=viewer).status_code == 200
    partner_id = placement["partner_id"]
    for method, path, body in (
            ("post", "/partners", {"name": "Toko Baru"}),
            ("post", f"/partners/{partner_id}/outlets", {"name": "Gerai Baru"}),
            ("post", f"/partners/{partner_id}/mous", {}),
            ("post", "/placements", {}),
            ("post", f"/placements/{placement['id']}/status", {"status": "listed"}),
            ("put", f"/placements/{placement['id']}/checklist/pirt", {"checked": False}),
            ("put", f"/placements/{placement['id']}/sales", {})):
        answer = getattr(world.client, method)("/api/v1/retail" + path, json=body,
                                               headers=viewer)
        assert answer.status_code == 403, path
    assert world.client.get("/api/v1/retail/partners").status_code == 401
    assert world.move(placement["id"], "listed", coordinator).status_code == 200
    assert world.post("/partners", {"name": "Toko Koordinator"}, coordinator).status_code == 201


def test_openapi_describes_bodies_and_query_arguments_apart(world):
    spec = world.client.get("/api/v1/openapi.json").json
    paths = spec["paths"]
    assert {"/api/v1/retail/partners", "/api/v1/retail/placements/{placement_id}/status",
            "/api/v1/retail/placements/{placement_id}/checklist/{item}",
            "/api/v1/retail/sales/totals"} <= set(paths)
    listing = paths["/api/v1/retail/placements"]["get"]
    assert {p["name"] for p in listing["parameters"]} >= {"partner_id", "status", "page"}
    assert "requestBody" not in listing
    body = paths["/api/v1/retail/placements"]["post"]["requestBody"]
    assert "RetailPlacementCreate" in str(body)
    assert "409" in paths["/api/v1/retail/placements/{placement_id}/status"]["post"]["responses"]
