"""A cell is read as the spreadsheet shows it: a workbook's TRUE in a text column is "TRUE",
its 12345 is "12345"; and a negative amount written as text is refused in the API's words."""

from tests.api.test_registry_import import run_worker, upload
from tests.support.factories import registration
from tests.support.registry_sheets import good_row, to_csv, to_xlsx


def _result(client, auth, job_id) -> dict:
    return client.get(f"/api/v1/umkm/imports/{job_id}", headers=auth).json


def test_text_cells_of_a_workbook_are_kept_as_shown(app, client, auth):
    rows = [{**good_row(7201), "business_name": True}, {**good_row(7202), "address": 12345.0}]
    job = upload(client, auth, to_xlsx(rows), name="umkm.xlsx").json["id"]
    run_worker(app)
    result = _result(client, auth, job)
    assert result["imported"] == 2, result["errors"]
    found = client.get("/api/v1/umkm", headers=auth, query_string={"per_page": 10}).json
    details = [client.get(f"/api/v1/umkm/{i['id']}", headers=auth).json for i in found["items"]]
    assert {d["business_name"] for d in details} >= {"TRUE"}
    assert {d["address"] for d in details} >= {"12345"}


def test_a_negative_amount_written_as_text_is_refused_in_the_apis_words(app, client, auth):
    api = client.post("/api/v1/umkm", json=registration(capital_idr=-5000), headers=auth)
    assert api.status_code == 422
    job = upload(client, auth, to_csv([{**good_row(7203), "capital_idr": "-5.000"}])).json["id"]
    run_worker(app)
    errors = {e["field"]: e["message"] for e in _result(client, auth, job)["errors"]}
    assert errors == {"capital_idr": api.json["error"]["fields"]["capital_idr"][0]
                      if isinstance(api.json["error"]["fields"]["capital_idr"], list)
                      else api.json["error"]["fields"]["capital_idr"]}
