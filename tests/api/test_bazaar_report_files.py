"""A bazaar's sales report as CSV and XLSX, through the API (documented in OpenAPI) and the
download buttons of the bazaar page."""

import csv
import io
from datetime import datetime

import pytest
from openpyxl import load_workbook

from services.kernel.clock import WIB
from services.kernel.identity import VIEWER
from tests.api.test_bazaar_pages import world as page_world  # noqa: F401  (fixture)
from tests.support.bazaar_world import BazaarWorld

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TRICK = "=HYPERLINK(\"http://contoh.invalid\",\"klik\")"


@pytest.fixture
def world(app, auth, service_app):
    return BazaarWorld(service_app("bazaar"), auth)


def reported_bazaar(world) -> dict:
    """Three stallholders, two of whom reported their sales; a fourth waits."""
    bazaar = world.bazaar(title="Bazar Ramadan Metro 1448 H", stalls=3, kuliner_stalls=2,
                          sectors=[])
    food, snack, craft, late = (world.umkm(), world.umkm(), world.umkm(sector="kriya"),
                                world.umkm(sector="kriya"))
    for umkm in (food, snack, craft, late):
        world.apply(bazaar["id"], umkm)
    items = {i["umkm_id"]: i for i in world.allocate(bazaar["id"])["items"]}
    url = f"/api/v1/bazaars/{bazaar['id']}/applications"
    for umkm, revenue, units, best in ((food, 1_850_000, 140, "Pempek kapal selam"),
                                       (craft, 600_000, 12, TRICK)):
        response = world.client.put(f"{url}/{items[umkm]['id']}/sales", headers=world.auth,
                                    json={"revenue_idr": revenue, "units_sold": units,
                                          "best_product": best})
        assert response.status_code == 200, response.json
    return {"bazaar": bazaar, "items": items, "food": food, "craft": craft, "snack": snack}


def test_csv_has_a_row_per_reported_stall(world):
    made = reported_bazaar(world)
    response = world.client.get(f"/api/v1/bazaars/{made['bazaar']['id']}/report.csv",
                                headers=world.auth)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and "laporan-bazar-ramadan-metro-1448-h-" in \
        disposition and disposition.endswith('.csv"')
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [(r["stall_number"], r["umkm_id"], r["revenue_idr"], r["units_sold"]) for r in rows] \
        == [("K-01", made["food"], "1850000", "140"), ("N-01", made["craft"], "600000", "12")]
    assert rows[0]["best_product"] == "Pempek kapal selam"
    assert rows[1]["best_product"] == "'" + TRICK  # never a formula in a spreadsheet
    reported = datetime.fromisoformat(rows[0]["sales_reported_at"])
    assert reported.utcoffset() == datetime.now(WIB).utcoffset()


def test_xlsx_opens_with_its_sheets_and_cells(world):
    made = reported_bazaar(world)
    response = world.client.get(f"/api/v1/bazaars/{made['bazaar']['id']}/report.xlsx",
                                headers=world.auth)
    assert response.status_code == 200 and response.mimetype == XLSX
    assert response.headers["Content-Disposition"].endswith('.xlsx"')
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["Penjualan", "Per sektor", "Ringkasan"]
    sales = book["Penjualan"]
    headings = [c.value for c in sales[1]]
    assert headings[:3] == ["stall_number", "business_name", "owner_name"]
    column = {name: i + 1 for i, name in enumerate(headings)}
    assert sales.max_row == 3
    assert sales.cell(2, column["stall_number"]).value == "K-01"
    assert sales.cell(2, column["revenue_idr"]).value == 1_850_000
    assert sales.cell(2, column["revenue_idr"]).number_format == "#,##0"
    assert sales.cell(2, column["units_sold"]).value == 140
    assert isinstance(sales.cell(2, column["sales_reported_at"]).value, datetime)
    trick = sales.cell(3, column["best_product"])
    assert (trick.value, trick.data_type) == (TRICK, "s")
    assert [[c.value for c in row] for row in book["Per sektor"].iter_rows()] == [
        ["sector", "revenue_idr"], ["kuliner", 1_850_000], ["kriya", 600_000]]
    summary = {row[0].value: row[1].value for row in book["Ringkasan"].iter_rows(min_row=2)}
    assert summary["Bazar"] == "Bazar Ramadan Metro 1448 H"
    assert summary["Status"] == "Lapak sudah dibagi"  # the staff's word, not "allocated"
    assert (summary["Laporan masuk"], summary["Omzet (Rp)"], summary["Jumlah terjual"]) == (
        2, 2_450_000, 152)
    starts = datetime.fromisoformat(made["bazaar"]["starts_at"]).astimezone(WIB)
    assert summary["Mulai (WIB)"] == starts.replace(tzinfo=None, microsecond=0)


