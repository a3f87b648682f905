"""The registry's UMKM API against the contract of DESIGN.md."""

from sqlalchemy import select

from services.kernel.identity import BAZAAR_COORDINATOR, REGISTRY_OFFICER, VIEWER
from services.registry.models import MESSAGING, AuditEntry
from tests.support.factories import registration

CONTRACT_FIELDS = {"owner_name", "nik", "business_name", "sector", "kecamatan", "kelurahan",
                   "address", "phone", "email", "nib", "kbli", "capital_idr",
                   "annual_turnover_idr", "registered_on"}


def register(client, auth, **overrides):
    return client.post("/api/v1/umkm", json=registration(**overrides), headers=auth)


def test_register_answers_201_with_id_status_scale_and_the_fields(client, auth):
    response = register(client, auth, capital_idr=2_000_000_000, nib="9120001234567",
                        kbli="10794", registered_on="2023-12-01")
    assert response.status_code == 201, response.json
    body = response.json
    assert body["status"] == "pending"
    assert (body["scale"], body["scale_basis"]) == ("kecil", "capital")
    assert set(body) >= CONTRACT_FIELDS
    assert body["registered_on"] == "2023-12-01"
    assert body["phone"].startswith("+62")
    assert "*" in body["nik"]


def test_registration_writes_the_event_with_one_delivery_per_consumer(app, client, auth):
    umkm_id = register(client, auth).json["id"]
    with app.extensions["registry"].uow(readonly=True) as uow:
        events = uow.session.execute(select(MESSAGING.outbox_event)).mappings().all()
        deliveries = uow.session.execute(select(MESSAGING.outbox_delivery)).mappings().all()
    assert [(e["type"], e["payload"]["umkm_id"]) for e in events] == [("umkm.registered", umkm_id)]
    assert "nik" not in events[0]["payload"]
    assert sorted(d["consumer"] for d in deliveries) == ["bazaar", "notifier", "training"]
    assert {d["id"] for d in deliveries} == {f"{c}:{events[0]['id']}" for c in
                                             ("bazaar", "notifier", "training")}


def test_every_invalid_field_gets_one_message(client, auth):
    response = register(client, auth, nik="1872013203850001", phone="555", kelurahan="Tejosari",
                        kecamatan="Metro Pusat", nib="123", kbli="12", email="x@",
                        capital_idr=11_000_000_000)
    assert response.status_code == 422
    error = response.json["error"]
    assert error["code"] == "invalid_input"
    assert set(error["fields"]) == {"nik", "phone", "kelurahan", "nib", "kbli", "email",
                                    "capital_idr"}
    assert all(isinstance(m, str) and m for m in error["fields"].values())


def test_missing_and_mistyped_fields_are_422(client, auth):
    response = client.post("/api/v1/umkm", json={"capital_idr": "banyak", "extra": 1},
                           headers=auth)
    assert response.status_code == 422
    fields = response.json["error"]["fields"]
    assert {"owner_name", "nik", "phone", "capital_idr", "extra"} <= set(fields)


