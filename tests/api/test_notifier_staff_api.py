"""Resend / dead-letter retry, templates with versions and preview, preferences, the STOP
webhook and the unsubscribe page, over HTTP."""

import pytest

from services.kernel.clock import utcnow
from services.kernel.events import CATALOGUE
from services.kernel.events.catalogue import make_envelope
from services.notifier.models import DEAD, Message


@pytest.fixture
def notifier(service_app):
    app = service_app("notifier", INBOUND_SMS_TOKEN="rahasia-webhook")
    return app, app.test_client()


def deliver(app, event_type="umkm.registered", **payload):
    kind = CATALOGUE.get(event_type)
    envelope = make_envelope(kind, {**kind.example, **payload}, utcnow())
    app.extensions["notifier"].runtime.consumer.handle(envelope)
    return envelope


def test_dead_letter_retry_and_conflict(notifier, auth):
    app, client = notifier
    deliver(app)
    uow = app.extensions["notifier"].uow
    item = client.get("/api/v1/deliveries?channel=email", headers=auth).json["items"][0]
    with uow() as unit:
        unit.session.get(Message, item["id"]).status = DEAD
        unit.commit()
    assert client.get("/api/v1/deliveries?status=dead", headers=auth).json["total"] == 1
    answer = client.post(f"/api/v1/deliveries/{item['id']}/resend", headers=auth)
    assert answer.status_code == 202 and answer.json["status"] == "queued"
    again = client.post(f"/api/v1/deliveries/{item['id']}/resend", headers=auth)
    assert again.status_code == 409 and again.json["error"]["message"]
    app.extensions["notifier"].dispatcher.dispatch_due()
    detail = client.get(f"/api/v1/deliveries/{item['id']}", headers=auth).json
    assert detail["status"] == "sent" and len(detail["attempt_log"]) == 2
    assert client.post("/api/v1/deliveries/nope/resend", headers=auth).status_code == 404


def test_template_versions_and_preview(notifier, auth):
    _, client = notifier
    names = {t["name"] for t in client.get("/api/v1/templates", headers=auth).json["items"]}
    assert {"umkm.registered", "bazaar.invitation", "visit.overdue"} <= names
    base = "/api/v1/templates/umkm.verified/id"
    before = client.get(base, headers=auth).json
    assert "sms.txt" in before["parts"] and before["history"] == []
    preview = client.post(base + "/preview", headers=auth,
                          json={"parts": {"sms.txt": "Halo {{ owner_name }}"}}).json
    assert preview["preview"]["sms"]["text"] == "Halo Sri Wahyuni"
    broken = client.post(base + "/preview", headers=auth, json={"parts": {"sms.txt": "{{ x "}})
    assert broken.status_code == 422 and set(broken.json["error"]["fields"]) == {"sms.txt"}
    bad_part = client.put(base, headers=auth, json={"parts": {"sms.exe": "x"}})
    assert bad_part.status_code == 422
    saved = client.put(base, headers=auth, json={"parts": {"sms.txt": "V1 {{ owner_name }}"}})
    assert saved.status_code == 200
    client.put(base, headers=auth, json={"parts": {"sms.txt": "V2 {{ owner_name }}"}})
    history = client.get(base, headers=auth).json
    assert [h["version"] for h in history["history"]] == [2, 1]
    assert history["parts"]["sms.txt"] == "V2 {{ owner_name }}"
    assert client.get("/api/v1/templates/nope/id", headers=auth).status_code == 404
    # a part the template's messages need is not emptied; none runs on without end
    empty = client.put(base, headers=auth, json={"parts": {"sms.txt": " ", "subject.txt": ""}})
    assert empty.status_code == 422
    assert set(empty.json["error"]["fields"]) == {"sms.txt", "subject.txt"}
    long = client.put(base, headers=auth, json={"parts": {"subject.txt": "S" * 201}})
    assert long.status_code == 422
    assert long.json["error"]["fields"]["subject.txt"] == "Paling banyak 200 karakter."
    same = client.put(base, headers=auth, json={"parts": {"sms.txt": "V2 {{ owner_name }}"}})
    assert same.json["saved"] == [] and len(same.json["history"]) == 2


def test_the_template_page_says_what_was_saved_and_what_was_wrong(notifier, auth, client):
    app, notifier_client = notifier
    from tests.api.test_registry_pages import login, token_of

    login(client)  # the session cookie is shared by the services
    notifier_client.set_cookie("metro_session", client.get_cookie("metro_session").value)
    url = "/templates/umkm.verified/id"
    page = notifier_client.get(url).get_data(as_text=True)
    form = {"subject": "", "email": "", "sms": "", "whatsapp": "", "csrf_token": token_of(page)}
    emptied = notifier_client.post(url, data=form)
    html = emptied.get_data(as_text=True)
    assert emptied.status_code == 422 and "Templat disimpan" not in html
    assert html.count("tidak boleh kosong") == 3  # subject, email and SMS: WhatsApp may be
    unchanged = notifier_client.get(url).get_data(as_text=True)
    current = app.extensions["notifier"].composer.templates
    parts = {f: current.source("umkm.verified", "id", f"{f}.txt") or ""
             for f in ("subject", "email", "sms", "whatsapp")}
    same = notifier_client.post(url, data={**parts, "csrf_token": token_of(unchanged)},
                                follow_redirects=True).get_data(as_text=True)
    assert "Tidak ada yang berubah; tidak ada versi baru." in same
    saved = notifier_client.post(url, data={**parts, "sms": "Halo {{ owner_name }}",
                                            "csrf_token": token_of(unchanged)},
                                 follow_redirects=True).get_data(as_text=True)
    assert "Templat disimpan sebagai versi baru." in saved
    # an owner's preferences, with the business's name (an UMKM the notifier has not heard of
    # is asked of the registry: test_notifier_preferences_lookup.py)
    known = deliver(app)["payload"]
    page = notifier_client.get(f"/preferences/{known['umkm_id']}").get_data(as_text=True)
    assert f'data-testid="business-name">{known["business_name"]}<' in page


