"""Bulk import: a cell's number or text is taken as POST /api/v1/umkm takes the same value, on
SQLite and PostgreSQL. A workbook's TRUE is not 1, a count or an amount with a fraction is
refused (never cut), and a NUL or a number past a 64-bit column is told in the API's words."""

import io

from sqlalchemy import select

from services.registry.models import Business
from services.registry.usecases import imports
from tests.support.factories import registration
from tests.support.registry_sheets import HEADER, good_row, to_csv, to_xlsx

NUMBERS = [*HEADER, "workers_male", "workers_female", "founded_year", "latitude", "longitude"]
AMOUNTS = ("capital_idr", "annual_turnover_idr", "workers_male", "workers_female",
           "founded_year")


def imported(app, client, content: bytes, name: str) -> dict:
    """The finished import: {(row, field): message} of its errors, and the stored businesses'
    columns by business name."""
    response = client.post("/api/v1/umkm/imports", headers=client.auth,
                           content_type="multipart/form-data",
                           data={"file": (io.BytesIO(content), name), "mode": "skip"})
    assert response.status_code == 202, response.json
    while imports.run_next_import(app.extensions["registry"].uow):
        pass
    result = client.get(f"/api/v1/umkm/imports/{response.json['id']}", headers=client.auth).json
    assert result["status"] == "done", result
    with app.extensions["registry"].uow(readonly=True) as uow:
        stored = {b.name: b for b in uow.session.execute(select(Business)).scalars()}
        columns = {name: {c: getattr(b, c) for c in AMOUNTS} for name, b in stored.items()}
    return {"errors": {(e["row"], e["field"]): e["message"] for e in result["errors"]},
            "stored": columns, "result": result}


def _rows(start: int, changes: list[dict]) -> list[dict]:
    return [{**good_row(start + i), **change} for i, change in enumerate(changes)]


def test_true_or_false_in_a_numeric_column_is_refused_beside_it(any_app):
    """A workbook's TRUE/FALSE cell in a capital, turnover, worker, year or coordinate column
    is a refused row with the column's own message (it was stored as 1 or 0); the text TRUE
    in a CSV is refused the same way."""
    app, client = any_app
    changes = [{"capital_idr": True}, {"capital_idr": False},
               {"capital_idr": None, "annual_turnover_idr": True},
               {"workers_male": True}, {"workers_female": False}, {"founded_year": True},
               {"latitude": True, "longitude": 105.3067}, {}]
    for kind, start, write in (("xlsx", 100, to_xlsx), ("csv", 200, to_csv)):
        rows = _rows(start, changes)
        if kind == "csv":
            rows = [{k: ("TRUE" if v is True else "FALSE" if v is False else v)
                     for k, v in row.items()} for row in rows]
        outcome = imported(app, client, write(rows, header=NUMBERS), f"umkm.{kind}")
        errors = outcome["errors"]
        assert set(errors) == {(2, "capital_idr"), (3, "capital_idr"),
                               (4, "annual_turnover_idr"), (5, "workers_male"),
                               (6, "workers_female"), (7, "founded_year"), (8, "latitude")}, kind
        for key in ((2, "capital_idr"), (3, "capital_idr"), (4, "annual_turnover_idr")):
            assert errors[key] == "Harus berupa angka rupiah, misalnya 25000000.", (kind, key)
        assert "bilangan bulat" in errors[5, "workers_male"]
        assert [r["business_name"] for r in rows if r["business_name"] in
                outcome["stored"]] == [rows[-1]["business_name"]]


