"""Trainers: residency from the domicile address (a Metro resident volunteers, no fee), a fee
recorded only for trainers from elsewhere, and nobody booked twice at the same time."""

from tests.support import training_fixtures

world = training_fixtures.world

RESIDENT = {"name": "Bu Ratna", "skills": ["kain tapis", "sulam"],
            "address": "Jl. Kenanga 3", "kelurahan": "yosomulyo", "phone": "081234567001",
            "availability": "Sabtu dan Minggu"}


def trainer(world, **body):
    return world.client.post("/api/v1/trainers", json=body, headers=world.auth)


def test_a_metro_resident_is_a_volunteer_and_asks_no_fee(world):
    created = trainer(world, **RESIDENT)
    assert created.status_code == 201, created.json
    assert created.json["metro_resident"] is True and created.json["volunteer"] is True
    assert (created.json["kelurahan"], created.json["kecamatan"]) == ("Yosomulyo", "Metro Pusat")
    assert created.json["fee_idr"] is None
    with_fee = trainer(world, **{**RESIDENT, "name": "Pak Joko", "fee_idr": 500_000})
    assert with_fee.status_code == 422 and "fee_idr" in with_fee.json["error"]["fields"]


def test_a_trainer_from_outside_metro_has_a_fee(world):
    created = trainer(world, name="Pak Hendra", skills=["batik cap"], address="Jl. Ahmad Yani 9",
                      city="Bandar Lampung", fee_idr=750_000)
    assert created.status_code == 201
    assert created.json["metro_resident"] is False and created.json["fee_idr"] == 750_000
    unknown = trainer(world, name="X", skills=["batik"], address="Jl. Y", kelurahan="Kedaton")
    assert unknown.status_code == 422 and "kelurahan" in unknown.json["error"]["fields"]
    listed = world.client.get("/api/v1/trainers", headers=world.auth).json
    assert [t["name"] for t in listed["items"]] == ["Pak Hendra"]


def test_a_trainer_booked_twice_at_the_same_time_is_refused(world):
    ratna = trainer(world, **RESIDENT).json["id"]
    morning = {"date": "2026-12-07", "starts_at": "08:00", "ends_at": "12:00"}
    first = world.program(title="Tapis I", trainer_ids=[ratna], starts_on="2026-12-07",
                          ends_on="2026-12-07", sessions=[morning])
    assert first["trainers"][0]["name"] == "Bu Ratna" and first["trainers"][0]["fee_idr"] == 0
    clash = world.client.post("/api/v1/programs", json={
        "title": "Sulam II", "topic": "sulam", "location": "Aula", "starts_on": "2026-12-07",
        "ends_on": "2026-12-07", "quota": 5, "trainer_ids": [ratna],
        "sessions": [{"date": "2026-12-07", "starts_at": "11:00", "ends_at": "15:00"}]},
        headers=world.auth)
    assert clash.status_code == 409, clash.json
    assert "Tapis I" in clash.json["error"]["message"]
    assert world.client.get("/api/v1/programs", headers=world.auth).json["total"] == 1
    afternoon = world.program(title="Sulam III", starts_on="2026-12-07", ends_on="2026-12-07",
                              sessions=[{"date": "2026-12-07", "starts_at": "13:00",
                                         "ends_at": "16:00"}])
    booked = world.client.post(f"/api/v1/programs/{afternoon['id']}/trainers",
                               json={"trainer_id": ratna}, headers=world.auth)
    assert booked.status_code == 200 and booked.json["trainers"][0]["trainer_id"] == ratna
    twice = world.client.post(f"/api/v1/programs/{afternoon['id']}/trainers",
                              json={"trainer_id": ratna}, headers=world.auth)
    assert twice.status_code == 409


def test_lengths_phone_and_email_are_checked_and_the_phone_kept_in_e164(world):
    long = "x" * 5000
    bad = trainer(world, name=long, skills=["batik", long], address=long, city=long,
                  phone="telepon-abc", email="bukan-email@@", availability=long)
    assert bad.status_code == 422
    assert set(bad.json["error"]["fields"]) == {"name", "skills", "address", "city", "phone",
                                                "email", "availability"}
    assert bad.json["error"]["fields"]["name"] == "Paling banyak 120 karakter."
    assert world.client.get("/api/v1/trainers", headers=world.auth).json["total"] == 0
    created = trainer(world, **{**RESIDENT, "phone": "0812-3456-7001",
                                "email": " Ratna@Contoh.ID "})
    assert created.status_code == 201, created.json
    assert (created.json["phone"], created.json["email"]) == ("+6281234567001",
                                                              "Ratna@contoh.id")
