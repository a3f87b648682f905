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