def test_a_control_character_typed_in_the_data_is_left_out_of_the_xlsx(world):
    """An XLSX cell cannot hold one: the download was a 500 for the whole bazaar."""
    bazaar = world.bazaar(title="Bazar\x0b Malam", stalls=1, sectors=[])
    world.apply(bazaar["id"], world.umkm(sector="kriya"))
    [item] = world.allocate(bazaar["id"])["items"]
    sales = world.client.put(f"/api/v1/bazaars/{bazaar['id']}/applications/{item['id']}/sales",
                             headers=world.auth, json={"revenue_idr": 10_000, "units_sold": 1,
                                                       "best_product": "Kopi\x01 Robusta"})
    assert sales.status_code == 200, sales.json
    response = world.client.get(f"/api/v1/bazaars/{bazaar['id']}/report.xlsx",
                                headers=world.auth)
    assert response.status_code == 200, response.json
    book = load_workbook(io.BytesIO(response.data))
    headings = [c.value for c in book["Penjualan"][1]]
    assert book["Penjualan"].cell(2, headings.index("best_product") + 1).value == "Kopi Robusta"
    summary = {row[0].value: row[1].value for row in book["Ringkasan"].iter_rows(min_row=2)}
    assert summary["Bazar"] == "Bazar Malam"
    csv_text = world.client.get(f"/api/v1/bazaars/{bazaar['id']}/report.csv",
                                headers=world.auth).get_data(as_text=True)
    assert "Kopi\x01 Robusta" in csv_text  # a CSV holds what was typed


def test_the_xlsx_in_english_names_one_bazaar_in_its_summary(world):
    made = reported_bazaar(world)
    response = world.client.get(f"/api/v1/bazaars/{made['bazaar']['id']}/report.xlsx",
                                headers={**world.auth, "Accept-Language": "en"})
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["Sales", "By sector", "Summary"]
    labels = [row[0].value for row in book["Summary"].iter_rows()]
    assert labels[:3] == ["Item", "Bazaar", "Event"]  # a bazaar, not the menu's "Bazaars"
    assert labels[-3:] == ["Reports in", "Revenue (Rp)", "Units sold"]


def test_an_empty_report_and_who_may_download(world, staff_token):
    bazaar = world.bazaar()
    viewer = staff_token(VIEWER)
    empty = world.client.get(f"/api/v1/bazaars/{bazaar['id']}/report.csv", headers=viewer)
    assert empty.status_code == 200
    assert empty.get_data(as_text=True).lstrip("\ufeff").splitlines() == [
        "stall_number,business_name,owner_name,sector,category,status,revenue_idr,units_sold,"
        "best_product,sales_reported_at,umkm_id"]
    book = load_workbook(io.BytesIO(world.client.get(
        f"/api/v1/bazaars/{bazaar['id']}/report.xlsx", headers=viewer).data))
    assert book["Penjualan"].max_row == 1
    url = f"/api/v1/bazaars/{bazaar['id']}/report"
    assert world.client.get(url + ".csv").status_code == 401
    assert world.client.get(url + ".pdf", headers=world.auth).status_code == 404
    missing = world.client.get("/api/v1/bazaars/tidak-ada/report.xlsx", headers=world.auth)
    assert missing.status_code == 404 and missing.json["error"]["code"] == "not_found"


def test_openapi_documents_edit_cancel_and_the_files(world):
    spec = world.client.get("/api/v1/openapi.json").json
    paths = spec["paths"]
    assert "patch" in paths["/api/v1/bazaars/{bazaar_id}"]
    assert "post" in paths["/api/v1/bazaars/{bazaar_id}/cancel"]
    report_file = paths["/api/v1/bazaars/{bazaar_id}/report.{kind}"]["get"]
    ok = report_file["responses"]["200"]
    assert {"text/csv; charset=utf-8", XLSX} <= set(ok["content"]) and ok["description"]
    schemas = spec["components"]["schemas"]
    assert schemas["CancelIn"]["required"] == ["reason"]
    assert "required" not in schemas["BazaarUpdate"]
    assert "bazaar.cancelled" in paths["/api/v1/bazaars/{bazaar_id}/cancel"]["post"][
        "description"]


def test_download_buttons_on_the_bazaar_page(page_world):  # noqa: F811
    world = page_world
    made = reported_bazaar(world)
    page = world.client.get(f"/bazaars/{made['bazaar']['id']}").get_data(as_text=True)
    assert 'data-testid="report-csv"' in page and 'data-testid="report-xlsx"' in page
    for kind, mimetype in (("csv", "text/csv"), ("xlsx", XLSX)):
        href = f"/bazaars/{made['bazaar']['id']}/report.{kind}"
        assert f'href="{href}"' in page
        response = world.client.get(href)
        assert response.status_code == 200 and response.mimetype == mimetype
    book = load_workbook(io.BytesIO(world.client.get(
        f"/bazaars/{made['bazaar']['id']}/report.xlsx").data))
    assert book["Penjualan"].cell(2, 1).value == "K-01"
