"""A NIB another business holds is told beside a registration's other problems in the same
422, on the API and on the pages, so that fixing them does not end in a 409 (which stays the
answer when the taken NIB is the only problem)."""

from tests.support.factories import registration
from tests.support.page_forms import form_values

TAKEN = "1234567890123"


def _holder(api) -> dict:
    answer = api.post("/api/v1/umkm", json=registration(nib=TAKEN, business_name="Pemegang NIB"),
                      headers=api.auth)
    assert answer.status_code == 201, answer.json
    return answer.json


def _count(api) -> int:
    return api.get("/api/v1/umkm", headers=api.auth).json["total"]


def test_the_api_tells_a_taken_nib_with_the_other_problems(any_app):
    _, api = any_app
    _holder(api)
    # a rule's problem (a phone that is no mobile number) and a type's (a capital in words)
    for bad in ({"phone": "021-123"}, {"phone": "021-123", "capital_idr": "banyak"}):
        answer = api.post("/api/v1/umkm", json=registration(nib=f"{TAKEN[:6]} {TAKEN[6:]}",
                                                            **bad), headers=api.auth)
        assert answer.status_code == 422, answer.json
        fields = answer.json["error"]["fields"]
        assert set(fields) == {"nib", *bad}, fields
        assert "sudah terdaftar untuk Pemegang NIB" in str(fields["nib"])
    assert _count(api) == 1
    only = api.post("/api/v1/umkm", json=registration(nib=TAKEN), headers=api.auth)
    assert only.status_code == 409  # nothing else wrong: the duplicate, as the contract says


def test_a_change_to_a_taken_nib_is_told_with_the_other_problems(any_app):
    _, api = any_app
    _holder(api)
    other = api.post("/api/v1/umkm", json=registration(), headers=api.auth).json
    answer = api.patch(f"/api/v1/umkm/{other['id']}", json={"nib": TAKEN, "phone": "021-123"},
                       headers=api.auth)
    assert answer.status_code == 422
    assert set(answer.json["error"]["fields"]) == {"nib", "phone"}
    typed = api.patch(f"/api/v1/umkm/{other['id']}", json={"nib": TAKEN, "capital_idr": "x"},
                      headers=api.auth)
    assert set(typed.json["error"]["fields"]) == {"nib", "capital_idr"}
    # its own NIB is no duplicate of itself
    mine = api.post("/api/v1/umkm", json=registration(nib="9876543210987"), headers=api.auth)
    same = api.patch(f"/api/v1/umkm/{mine.json['id']}", json={"nib": "9876543210987",
                                                               "phone": "021-123"},
                     headers=api.auth)
    assert set(same.json["error"]["fields"]) == {"phone"}


def test_the_registration_page_tells_a_taken_nib_beside_its_field(any_app):
    from tests.api.test_registry_pages import login

    app, api = any_app
    _holder(api)
    browser = app.test_client()
    login(browser)
    form = form_values(browser.get("/umkm/new").get_data(as_text=True), "registration-form")
    body = registration(nib=TAKEN, phone="021-123")
    sent = {**form, **{k: v for k, v in body.items() if k in form}, "capital_idr": "banyak"}
    answer = browser.post("/umkm/new", data=sent)
    assert answer.status_code == 422
    html = answer.get_data(as_text=True)
    assert 'data-field="nib">NIB ini sudah terdaftar untuk Pemegang NIB.<' in html
    assert 'data-field="capital_idr">' in html and 'data-field="phone">' in html
    assert _count(api) == 1
