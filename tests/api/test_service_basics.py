"""What every service answers: health, readiness, OpenAPI and its docs page, JSON errors."""

import re

import pytest

from services.kernel.internal_http import InternalClient, InternalNotFound

SERVICES = ["registry", "bazaar", "training", "notifier"]


@pytest.mark.parametrize("service", SERVICES)
def test_health_readiness_and_openapi(service_app, service):
    client = service_app(service).test_client()
    assert client.get("/healthz").json == {"status": "ok", "service": service}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json["checks"] == {"database": "ok", "broker": "ok"}
    spec = client.get("/api/v1/openapi.json").json
    assert spec["openapi"].startswith("3.")
    assert "/api/v1/outbox/deliveries" in spec["paths"]
    assert "bearerAuth" in spec["components"]["securitySchemes"]


@pytest.mark.parametrize("service", SERVICES)
def test_docs_page_loads_nothing_from_a_cdn(service_app, service):
    client = service_app(service).test_client()
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.get_data(as_text=True))
    assert sources and not [s for s in sources if s.startswith(("http:", "https:", "//"))]
    for source in sources:
        assert client.get("/api/v1/" + source).status_code == 200, source


def test_readiness_is_503_when_the_broker_is_down(service_app):
    client = service_app("registry", BROKER_URL="redis://127.0.0.1:1/0").test_client()
    ready = client.get("/readyz")
    assert ready.status_code == 503
    assert ready.json["checks"] == {"database": "ok", "broker": "unavailable"}
    assert client.get("/healthz").status_code == 200


def test_unknown_api_path_and_wrong_method_are_json(client, auth):
    assert client.get("/api/v1/nothing-here").json["error"]["code"] == "not_found"
    response = client.delete("/api/v1/umkm", headers=auth)
    assert response.status_code == 405 and response.json["error"]["code"] == "method_not_allowed"


def test_request_id_is_echoed_or_made(client):
    assert client.get("/healthz", headers={"X-Request-ID": "abc-123"}).headers[
        "X-Request-ID"] == "abc-123"
    assert len(client.get("/healthz").headers["X-Request-ID"]) == 32


def test_internal_calls_need_a_valid_signature(app, client, auth, platform):
    from tests.support.factories import registration

    umkm_id = client.post("/api/v1/umkm", json=registration(), headers=auth).json["id"]
    assert client.get(f"/internal/v1/umkm/{umkm_id}").status_code == 401
    signed = InternalClient("http://localhost", platform.internal_key, "training",
                            session=_FlaskSession(client))
    answer = signed.get(f"/internal/v1/umkm/{umkm_id}")
    assert answer.status == 200 and answer.data["status"] == "pending"
    assert "nik" not in answer.data
    with pytest.raises(InternalNotFound):
        signed.get("/internal/v1/umkm/unknown")
    forged = InternalClient("http://localhost", "another-key", "training",
                            session=_FlaskSession(client))
    assert forged.get(f"/internal/v1/umkm/{umkm_id}").status == 401
    # an id that has to be escaped in the URL is signed as the receiving app reads it
    with pytest.raises(InternalNotFound):
        signed.get("/internal/v1/umkm/a%20b%C3%A9")


def test_a_forged_signature_is_refused_whatever_it_holds(client, platform):
    import time

    from services.kernel.internal_http import signature

    now = f"{time.time():.3f}"
    for stamp, sign in ((now, "é"), (now, "\x00"), ("nan", signature(
            platform.internal_key, "GET", "/internal/v1/staff", "nan", b""))):
        answer = client.get("/internal/v1/staff", headers={
            "X-Internal-Timestamp": stamp, "X-Internal-Signature": sign})
        assert answer.status_code == 401, (stamp, sign)
    resolve = client.post("/internal/v1/tokens/resolve", json=[1], headers=_signed(
        platform, "POST", "/internal/v1/tokens/resolve", b"[1]"))
    assert resolve.status_code == 400 and set(resolve.json["error"]) >= {"message", "fields"}


def _signed(platform, method: str, path: str, body: bytes) -> dict:
    import time

    from services.kernel.internal_http import signature

    stamp = f"{time.time():.3f}"
    return {"X-Internal-Timestamp": stamp, "X-Internal-Caller": "training",
            "X-Internal-Signature": signature(platform.internal_key, method, path, stamp, body)}


class _FlaskSession:
    """Lets the real InternalClient (signing included) talk to a Flask test client."""

    def __init__(self, client):
        self.client = client

    def request(self, method, url, data=None, headers=None, timeout=None):
        path = url.removeprefix("http://localhost")
        response = self.client.open(path, method=method, data=data, headers=headers)
        return _Response(response)


class _Response:
    def __init__(self, response):
        self.status_code = response.status_code
        self.content = response.get_data()
        self._response = response

    def json(self):
        return self._response.get_json()


@pytest.mark.parametrize("service", SERVICES)
def test_every_asset_a_page_links_to_is_served(service_app, service):
    client = service_app(service).test_client()
    # The other services send people to the registry's login; their error page has the layout.
    html = client.get("/login" if service == "registry" else "/no-such-page").get_data(
        as_text=True)
    assets = re.findall(r'<(?:link|script)[^>]+(?:href|src)="(/[^"]+)"', html)
    assert any(a.endswith(".css") for a in assets), html[:500]
    for asset in assets:
        assert client.get(asset).status_code == 200, asset


def test_internal_staff_list_by_role_and_kecamatan(app, client, platform):
    from services.registry.usecases.staff import create_staff

    uow = app.extensions["registry"].uow
    create_staff(uow, "rahmat@example.id", "Rahmat", "kata-sandi-123", ["field_officer"],
                 phone="0813 7777 8888", kecamatan=["metro pusat"])
    create_staff(uow, "wulan@example.id", "Wulan", "kata-sandi-123", ["field_officer"])
    create_staff(uow, "agus@example.id", "Agus", "kata-sandi-123", ["training_coordinator"])
    signed = InternalClient("http://localhost", platform.internal_key, "training",
                            session=_FlaskSession(client))
    central = signed.get("/internal/v1/staff?role=field_officer&kecamatan=Metro%20Pusat").data
    assert [p["name"] for p in central["items"]] == ["Rahmat", "Wulan"]  # Wulan covers the city
    assert central["items"][0]["phone"] == "+6281377778888"
    south = signed.get("/internal/v1/staff?role=field_officer&kecamatan=Metro%20Selatan").data
    assert [p["name"] for p in south["items"]] == ["Wulan"]
    assert client.get("/internal/v1/staff").status_code == 401
