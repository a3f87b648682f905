"""Bulk import: rows that once stopped a batch or were lost, on SQLite and PostgreSQL.

Each file is uploaded, its batches run as the worker runs them, and the outcome checked whole:
the import ends done, every data row is counted once, each bad row is named with its column,
and each new business has its record and its event.
"""

import io
import zipfile
from datetime import date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import func, select

from services.kernel.errors import InvalidInput
from services.registry import spreadsheets
from services.registry.domain.importing import COLUMNS, coerce_row
from services.registry.domain.registration import validate_registration
from services.registry.models import MESSAGING, Business, Owner
from services.registry.usecases import imports
from tests.support.registry_sheets import HEADER, good_row, to_csv, to_xlsx


def _import(app, client, content: bytes, name: str = "umkm.csv", mode: str = "skip",
            fields=COLUMNS) -> dict:
    response = client.post("/api/v1/umkm/imports", headers=client.auth,
                           content_type="multipart/form-data",
                           data={"file": (io.BytesIO(content), name), "mode": mode})
    assert response.status_code == 202, response.json
    while imports.run_next_import(app.extensions["registry"].uow):
        pass
    result = client.get(f"/api/v1/umkm/imports/{response.json['id']}", headers=client.auth).json
    assert result["status"] == "done", result
    assert result["processed"] == result["total"]
    assert sum(result[k] for k in ("imported", "updated", "skipped", "rejected")) == \
        result["total"], result
    assert len({e["row"] for e in result["errors"]}) == result["rejected"]
    assert all(e["field"] in fields and e["message"] for e in result["errors"])
    return result


def _stored(app) -> dict:
    with app.extensions["registry"].uow(readonly=True) as uow:
        session = uow.session
        events = session.execute(select(MESSAGING.outbox_event.c.type)).scalars().all()
        return {
            "businesses": session.execute(select(func.count()).select_from(Business)).scalar_one(),
            "nibs": sorted(n for n in session.execute(select(Business.nib)).scalars() if n),
            "lone_owners": session.execute(select(func.count()).select_from(Owner).where(
                ~Owner.businesses.any())).scalar_one(),
            "registered": events.count("umkm.registered"),
            "updated": events.count("umkm.updated"),
        }