def test_a_fraction_in_a_whole_number_column_is_refused_not_cut(any_app):
    """2.7 workers, a founding year of 2015.5, a capital of Rp2.500.000,50 (a workbook's number
    or a CSV's text in either notation) are refused rows, as the API refuses a fractional
    amount; they were cut to 2 workers or Rp2.500.000, or read as Rp250.000.050. Whole
    amounts written with zero sen, and a formula's float a hair off a whole rupiah, are
    taken."""
    app, client = any_app
    api = client.post("/api/v1/umkm", headers=client.auth,
                      json=registration(capital_idr=2500000.5, workers_male=2.7))
    assert api.status_code == 422
    assert set(api.json["error"]["fields"]) == {"capital_idr", "workers_male"}

    book = _rows(300, [{"workers_male": 2.7}, {"workers_female": 0.5},
                       {"founded_year": 2015.5}, {"capital_idr": 2500000.5},
                       {"capital_idr": None, "annual_turnover_idr": 99.99},
                       {"capital_idr": 2500000.0, "workers_male": 3.0},
                       {"capital_idr": 3000000 * 1.1}])
    outcome = imported(app, client, to_xlsx(book, header=NUMBERS), "umkm.xlsx")
    assert set(outcome["errors"]) == {(2, "workers_male"), (3, "workers_female"),
                                      (4, "founded_year"), (5, "capital_idr"),
                                      (6, "annual_turnover_idr")}
    assert "bilangan bulat" in outcome["errors"][2, "workers_male"]
    assert outcome["errors"][5, "capital_idr"] == \
        "Nilai rupiah harus bilangan bulat, tanpa sen (misalnya 25000000)."
    stored = outcome["stored"]
    assert (stored[book[5]["business_name"]]["capital_idr"],
            stored[book[5]["business_name"]]["workers_male"]) == (2500000, 3)
    assert stored[book[6]["business_name"]]["capital_idr"] == 3300000

    text = _rows(400, [{"workers_male": "2,5"}, {"workers_male": "2.5"},
                       {"capital_idr": "2.500.000,50"}, {"capital_idr": "2500000.5"},
                       {"capital_idr": "2,500,000.50"}, {"capital_idr": "Rp 2500000,5"},
                       {"capital_idr": "2.500.000,00"}, {"capital_idr": "2500000.0"},
                       {"capital_idr": "25,000,000"}])
    outcome = imported(app, client, to_csv(text, header=NUMBERS), "umkm.csv")
    assert set(outcome["errors"]) == {(2, "workers_male"), (3, "workers_male"),
                                      *((row, "capital_idr") for row in range(4, 8))}
    assert all("tanpa sen" in outcome["errors"][row, "capital_idr"] for row in range(4, 8))
    stored = outcome["stored"]
    assert [stored[r["business_name"]]["capital_idr"] for r in text[6:]] == [
        2500000, 2500000, 25000000]


def _cells(field: str, value) -> dict:
    return {field: value, "longitude": 105.3067} if field == "latitude" else {field: value}


def _api_message(client, field: str, value) -> str:
    body = registration(**_cells(field, value))
    response = client.post("/api/v1/umkm", headers=client.auth, json=body)
    assert response.status_code == 422, response.json
    return response.json["error"]["fields"][field]


def test_nul_and_a_number_past_a_column_are_told_in_the_api_s_words(any_app):
    """The same value refused by POST /api/v1/umkm and by an import (a CSV's text, a
    workbook's number) gets the same message on the same field; the import said 'karakter
    kontrol', 'Nilai rupiah terlalu besar' or a worker/year range before."""
    app, client = any_app
    text_cells = [("address", "Jl. Ki Hajar\x00 No. 3"), ("owner_name", "Sri\x00"),
                  ("business_name", "Kopi\x00Metro")]
    numbers = [("capital_idr", 10**20), ("annual_turnover_idr", 10**19),
               ("workers_male", 10**20), ("workers_female", 99**30),
               ("founded_year", 10**25), ("latitude", 10**20)]
    expected = {field: _api_message(client, field, value)
                for field, value in [*text_cells, *numbers]}
    assert expected["address"] != expected["capital_idr"]

    csv_rows = [{**good_row(500 + i), **_cells(field, str(value))}
                for i, (field, value) in enumerate([*text_cells, *numbers])]
    outcome = imported(app, client, to_csv(csv_rows, header=NUMBERS), "umkm.csv")
    assert outcome["errors"] == {(row, field): expected[field] for row, (field, _value) in
                                 enumerate([*text_cells, *numbers], start=2)}

    book = [{**good_row(600 + i), **_cells(field, value)}
            for i, (field, value) in enumerate(numbers)]
    outcome = imported(app, client, to_xlsx(book, header=NUMBERS), "umkm.xlsx")
    assert outcome["errors"] == {(row, field): expected[field] for row, (field, _value) in
                                 enumerate(numbers, start=2)}
    assert outcome["result"]["imported"] == 0


def test_an_apostrophe_a_csv_export_puts_before_formula_like_text_is_read_away(any_app):
    """An exported CSV writes "'+6281..." so that a spreadsheet keeps it as text: read back in
    an import, the cell is the number again (a "'0812..." is not such a cell, and stays)."""
    app, client = any_app
    rows = [{**good_row(300), "phone": "'+6281234500300", "address": "'- Jl. Uji No. 300"},
            {**good_row(301), "phone": "'081234500301"}]
    outcome = imported(app, client, to_csv(rows), "umkm.csv")
    assert set(outcome["errors"]) == {(3, "phone")}
    with app.extensions["registry"].uow(readonly=True) as uow:
        stored = uow.session.execute(select(Business).where(
            Business.name == rows[0]["business_name"])).scalar_one()
        assert (stored.owner.phone, stored.address) == ("+6281234500300", "- Jl. Uji No. 300")
