"""The search boxes of the staff's lists take "%" and "_" as the characters typed: they were
LIKE's wildcards, so a search for "%" listed every trainer, programme, batik office and audit
entry, and one for "rina_w" found "rinaxw" too."""

import pytest

from services.kernel.identity import REGISTRY_OFFICER
from services.registry.usecases.staff import create_staff
from tests.support import training_fixtures
from tests.support.bazaar_world import BazaarWorld
from tests.support.factories import registration
from tests.support.training_world import logged_in

world = training_fixtures.world


def names(response, key: str = "name") -> list[str]:
    assert response.status_code == 200, response.json
    return sorted(item[key] for item in response.json["items"])


def test_trainers_are_searched_and_paged_in_the_api_and_on_the_page(world):
    """The trainers' list gave the first 50 and took no search: the 51st trainer could not be
    found, on the page or through the API."""
    for n in range(53):
        made = world.client.post("/api/v1/trainers", headers=world.auth, json={
            "name": f"Pelatih {n:02d}", "skills": ["sulam"], "address": "Jl. Kenanga 3",
            "kelurahan": "yosomulyo"})
        assert made.status_code == 201, made.json
    second = world.client.get("/api/v1/trainers", query_string={"page": 2, "per_page": 50},
                              headers=world.auth).json
    assert second["total"] == 53 and [t["name"] for t in second["items"]] == [
        "Pelatih 50", "Pelatih 51", "Pelatih 52"]
    assert names(world.client.get("/api/v1/trainers", query_string={"q": "pelatih 52"},
                                  headers=world.auth)) == ["Pelatih 52"]
    bad = world.client.get("/api/v1/trainers", query_string={"per_page": 0}, headers=world.auth)
    assert bad.status_code == 422 and "per_page" in bad.json["error"]["fields"]
    with logged_in(world) as client:
        page = client.get("/trainers", query_string={"page": 2}).get_data(as_text=True)
        assert "Pelatih 52" in page and "Pelatih 00" not in page
        found = client.get("/trainers", query_string={"q": "elatih 07"}).get_data(as_text=True)
        assert "Pelatih 07" in found and "Pelatih 08" not in found
        none = client.get("/trainers", query_string={"q": "%"}).get_data(as_text=True)
        assert "Tidak ada pelatih yang cocok." in none


def test_trainers_and_programmes(world):
    for name in ("Bu Ratna", "Pak Joko"):
        made = world.client.post("/api/v1/trainers", headers=world.auth, json={
            "name": name, "skills": ["sulam"], "address": "Jl. Kenanga 3",
            "kelurahan": "yosomulyo", "phone": "081234567001"})
        assert made.status_code == 201, made.json
    for title in ("Sulam Tapis 100%", "Sulam Tapis 1000"):
        world.program(title=title)

    def trainers(q):
        return names(world.client.get("/api/v1/trainers", query_string={"q": q},
                                      headers=world.auth))

    def programmes(q):
        return names(world.client.get("/api/v1/programs", query_string={"q": q},
                                      headers=world.auth), "title")

    assert trainers("%") == [] and trainers("_") == []
    assert trainers("ratna") == ["Bu Ratna"]
    assert programmes("100%") == ["Sulam Tapis 100%"]
    assert programmes("_") == []
    assert programmes("tapis") == ["Sulam Tapis 100%", "Sulam Tapis 1000"]


@pytest.fixture
def bazaar(app, auth, service_app):
    return BazaarWorld(service_app("bazaar"), auth)


def test_batik_offices(bazaar):
    for name in ("Dinas Pendidikan", "Dinas_Kesehatan", "Dinas-Kesehatan Hewan"):
        made = bazaar.client.post("/api/v1/batik/offices", headers=bazaar.auth,
                                  json={"name": name, "kind": "opd"})
        assert made.status_code == 201, made.json

    def offices(q):
        return names(bazaar.client.get("/api/v1/batik/offices", query_string={"q": q},
                                       headers=bazaar.auth))

    assert offices("%") == []
    assert offices("dinas_") == ["Dinas_Kesehatan"]
    assert offices("dinas") == ["Dinas Pendidikan", "Dinas-Kesehatan Hewan", "Dinas_Kesehatan"]


def test_audit_log_by_actor(app, client, auth):
    for email in ("rina_w@metrokota.go.id", "rinaxw@metrokota.go.id"):
        create_staff(app.extensions["registry"].uow, email, "Rina", "kata-sandi-uji-123",
                     [REGISTRY_OFFICER])
        token = client.post("/api/v1/auth/token", json={
            "email": email, "password": "kata-sandi-uji-123"}).json["access_token"]
        made = client.post("/api/v1/umkm", json=registration(),
                           headers={"Authorization": f"Bearer {token}"})
        assert made.status_code == 201, made.json

    def actors(actor):
        answer = client.get("/api/v1/audit", query_string={"actor": actor}, headers=auth)
        return sorted({entry["actor"] for entry in names_of(answer)})

    assert actors("rina_w") == ["rina_w@metrokota.go.id"]
    assert actors("%") == []
    assert actors("RINA") == ["rina_w@metrokota.go.id", "rinaxw@metrokota.go.id"]


def names_of(response) -> list[dict]:
    assert response.status_code == 200, response.json
    return response.json["items"]
