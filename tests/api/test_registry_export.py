"""Filters, sorting and export of the register: the NIK only for roles that may see it."""

import csv
import io
from datetime import datetime

from openpyxl import load_workbook
from sqlalchemy import select

from services.kernel.clock import WIB
from services.kernel.identity import BAZAAR_COORDINATOR, FIELD_OFFICER, REGISTRY_OFFICER, VIEWER
from services.registry.models import AuditEntry
from tests.api.test_registry_pages import login
from tests.support.factories import registration


def register(client, auth, **overrides) -> dict:
    response = client.post("/api/v1/umkm", json=registration(**overrides), headers=auth)
    assert response.status_code == 201, response.json
    return response.json


def test_filters_by_kelurahan_scale_and_sorts(client, auth):
    a = register(client, auth, business_name="Anyaman Bambu", kecamatan="Metro Pusat",
                 kelurahan="Imopuro", capital_idr=2_000_000_000, registered_on="2022-01-01")
    b = register(client, auth, business_name="Batik Sekar", kecamatan="Metro Pusat",
                 kelurahan="Imopuro", capital_idr=10_000_000, registered_on="2023-01-01")
    register(client, auth, kecamatan="Metro Barat", kelurahan="Mulyojati")

    def ids(**args):
        response = client.get("/api/v1/umkm", query_string=args, headers=auth)
        assert response.status_code == 200, response.json
        return [item["id"] for item in response.json["items"]]

    assert ids(kelurahan="imopuro", sort="oldest") == [a["id"], b["id"]]
    assert ids(kelurahan="Imopuro", sort="newest") == [b["id"], a["id"]]
    assert ids(kelurahan="Imopuro", scale="kecil") == [a["id"]]
    assert ids(kelurahan="Imopuro", sort="business") == [a["id"], b["id"]]
    bad = client.get("/api/v1/umkm", query_string={"sort": "random", "scale": "raksasa"},
                     headers=auth)
    assert bad.status_code == 422 and set(bad.json["error"]["fields"]) == {"sort", "scale"}


def test_export_csv_and_xlsx_full_nik_for_officers_audited(app, client, auth, staff_token):
    made = [register(client, auth, kecamatan="Metro Timur", kelurahan="Iringmulyo")
            for _ in range(3)]
    register(client, auth, kecamatan="Metro Barat", kelurahan="Mulyojati")
    officer = staff_token(REGISTRY_OFFICER)
    response = client.get("/api/v1/umkm/export.csv", query_string={"kecamatan": "Metro Timur"},
                          headers=officer)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert sorted(r["id"] for r in rows) == sorted(m["id"] for m in made)
    assert all("*" not in r["nik"] and len(r["nik"]) == 16 for r in rows)
    xlsx = client.get("/api/v1/umkm/export.xlsx", query_string={"kecamatan": "Metro Timur"},
                      headers=officer)
    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    assert sheet.max_row == 4 and sheet.cell(1, 1).value == "id"
    with app.extensions["registry"].uow(readonly=True) as uow:
        details = uow.session.execute(select(AuditEntry.detail).where(
            AuditEntry.action == "umkm.export").order_by(AuditEntry.id)).scalars().all()
    assert [(d["format"], d["full_nik"]) for d in details] == [("csv", True), ("xlsx", True)]
    assert details[0]["filters"] == {"kecamatan": "Metro Timur", "sort": "newest"}


def test_xlsx_export_writes_the_verification_time_in_wib(client, auth):
    umkm = register(client, auth, kecamatan="Metro Utara", kelurahan="Banjarsari")
    verified = client.post(f"/api/v1/umkm/{umkm['id']}/verify", headers=auth)
    assert verified.status_code == 200, verified.json
    xlsx = client.get("/api/v1/umkm/export.xlsx", query_string={"kecamatan": "Metro Utara"},
                      headers=auth)
    assert xlsx.status_code == 200, xlsx.get_data(as_text=True)[:300]
    rows = list(load_workbook(io.BytesIO(xlsx.data)).active.values)
    cell = rows[1][rows[0].index("verified_at")]
    expected = datetime.fromisoformat(verified.json["verified_at"]).astimezone(WIB)
    assert cell.replace(microsecond=0) == expected.replace(tzinfo=None, microsecond=0)


def test_who_may_export(client, auth, staff_token):
    register(client, auth)
    for role in (VIEWER, FIELD_OFFICER):
        assert client.get("/api/v1/umkm/export.csv", headers=staff_token(role)).status_code == 403
    masked = client.get("/api/v1/umkm/export.csv", headers=staff_token(BAZAAR_COORDINATOR))
    [row] = list(csv.DictReader(io.StringIO(masked.get_data(as_text=True).lstrip("\ufeff"))))
    assert "*" in row["nik"]
    bad = client.get("/api/v1/umkm/export.csv", query_string={"status": "hilang"}, headers=auth)
    assert bad.status_code == 422


def test_export_link_on_the_list_page_keeps_the_filters(client, auth):
    register(client, auth, kecamatan="Metro Selatan", kelurahan="Sumbersari")
    register(client, auth, kecamatan="Metro Utara", kelurahan="Banjarsari")
    login(client)
    html = client.get("/umkm?kecamatan=Metro+Selatan").get_data(as_text=True)
    assert 'data-testid="export-csv"' in html
    response = client.get("/umkm/export.csv?kecamatan=Metro+Selatan")
    lines = response.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert response.status_code == 200 and len(lines) == 2 and "Metro Selatan" in lines[1]


FORMULA_NAME = '=HYPERLINK("http://contoh.id/x","Klik di sini")'


def test_typed_text_is_never_a_formula_in_an_export(client, auth):
    """A business named like a formula (and every phone, "+62...") is text in the spreadsheet
    that opens the export: after an apostrophe in CSV, stored as text in XLSX."""
    made = register(client, auth, business_name=FORMULA_NAME, owner_name="@Sri Wahyuni",
                    kecamatan="Metro Selatan", kelurahan="Sumbersari")
    filters = {"kecamatan": "Metro Selatan"}
    text = client.get("/api/v1/umkm/export.csv", query_string=filters,
                      headers=auth).get_data(as_text=True)
    row = next(r for r in csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
               if r["id"] == made["id"])
    assert row["business_name"] == "'" + FORMULA_NAME
    assert row["owner_name"] == "'@Sri Wahyuni"
    assert row["phone"] == "'" + made["phone"] and made["phone"].startswith("+62")
    xlsx = client.get("/api/v1/umkm/export.xlsx", query_string=filters, headers=auth)
    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    headings = [cell.value for cell in sheet[1]]
    found = next(r for r in sheet.iter_rows(min_row=2) if r[headings.index("id")].value
                 == made["id"])
    name = found[headings.index("business_name")]
    assert (name.value, name.data_type) == (FORMULA_NAME, "s")
    assert found[headings.index("phone")].value == made["phone"]