def test_a_body_that_is_not_json_is_400_and_writes_nothing(app, client, auth):
    response = client.post("/api/v1/umkm", data=b"{not json",
                           headers={**auth, "Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json["error"]["code"] == "bad_request"
    assert client.get("/api/v1/umkm", headers=auth).json["total"] == 0


def test_an_oversize_body_is_413(app, client, auth):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = client.post("/api/v1/umkm", json=registration(address="x" * 5000), headers=auth)
    assert response.status_code == 413
    assert response.json["error"]["code"] == "payload_too_large"


def test_same_nib_is_409_naming_the_existing_record(client, auth):
    first = register(client, auth, nib="9120001234567").json
    again = register(client, auth, nib="9120001234567")
    assert again.status_code == 409
    assert again.json["error"]["existing_id"] == first["id"]
    assert first["business_name"] in again.json["error"]["message"]


def test_same_owner_same_business_name_is_409_but_a_second_business_is_fine(client, auth):
    first = registration()
    assert client.post("/api/v1/umkm", json=first, headers=auth).status_code == 201
    twin = {**first, "business_name": first["business_name"].upper() + "."}
    assert client.post("/api/v1/umkm", json=twin, headers=auth).status_code == 409
    typo = {**first, "business_name": first["business_name"] + "h"}  # one stray letter
    assert client.post("/api/v1/umkm", json=typo, headers=auth).status_code == 409
    other = {**first, "business_name": "Usaha Kedua Milik Orang Sama"}
    created = client.post("/api/v1/umkm", json=other, headers=auth)
    assert created.status_code == 201
    assert created.json["owner_id"] == client.get(
        "/api/v1/umkm?q=" + first["owner_name"], headers=auth).json["items"][0]["owner_id"]


def test_get_by_id_and_404(client, auth):
    umkm_id = register(client, auth).json["id"]
    got = client.get(f"/api/v1/umkm/{umkm_id}", headers=auth)
    assert got.status_code == 200 and got.json["id"] == umkm_id
    assert [h["to_status"] for h in got.json["history"]] == ["pending"]
    missing = client.get("/api/v1/umkm/00000000-0000-0000-0000-000000000000", headers=auth)
    assert missing.status_code == 404 and missing.json["error"]["code"] == "not_found"


def test_list_search_filters_and_pages(client, auth):
    for n in range(7):
        register(client, auth, business_name=f"Kopi Metro {n}", kecamatan="Metro Utara",
                 kelurahan="Banjarsari", sector="kuliner")
    register(client, auth, business_name="Batik Tulis", kecamatan="Metro Timur",
             kelurahan="Iringmulyo", sector="batik")
    page = client.get("/api/v1/umkm?q=kopi&per_page=5&page=2", headers=auth).json
    assert (page["total"], page["page"], len(page["items"])) == (7, 2, 2)
    assert client.get("/api/v1/umkm?kecamatan=Metro Timur", headers=auth).json["total"] == 1
    assert client.get("/api/v1/umkm?sector=batik", headers=auth).json["total"] == 1
    assert client.get("/api/v1/umkm?status=verified", headers=auth).json["total"] == 0
    bad = client.get("/api/v1/umkm?status=unknown&per_page=1000", headers=auth)
    assert bad.status_code == 422 and {"status", "per_page"} <= set(bad.json["error"]["fields"])


def test_nik_is_masked_in_lists(client, auth):
    data = registration()
    register(client, auth, **data)
    items = client.get("/api/v1/umkm", headers=auth).json["items"]
    assert items[0]["nik"] != data["nik"] and items[0]["nik"].endswith(data["nik"][-4:])


def test_full_nik_only_for_roles_that_need_it_and_audited(app, client, auth, staff_token):
    data = registration()
    umkm_id = register(client, auth, **data).json["id"]
    assert client.get(f"/api/v1/umkm/{umkm_id}/nik",
                      headers=staff_token(BAZAAR_COORDINATOR)).status_code == 403
    officer = staff_token(REGISTRY_OFFICER)
    shown = client.get(f"/api/v1/umkm/{umkm_id}/nik", headers=officer)
    assert shown.status_code == 200 and shown.json["nik"] == data["nik"]
    with app.extensions["registry"].uow(readonly=True) as uow:
        views = [(v.actor, v.detail) for v in uow.session.execute(
            select(AuditEntry).where(AuditEntry.action == "nik.view")).scalars()]
    assert len(views) == 1 and views[0][0].startswith(REGISTRY_OFFICER)
    assert views[0][1] == {"business_id": umkm_id}


def test_verify_publishes_umkm_verified_and_refuses_twice(app, client, auth):
    umkm_id = register(client, auth).json["id"]
    verified = client.post(f"/api/v1/umkm/{umkm_id}/verify", headers=auth)
    assert verified.status_code == 200 and verified.json["status"] == "verified"
    assert verified.json["verified_by"]
    assert client.post(f"/api/v1/umkm/{umkm_id}/verify", headers=auth).status_code == 409
    with app.extensions["registry"].uow(readonly=True) as uow:
        types = uow.session.execute(select(MESSAGING.outbox_event.c.type)).scalars().all()
    assert types == ["umkm.registered", "umkm.verified"]


def test_roles_decide_who_registers_and_verifies(client, auth, staff_token):
    viewer = staff_token(VIEWER)
    assert client.get("/api/v1/umkm", headers=viewer).status_code == 200
    denied = client.post("/api/v1/umkm", json=registration(), headers=viewer)
    assert denied.status_code == 403 and denied.json["error"]["code"] == "forbidden"
    umkm_id = register(client, auth).json["id"]
    assert client.post(f"/api/v1/umkm/{umkm_id}/verify", headers=viewer).status_code == 403
    officer = staff_token(REGISTRY_OFFICER)
    assert client.post(f"/api/v1/umkm/{umkm_id}/verify", headers=officer).status_code == 200


def test_without_a_token_it_is_401(client):
    response = client.post("/api/v1/umkm", json=registration())
    assert response.status_code == 401
    assert client.get("/api/v1/umkm",
                      headers={"Authorization": "Bearer forged"}).status_code == 401


def test_a_name_whose_joined_letters_unfold_past_its_column_is_a_422(any_app):
    """'ﬃ' (copied from a PDF) is one character and three letters in the name's key: 160 of
    them pass the length check but not the key's column (a DataError on PostgreSQL before)."""
    _app, client = any_app
    body = registration(business_name="\ufb03" * 160, owner_name="\ufb03" * 100)
    refused = client.post("/api/v1/umkm", json=body, headers=client.auth)
    assert refused.status_code == 422, refused.json
    assert set(refused.json["error"]["fields"]) == {"business_name", "owner_name"}
    assert "160" in refused.json["error"]["fields"]["business_name"]
    created = client.post("/api/v1/umkm", json=registration(), headers=client.auth)
    assert created.status_code == 201
    changed = client.patch(f"/api/v1/umkm/{created.json['id']}", headers=client.auth,
                           json={"business_name": "\ufb03" * 60})
    assert changed.status_code == 422 and set(changed.json["error"]["fields"]) == {
        "business_name"}
    fine = client.post("/api/v1/umkm", json=registration(business_name="Ofﬁce Batik ﬃ"),
                       headers=client.auth)
    assert fine.status_code == 201, fine.json
