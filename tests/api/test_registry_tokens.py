"""Personal API tokens: made once and shown once, act with the owner's current roles in every
service, die when revoked, expired or when the account is deactivated."""

from datetime import timedelta

import pytest

from services.kernel.identity import BAZAAR_COORDINATOR, VIEWER
from services.registry.models import PersonalToken
from services.registry.usecases.staff import create_staff
from tests.api.test_registry_pages import login, token_of
from tests.support.training_world import ServedApp

PASSWORD = "kata-sandi-uji-123"


def _bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def _person(app, client, *roles, email="budi@uji.example.id"):
    who = create_staff(app.extensions["registry"].uow, email, "Budi", PASSWORD, list(roles))
    answer = client.post("/api/v1/auth/token", json={"email": email, "password": PASSWORD})
    return who, _bearer(answer.json["access_token"])


def test_a_token_is_shown_once_and_works_until_revoked(app, client, auth):
    made = client.post("/api/v1/me/tokens", headers=auth, json={"name": "skrip laporan",
                                                                 "days": 30})
    assert made.status_code == 201, made.json
    token = made.json["token"]
    assert token.startswith("mpat_") and made.json["state"] == "active"
    assert token.startswith(made.json["hint"]) and len(made.json["hint"]) < 12
    assert client.get("/api/v1/umkm", headers=_bearer(token)).status_code == 200
    listed = client.get("/api/v1/me/tokens", headers=auth).json
    assert listed["total"] == 1 and "token" not in listed["items"][0]
    assert listed["items"][0]["last_used_at"] is not None
    with app.extensions["registry"].uow(readonly=True) as unit:
        stored = unit.session.query(PersonalToken).one()
        assert token not in (stored.token_hash, stored.hint)
    revoked = client.delete(f"/api/v1/me/tokens/{made.json['id']}", headers=auth)
    assert revoked.status_code == 200 and revoked.json["state"] == "revoked"
    assert client.get("/api/v1/umkm", headers=_bearer(token)).status_code == 401
    assert client.delete(f"/api/v1/me/tokens/{made.json['id']}", headers=auth).json[
        "state"] == "revoked"  # twice is once


@pytest.mark.parametrize("body, field", [
    ({"name": ""}, "name"), ({"name": "x" * 81}, "name"), ({}, "name"),
    ({"name": "skrip", "days": 0}, "days"), ({"name": "skrip", "days": 366}, "days"),
    ({"name": "skrip", "days": "30"}, "days"), ({"name": "skrip", "scope": "all"}, "scope"),
])
def test_bad_requests_name_the_field(client, auth, body, field):
    answer = client.post("/api/v1/me/tokens", headers=auth, json=body)
    assert answer.status_code == 422 and field in answer.json["error"]["fields"]
    assert client.get("/api/v1/me/tokens", headers=auth).json["total"] == 0


def test_the_token_acts_with_current_roles_and_dies_with_the_account(app, client, auth):
    who, own = _person(app, client, VIEWER)
    token = client.post("/api/v1/me/tokens", headers=own, json={"name": "skrip"}).json["token"]
    assert client.post("/api/v1/umkm", headers=_bearer(token), json={}).status_code == 403
    promoted = client.patch(f"/api/v1/staff/{who.id}", headers=auth, json={
        "roles": ["registry_officer"], "kecamatan": [], "active": True})
    assert promoted.status_code == 200, promoted.json
    assert client.post("/api/v1/umkm", headers=_bearer(token), json={}).status_code == 422
    gone = client.patch(f"/api/v1/staff/{who.id}", headers=auth, json={
        "roles": ["registry_officer"], "kecamatan": [], "active": False})
    assert gone.status_code == 200, gone.json
    assert client.get("/api/v1/umkm", headers=_bearer(token)).status_code == 401


