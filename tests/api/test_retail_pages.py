"""Retail partner staff pages: errors beside the fields, the checklist and status buttons, the
sales form and the charts, read-only for viewers."""

import re
from datetime import timedelta

import pytest

from services.kernel.clock import today_wib
from services.kernel.identity import VIEWER
from tests.conftest import ADMIN_EMAIL, ADMIN_PASSWORD
from tests.support.retail_world import NOTES, RetailWorld
from tests.support.sessions import sign_in as signed_in


def token_of(html: str) -> str:
    return re.search(r'name="[a-z]*-?csrf_token"[^>]*value="([^"]+)"', html).group(1)


@pytest.fixture
def world(app, auth, service_app):
    world = RetailWorld(service_app("bazaar"), auth)
    signed_in(app, world.client, ADMIN_EMAIL, ADMIN_PASSWORD)
    return world


def test_partners_page_add_a_partner_with_errors_beside_fields(world):
    page = world.client.get("/mitra-ritel").get_data(as_text=True)
    for name in ("Alfamart", "Alfamidi", "Indomaret", "Delfan", "PB Swalayan", "Chandra"):
        assert f'data-partner="{name}"' in page
    assert 'data-testid="partner-revenue-chart"' in page and "<svg" in page
    bad = world.client.post("/mitra-ritel", data={"name": "", "csrf_token": token_of(page)})
    assert bad.status_code == 422 and 'data-field="name"' in bad.get_data(as_text=True)
    dup = world.client.post("/mitra-ritel", data={"name": "alfamart",
                                                  "csrf_token": token_of(page)})
    assert dup.status_code == 422 and "Sudah ada." in dup.get_data(as_text=True)
    made = world.client.post("/mitra-ritel", data={"name": "Toko Oleh-oleh Metro",
                                                   "csrf_token": token_of(page)})
    assert made.status_code == 302 and "/mitra-ritel/" in made.headers["Location"]
    assert "Toko Oleh-oleh Metro" in world.client.get(made.headers["Location"]).get_data(
        as_text=True)
    world.client.get("/lang/en")
    english = world.client.get("/mitra-ritel").get_data(as_text=True)
    assert "Retail partners" in english and "Sales per partner" in english


def test_partner_page_mou_outlet_and_placement_forms(world):
    partner = world.seeded("Indomaret")
    url = f"/mitra-ritel/{partner['id']}"
    page = world.client.get(url).get_data(as_text=True)
    assert 'data-testid="mou-form"' in page and 'data-testid="placement-form"' in page
    today = today_wib()
    mou = {"number": "510/77/D.4/2027", "signed_on": today.isoformat(),
           "expires_on": (today - timedelta(days=1)).isoformat(), "contact_name": "Rina",
           "contact_phone": "0812-7000-1234", "csrf_token": token_of(page)}
    bad = world.client.post(url + "/mou", data=mou)
    html = bad.get_data(as_text=True)
    assert bad.status_code == 422 and 'data-field="expires_on"' in html
    assert 'data-field="signed_on"' not in html
    mou["expires_on"] = (today + timedelta(days=365)).isoformat()
    good = world.client.post(url + "/mou", data=mou, follow_redirects=True)
    assert "510/77/D.4/2027" in good.get_data(as_text=True)
    umkm = world.umkm()
    outlet = world.client.post(url + "/gerai", data={"name": "Indomaret Yosomulyo",
                                                     "csrf_token": token_of(page)},
                               follow_redirects=True).get_data(as_text=True)
    assert "Indomaret Yosomulyo" in outlet
    assert umkm in outlet  # offered in the placement form
    empty = world.client.post(url + "/penempatan", data={"umkm_id": "", "product_name": "K",
                                                         "csrf_token": token_of(page)})
    html = empty.get_data(as_text=True)
    assert empty.status_code == 422
    assert 'data-field="umkm_id"' in html and 'data-field="product_name"' in html
    proposed = world.client.post(url + "/penempatan", data={
        "umkm_id": umkm, "product_name": "Kopi Robusta Metro 200 g",
        "csrf_token": token_of(page)})
    assert proposed.status_code == 302 and "/penempatan/" in proposed.headers["Location"]


