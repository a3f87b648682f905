"""/metrics on every service: requests by route, the outbox backlog and its oldest event, dead
letters, queue depth, and the notifier's messages by channel and status."""

import json

import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.support.factories import registration
from tests.support.platform import ROOT

SERVICES = ("registry", "bazaar", "training", "notifier")


def scrape(client, headers=None) -> dict[str, list]:
    response = client.get("/metrics", headers=headers or {})
    assert response.status_code == 200, response.status_code
    return {family.name: family.samples for family in
            text_string_to_metric_families(response.get_data(as_text=True))}


@pytest.mark.parametrize("service", SERVICES)
def test_every_service_exposes_the_named_series(service_app, service):
    client = service_app(service).test_client()
    client.get("/healthz")
    found = scrape(client)
    requests = [s for s in found["metro_http_requests"] if s.name.endswith("_total")]
    assert any(s.labels["service"] == service and s.labels["route"] == "/healthz"
               and s.labels["status"] == "200" for s in requests)
    assert "metro_http_request_duration_seconds" in found
    for name in ("metro_outbox_backlog", "metro_outbox_oldest_undelivered_seconds",
                 "metro_dead_letters"):
        assert [s.labels for s in found[name]] == [{"service": service}], name
    queues = {s.labels["queue"] for s in found["metro_queue_depth"]}
    assert queues == {f"{service}.events", f"{service}.outbox", f"{service}.tasks"}


def test_outbox_backlog_counts_what_waits_for_acknowledgement(app, client, auth):
    for _ in range(2):
        client.post("/api/v1/umkm", json=registration(), headers=auth)
    found = scrape(client)
    [backlog] = found["metro_outbox_backlog"]
    assert backlog.value == 6  # two events, three consumers each, none acknowledged yet
    [age] = found["metro_outbox_oldest_undelivered_seconds"]
    assert age.value >= 0


def test_notifier_reports_messages_by_channel_and_status(service_app):
    from services.kernel.clock import utcnow
    from services.kernel.events import CATALOGUE
    from services.kernel.events.catalogue import make_envelope

    notifier = service_app("notifier")
    kind = CATALOGUE.get("umkm.registered")
    notifier.extensions["runtime"].consumer.handle(make_envelope(kind, kind.example, utcnow()))
    found = scrape(notifier.test_client())
    channels = {s.labels["channel"] for s in found["metro_notifier_messages"]}
    assert {"email", "sms"} <= channels and all(s.value >= 1 for s in
                                                found["metro_notifier_messages"])


def test_a_metrics_token_keeps_strangers_out(service_app):
    client = service_app("bazaar", METRICS_TOKEN="rahasia-metrik").test_client()
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", headers={"Authorization": "Bearer salah"}).status_code == 401
    scrape(client, {"Authorization": "Bearer rahasia-metrik"})


def test_the_grafana_dashboard_asks_only_for_series_the_services_expose():
    dashboard = json.loads((ROOT / "deploy" / "grafana-dashboard.json").read_text())
    exprs = [t["expr"] for p in dashboard["panels"] for t in p.get("targets", [])]
    assert exprs
    known = ("metro_http_requests_total", "metro_http_request_duration_seconds_bucket",
             "metro_outbox_backlog", "metro_outbox_oldest_undelivered_seconds",
             "metro_dead_letters", "metro_queue_depth", "metro_notifier_messages")
    assert all(any(name in expr for name in known) for expr in exprs)
    assert {name for name in known if any(name in e for e in exprs)} == set(known)