def test_an_expired_token_is_refused(app, client, auth):
    made = client.post("/api/v1/me/tokens", headers=auth, json={"name": "lama"}).json
    with app.extensions["registry"].uow() as unit:
        row = unit.session.get(PersonalToken, made["id"])
        row.expires_at = row.created_at - timedelta(seconds=1)
        unit.commit()
    assert client.get("/api/v1/umkm", headers=_bearer(made["token"])).status_code == 401
    assert client.get("/api/v1/me/tokens", headers=auth).json["items"][0]["state"] == "expired"


def test_admins_see_and_revoke_anyones_tokens_others_only_their_own(app, client, auth):
    who, own = _person(app, client, BAZAAR_COORDINATOR)
    mine = client.post("/api/v1/me/tokens", headers=own, json={"name": "skrip"}).json
    _other, stranger = _person(app, client, VIEWER, email="siti@uji.example.id")
    assert client.get(f"/api/v1/staff/{who.id}/tokens", headers=stranger).status_code == 403
    assert client.delete(f"/api/v1/me/tokens/{mine['id']}", headers=stranger).status_code == 404
    seen = client.get(f"/api/v1/staff/{who.id}/tokens", headers=auth).json["items"]
    assert [t["id"] for t in seen] == [mine["id"]]
    assert client.delete(f"/api/v1/me/tokens/{mine['id']}", headers=auth).status_code == 200
    assert client.get("/api/v1/umkm", headers=_bearer(mine["token"])).status_code == 401


@pytest.mark.parametrize("cache_seconds", [0, 60])
def test_other_services_ask_the_registry_and_remember_for_a_while(app, client, auth,
                                                                 service_app, cache_seconds):
    served = ServedApp(app)
    try:
        urls = {s: "http://127.0.0.1:1" for s in ("bazaar", "training", "notifier")}
        bazaar = service_app("bazaar", INTERNAL_URLS={**urls, "registry": served.url},
                             PERSONAL_TOKEN_CACHE_SECONDS=cache_seconds).test_client()
        made = client.post("/api/v1/me/tokens", headers=auth, json={"name": "skrip"}).json
        assert bazaar.get("/api/v1/bazaars", headers=_bearer(made["token"])).status_code == 200
        assert bazaar.get("/api/v1/bazaars",
                          headers=_bearer("mpat_not-a-real-token")).status_code == 401
        client.delete(f"/api/v1/me/tokens/{made['id']}", headers=auth)
        after = bazaar.get("/api/v1/bazaars", headers=_bearer(made["token"])).status_code
        assert after == (401 if cache_seconds == 0 else 200)
    finally:
        served.stop()


def test_an_unreachable_registry_means_no_entry(client, auth, service_app):
    urls = {s: "http://127.0.0.1:1" for s in ("registry", "bazaar", "training", "notifier")}
    bazaar = service_app("bazaar", INTERNAL_URLS=urls).test_client()
    made = client.post("/api/v1/me/tokens", headers=auth, json={"name": "skrip"}).json
    assert bazaar.get("/api/v1/bazaars", headers=_bearer(made["token"])).status_code == 401


def test_the_page_shows_a_new_token_once_and_revokes(client):
    login(client)
    page = client.get("/akun/token").get_data(as_text=True)
    bad = client.post("/akun/token", data={"csrf_token": token_of(page), "name": "",
                                           "days": "dua"})
    assert bad.status_code == 422
    html = bad.get_data(as_text=True)
    assert 'id="name"' in html and "Beri nama" in html and "Masa berlaku" in html
    made = client.post("/akun/token", data={"csrf_token": token_of(page), "name": "skrip",
                                            "days": "7"})
    assert made.status_code == 201
    html = made.get_data(as_text=True)
    assert 'data-testid="token-value">mpat_' in html
    again = client.get("/akun/token").get_data(as_text=True)
    assert "token-value" not in again and "skrip" in again
    token_id = again.split('data-testid="revoke-')[1].split('"')[0]
    client.post(f"/akun/token/{token_id}/cabut", data={"csrf_token": token_of(again)})
    assert "dicabut" in client.get("/akun/token").get_data(as_text=True)
