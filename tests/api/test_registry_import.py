"""Bulk import through the API, the staff pages and the CLI: bad rows, re-import, XLSX."""

import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select, update

from services.kernel.clock import utcnow
from services.registry.models import MESSAGING, Business, ImportJob
from services.registry.usecases import imports
from tests.api.test_registry_pages import login, token_of
from tests.support.registry_sheets import HEADER, good_row, sheet, to_csv, to_xlsx


def upload(client, auth, content: bytes, name="umkm.csv", mode="skip"):
    return client.post("/api/v1/umkm/imports", headers=auth, content_type="multipart/form-data",
                       data={"file": (io.BytesIO(content), name), "mode": mode})


def run_worker(app) -> None:
    """What the registry worker's tick does."""
    while imports.run_next_import(app.extensions["registry"].uow):
        pass


def status(client, auth, job_id):
    response = client.get(f"/api/v1/umkm/imports/{job_id}", headers=auth)
    assert response.status_code == 200
    return response.json


def registered_events(app) -> list[dict]:
    with app.extensions["registry"].uow(readonly=True) as uow:
        return [dict(p) for p in uow.session.execute(select(MESSAGING.outbox_event.c.payload).where(
            MESSAGING.outbox_event.c.type == "umkm.registered")).scalars()]


def test_valid_rows_are_imported_and_each_bad_row_is_reported(app, client, auth):
    rows, bad = sheet(40, bad_every=5, start=1000)
    response = upload(client, auth, to_csv(rows))
    assert response.status_code == 202, response.json
    job_id = response.json["id"]
    assert response.json["status"] == "queued"
    run_worker(app)
    result = status(client, auth, job_id)
    assert (result["status"], result["total"], result["imported"], result["rejected"]) == (
        "done", 40, 32, 8)
    assert {(e["row"], e["field"]) for e in result["errors"]} == set(bad.items())
    assert all(e["message"] for e in result["errors"])
    events = registered_events(app)
    assert len(events) == 32 and {e["source"] for e in events} == {"import"}
    report = client.get(f"/api/v1/umkm/imports/{job_id}/errors.csv", headers=auth)
    assert report.status_code == 200 and report.mimetype == "text/csv"
    lines = report.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert lines[0] == "row,field,message" and len(lines) == 9
    xlsx = client.get(f"/api/v1/umkm/imports/{job_id}/errors.xlsx", headers=auth)
    book = load_workbook(io.BytesIO(xlsx.data))
    assert book.active.max_row == 9


def test_reimport_skips_or_updates_and_empty_cells_never_overwrite(app, client, auth):
    rows, _ = sheet(10, start=2000)
    run_worker(app) if upload(client, auth, to_csv(rows)).status_code == 202 else None
    again = upload(client, auth, to_csv(rows)).json["id"]
    run_worker(app)
    assert (status(client, auth, again)["imported"], status(client, auth, again)["skipped"]) == (
        0, 10)
    changed = [{**row, "phone": "", "email": "", "address": ""} for row in rows]
    changed[0] = {**changed[0], "phone": "081399990000"}
    updated = upload(client, auth, to_csv(changed), mode="update").json["id"]
    run_worker(app)
    result = status(client, auth, updated)
    assert (result["updated"], result["skipped"], result["imported"]) == (1, 9, 0)
    with app.extensions["registry"].uow(readonly=True) as uow:
        count = uow.session.execute(select(func.count()).select_from(Business)).scalar_one()
        phones = {b.name: (b.owner.phone, b.owner.email, b.address) for b in
                  uow.session.execute(select(Business)).unique().scalars()}
        updates = uow.session.execute(select(MESSAGING.outbox_event.c.payload).where(
            MESSAGING.outbox_event.c.type == "umkm.updated")).scalars().all()
    assert count == 10
    first, second = rows[0], rows[1]
    assert phones[first["business_name"]][0] == "+6281399990000"
    assert phones[first["business_name"]][1] == first["email"]  # empty cell: kept
    assert phones[second["business_name"]][2] == second["address"]
    assert [u["changed"] for u in updates] == [["phone"]]


def _businesses_by_owner(app) -> dict[str, list[str]]:
    with app.extensions["registry"].uow(readonly=True) as uow:
        found: dict[str, list[str]] = {}
        for business in uow.session.execute(select(Business)).unique().scalars():
            found.setdefault(business.owner.nik, []).append(business.name)
    return {nik: sorted(names) for nik, names in found.items()}