def test_placement_page_checklist_status_buttons_and_sales(world):
    partner = world.partner()
    world.mou(partner["id"])
    placement = world.propose(partner).json
    url = f"/penempatan/{placement['id']}"
    page = world.client.get(url).get_data(as_text=True)
    assert 'data-testid="blockers"' in page and 'data-testid="move-curated"' in page
    assert 'data-testid="retail-sales-form"' not in page  # not listed yet
    token = token_of(page)
    world.client.post(f"{url}/status/curated", data={"csrf_token": token})
    blocked = world.client.post(f"{url}/status/listed", data={"csrf_token": token},
                                follow_redirects=True).get_data(as_text=True)
    assert "Daftar kesiapan belum lengkap" in blocked and "P-IRT" in blocked
    assert 'data-status="curated"' in blocked
    no_note = world.client.post(f"{url}/kesiapan/halal", data={
        "halal-checked": "y", "halal-note": "", "halal-csrf_token": token})
    assert no_note.status_code == 422 and 'data-field="note"' in no_note.get_data(as_text=True)
    no_reason = world.client.post(f"{url}/kesiapan/bpom", data={
        "bpom-not_applicable": "y", "bpom-note": "", "bpom-csrf_token": token})
    html = no_reason.get_data(as_text=True)
    assert no_reason.status_code == 422 and 'data-field="note"' in html
    assert "tidak berlaku untuk produk ini" in html
    both = world.client.post(f"{url}/kesiapan/bpom", data={
        "bpom-checked": "y", "bpom-not_applicable": "y", "bpom-note": "MD 1",
        "bpom-csrf_token": token}).get_data(as_text=True)
    assert 'data-field="not_applicable"' in both and 'value="MD 1"' in both  # kept as typed
    # Each error is read with its field (the row's fields carry the item as their prefix).
    assert 'id="bpom-note-error"' in html and 'aria-describedby="bpom-note-error"' in html
    assert 'id="bpom-not_applicable-error"' in both
    assert 'aria-describedby="bpom-not_applicable-error"' in both
    for item, note in NOTES.items():
        done = world.client.post(f"{url}/kesiapan/{item}", data={
            f"{item}-checked": "y", f"{item}-note": note, f"{item}-csrf_token": token})
        assert done.status_code == 302, item
    not_applicable = world.client.post(f"{url}/kesiapan/bpom", data={
        "bpom-not_applicable": "y", "bpom-note": "Produk P-IRT", "bpom-csrf_token": token},
        follow_redirects=True).get_data(as_text=True)
    assert 'data-testid="check-bpom" data-checked="no" data-applies="no"' in not_applicable
    assert "(tidak berlaku)" in not_applicable and 'data-testid="checklist-state">lengkap' in \
        not_applicable
    listed = world.client.post(f"{url}/status/listed", data={"csrf_token": token},
                               follow_redirects=True).get_data(as_text=True)
    assert 'data-status="listed"' in listed and 'data-testid="retail-sales-form"' in listed
    this_month = f"{today_wib():%Y-%m}"
    bad = world.client.post(f"{url}/penjualan", data={"month": "", "units": "-2",
                                                      "revenue_idr": "banyak",
                                                      "csrf_token": token})
    html = bad.get_data(as_text=True)
    assert bad.status_code == 422
    assert all(f'data-field="{f}"' in html for f in ("month", "units", "revenue_idr"))
    sold = world.client.post(f"{url}/penjualan", data={
        "month": this_month, "units": "12", "revenue_idr": "Rp 180.000",
        "csrf_token": token}, follow_redirects=True).get_data(as_text=True)
    assert "dicatat" in sold and "Rp180.000" in sold
    assert 'data-testid="placement-sales-chart"' in sold
    fixed = world.client.post(f"{url}/penjualan", data={
        "month": this_month, "units": "14", "revenue_idr": "210.000",
        "csrf_token": token}, follow_redirects=True).get_data(as_text=True)
    assert "dikoreksi" in fixed and "Rp210.000" in fixed and "Rp180.000" not in fixed
    partner_page = world.client.get(f"/mitra-ritel/{partner['id']}").get_data(as_text=True)
    assert 'data-testid="partner-monthly-chart"' in partner_page
    totals = world.client.get("/mitra-ritel").get_data(as_text=True)
    assert "Rp210.000" in totals


def test_viewers_see_the_pages_without_forms(app, world):
    from services.registry.usecases.staff import create_staff

    placement = world.ready_to_list()
    viewer = world.app.test_client()
    create_staff(app.extensions["registry"].uow, "pembaca@example.id", "Pembaca",
                 "kata-sandi-uji-123", [VIEWER])
    signed_in(app, viewer, "pembaca@example.id", "kata-sandi-uji-123")
    page = viewer.get(f"/penempatan/{placement['id']}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and 'data-testid="checklist"' in html
    assert 'data-testid="status-form"' not in html
    partner = viewer.get(f"/mitra-ritel/{placement['partner_id']}").get_data(as_text=True)
    assert 'data-testid="mou-form"' not in partner
    refused = viewer.post(f"/penempatan/{placement['id']}/status/listed",
                          data={"csrf_token": token_of(html)})
    assert refused.status_code == 403
    assert viewer.post("/mitra-ritel", data={"name": "Toko",
                                             "csrf_token": token_of(html)}).status_code == 403
