"""Changing an UMKM's data: only what is sent, the same rules as registering, audited history,
`umkm.updated` with the changed fields, and nothing written when anything is wrong."""

import pytest
from sqlalchemy import select

from services.kernel.identity import VIEWER
from services.registry.models import AuditEntry
from tests.api.test_registry_edit_one_round import edit_form
from tests.api.test_registry_pages import login
from tests.api.test_registry_status import events, register
from tests.support.factories import registration


def test_patch_changes_only_what_was_sent_and_announces_it(app, client, auth):
    umkm_id = register(client, auth, capital_idr=500_000_000)
    before = client.get(f"/api/v1/umkm/{umkm_id}", headers=auth).json
    response = client.patch(f"/api/v1/umkm/{umkm_id}", headers=auth, json={
        "phone": "+62 813-1111-2222", "capital_idr": 2_000_000_000, "workers_male": 2,
        "workers_female": 5, "founded_year": 2015, "latitude": -5.1131, "longitude": 105.3067})
    assert response.status_code == 200, response.json
    after = response.json
    assert after["phone"] == "+6281311112222"
    assert (after["scale"], after["scale_basis"]) == ("kecil", "capital")  # re-derived
    assert (after["workers_male"], after["workers_female"], after["founded_year"]) == (2, 5, 2015)
    assert (after["latitude"], after["longitude"]) == (-5.1131, 105.3067)
    for unchanged in ("business_name", "owner_name", "address", "email", "sector", "nik"):
        assert after[unchanged] == before[unchanged]
    [payload] = events(app, "umkm.updated")
    assert payload["umkm_id"] == umkm_id and payload["scale"] == "kecil"
    assert payload["changed"] == sorted(["phone", "capital_idr", "workers_male",
                                         "workers_female", "founded_year", "latitude",
                                         "longitude"])
    assert "nik" not in payload
    changes = client.get(f"/api/v1/umkm/{umkm_id}/changes", headers=auth).json
    assert changes["total"] == 1
    [change] = changes["items"]
    assert change["actor"] and {c["field"]: (c["before"], c["after"]) for c in
                                change["changes"]}["capital_idr"] == (500_000_000, 2_000_000_000)


def test_same_values_change_nothing_and_publish_nothing(app, client, auth):
    data = registration()
    umkm_id = register(client, auth, **data)
    response = client.patch(f"/api/v1/umkm/{umkm_id}", headers=auth,
                            json={"business_name": data["business_name"],
                                  "phone": data["phone"]})
    assert response.status_code == 200
    assert events(app, "umkm.updated") == []
    assert client.get(f"/api/v1/umkm/{umkm_id}/changes", headers=auth).json["items"] == []


@pytest.mark.parametrize("body, fields", [
    ({"owner_name": ""}, {"owner_name"}),
    ({"phone": "12345"}, {"phone"}),
    ({"email": "bukan-email"}, {"email"}),
    ({"kecamatan": "Metro Pusat", "kelurahan": "Banjarsari"}, {"kelurahan"}),
    ({"sector": "tambang"}, {"sector"}),
    ({"nib": "123"}, {"nib"}),
    ({"kbli": "1079A"}, {"kbli"}),
    ({"capital_idr": 20_000_000_000}, {"capital_idr"}),
    ({"capital_idr": "banyak"}, {"capital_idr"}),
    ({"workers_male": -1, "founded_year": 1800}, {"workers_male", "founded_year"}),
    ({"latitude": 105.3, "longitude": -5.1}, {"latitude"}),
    ({"nik": "1872014107850001"}, {"nik"}),
    ({"status": "verified"}, {"status"}),
    # every problem in one 422: a type error (marshmallow's) with the rules' problems of the
    # other fields, and the rules reading the stored kecamatan when only the kelurahan is sent
    ({"capital_idr": "banyak", "phone": "12345", "kecamatan": "Metro Pusat",
      "kelurahan": "Banjarsari"}, {"capital_idr", "phone", "kelurahan"}),
    ({"founded_year": "2015", "kelurahan": "Banjarsari"}, {"founded_year", "kelurahan"}),
    ({"status": "verified", "email": "bukan-email", "workers_male": -1},
     {"status", "email", "workers_male"}),
])
def test_bad_changes_are_refused_per_field_and_write_nothing(app, client, auth, body, fields):
    umkm_id = register(client, auth, kecamatan="Metro Pusat", kelurahan="Imopuro")
    before = client.get(f"/api/v1/umkm/{umkm_id}", headers=auth).json
    response = client.patch(f"/api/v1/umkm/{umkm_id}", headers=auth, json=body)
    assert response.status_code == 422, response.json
    assert set(response.json["error"]["fields"]) == fields
    assert client.get(f"/api/v1/umkm/{umkm_id}", headers=auth).json == before
    assert events(app, "umkm.updated") == []