def test_edited_template_is_used_for_new_messages(notifier, auth):
    app, client = notifier
    client.put("/api/v1/templates/umkm.registered/id", headers=auth,
               json={"parts": {"sms.txt": "Terima kasih {{ owner_name }} ({{ ref }})"}})
    deliver(app)
    sms = client.get("/api/v1/deliveries?channel=sms", headers=auth).json["items"][0]
    detail = client.get(f"/api/v1/deliveries/{sms['id']}", headers=auth).json
    assert detail["body_text"].startswith("Terima kasih Sri Wahyuni (")


def test_preferences_round_trip_and_validation(notifier, auth):
    app, client = notifier
    umkm = "3f1c8a52-6a0e-4c55-9a39-2f7d5c8f0b11"
    deliver(app, umkm_id=umkm)  # the notifier knows it from the registry's event
    got = client.get(f"/api/v1/preferences/{umkm}", headers=auth).json
    assert got["business_name"] == CATALOGUE.get("umkm.registered").example["business_name"]
    assert all(c["allowed"] for c in got["choices"]) and len(got["choices"]) == 18
    put = client.put(f"/api/v1/preferences/{umkm}", headers=auth, json={"choices": [
        {"channel": "sms", "category": "bazaar", "allowed": False}]})
    assert put.status_code == 200
    assert {(c["channel"], c["category"]) for c in put.json["choices"] if not c["allowed"]} == {
        ("sms", "bazaar")}
    bad = client.put(f"/api/v1/preferences/{umkm}", headers=auth, json={"choices": [
        {"channel": "pigeon", "category": "x", "allowed": "maybe"}]})
    assert bad.status_code == 422


def test_stop_webhook_needs_its_token(notifier, auth):
    app, client = notifier
    body = {"from": "+6281234567890", "text": "STOP"}
    assert client.post("/api/v1/inbound/sms", json=body).status_code == 403
    assert client.post("/api/v1/inbound/sms?token=salah", json=body).status_code == 403
    assert client.post("/api/v1/inbound/sms?token=%C3%A9", json=body).status_code == 403
    assert client.post("/api/v1/inbound/sms?token=rahasia-webhook",
                       json={"text": "STOP"}).status_code == 422
    answer = client.post("/api/v1/inbound/sms?token=rahasia-webhook", json=body)
    assert answer.status_code == 200 and answer.json == {"opted_out": True}
    deliver(app, "umkm.verified")
    channels = [i["channel"] for i in client.get("/api/v1/deliveries?event_type=umkm.verified",
                                                 headers=auth).json["items"]]
    assert channels == ["email"]


def test_unsubscribe_page(notifier, auth):
    app, client = notifier
    deliver(app, "umkm.verified")
    item = client.get("/api/v1/deliveries?channel=email", headers=auth).json["items"][0]
    text = client.get(f"/api/v1/deliveries/{item['id']}", headers=auth).json["body_text"]
    link = next(w for w in text.split() if "/unsubscribe/" in w)
    path = link[link.index("/unsubscribe/"):]
    page = client.get(path)
    assert page.status_code == 200 and "sri.wahyuni@example.id" in page.get_data(as_text=True)
    assert client.get(path[:-3] + "abc").status_code == 404
    prefs = client.get(f"/api/v1/preferences/{item['umkm_id']}", headers=auth).json
    assert {"channel": "email", "category": "account", "allowed": False} in prefs["choices"]


def test_campaign_progress_page_and_cli(notifier, auth, client):
    from tests.api.test_registry_pages import login

    app, notifier_client = notifier
    deliver(app, "umkm.verified")  # one owner in the directory
    deliver(app, "bazaar.scheduled", sectors=[])
    runner = app.test_cli_runner()
    listed = runner.invoke(args=["notifier", "campaigns"])
    assert "running" in listed.output and "0/1 owners" in listed.output
    campaign_id = listed.output.split()[0]
    ran = runner.invoke(args=["notifier", "run-campaign", campaign_id])
    assert ran.exit_code == 0 and "2 messages queued and sent" in ran.output
    assert runner.invoke(args=["notifier", "run-campaign", "nope"]).exit_code != 0
    login(client)
    notifier_client.set_cookie("metro_session", client.get_cookie("metro_session").value)
    page = notifier_client.get("/campaigns").get_data(as_text=True)
    assert "Bazar UMKM HUT Kota Metro" in page and "1/1" in page and "done" in page
