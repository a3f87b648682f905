"""The registry's staff pages with a real session and CSRF tokens."""

import re

from tests.conftest import ADMIN_EMAIL, ADMIN_PASSWORD
from tests.support.factories import registration


def token_of(html: str) -> str:
    found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    return found.group(1)


def login(client):
    page = client.get("/login").get_data(as_text=True)
    return client.post("/login", data={"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD,
                                       "csrf_token": token_of(page)})


def test_pages_need_a_login_and_redirect_there(client):
    response = client.get("/umkm")
    assert response.status_code == 302 and "/login?next=" in response.headers["Location"]


def test_wrong_password_shows_an_error(client):
    page = client.get("/login").get_data(as_text=True)
    response = client.post("/login", data={"email": ADMIN_EMAIL, "password": "salah",
                                           "csrf_token": token_of(page)})
    assert response.status_code == 422
    assert "Email atau kata sandi salah" in response.get_data(as_text=True)


def test_a_form_without_csrf_token_is_refused(client):
    response = client.post("/login", data={"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD})
    assert response.status_code == 400


def test_register_through_the_form(client):
    assert login(client).status_code == 302
    form_page = client.get("/umkm/new").get_data(as_text=True)
    assert "Daftar UMKM baru" in form_page
    data = registration(capital_idr="Rp 1.500.000", nik="1872013203850001")
    bad = client.post("/umkm/new", data={**data, "csrf_token": token_of(form_page)})
    html = bad.get_data(as_text=True)
    assert bad.status_code == 422
    assert re.search(r'class="error" id="nik-error" data-field="nik">[^<]*Tanggal', html)
    assert 'value="Rp 1.500.000"' in html  # what was typed stays in the form
    good = client.post("/umkm/new", data={**registration(capital_idr="1.500.000"),
                                          "csrf_token": token_of(html)})
    assert good.status_code == 302
    detail = client.get(good.headers["Location"]).get_data(as_text=True)
    assert "menunggu verifikasi" in detail and "Rp1.500.000" in detail
    assert 'data-testid="verify"' in detail


def test_verify_button_and_full_nik_on_request(client):
    login(client)
    form_page = client.get("/umkm/new").get_data(as_text=True)
    data = registration()
    location = client.post("/umkm/new", data={**data, "csrf_token": token_of(form_page)}
                           ).headers["Location"]
    detail = client.get(location).get_data(as_text=True)
    assert data["nik"] not in detail
    shown = client.post(location + "/nik", data={"csrf_token": token_of(detail)})
    assert data["nik"] in shown.get_data(as_text=True)
    verified = client.post(location + "/verify", data={"csrf_token": token_of(detail)},
                           follow_redirects=True)
    assert 'data-status="verified" data-testid="umkm-status">Terverifikasi' in \
        verified.get_data(as_text=True)
    client.get("/lang/en")
    english = client.get(location).get_data(as_text=True)
    assert 'data-testid="umkm-status">Verified<' in english
    assert "Micro" in english and "assumed, capital and sales not given" in english
    listed = client.get("/umkm?status=verified").get_data(as_text=True)
    assert '<option value="verified" selected>Verified</option>' in listed
    client.get("/lang/id")


def test_language_switch_to_english_and_back(client):
    login(client)
    page = client.get("/umkm/new").get_data(as_text=True)
    assert "Nama pemilik" in page
    client.get("/lang/en?next=/umkm/new")
    english = client.get("/umkm/new").get_data(as_text=True)
    assert "Owner name" in english and 'lang="en"' in english
    client.get("/lang/id")
    assert "Nama pemilik" in client.get("/umkm/new").get_data(as_text=True)


def test_logout_ends_the_session(client):
    login(client)
    page = client.get("/umkm").get_data(as_text=True)
    client.post("/logout", data={"csrf_token": token_of(page)})
    assert client.get("/umkm").status_code == 302
