"""Input no part of the platform can parse, store or compare is refused at the door with a 400
or a 422 naming the field, never a 500: JSON nested too deep or with a 5,000-digit number, text
with a NUL or a lone surrogate, numbers beyond a 64-bit column, a page number past any list."""

import pytest

from tests.api.test_registry_pages import token_of
from tests.support.factories import registration


def post_raw(client, path, body: str, headers):
    return client.post(path, data=body.encode(), headers={
        **headers, "Content-Type": "application/json"})


@pytest.mark.parametrize("body", ["[" * 100_000 + "]" * 100_000, '{"stalls": ' + "9" * 5000 + "}"])
def test_json_python_cannot_read_is_a_400(client, auth, body):
    answer = post_raw(client, "/api/v1/umkm", body, auth)
    assert answer.status_code == 400
    assert answer.json["error"]["code"] == "bad_request"


def test_text_that_cannot_be_stored_is_a_422_naming_the_field(any_app):
    """On PostgreSQL a NUL in a text column is a database error: refused before it gets there."""
    _, client = any_app
    answer = client.post("/api/v1/umkm", json=registration(business_name="Toko\x00Baru"),
                         headers=client.auth)
    assert answer.status_code == 422
    assert set(answer.json["error"]["fields"]) == {"business_name"}
    surrogate = post_raw(client, "/api/v1/auth/token",
                         '{"email": "a@b.id", "password": "\\ud800"}', {})
    assert surrogate.status_code == 422
    assert set(surrogate.json["error"]["fields"]) == {"password"}
    nested = post_raw(client, "/api/v1/umkm", '{"tags": [{"x": "a\\u0000"}]}', client.auth)
    assert set(nested.json["error"]["fields"]) == {"tags.0.x"}
    assert client.get("/api/v1/umkm/abc%00def", headers=client.auth).status_code == 404
    query = client.get("/api/v1/umkm?q=toko%00", headers=client.auth)
    assert query.status_code == 422 and set(query.json["error"]["fields"]) == {"q"}
    listed = client.get("/api/v1/umkm", headers=client.auth).json
    assert listed["total"] == 0  # nothing half-written


def test_numbers_beyond_a_64_bit_column_and_pages_past_any_list(client, auth):
    umkm_id = client.post("/api/v1/umkm", json=registration(), headers=auth).json["id"]
    too_big = client.post(f"/api/v1/umkm/{umkm_id}/products", headers=auth, json={
        "name": "Keripik", "category": "makanan", "price_idr": 2**63})
    assert too_big.status_code == 422
    assert too_big.json["error"]["fields"] == {"price_idr": "Angka terlalu besar."}
    page = client.get("/api/v1/umkm?page=9223372036854775808", headers=auth)
    assert page.status_code == 422 and set(page.json["error"]["fields"]) == {"page"}
    assert client.get("/api/v1/umkm?page=1000000", headers=auth).json["items"] == []


def test_a_form_with_a_nul_gets_a_page_not_a_crash(client):
    page = client.get("/login").get_data(as_text=True)
    answer = client.post("/login", data={"email": "admin\x00@test.example.id",
                                         "password": "x", "csrf_token": token_of(page)})
    assert answer.status_code == 422 and "text/html" in answer.content_type


@pytest.mark.parametrize("value", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:00:00-05:00",
                                   "9999-12-31", "12345-01-01"])
def test_dates_outside_the_years_people_mean_are_a_422(client, auth, value):
    """A time zone's shift or a day's arithmetic at the calendar's edge would overflow."""
    body = client.post("/api/v1/umkm", json=registration(registered_on=value), headers=auth)
    assert body.status_code == 422
    assert body.json["error"]["fields"] == {"registered_on": "Tahun harus antara 1900 dan 2200."}
    query = client.get(f"/api/v1/audit?until={value[:10]}", headers=auth)
    assert query.status_code == 422 and set(query.json["error"]["fields"]) == {"until"}
    # free text that only starts like a date is text
    named = client.post("/api/v1/umkm", headers=auth,
                        json=registration(business_name="0001-01-01 Toko Lama"))
    assert named.status_code == 201, named.json
