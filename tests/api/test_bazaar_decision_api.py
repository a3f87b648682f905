"""The JSON API gives each application's allocation decision as the facts stored with it
(`decision`) beside its sentence in the request's language (`explanation`), the same sentence
the staff page shows; on SQLite and on PostgreSQL."""

import pytest

from services.bazaar.models import Application
from tests.conftest import ADMIN_EMAIL
from tests.support.bazaar_world import world_on

ENGLISH = {"Accept-Language": "en"}


@pytest.fixture
def world(platform_any):
    with world_on(platform_any) as world:
        yield world


def listed(world, bazaar_id, headers=None) -> dict:
    answer = world.client.get(f"/api/v1/bazaars/{bazaar_id}/applications",
                              headers=world.auth | (headers or {}))
    assert answer.status_code == 200, answer.json
    return {a["umkm_id"]: a for a in answer.json["items"]}


def test_allocation_decisions_as_facts_and_sentences_in_both_languages(world):
    bazaar = world.bazaar(stalls=3, kuliner_stalls=1)
    food, late_food = world.umkm(sector="kuliner"), world.umkm(sector="kuliner")
    craft = world.umkm(sector="kriya", owner_id="owner-x")
    same_owner = world.umkm(sector="kriya", owner_id="owner-x")
    for umkm in (food, late_food, craft, same_owner):
        world.apply(bazaar["id"], umkm)
    before = listed(world, bazaar["id"])
    assert before[food]["decision"] is None and before[food]["explanation"] is None
    world.allocate(bazaar["id"])

    apps = listed(world, bazaar["id"])
    basis = {"stalls": 0, "no_shows": 0}
    assert apps[craft]["decision"] == {"kind": "allocated", "stall": "N-01", "sector": "kriya",
                                       "rank": 1, **basis}
    assert apps[craft]["explanation"] == (
        "Mendapat lapak N-01: 0 lapak dan 0 kali tidak hadir dalam 12 bulan terakhir; sektor "
        "Kriya (kerajinan, suvenir, tapis); urutan prioritas 1.")
    assert apps[food]["decision"]["kind"] == "allocated"
    assert apps[food]["decision"]["stall"] == apps[food]["stall_number"] == "K-01"
    waiting = apps[late_food]["decision"]
    assert waiting == {"kind": "no_stall", "waitlist": waiting["waitlist"],
                       "category": "kuliner", "sector": "kuliner", "rank": waiting["rank"],
                       **basis}
    assert apps[late_food]["explanation"].startswith(
        f"Daftar tunggu nomor {waiting['waitlist']}: lapak kuliner sudah habis;")
    assert apps[same_owner]["decision"]["kind"] == "same_owner"
    assert apps[same_owner]["decision"]["owner_stall"] == "N-01"

    english = listed(world, bazaar["id"], ENGLISH)
    assert {k: a["decision"] for k, a in english.items()} == {
        k: a["decision"] for k, a in apps.items()}
    assert english[craft]["explanation"] == (
        "Got stall N-01: 0 stall(s) and 0 no-show(s) in the last 12 months; sector Crafts "
        "(handicrafts, souvenirs, tapis); priority rank 1.")
    assert english[late_food]["explanation"].startswith(
        f"Waiting list number {waiting['waitlist']}: the food stalls are all taken;")

    given = world.client.put(
        f"/api/v1/bazaars/{bazaar['id']}/applications/{apps[late_food]['id']}/stall",
        json={"stall_number": "N-02", "reason": "Makanan kemasan"},
        headers=world.auth | ENGLISH)
    assert given.status_code == 200, given.json
    assert given.json["decision"] == {"kind": "override", "by": ADMIN_EMAIL,
                                      "reason": "Makanan kemasan"}
    assert given.json["explanation"] == f"Changed by coordinator {ADMIN_EMAIL}: Makanan kemasan"
    again = listed(world, bazaar["id"])[late_food]
    assert again["decision"] == given.json["decision"]
    assert again["explanation"] == f"Diubah koordinator {ADMIN_EMAIL}: Makanan kemasan"


def test_an_older_row_without_facts_gives_null_and_its_stored_sentence(world):
    bazaar = world.bazaar(stalls=1)
    umkm = world.umkm(sector="kriya")
    world.apply(bazaar["id"], umkm)
    world.allocate(bazaar["id"])
    stored = "Mendapat lapak N-01 (keputusan lama)."
    with world.service.uow() as unit:
        old = unit.session.query(Application).filter_by(umkm_id=umkm).one()
        old.decision, old.explanation = None, stored
        unit.commit()
    for headers in ({}, ENGLISH):
        application = listed(world, bazaar["id"], headers)[umkm]
        assert application["decision"] is None
        assert application["explanation"] == stored


def test_openapi_documents_the_decision(world):
    schemas = world.client.get("/api/v1/openapi.json").json["components"]["schemas"]
    decision = schemas["Application"]["properties"]["decision"]
    assert decision["anyOf"] == [{"$ref": "#/components/schemas/Decision"},
                                 {"type": "object", "nullable": True}]
    assert "as stored" in decision["description"]
    facts = schemas["Decision"]
    assert facts["required"] == ["kind"]
    assert {"kind", "stall", "waitlist", "owner_stall", "category", "stalls", "no_shows",
            "sector", "rank", "by", "reason"} == set(facts["properties"])
    assert "Accept-Language" in schemas["Application"]["properties"]["explanation"][
        "description"]
