"""Each service's OpenAPI document is whole: every reference in it resolves, every error answer
matches the documented error schema, and the statuses the kernel gives to any operation (400,
401, 403, 404) are listed where they can happen."""

import jsonschema
import pytest

from services.kernel.identity import VIEWER
from tests.support.factories import registration
from tests.support.platform import SERVICES


def references(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from references(value)
    elif isinstance(node, list):
        for item in node:
            yield from references(item)


def resolves(spec: dict, ref: str) -> bool:
    node = spec
    for part in ref.removeprefix("#/").split("/"):
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True


def documented_schema(spec: dict, path: str, method: str, status: int) -> dict:
    """The JSON schema of an answer as documented, its references resolving in the document."""
    response = spec["paths"][path][method]["responses"][str(status)]
    if "$ref" in response:
        response = spec["components"]["responses"][response["$ref"].rsplit("/", 1)[-1]]
    return {**response["content"]["application/json"]["schema"],
            "components": spec["components"]}


@pytest.mark.parametrize("service", SERVICES)
def test_every_reference_in_the_document_resolves(service_app, service):
    """`schema="Error"` named a schema the document did not have: any tool reading the
    document (a client generator, a contract test) stopped at the first 409 or 422."""
    spec = service_app(service).test_client().get("/api/v1/openapi.json").json
    dangling = sorted({ref for ref in references(spec) if not resolves(spec, ref)})
    assert dangling == []


def test_a_duplicate_409_matches_the_documented_error(client, auth):
    """The duplicate's id is part of the error the contract documents, not an unknown key."""
    spec = client.get("/api/v1/openapi.json").json
    body = registration()
    assert client.post("/api/v1/umkm", json=body, headers=auth).status_code == 201
    again = client.post("/api/v1/umkm", json=body, headers=auth)
    assert again.status_code == 409 and again.json["error"]["existing_id"]
    jsonschema.validate(again.json, documented_schema(spec, "/api/v1/umkm", "post", 409))


def test_the_kernels_own_answers_are_documented(client, auth, staff_token):
    spec = client.get("/api/v1/openapi.json").json
    item = spec["paths"]["/api/v1/umkm/{umkm_id}"]
    unknown = "00000000-0000-4000-8000-000000000000"
    asked = {
        ("get", 404): client.get(f"/api/v1/umkm/{unknown}", headers=auth),
        ("get", 401): client.get(f"/api/v1/umkm/{unknown}"),
        ("patch", 400): client.patch(f"/api/v1/umkm/{unknown}", data=b"{not json", headers={
            **auth, "Content-Type": "application/json"}),
        ("patch", 403): client.patch(f"/api/v1/umkm/{unknown}", json={"address": "Jl. Baru"},
                                     headers=staff_token(VIEWER)),
    }
    for (method, status), answer in asked.items():
        assert answer.status_code == status, (method, status, answer.json)
        assert str(status) in item[method]["responses"], (method, status)
        jsonschema.validate(answer.json, documented_schema(
            spec, "/api/v1/umkm/{umkm_id}", method, status))
    # any staff member may read: no 403 to document there
    assert "403" not in item["get"]["responses"]
    # no path parameter, no 404; no token needed, no 401
    assert "404" not in spec["paths"]["/api/v1/umkm"]["post"]["responses"]
    assert "401" in spec["paths"]["/api/v1/auth/token"]["post"]["responses"]


def test_a_body_past_the_size_limit_is_a_documented_413(service_app, auth):
    small = service_app("registry", MAX_CONTENT_LENGTH=2000).test_client()
    spec = small.get("/api/v1/openapi.json").json
    answer = small.post("/api/v1/umkm", json={"address": "x" * 5000}, headers=auth)
    assert answer.status_code == 413 and answer.json["error"]["code"] == "payload_too_large"
    assert "413" in spec["paths"]["/api/v1/umkm"]["post"]["responses"]


@pytest.fixture(scope="module")
def platform_made(tmp_path_factory, redis_server, request):
    from tests.conftest import make_platform
    from tests.support.api_fuzz import FuzzPlatform

    config = make_platform(tmp_path_factory.mktemp("documents"), redis_server.url, "sqlite",
                           request)
    made = FuzzPlatform(config)
    yield made
    made.close()


def answers(made):
    """(service, method, documented path, status expected, a request giving it)."""
    m, auth = made.made, made.auth
    bazaar, application = m["bazaar"]["id"], m["application"]["id"]
    applied = f"/api/v1/bazaars/{bazaar}/applications/{application}"
    trained, market = m["trained"], m["market"]["id"]
    session = trained["sessions"][0]["id"]
    yield ("registry", "post", "/api/v1/umkm/{umkm_id}/verify", 409,
           lambda c: c.post(f"/api/v1/umkm/{m['verified']['id']}/verify", headers=auth))
    yield ("bazaar", "post", "/api/v1/bazaars/{bazaar_id}/applications/{application_id}"
           "/attendance", 409, lambda c: c.post(applied + "/attendance", json={"present": True},
                                                  headers=auth))
    yield ("bazaar", "post", "/api/v1/bazaars/{bazaar_id}/close", 409,
           lambda c: c.post(f"/api/v1/bazaars/{bazaar}/close", headers=auth))
    yield ("bazaar", "post", "/api/v1/bazaars/{bazaar_id}/applications/{application_id}"
           "/withdraw", 409, lambda c: [c.post(applied + "/withdraw", headers=auth)
                                        for _ in range(2)][-1])
    yield ("bazaar", "get", "/api/v1/markets/{market_id}/days/{day}", 422,
           lambda c: c.get(f"/api/v1/markets/{market}/days/besok", headers=auth))
    yield ("bazaar", "delete", "/api/v1/markets/{market_id}/exclusions/{day}", 422,
           lambda c: c.delete(f"/api/v1/markets/{market}/exclusions/besok", headers=auth))
    yield ("training", "post", "/api/v1/programs/{program_id}/complete", 409,
           lambda c: c.post(f"/api/v1/programs/{trained['id']}/complete", json={},
                            headers=auth))
    enrollments = f"/api/v1/programs/{trained['id']}/enrollments"

    def cancel_enrollment(c):
        first = c.get(enrollments, headers=auth).json["items"][0]["id"]
        return c.post(f"{enrollments}/{first}/cancel", json={"reason": "Pindah domisili"},
                      headers=auth)

    yield ("training", "post", "/api/v1/programs/{program_id}/enrollments/{enrollment_id}"
           "/cancel", 409, cancel_enrollment)
    yield ("training", "put", "/api/v1/programs/{program_id}/sessions/{session_id}/attendance",
           409, lambda c: c.put(f"/api/v1/programs/{trained['id']}/sessions/{session}"
                                "/attendance", json={"present": []}, headers=auth))
    yield ("training", "post", "/api/v1/aid-items", 409, lambda c: c.post(
        "/api/v1/aid-items", json={"name": "Alat tenun tapis", "unit": "unit"}, headers=auth))
    yield ("training", "post", "/api/v1/handovers/{handover_id}/scan", 422,
           lambda c: c.post("/api/v1/handovers/tidak-ada/scan", data={}, headers=auth))
    report = f"/api/v1/visits/{m['visit']['id']}"
    yield ("training", "post", "/api/v1/visits/{visit_id}/report", 409, lambda c: [
        c.post(report + "/report", json={"still_producing": False, "sales_idr": 0},
               headers=auth) for _ in range(2)][-1])
    yield ("training", "post", "/api/v1/visits/{visit_id}/reschedule", 409, lambda c: c.post(
        report + "/reschedule", json={"due_on": "2099-01-01", "reason": "Pemilik ke luar kota"},
        headers=auth))
    placement = made.services["bazaar"].ids["placement_id"][0]
    moved = f"/api/v1/retail/placements/{placement}/status"
    yield ("bazaar", "post", "/api/v1/retail/placements/{placement_id}/status", 409, lambda c: [
        c.post(moved, json={"status": status}, headers=auth) for status in ("curated", "listed")
    ][-1])  # curated with nothing checked yet: not ready to list
    yield ("notifier", "post", "/api/v1/inbound/sms", 403, lambda c: c.post(
        "/api/v1/inbound/sms?token=bukan", json={"from": "081234567890", "text": "STOP"}))


def test_what_each_operation_answers_is_in_its_document(platform_made):
    """Each of these answers was given by an operation whose document did not list it (or,
    for a placement not ready, with a key its documented error did not have)."""
    undocumented = []
    for service, method, path, status, ask in answers(platform_made):
        client = platform_made.services[service].client
        answer = ask(client)
        assert answer.status_code == status, (path, answer.json)
        spec = client.get("/api/v1/openapi.json").json
        if str(status) not in spec["paths"][path][method]["responses"]:
            undocumented.append((method, path, status))
        else:
            jsonschema.validate(answer.json, documented_schema(spec, path, method, status))
    assert undocumented == []
    day = platform_made.services["bazaar"].client.get(
        f"/api/v1/markets/{platform_made.made['market']['id']}/days/besok",
        headers=platform_made.auth)
    assert set(day.json["error"]["fields"]) == {"day"}  # the path's own name for it
