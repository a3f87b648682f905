"""An owner's preferences for an UMKM registered seconds ago: the notifier has not heard of it
yet, so it asks the registry (a real registry app served over HTTP, signed internal calls)."""

from __future__ import annotations

import pytest

from services.kernel.events import CATALOGUE
from services.registry.usecases.staff import ensure_admin
from tests.conftest import ADMIN_EMAIL, ADMIN_PASSWORD
from tests.support.factories import registration
from tests.support.sessions import sign_in
from tests.support.training_world import ServedApp

UNKNOWN = "0b5e7a9c-2d4f-4e61-8a3b-7c9d1e2f3a4b"


@pytest.fixture
def apps(service_app):
    registry = service_app("registry")
    ensure_admin(registry.extensions["registry"].uow, ADMIN_EMAIL, ADMIN_PASSWORD)
    served = ServedApp(registry)
    internal = {s: "http://127.0.0.1:1" for s in ("bazaar", "training", "notifier")}
    notifier = service_app("notifier", INTERNAL_URLS={**internal, "registry": served.url})
    token = registry.test_client().post("/api/v1/auth/token", json={
        "email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}).json["access_token"]
    yield registry, notifier, served, {"Authorization": f"Bearer {token}"}
    served.stop()


def register(registry, auth) -> dict:
    created = registry.test_client().post("/api/v1/umkm", json=registration(), headers=auth)
    assert created.status_code == 201, created.json
    return created.json


def directory_rows(notifier) -> int:
    with notifier.extensions["notifier"].uow(readonly=True) as unit:
        return len(notifier.extensions["notifier"].directory.search(unit)[0])


def test_a_new_umkm_has_preferences_before_its_event_arrives(apps):
    registry, notifier, _, auth = apps
    umkm = register(registry, auth)
    assert directory_rows(notifier) == 0  # no event was consumed: the notifier has not heard
    client = notifier.test_client()
    got = client.get(f"/api/v1/preferences/{umkm['id']}", headers=auth)
    assert got.status_code == 200, got.json
    assert got.json["business_name"] == umkm["business_name"]
    assert all(choice["allowed"] for choice in got.json["choices"])
    put = client.put(f"/api/v1/preferences/{umkm['id']}", headers=auth, json={"choices": [
        {"channel": "sms", "category": "bazaar", "allowed": False}]})
    assert put.status_code == 200, put.json
    assert [(c["channel"], c["category"]) for c in put.json["choices"] if not c["allowed"]] == [
        ("sms", "bazaar")]
    page = sign_in(registry, notifier.test_client()).get(f"/preferences/{umkm['id']}")
    assert page.status_code == 200
    assert f'data-testid="business-name">{umkm["business_name"]}<' in page.get_data(as_text=True)


def test_an_id_neither_knows_is_404_and_nothing_is_recorded(apps):
    registry, notifier, _, auth = apps
    client = notifier.test_client()
    assert client.get(f"/api/v1/preferences/{UNKNOWN}", headers=auth).status_code == 404
    put = client.put(f"/api/v1/preferences/{UNKNOWN}", headers=auth, json={"choices": [
        {"channel": "sms", "category": "bazaar", "allowed": False}]})
    assert put.status_code == 404
    assert put.json["error"]["message"] == "UMKM tidak ditemukan."
    assert sign_in(registry, notifier.test_client()).get(
        f"/preferences/{UNKNOWN}").status_code == 404
    from services.notifier.usecases.consent import preferences
    stored = preferences(notifier.extensions["notifier"].uow, UNKNOWN)["choices"]
    assert all(choice["allowed"] for choice in stored)  # nothing was written


def test_the_registry_down_is_a_clear_503_unless_the_notifier_knows_the_umkm(apps):
    registry, notifier, served, auth = apps
    heard = CATALOGUE.get("umkm.registered").example
    from services.kernel.clock import utcnow
    from services.kernel.events.catalogue import make_envelope

    notifier.extensions["notifier"].runtime.consumer.handle(
        make_envelope(CATALOGUE.get("umkm.registered"), heard, utcnow()))
    served.stop()  # the registry's app still signs the staff in, in-process
    client = notifier.test_client()
    down = client.get(f"/api/v1/preferences/{UNKNOWN}", headers=auth)
    assert down.status_code == 503
    assert down.json["error"]["code"] == "dependency_unavailable"
    assert "Registri UMKM tidak menjawab" in down.json["error"]["message"]
    english = client.get(f"/api/v1/preferences/{UNKNOWN}",
                         headers={**auth, "Accept-Language": "en"})
    assert "The UMKM registry did not answer" in english.json["error"]["message"]
    page = sign_in(registry, notifier.test_client()).get(f"/preferences/{UNKNOWN}")
    assert page.status_code == 503
    assert "Registri UMKM tidak menjawab" in page.get_data(as_text=True)
    known = client.get(f"/api/v1/preferences/{heard['umkm_id']}", headers=auth)
    assert known.status_code == 200 and known.json["business_name"] == heard["business_name"]
