"""Changing an UMKM tells every problem in one round: a field the form (or the API's types)
refuses and the rules' problems with the other fields, checked against the stored record, come
back together; nothing is written and what was typed stays in the form."""

import re

import pytest

from tests.api.test_registry_pages import login, token_of
from tests.api.test_registry_status import events, register


def edit_form(page: str, **changes) -> dict:
    """The edit page's form as the page fills it for the registered test UMKM, with changes."""
    form = {"csrf_token": token_of(page), "owner_name": "Sri Wahyuni",
            "phone": "081234000111", "email": "", "business_name": "Keripik Sri",
            "sector": "kuliner", "kecamatan": "Metro Pusat", "kelurahan": "Imopuro",
            "address": "Jl. Jend. Sudirman No. 10", "nib": "", "kbli": "",
            "capital_idr": "750.000.000", "annual_turnover_idr": "", "registered_on": "",
            "workers_male": "1", "workers_female": "2", "founded_year": "2012",
            "latitude": "", "longitude": ""}
    return {**form, **changes}


def _field_errors(html: str) -> dict[str, str]:
    return dict(re.findall(r'data-field="([a-z_]+)">([^<]+)</div>', html))


@pytest.mark.parametrize("changes, told", [
    # a capital that is not a number (the form's check), a phone that is no mobile number and
    # a kelurahan of another kecamatan (the rules')
    ({"capital_idr": "banyak", "phone": "021-123", "kelurahan": "Banjarsari"},
     {"capital_idr": "Tulis jumlah rupiah", "phone": "", "kelurahan": "tidak berada di"}),
    # a date that is not a date, and a capital past PP 7/2021's limit for an UMKM
    ({"registered_on": "2026-02-31", "capital_idr": "20.000.000.000"},
     {"registered_on": "Tanggal tidak valid", "capital_idr": "bukan UMKM"}),
    # a turnover that is not a number, a founding year too early, coordinates swapped
    ({"annual_turnover_idr": "sejuta", "founded_year": "1800", "latitude": "105,3",
      "longitude": "-5,1"},
     {"annual_turnover_idr": "Tulis jumlah rupiah", "founded_year": "Tahun berdiri harus",
      "latitude": "Lintang di luar Indonesia"}),
])
def test_the_edit_page_tells_every_problem_at_once_and_keeps_what_was_typed(
        app, client, auth, changes, told):
    umkm_id = register(client, auth, capital_idr=750_000_000)
    before = client.get(f"/api/v1/umkm/{umkm_id}", headers=auth).json
    login(client)
    page = client.get(f"/umkm/{umkm_id}/edit").get_data(as_text=True)
    answer = client.post(f"/umkm/{umkm_id}/edit", data=edit_form(page, **changes))
    assert answer.status_code == 422
    html = answer.get_data(as_text=True)
    errors = _field_errors(html)
    assert set(errors) == set(told), errors
    for name, words in told.items():
        assert words in errors[name], (name, errors[name])
    for name, typed in changes.items():  # what was typed is still in the form
        if name == "kelurahan":
            assert re.search(rf'<option selected value="{typed}">|'
                             rf'<option value="{typed}" selected>', html), typed
        else:
            assert f'value="{typed}"' in html, name
    assert client.get(f"/api/v1/umkm/{umkm_id}", headers=auth).json == before
    assert events(app, "umkm.updated") == []


def test_the_edit_page_still_saves_once_everything_is_right(app, client, auth):
    umkm_id = register(client, auth, capital_idr=750_000_000)
    login(client)
    page = client.get(f"/umkm/{umkm_id}/edit").get_data(as_text=True)
    bad = client.post(f"/umkm/{umkm_id}/edit", data=edit_form(
        page, capital_idr="banyak", phone="021-123"))
    assert bad.status_code == 422
    saved = client.post(f"/umkm/{umkm_id}/edit", data=edit_form(
        bad.get_data(as_text=True), phone="081234000999"))
    assert saved.status_code == 302
    after = client.get(f"/api/v1/umkm/{umkm_id}", headers=auth).json
    assert (after["phone"], after["capital_idr"]) == ("+6281234000999", 750_000_000)
    assert len(events(app, "umkm.updated")) == 1


def test_patch_with_a_bad_type_for_an_unknown_umkm_is_still_a_422(client, auth):
    response = client.patch("/api/v1/umkm/nope", headers=auth, json={"capital_idr": "banyak"})
    assert response.status_code == 422
    assert set(response.json["error"]["fields"]) == {"capital_idr"}


@pytest.mark.parametrize("changes, fields", [
    # a capital that is not a number (marshmallow's), a NIK with month 13 and a kelurahan of
    # another kecamatan (the rules')
    ({"capital_idr": "banyak", "nik": "1872015313900001", "kecamatan": "Metro Pusat",
      "kelurahan": "Banjarsari"}, {"capital_idr", "nik", "kelurahan"}),
    # a founding year sent as text, an email that is none, no business name at all
    ({"founded_year": "2015", "email": "bukan-email", "business_name": None},
     {"founded_year", "email", "business_name"}),
])
def test_a_registration_tells_every_field_problem_in_one_422(app, client, auth, changes,
                                                             fields):
    from tests.support.factories import registration

    body = {**registration(), **changes}
    response = client.post("/api/v1/umkm", headers=auth, json=body)
    assert response.status_code == 422, response.json
    assert set(response.json["error"]["fields"]) == fields
    assert client.get("/api/v1/umkm", headers=auth).json["total"] == 0
    assert events(app, "umkm.registered") == []