def test_a_taken_nib_or_a_twin_business_name_is_a_conflict(client, auth):
    data = registration(nib="1234567890123")
    first = register(client, auth, **data)
    second = register(client, auth, nik=data["nik"], business_name="Usaha Kedua Bu Sri")
    taken = client.patch(f"/api/v1/umkm/{second}", headers=auth, json={"nib": "1234567890123"})
    assert taken.status_code == 409 and "nib" in taken.json["error"]["fields"]
    twin = client.patch(f"/api/v1/umkm/{second}", headers=auth,
                        json={"business_name": data["business_name"].upper()})
    assert twin.status_code == 409 and "business_name" in twin.json["error"]["fields"]
    assert client.get(f"/api/v1/umkm/{first}", headers=auth).json["nib"] == "1234567890123"


def test_an_owners_new_phone_reaches_every_business_of_the_owner(app, client, auth):
    data = registration()
    first = register(client, auth, **data)
    second = register(client, auth, nik=data["nik"], business_name="Usaha Kedua")
    client.patch(f"/api/v1/umkm/{first}", headers=auth, json={"phone": "081399998888"})
    payloads = {p["umkm_id"]: p for p in events(app, "umkm.updated")}
    assert set(payloads) == {first, second}
    assert payloads[second]["changed"] == ["phone"]
    assert payloads[second]["phone"] == "+6281399998888"
    assert client.get(f"/api/v1/umkm/{second}", headers=auth).json["phone"] == "+6281399998888"


def test_null_clears_an_optional_field(client, auth):
    umkm_id = register(client, auth, kbli="10794")
    response = client.patch(f"/api/v1/umkm/{umkm_id}", headers=auth,
                            json={"email": None, "kbli": None})
    assert response.status_code == 200
    assert (response.json["email"], response.json["kbli"]) == (None, None)


def test_viewers_may_not_change_and_unknown_umkm_is_404(client, auth, staff_token):
    umkm_id = register(client, auth)
    viewer = staff_token(VIEWER)
    assert client.patch(f"/api/v1/umkm/{umkm_id}", headers=viewer,
                        json={"phone": "081300001111"}).status_code == 403
    assert client.patch("/api/v1/umkm/nope", headers=auth,
                        json={"phone": "081300001111"}).status_code == 404


def test_the_edit_page_fills_the_form_shows_errors_beside_fields_and_saves(app, client, auth):
    umkm_id = register(client, auth, capital_idr=750_000_000)
    login(client)
    page = client.get(f"/umkm/{umkm_id}/edit").get_data(as_text=True)
    assert 'name="nik"' not in page and "750.000.000" in page
    form = edit_form(page, workers_female="dua", latitude="-5,1131", longitude="105,3067")
    bad = client.post(f"/umkm/{umkm_id}/edit", data=form)
    assert bad.status_code == 422
    html = bad.get_data(as_text=True)
    assert 'id="workers_female"' in html and "bilangan bulat" in html
    assert events(app, "umkm.updated") == []
    saved = client.post(f"/umkm/{umkm_id}/edit", data={**form, "workers_female": "2"})
    assert saved.status_code == 302 and saved.headers["Location"].endswith(f"/umkm/{umkm_id}")
    detail = client.get(f"/umkm/{umkm_id}").get_data(as_text=True)
    assert "Keripik Sri" in detail and "-5.1131" in detail and "Riwayat perubahan data" in detail
    assert "<strong>Tenaga kerja perempuan</strong>" in detail  # named as staff know it
    assert "<strong>workers_female</strong>" not in detail
    [payload] = events(app, "umkm.updated")
    assert {"business_name", "owner_name", "email", "workers_female"} <= set(payload["changed"])
    assert "registered_on" not in payload["changed"]
    with app.extensions["registry"].uow(readonly=True) as uow:
        assert uow.session.execute(select(AuditEntry).where(
            AuditEntry.action == "umkm.update", AuditEntry.target_id == umkm_id)).scalar()


def test_an_owner_with_several_businesses_sees_them_linked(client, auth):
    data = registration()
    first = register(client, auth, **data)
    second = register(client, auth, nik=data["nik"], business_name="Usaha Kedua")
    detail = client.get(f"/api/v1/umkm/{first}", headers=auth).json
    assert detail["owner_id"] == client.get(f"/api/v1/umkm/{second}",
                                            headers=auth).json["owner_id"]
    mine = client.get(f"/api/v1/umkm?owner_id={detail['owner_id']}", headers=auth).json
    assert sorted(i["id"] for i in mine["items"]) == sorted([first, second])
    assert mine["total"] == 2
    login(client)
    page = client.get(f"/umkm/{second}").get_data(as_text=True)
    assert f'href="/umkm/{first}"' in page and 'data-testid="other-businesses"' in page
