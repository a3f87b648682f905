"""GET /api/v1/deliveries per the contract, the delivery log page, and the outbox API."""

import pytest

from services.kernel.clock import utcnow
from services.kernel.events import CATALOGUE
from services.kernel.events.catalogue import make_envelope
from services.kernel.identity import VIEWER
from services.registry.models import MESSAGING
from tests.support.factories import registration

CONTRACT = {"event_id", "event_type", "channel", "recipient", "status", "attempts"}


@pytest.fixture
def notifier(service_app):
    app = service_app("notifier")
    return app, app.test_client()


def deliver(app, **payload):
    event_type = CATALOGUE.get("umkm.registered")
    envelope = make_envelope(event_type, {**event_type.example, **payload}, utcnow())
    app.extensions["notifier"].runtime.consumer.handle(envelope)
    return envelope


def test_deliveries_contract_and_filters(notifier, auth):
    app, client = notifier
    first = deliver(app)
    deliver(app, umkm_id="11111111-2222-3333-4444-555555555555", email=None)
    page = client.get("/api/v1/deliveries", headers=auth).json
    assert page["total"] == 3 and page["page"] == 1
    assert all(set(item) >= CONTRACT for item in page["items"])
    assert {i["status"] for i in page["items"]} == {"sent"}
    by_umkm = client.get("/api/v1/deliveries?umkm_id=" + first["payload"]["umkm_id"],
                         headers=auth).json
    assert sorted(i["channel"] for i in by_umkm["items"]) == ["email", "sms"]
    assert all(i["event_id"] == first["event_id"] for i in by_umkm["items"])
    sms = client.get("/api/v1/deliveries?channel=sms&event_type=umkm.registered&status=sent",
                     headers=auth).json
    assert sms["total"] == 2 and {i["recipient"] for i in sms["items"]} == {"+6281234567890"}
    assert client.get("/api/v1/deliveries?status=dead", headers=auth).json["total"] == 0


def test_bad_filters_are_422(notifier, auth):
    _, client = notifier
    response = client.get("/api/v1/deliveries?channel=pigeon&status=lost", headers=auth)
    assert response.status_code == 422
    assert set(response.json["error"]["fields"]) == {"channel", "status"}


def test_one_delivery_with_its_text_and_attempts(notifier, auth):
    app, client = notifier
    deliver(app)
    item = client.get("/api/v1/deliveries?channel=sms", headers=auth).json["items"][0]
    detail = client.get(f"/api/v1/deliveries/{item['id']}", headers=auth).json
    assert detail["body_text"].startswith("Diskoperin Kota Metro: pendaftaran UMKM")
    assert [a["outcome"] for a in detail["attempt_log"]] == ["sent"]
    assert client.get("/api/v1/deliveries/nope", headers=auth).status_code == 404


def test_delivery_log_page(notifier, auth, client):
    app, notifier_client = notifier
    deliver(app)
    assert notifier_client.get("/deliveries").status_code == 302  # to the registry's login
    from tests.api.test_registry_pages import login

    login(client)  # the session cookie is shared by the services
    cookie = client.get_cookie("metro_session")
    notifier_client.set_cookie("metro_session", cookie.value)
    page = notifier_client.get("/deliveries?channel=email").get_data(as_text=True)
    assert "sri.wahyuni@example.id" in page
    # Codes are shown as the staff's words: what caused the message, and on which channel.
    assert "<td>Pendaftaran UMKM</td><td>Email</td>" in page and "umkm.registered" not in page
    notifier_client.get("/lang/en")
    page = notifier_client.get("/deliveries?channel=sms").get_data(as_text=True)
    assert "<td>UMKM registration</td><td>SMS</td>" in page


def test_every_event_that_makes_messages_has_a_staff_word():
    from services.notifier.domain.rules import ALL_RULES
    from services.notifier.usecases.digest import DIGEST
    from services.notifier.web.labels import EVENTS

    assert {rule.event_type for rule in (*ALL_RULES, DIGEST)} <= set(EVENTS)


def test_dead_letters_api_is_for_admins(app, client, auth, staff_token):
    client.post("/api/v1/umkm", json=registration(), headers=auth)
    runtime = app.extensions["runtime"]
    with runtime.uow() as uow:
        uow.session.execute(MESSAGING.outbox_delivery.update().where(
            MESSAGING.outbox_delivery.c.consumer == "bazaar").values(status="dead",
                                                                     attempts=10))
        uow.commit()
    assert client.get("/api/v1/outbox/deliveries", headers=staff_token(VIEWER)).status_code == 403
    dead = client.get("/api/v1/outbox/deliveries", headers=auth).json
    assert dead["total"] == 1 and dead["items"][0]["consumer"] == "bazaar"
    retried = client.post(f"/api/v1/outbox/deliveries/{dead['items'][0]['id']}/retry",
                          headers=auth)
    assert retried.status_code == 202 and retried.json["status"] == "pending"
    assert client.post("/api/v1/outbox/deliveries/none/retry", headers=auth).status_code == 404
