"""POST /api/v1/umkm/imports is described as what it is, one multipart/form-data body with the
spreadsheet as a binary file and the mode beside it, and reads that body as before."""

import io

import pytest

from tests.api.test_registry_import import upload
from tests.support.registry_sheets import good_row, to_csv


def test_the_openapi_document_names_a_multipart_body_with_a_binary_file(client):
    spec = client.get("/api/v1/openapi.json").json
    operation = spec["paths"]["/api/v1/umkm/imports"]["post"]
    assert "parameters" not in operation  # no OpenAPI 2 "formData" left over
    body = operation["requestBody"]
    assert body["required"] is True
    assert list(body["content"]) == ["multipart/form-data"]
    schema = body["content"]["multipart/form-data"]["schema"]
    if "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    assert schema["properties"]["file"] == {**schema["properties"]["file"],
                                            "type": "string", "format": "binary"}
    assert schema["properties"]["mode"]["enum"] == ["skip", "update"]
    assert schema["properties"]["mode"]["default"] == "skip"
    assert schema["required"] == ["file"]


def _post(client, auth, data):
    return client.post("/api/v1/umkm/imports", headers=auth, content_type="multipart/form-data",
                       data=data)


def test_the_upload_still_reads_its_file_and_mode_from_one_body(client, auth):
    started = upload(client, auth, to_csv([good_row(7)]), mode="update")
    assert started.status_code == 202, started.json
    assert (started.json["mode"], started.json["filename"]) == ("update", "umkm.csv")
    default = _post(client, auth, {"file": (io.BytesIO(to_csv([good_row(8)])), "a.csv")})
    assert default.status_code == 202 and default.json["mode"] == "skip"


@pytest.mark.parametrize("data, fields", [
    # no file and a bad mode: both told at once
    ({"mode": "replace"}, {"file", "mode"}),
    # a text field named "file" is no file
    ({"file": "umkm.csv", "mode": "skip"}, {"file"}),
    # a field the upload does not know
    ({"file": (io.BytesIO(b"x"), "a.csv"), "mode": "skip", "dry_run": "1"}, {"dry_run"}),
])
def test_a_bad_upload_body_is_a_422_naming_each_field(client, auth, data, fields):
    response = _post(client, auth, data)
    assert response.status_code == 422, response.json
    assert set(response.json["error"]["fields"]) == fields