@pytest.mark.parametrize("mode", ["skip", "update"])
def test_rows_of_one_file_that_repeat_or_share_an_owner(app, client, auth, mode):
    """Within one file: a second business of a new owner joins that owner; a row repeating a
    business of the same file is skipped, or (update mode) updates the record it just made;
    a new business of a stored owner joins the stored owner."""
    stored = good_row(3100)
    run_worker(app) if upload(client, auth, to_csv([stored])).status_code == 202 else None
    new = good_row(3200)
    rows = [
        new,
        {**new, "business_name": "Warung Kedua"},  # the same new owner, a second business
        {**new, "phone": "", "address": "Jl. Pinang No. 9"},  # repeats the first row
        {**stored, "business_name": "Usaha Baru Pemilik Lama"},
    ]
    job_id = upload(client, auth, to_csv(rows), mode=mode).json["id"]
    run_worker(app)
    result = status(client, auth, job_id)
    expected = (3, 1, 0) if mode == "update" else (3, 0, 1)
    assert (result["imported"], result["updated"], result["skipped"]) == expected, result
    assert result["rejected"] == 0
    assert _businesses_by_owner(app) == {
        new["nik"]: sorted([new["business_name"], "Warung Kedua"]),
        stored["nik"]: sorted([stored["business_name"], "Usaha Baru Pemilik Lama"])}
    with app.extensions["registry"].uow(readonly=True) as uow:
        first = uow.session.execute(select(Business).where(
            Business.name == new["business_name"])).unique().scalar_one()
        address, phone = first.address, first.owner.phone
        history = [h.to_status for h in first.history]
        updates = uow.session.execute(select(MESSAGING.outbox_event.c.payload).where(
            MESSAGING.outbox_event.c.type == "umkm.updated")).scalars().all()
    assert phone  # an empty cell never overwrites
    assert history == ["pending"]
    if mode == "update":
        assert address == "Jl. Pinang No. 9"
        assert [u["changed"] for u in updates] == [["address"]]
    else:
        assert address == new["address"] and updates == []
    assert len(registered_events(app)) == 4  # the stored one and the three new


def test_xlsx_with_numbers_for_nik_and_phone(app, client, auth):
    rows, bad = sheet(12, bad_every=6, start=3000)
    job_id = upload(client, auth, to_xlsx(rows), name="data.xlsx").json["id"]
    run_worker(app)
    result = status(client, auth, job_id)
    assert (result["status"], result["imported"], result["rejected"]) == ("done", 10, 2)
    assert {(e["row"], e["field"]) for e in result["errors"]} == set(bad.items())


def _workbook(change) -> bytes:
    """A real one-sheet workbook with one of its parts changed (or dropped when None)."""
    import io
    import zipfile

    from openpyxl import Workbook

    book, out = Workbook(), io.BytesIO()
    book.active.append(HEADER)
    book.save(out)
    source, changed = zipfile.ZipFile(io.BytesIO(out.getvalue())), io.BytesIO()
    with zipfile.ZipFile(changed, "w") as target:
        for item in source.infolist():
            body = change(item.filename, source.read(item.filename))
            if body is not None:
                target.writestr(item, body)
    return changed.getvalue()


def _no_sheets(name: str, body: bytes) -> bytes | None:
    if name == "xl/workbook.xml":
        return body.replace(body[body.index(b"<sheets>"):body.index(b"</sheets>") + 9],
                            b"<sheets/>")
    return body


@pytest.mark.parametrize(("content", "name", "needle"), [
    # a header cell bigger than the csv module reads
    ("\n".join([",".join([*HEADER[:-1], "x" * 200_000]), ""]).encode(), "x.csv", "CSV"),
    (_workbook(lambda n, b: b"<worksheet" if n == "xl/worksheets/sheet1.xml" else b), "x.xlsx",
     "XLSX"),  # a sheet whose XML breaks off
    (_workbook(_no_sheets), "x.xlsx", "XLSX"),
    (to_csv([good_row(1)], header=["nama", *HEADER[1:]]), "x.csv", "owner_name"),
    (to_csv([good_row(1)], header=[*HEADER, "warna"]), "x.csv", "warna"),
    (b"", "x.csv", "kosong"),
    (b"PK\x03\x04 not really a workbook", "x.xlsx", "XLSX"),
    (bytes(range(256)) * 10, "x.bin", "CSV"),
])
def test_a_wrong_file_gets_one_clear_error_and_no_job(app, client, auth, content, name, needle):
    response = upload(client, auth, content, name=name)
    assert response.status_code == 422
    assert set(response.json["error"]["fields"]) == {"file"}
    assert needle in response.json["error"]["fields"]["file"]
    with app.extensions["registry"].uow(readonly=True) as uow:
        assert uow.session.execute(select(func.count()).select_from(ImportJob)).scalar_one() == 0