def _with_sheet(workbook: bytes, change) -> bytes:
    """The workbook with its first sheet's XML changed (what openpyxl will not write)."""
    source, out = zipfile.ZipFile(io.BytesIO(workbook)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            body = source.read(item.filename)
            target.writestr(item, change(body) if item.filename.endswith("sheet1.xml") else body)
    return out.getvalue()


def _errors(result: dict) -> dict:
    return {(e["row"], e["field"]): e["message"] for e in result["errors"]}


def test_a_nib_written_with_spaces_is_the_same_nib(any_app):
    """'1234 567890123' in the file is the stored 1234567890123: skipped, not a second record."""
    app, client = any_app
    first = _import(app, client, to_csv([{**good_row(1), "nib": "1234567890123"}]))
    assert first["imported"] == 1
    rows = [{**good_row(2), "nib": "1234 567890123"},  # another owner, the stored NIB
            good_row(3),
            {**good_row(4), "nib": "9876543210987"},
            {**good_row(5), "nib": " 9876 5432 10987 "}]  # repeats the row above
    result = _import(app, client, to_csv(rows))
    assert (result["imported"], result["skipped"], result["rejected"]) == (2, 2, 0), result
    stored = _stored(app)
    assert stored["nibs"] == ["1234567890123", "9876543210987"]
    assert (stored["businesses"], stored["registered"], stored["lone_owners"]) == (3, 3, 0)


def test_a_nib_given_by_an_update_is_known_to_the_rows_after_it(any_app):
    """Update mode: a stored record gets its NIB from row 2; row 3 (another owner, the same NIB)
    and row 4 (another stored record, the same NIB) are then refused, not a second NIB."""
    app, client = any_app
    first, second = good_row(11), good_row(12)
    assert _import(app, client, to_csv([first, second]))["imported"] == 2
    rows = [good_row(13),
            {**first, "nib": "1112223334445"},
            {**good_row(14), "nib": "1112223334445"},
            {**second, "nib": "1112223334445"},
            good_row(15)]
    result = _import(app, client, to_csv(rows), mode="update")
    assert (result["imported"], result["updated"], result["rejected"]) == (2, 1, 2), result
    assert set(_errors(result)) == {(4, "nik"), (5, "nik")}
    stored = _stored(app)
    assert stored["nibs"] == ["1112223334445"]
    assert (stored["businesses"], stored["registered"], stored["updated"]) == (4, 4, 1)


def test_numbers_python_cannot_read_are_refused_rows(any_app):
    """A superscript digit, a number of thousands of digits, infinity in a workbook's
    numeric cell: each its own refused row with a message on its column; the good rows after
    them are imported."""
    app, client = any_app
    header = [*HEADER, "workers_male", "founded_year"]
    rows = [good_row(21), {**good_row(22), "capital_idr": "\u00b2"}, good_row(23),
            {**good_row(24), "capital_idr": "9" * 5000},
            {**good_row(25), "workers_male": "9" * 5000},
            {**good_row(26), "founded_year": "9" * 5000}, good_row(27)]
    result = _import(app, client, to_csv(rows, header=header))
    assert (result["imported"], result["rejected"]) == (3, 4), result
    assert set(_errors(result)) == {(3, "capital_idr"), (5, "capital_idr"),
                                    (6, "workers_male"), (7, "founded_year")}
    assert "terlalu besar" in _errors(result)[5, "capital_idr"]
    book = [good_row(31), {**good_row(32), "annual_turnover_idr": 111111},
            {**good_row(33), "capital_idr": 222222}, good_row(34)]
    nan_and_inf = _with_sheet(to_xlsx(book), lambda xml: xml.replace(
        b"<v>111111</v>", b"<v>1e400</v>").replace(b"<v>222222</v>", b"<v>-1e400</v>"))
    result = _import(app, client, nan_and_inf, name="umkm.xlsx")
    assert (result["imported"], result["rejected"]) == (2, 2), result
    assert set(_errors(result)) == {(3, "annual_turnover_idr"), (4, "capital_idr")}
    stored = _stored(app)
    assert (stored["businesses"], stored["registered"], stored["lone_owners"]) == (5, 5, 0)


def test_apostrophes_in_cells_never_swallow_the_rows_after_them(any_app):
    """A CSV whose cells hold apostrophes (a name ending in one, a phone typed '0812...): each
    row stays one row, with ',' or ';' between the cells."""
    app, client = any_app
    rows = [good_row(41), {**good_row(42), "business_name": "Warung Ma'"}, good_row(43),
            {**good_row(44), "sector": "'"}, good_row(45),
            {**good_row(46), "owner_name": "'Sri'", "address": "'Jl. Ki Hajar', No. 1"},
            good_row(47)]
    for delimiter, start in ((",", 0), (";", 100)):
        shifted = [{**row, "nik": good_row(start + 41 + i)["nik"],
                    "business_name": f"{row['business_name']} {start}"}
                   for i, row in enumerate(rows)]
        result = _import(app, client, to_csv(shifted, delimiter=delimiter))
        assert (result["total"], result["imported"], result["rejected"]) == (7, 6, 1), result
        assert set(_errors(result)) == {(5, "sector")}
    with app.extensions["registry"].uow(readonly=True) as uow:
        names = set(uow.session.execute(select(Business.name)).scalars())
    assert {"Warung Ma' 0", "Warung Ma' 100"} <= names


def test_control_characters_in_a_cell_are_a_refused_row(any_app):
    """NUL and other control characters (which PostgreSQL and XLSX cannot hold) make a refused
    row with a message on its column (NUL's as the API words it); the bad rows download as CSV
    and XLSX, and the progress page shows them."""
    app, client = any_app
    rows = [good_row(51), {**good_row(52), "owner_name": "Sri\x00Wahyuni"}, good_row(53),
            {**good_row(54), "kelurahan": "\x01Imopuro\x1f"},
            {**good_row(55), "address": "Jl. Pinang\x0b No. 3", "nik": "1872\x00"},
            {**good_row(56), "address": "Jl. Pinang\tNo. 3"}]
    result = _import(app, client, to_csv(rows))
    assert (result["imported"], result["rejected"]) == (3, 3), result
    assert set(_errors(result)) == {(3, "owner_name"), (5, "kelurahan"), (6, "address"),
                                    (6, "nik")}
    assert "karakter kontrol" in _errors(result)[5, "kelurahan"]
    assert "NUL" in _errors(result)[3, "owner_name"]  # in the API's words
    job = result["id"]
    for kind in ("csv", "xlsx"):
        report = client.get(f"/api/v1/umkm/imports/{job}/errors.{kind}", headers=client.auth)
        assert report.status_code == 200
    assert len(load_workbook(io.BytesIO(report.data)).active["A"]) == 5
    stored = _stored(app)
    assert (stored["businesses"], stored["registered"], stored["lone_owners"]) == (3, 3, 0)


def test_an_amount_beyond_any_business_is_refused_not_stored(any_app):
    """A turnover of 1e308 beside a small capital (the capital decides the scale): refused on
    its column, not an INSERT that PostgreSQL's BIGINT cannot hold."""
    app, client = any_app
    book = [good_row(61), {**good_row(62), "annual_turnover_idr": 1e308},
            {**good_row(63), "annual_turnover_idr": "99999999999999999999"},
            {**good_row(64), "capital_idr": "-99999999999999999999"},
            {**good_row(65), "annual_turnover_idr": 60_000_000_000}, good_row(66)]
    result = _import(app, client, to_xlsx(book), name="umkm.xlsx")
    assert (result["imported"], result["rejected"]) == (3, 3), result
    assert set(_errors(result)) == {(3, "annual_turnover_idr"), (4, "annual_turnover_idr"),
                                    (5, "capital_idr")}
    assert "terlalu besar" in _errors(result)[3, "annual_turnover_idr"]
    stored = _stored(app)
    assert (stored["businesses"], stored["registered"], stored["lone_owners"]) == (3, 3, 0)


def test_a_name_whose_letters_unfold_beyond_its_key_is_refused(any_app):
    """A business name of 160 ligatures 'ﬃ' (its key 'ffi' x 160 is longer than the column),
    as a new record and as an update: refused on its column; the rows after it imported."""
    app, client = any_app
    stored = good_row(71)
    assert _import(app, client, to_csv([stored]))["imported"] == 1
    rows = [{**good_row(72), "business_name": "\ufb03" * 160},
            {**good_row(73), "owner_name": "\ufb03" * 100}, good_row(74),
            {**good_row(75), "business_name": "\ufb01" * 50}]
    result = _import(app, client, to_csv(rows))
    assert (result["imported"], result["rejected"]) == (2, 2), result
    assert set(_errors(result)) == {(2, "business_name"), (3, "owner_name")}
    assert "160" in _errors(result)[2, "business_name"]
    renamed = {**stored, "owner_name": "\ufb03" * 60}
    result = _import(app, client, to_csv([renamed]), mode="update")
    assert set(_errors(result)) == {(2, "owner_name")}
    stored = _stored(app)
    assert (stored["businesses"], stored["registered"], stored["updated"]) == (3, 3, 0)


def test_a_row_the_csv_reader_refuses_is_refused_and_the_rest_imported(any_app):
    """A cell of 200,000 characters (more than the csv module reads) in row 3: that row is
    refused, the import goes on with row 4 instead of failing with nothing imported."""
    app, client = any_app
    rows = [good_row(81), {**good_row(82), "address": "x" * 200_000}, good_row(83)]
    result = _import(app, client, to_csv(rows), fields=(*COLUMNS, None))
    assert (result["total"], result["imported"], result["rejected"]) == (3, 2, 1), result
    assert result["errors"][0]["row"] == 3
    assert "131.072" in result["errors"][0]["message"]
    page = client.get(f"/api/v1/umkm/imports/{result['id']}/errors.csv", headers=client.auth)
    assert page.status_code == 200 and "131.072" in page.get_data(as_text=True)


_CELLS = st.one_of(
    st.none(), st.text(max_size=40),
    st.text(alphabet="0123456789 .,-+()/\u00b2\u0663", max_size=30),
    st.integers(), st.floats(), st.booleans(),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)),
    st.sampled_from(["9" * 5000, "\ufb03" * 160, "1e308", "NaN", "0812-3456-7890", "a\x00b"]))


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.sampled_from(COLUMNS), _CELLS, max_size=5), st.integers(0, 10**6))
def test_any_cell_is_a_value_or_a_message_on_its_column(changes, index):
    """Whatever a cell holds (text, any number, a date), reading a row and checking it against
    the rules ends in values or in messages on the row's columns, never in an exception."""
    row = {**good_row(index), **changes}
    data, errors = coerce_row(list(row), list(row.values()))
    assert set(errors) <= set(COLUMNS)
    try:
        validate_registration(data, date(2026, 12, 7))
    except InvalidInput as invalid:
        assert set(invalid.fields) <= set(COLUMNS)


