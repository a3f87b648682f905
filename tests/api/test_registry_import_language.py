"""The import worker writes its row errors with no reader in sight: each is said when it is
read, in that reader's language (the API's Accept-Language, the error report), and so is the
message of an import that failed."""

from tests.api.test_registry_import import run_worker, upload
from tests.api.test_registry_import_fuzzed import _with_sheet
from tests.support.registry_sheets import good_row, to_csv, to_xlsx

EN = {"Accept-Language": "en"}


def _errors(client, auth, job_id, headers=None) -> dict:
    answer = client.get(f"/api/v1/umkm/imports/{job_id}", headers={**auth, **(headers or {})})
    return {e["field"]: e["message"] for e in answer.json["errors"]}


def test_row_errors_are_said_in_the_readers_language(app, client, auth):
    rows = [good_row(7000), {**good_row(7001), "nik": "123"},
            {**good_row(7002), "kecamatan": "Metro Tengah"},
            {**good_row(7003), "capital_idr": "2.500.000,50"}]
    job = upload(client, auth, to_csv(rows)).json["id"]
    run_worker(app)
    indonesian, english = _errors(client, auth, job), _errors(client, auth, job, EN)
    assert set(indonesian) == set(english) == {"nik", "kecamatan", "capital_idr"}
    assert indonesian["nik"].startswith("NIK harus 16 digit (tertulis 3 digit)")
    assert indonesian["capital_idr"].startswith("Nilai rupiah harus bilangan bulat, tanpa sen")
    assert english["capital_idr"].startswith("A rupiah amount must be a whole number, without sen")
    for field in english:  # every message in the reader's language, not the worker's
        assert english[field] != indonesian[field], (field, english[field])
    report = client.get(f"/api/v1/umkm/imports/{job}/errors.csv", headers={**auth, **EN})
    assert report.status_code == 200
    assert "A rupiah amount must be a whole number, without sen" in report.get_data(as_text=True)


def test_a_failed_import_is_told_in_the_readers_language(app, client, auth):
    book = _with_sheet(to_xlsx([good_row(7091), {**good_row(7092), "capital_idr": 333333}]),
                       lambda xml: xml.replace(b"<v>333333</v>", b"<v>NaN</v>"))
    job = upload(client, auth, book, name="umkm.xlsx").json["id"]
    run_worker(app)
    indonesian = client.get(f"/api/v1/umkm/imports/{job}", headers=auth).json
    english = client.get(f"/api/v1/umkm/imports/{job}", headers={**auth, **EN}).json
    assert (indonesian["status"], english["status"]) == ("failed", "failed")
    assert indonesian["message"].startswith("Berkas XLSX tidak dapat dibaca mulai baris 3")
    assert english["message"].startswith("The XLSX file cannot be read from row 3")