def test_no_file_or_a_bad_mode_is_422_and_viewers_may_not_import(client, auth, staff_token):
    none = client.post("/api/v1/umkm/imports", headers=auth, data={"mode": "skip"},
                       content_type="multipart/form-data")
    assert none.status_code == 422 and "file" in none.json["error"]["fields"]
    mode = upload(client, auth, to_csv([good_row(5)]), mode="replace")
    assert mode.status_code == 422 and "mode" in mode.json["error"]["fields"]
    assert upload(client, staff_token("viewer"), to_csv([good_row(6)])).status_code == 403
    assert client.get("/api/v1/umkm/imports/nope", headers=auth).status_code == 404


def test_twenty_thousand_rows_with_bad_ones_mixed_in(app, client, auth):
    rows, bad = sheet(20_000, bad_every=50, start=100_000)
    job_id = upload(client, auth, to_csv(rows, delimiter=";")).json["id"]
    run_worker(app)
    result = status(client, auth, job_id)
    assert (result["status"], result["total"]) == ("done", 20_000)
    assert (result["imported"], result["rejected"]) == (20_000 - len(bad), len(bad))
    assert {(e["row"], e["field"]) for e in result["errors"]} == set(bad.items())
    again = upload(client, auth, to_csv(rows)).json["id"]
    run_worker(app)
    assert status(client, auth, again)["skipped"] == 20_000 - len(bad)
    with app.extensions["registry"].uow(readonly=True) as uow:
        total = uow.session.execute(select(func.count()).select_from(Business)).scalar_one()
    assert total == 20_000 - len(bad)


def test_a_worker_that_died_is_taken_over_and_nothing_doubles(app, client, auth):
    rows, _ = sheet(1200, start=200_000)
    uow = app.extensions["registry"].uow
    job_id = upload(client, auth, to_csv(rows)).json["id"]
    assert imports.claim_next(uow) == job_id
    assert imports.claim_next(uow) is None  # held by its (now silent) worker
    # The first worker got through two batches, then died: its lease runs out.
    first = rows[:imports.BATCH * 2]
    partial = upload(client, auth, to_csv(first)).json["id"]
    imports.claim_next(uow)
    imports.run_import(uow, partial)
    with uow() as unit:
        unit.session.execute(update(ImportJob).where(ImportJob.id == job_id).values(
            processed=imports.BATCH * 2, lease_until=utcnow()))
        unit.commit()
    assert imports.run_next_import(uow) == job_id
    result = status(client, auth, job_id)
    assert (result["status"], result["imported"], result["skipped"]) == ("done", 200, 0)
    with uow(readonly=True) as unit:
        assert unit.session.execute(select(func.count()).select_from(Business)).scalar_one() \
            == 1200


def test_upload_page_progress_page_and_error_file(app, client):
    login(client)
    page = client.get("/umkm/import").get_data(as_text=True)
    bad = client.post("/umkm/import", content_type="multipart/form-data", data={
        "csrf_token": token_of(page), "mode": "skip",
        "file": (io.BytesIO(to_csv([good_row(7)], header=["x", "y"])), "a.csv")})
    assert bad.status_code == 422
    html = bad.get_data(as_text=True)
    assert 'data-field="file"' in html and "kolom wajib tidak ada" in html
    rows, _bad = sheet(10, bad_every=5, start=4000)
    started = client.post("/umkm/import", content_type="multipart/form-data", data={
        "csrf_token": token_of(html), "mode": "skip",
        "file": (io.BytesIO(to_csv(rows)), "b.csv")})
    assert started.status_code == 302
    progress_url = started.headers["Location"]
    queued = client.get(progress_url).get_data(as_text=True)
    assert 'data-testid="import-progress"' in queued and "queued" in queued
    run_worker(app)
    state = client.get(progress_url + "/status").json
    assert (state["status"], state["percent"], state["imported"], state["rejected"]) == (
        "done", 100, 8, 2)
    done = client.get(progress_url).get_data(as_text=True)
    assert 'data-testid="errors-csv"' in done
    assert client.get(progress_url + "/errors.csv").status_code == 200


def test_cli_imports_with_a_progress_bar_and_writes_the_bad_rows(app, runner, tmp_path):
    rows, bad = sheet(30, bad_every=10, start=5000)
    path, errors = tmp_path / "umkm.xlsx", tmp_path / "galat.csv"
    path.write_bytes(to_xlsx(rows))
    result = runner.invoke(args=["import-umkm", str(path), "--errors", str(errors)])
    assert result.exit_code == 0, result.output
    assert "27 baru" in result.output and "3 baris ditolak" in result.output
    assert len(errors.read_text().splitlines()) == 1 + len(bad)
    again = runner.invoke(args=["import-umkm", str(path), "--mode", "update"])
    assert "0 baru" in again.output and "0 diperbarui" in again.output
    wrong = tmp_path / "wrong.csv"
    wrong.write_bytes(to_csv([good_row(1)], header=["a", "b"]))
    failed = runner.invoke(args=["import-umkm", str(wrong)])
    assert failed.exit_code != 0 and "kolom wajib tidak ada" in failed.output