def test_a_csv_with_a_space_after_each_separator_keeps_its_quoted_cells():
    """'a, "b, c"': the quoted cell after the space is one cell, as the sniffing read it."""
    text = 'owner_name, nik, address\nSri, 1872, "Jl. Pinang, No. 3"\n'
    assert list(spreadsheets.rows(text.encode(), "csv"))[1] == ["Sri", "1872",
                                                                 "Jl. Pinang, No. 3"]


def test_a_workbook_unreadable_part_way_fails_saying_where_in_indonesian(any_app):
    """A numeric cell holding 'NaN' in row 3 (openpyxl cannot read the sheet past it): the
    import fails saying from which row, in Indonesian, and leaves no half-written record;
    its page and bad-row files still answer."""
    app, client = any_app
    book = _with_sheet(to_xlsx([good_row(91), {**good_row(92), "capital_idr": 333333}]),
                       lambda xml: xml.replace(b"<v>333333</v>", b"<v>NaN</v>"))
    response = client.post("/api/v1/umkm/imports", headers=client.auth,
                           content_type="multipart/form-data",
                           data={"file": (io.BytesIO(book), "umkm.xlsx"), "mode": "skip"})
    assert response.status_code == 202
    while imports.run_next_import(app.extensions["registry"].uow):
        pass
    job = response.json["id"]
    result = client.get(f"/api/v1/umkm/imports/{job}", headers=client.auth).json
    assert result["status"] == "failed"
    assert result["message"].startswith("Berkas XLSX tidak dapat dibaca mulai baris 3")
    assert _stored(app)["businesses"] == 0
    for kind in ("csv", "xlsx"):
        report = client.get(f"/api/v1/umkm/imports/{job}/errors.{kind}", headers=client.auth)
        assert report.status_code == 200
