"""Two staff change the same UMKM at once: nobody's change is lost without a word.

The edit page carries the values it was filled with. A field one person did not touch keeps
what a colleague saved meanwhile; a field both changed to different values is refused beside
the field, naming the value saved, and saving again keeps what this person typed. An API client
gets the same protection from the ETag it read, sent back in If-Match."""

from services.registry.usecases.staff import create_staff
from tests.support.factories import registration
from tests.support.page_forms import form_values
from tests.support.sessions import ROLE_PASSWORD, sign_in

OFFICER = "petugas.b@metro.example.id"


def _two_staff(any_app):
    from tests.conftest import ADMIN_EMAIL, ADMIN_PASSWORD

    app, api = any_app
    create_staff(app.extensions["registry"].uow, OFFICER, "Petugas B", ROLE_PASSWORD,
                 ["registry_officer"])
    answer = api.post("/api/v1/umkm", json=registration(phone="081234000111",
                                                        address="Jl. Merdeka 1"),
                      headers=api.auth)
    assert answer.status_code == 201, answer.json
    return (answer.json["id"], sign_in(app, app.test_client(), ADMIN_EMAIL, ADMIN_PASSWORD),
            sign_in(app, app.test_client(), OFFICER, ROLE_PASSWORD))


def _open(client, umkm_id: str) -> dict:
    page = client.get(f"/umkm/{umkm_id}/edit")
    assert page.status_code == 200
    return form_values(page.get_data(as_text=True), "registration-form")


def _stored(any_app, umkm_id: str) -> dict:
    _, api = any_app
    return api.get(f"/api/v1/umkm/{umkm_id}", headers=api.auth).json


def _updates(app) -> int:
    from tests.api.test_registry_status import events

    return len(events(app, "umkm.updated"))


def test_changes_to_different_fields_made_at_once_are_both_kept(any_app):
    umkm_id, first, second = _two_staff(any_app)
    form_a, form_b = _open(first, umkm_id), _open(second, umkm_id)
    saved = first.post(f"/umkm/{umkm_id}/edit", data={**form_a, "phone": "081299999999"})
    assert saved.status_code == 302
    saved = second.post(f"/umkm/{umkm_id}/edit", data={**form_b, "address": "Jl. Merdeka 2"})
    assert saved.status_code == 302
    now = _stored(any_app, umkm_id)
    assert (now["phone"], now["address"]) == ("+6281299999999", "Jl. Merdeka 2")
    _, api = any_app
    changes = api.get(f"/api/v1/umkm/{umkm_id}/changes", headers=api.auth).json["items"]
    assert [[c["field"] for c in item["changes"]] for item in changes] == [["address"],
                                                                             ["phone"]]


def test_the_same_field_changed_by_both_is_refused_beside_it_and_saved_on_a_second_try(any_app):
    app, _ = any_app
    umkm_id, first, second = _two_staff(any_app)
    form_a, form_b = _open(first, umkm_id), _open(second, umkm_id)
    assert first.post(f"/umkm/{umkm_id}/edit",
                      data={**form_a, "phone": "081299999999"}).status_code == 302
    refused = second.post(f"/umkm/{umkm_id}/edit",
                          data={**form_b, "phone": "081277777777", "address": "Jl. Merdeka 3"})
    assert refused.status_code == 409
    html = refused.get_data(as_text=True)
    assert "Sudah diubah orang lain menjadi: +6281299999999" in html
    assert "mengubah data ini pukul" in html and "admin@" in html.split("pukul")[0][-300:]
    now = _stored(any_app, umkm_id)  # nothing of the refused form was written
    assert (now["phone"], now["address"]) == ("+6281299999999", "Jl. Merdeka 1")
    assert _updates(app) == 1
    again = form_values(html, "registration-form")  # what was typed stays in the form
    assert (again["phone"], again["address"]) == ("081277777777", "Jl. Merdeka 3")
    assert second.post(f"/umkm/{umkm_id}/edit", data=again).status_code == 302
    now = _stored(any_app, umkm_id)
    assert (now["phone"], now["address"]) == ("+6281277777777", "Jl. Merdeka 3")
    assert _updates(app) == 2


def test_a_form_whose_carried_values_are_garbled_is_taken_as_sent(any_app):
    umkm_id, first, _ = _two_staff(any_app)
    form = _open(first, umkm_id)
    assert form["shown"].startswith("{")
    saved = first.post(f"/umkm/{umkm_id}/edit",
                       data={**form, "shown": "{not json", "address": "Jl. Merdeka 4"})
    assert saved.status_code == 302
    assert _stored(any_app, umkm_id)["address"] == "Jl. Merdeka 4"


def test_the_api_refuses_a_change_to_a_version_no_longer_stored(any_app):
    app, api = any_app
    umkm_id, _, _ = _two_staff(any_app)
    read = api.get(f"/api/v1/umkm/{umkm_id}", headers=api.auth)
    etag = read.headers["ETag"]
    assert etag.startswith('"') and len(etag) > 10
    changed = api.patch(f"/api/v1/umkm/{umkm_id}", json={"address": "Jl. Merdeka 5"},
                        headers={**api.auth, "If-Match": etag})
    assert changed.status_code == 200, changed.json
    assert changed.headers["ETag"] != etag
    assert api.get(f"/api/v1/umkm/{umkm_id}", headers=api.auth).headers["ETag"] \
        == changed.headers["ETag"]
    stale = api.patch(f"/api/v1/umkm/{umkm_id}", json={"address": "Jl. Merdeka 6"},
                      headers={**api.auth, "If-Match": etag})
    assert stale.status_code == 412
    assert stale.json["error"]["code"] == "precondition_failed"
    assert "sudah diubah" in stale.json["error"]["message"]
    assert _stored(any_app, umkm_id)["address"] == "Jl. Merdeka 5"
    assert _updates(app) == 1
    # Without If-Match a change is made as before.
    plain = api.patch(f"/api/v1/umkm/{umkm_id}", json={"address": "Jl. Merdeka 7"},
                      headers=api.auth)
    assert plain.status_code == 200


def test_the_api_document_names_if_match_and_the_412(any_app):
    _, api = any_app
    spec = api.get("/api/v1/openapi.json").json
    patch = spec["paths"]["/api/v1/umkm/{umkm_id}"]["patch"]
    assert "412" in patch["responses"]
    assert any(p["name"] == "If-Match" and p["in"] == "header" for p in patch["parameters"])
