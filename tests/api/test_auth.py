"""Staff tokens: issued by the registry, accepted by every service; lock-out after failures.
Logging in on the page keeps the language chosen before."""

import pytest

from tests.conftest import ADMIN_EMAIL, ADMIN_PASSWORD
from tests.support.sessions import csrf_of


def test_token_contract(client):
    response = client.post("/api/v1/auth/token",
                           json={"email": ADMIN_EMAIL.upper(), "password": ADMIN_PASSWORD})
    assert response.status_code == 200
    assert set(response.json) == {"access_token", "token_type", "expires_in"}
    assert response.json["token_type"] == "Bearer" and response.json["expires_in"] > 0


@pytest.mark.parametrize("body", [{"email": ADMIN_EMAIL, "password": "salah"},
                                  {"email": "siapa@example.id", "password": ADMIN_PASSWORD}])
def test_wrong_credentials_are_401_with_the_same_message(client, body):
    response = client.post("/api/v1/auth/token", json=body)
    assert response.status_code == 401
    assert response.json["error"]["code"] == "invalid_credentials"


def test_missing_fields_are_422(client):
    response = client.post("/api/v1/auth/token", json={})
    assert response.status_code == 422
    assert set(response.json["error"]["fields"]) == {"email", "password"}


def test_account_locks_after_five_failures(client):
    for _ in range(5):
        client.post("/api/v1/auth/token", json={"email": ADMIN_EMAIL, "password": "salah"})
    locked = client.post("/api/v1/auth/token",
                         json={"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD})
    assert locked.status_code == 403 and locked.json["error"]["code"] == "account_locked"


@pytest.mark.parametrize("service", ["bazaar", "training", "notifier"])
def test_other_services_accept_the_registry_token(service_app, auth, service):
    other = service_app(service).test_client()
    path = "/api/v1/deliveries" if service == "notifier" else "/api/v1/umkm-directory"
    assert other.get(path).status_code == 401
    assert other.get(path, headers=auth).status_code == 200
    assert other.get(path, headers={"Authorization": "Bearer tampered" + auth[
        "Authorization"][7:]}).status_code == 401


def test_english_chosen_on_the_login_page_stays_after_logging_in(client, service_app):
    client.get("/lang/en")
    page = client.get("/login").get_data(as_text=True)
    assert ">Log in<" in page
    home = client.post("/login", follow_redirects=True, data={
        "email": ADMIN_EMAIL, "password": ADMIN_PASSWORD, "csrf_token": csrf_of(page)})
    html = home.get_data(as_text=True)
    assert '<html lang="en">' in html and ">UMKM list<" in html
    assert 'role="status">Welcome, Administrator.</div>' in html
    # the other services read it from the shared session
    training = service_app("training").test_client()
    cookie = client.get_cookie("metro_session")
    training.set_cookie(cookie.key, cookie.value)
    assert ">Training programmes<" in training.get("/programs").get_data(as_text=True)
    # logging out keeps it too, for the next login
    client.post("/logout", data={"csrf_token": csrf_of(html)})
    assert ">Log in<" in client.get("/login").get_data(as_text=True)
