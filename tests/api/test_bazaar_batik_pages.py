"""Friday local batik staff pages: offices with errors beside fields, an order with item rows,
deliveries and cancellation, and the report with its charts."""

import re
from datetime import timedelta

import pytest

from services.kernel.clock import today_wib
from tests.api.test_bazaar_market_pages import signed_in, token_of
from tests.conftest import ADMIN_EMAIL, ADMIN_PASSWORD
from tests.support.bazaar_world import BazaarWorld


@pytest.fixture
def world(app, auth, service_app):
    return signed_in(app, BazaarWorld(service_app("bazaar"), auth), ADMIN_EMAIL, ADMIN_PASSWORD)


def fields_in(html: str) -> set[str]:
    return set(re.findall(r'data-field="([a-z_0-9-]+)"', html))


def test_offices_orders_deliveries_and_the_report(world):
    page = world.client.get("/batik/instansi").get_data(as_text=True)
    assert 'data-testid="office-form"' in page
    bad = world.client.post("/batik/instansi", data={
        "name": "Kantor Pajak", "kind": "vertikal", "csrf_token": token_of(page)})
    assert bad.status_code == 422 and "circular_letter" in fields_in(bad.get_data(as_text=True))
    for name, kind, letter in (("Dinas Pendidikan", "opd", ""),
                               ("Dinas Kesehatan", "opd", ""),
                               ("Kantor Pajak", "vertikal", "S-12/PJ/2025")):
        added = world.client.post("/batik/instansi", data={
            "name": name, "kind": kind, "circular_letter": letter, "active": "y",
            "csrf_token": token_of(page)}, follow_redirects=True).get_data(as_text=True)
        assert f"Instansi {name} ditambahkan" in added
    maker = world.umkm(sector="batik")
    world.umkm(sector="kuliner")
    people = world.client.get("/batik/perajin").get_data(as_text=True)
    assert people.count("data-umkm=") == 1 and maker in people

    form = world.client.get("/batik/pesanan/baru").get_data(as_text=True)
    assert maker in form and form.count('data-testid="order-line"') == 3
    office_id = re.search(r'<option value="([^"]+)">Dinas Pendidikan</option>', form).group(1)
    today = today_wib()
    base = {"office_id": office_id, "umkm_id": maker, "ordered_on": today.isoformat(),
            "due_on": (today + timedelta(days=14)).isoformat(), "csrf_token": token_of(form)}
    bad = world.client.post("/batik/pesanan/baru", data=base | {
        "due_on": (today - timedelta(days=1)).isoformat(),
        "items-0-item": "Kemeja batik", "items-0-quantity": "0",
        "items-0-unit_price_idr": "250.000",
        "items-2-item": "Kain", "items-2-quantity": "2", "items-2-unit_price_idr": "abc"})
    assert bad.status_code == 422
    html = bad.get_data(as_text=True)
    assert "items-2-unit_price_idr" in fields_in(html)  # a typing error, shown at once
    bad = world.client.post("/batik/pesanan/baru", data=base | {
        "due_on": (today - timedelta(days=1)).isoformat(),
        "items-0-item": "Kemeja batik", "items-0-quantity": "0",
        "items-0-unit_price_idr": "250.000",
        "items-2-item": "K", "items-2-quantity": "2", "items-2-unit_price_idr": "100.000"})
    assert bad.status_code == 422
    assert {"due_on", "items-0-quantity", "items-2-item"} <= fields_in(bad.get_data(as_text=True))
    created = world.client.post("/batik/pesanan/baru", data=base | {
        "items-0-item": "Kemeja batik Siger", "items-0-quantity": "10",
        "items-0-unit_price_idr": "Rp 250.000"})
    assert created.status_code == 302
    order_url = created.headers["Location"]
    detail = world.client.get(order_url).get_data(as_text=True)
    assert 'data-testid="delivery-form"' in detail and "Rp2.500.000" in detail
    too_many = world.client.post(order_url + "/pengiriman", data={
        "delivered_on": today.isoformat(), "items-0-item_id": re.search(
            r'name="items-0-item_id" type="hidden" value="([^"]+)"', detail).group(1),
        "items-0-quantity": "11", "csrf_token": token_of(detail)})
    assert too_many.status_code == 422
    assert "items-0-quantity" in fields_in(too_many.get_data(as_text=True))
    item_id = re.search(r'name="items-0-item_id" type="hidden" value="([^"]+)"',
                        detail).group(1)
    partly = world.client.post(order_url + "/pengiriman", data={
        "delivered_on": today.isoformat(), "items-0-item_id": item_id, "items-0-quantity": "4",
        "csrf_token": token_of(detail)}, follow_redirects=True).get_data(as_text=True)
    assert "status pesanan: Dikirim sebagian." in partly
    assert 'data-status="partially_delivered" data-testid="order-status">Dikirim sebagian<' in \
        partly and 'data-testid="delivered-quantity">4<' in partly
    no_reason = world.client.post(order_url + "/batal", data={
        "reason": "", "csrf_token": token_of(partly)})
    assert no_reason.status_code == 422
    assert "reason" in fields_in(no_reason.get_data(as_text=True))
    cancelled = world.client.post(order_url + "/batal", data={
        "reason": "Anggaran dialihkan", "csrf_token": token_of(partly)},
        follow_redirects=True).get_data(as_text=True)
    assert 'data-status="cancelled" data-testid="order-status">Dibatalkan<' in cancelled
    assert 'data-testid="delivery-form"' not in cancelled

    report = world.client.get("/batik").get_data(as_text=True)
    assert 'data-testid="batik-office-chart"' in report and "<svg" in report
    assert 'data-testid="batik-month-chart"' in report
    assert "Rp1.000.000" in report  # the four shirts that came before the cancellation
    no_purchase = report.split('data-testid="batik-no-purchase"')[1]
    assert "Dinas Kesehatan" in no_purchase and "Kantor Pajak" in no_purchase
    assert "Dinas Pendidikan" not in no_purchase
    assert "cdn" not in report.lower()
    orders = world.client.get("/batik/pesanan").get_data(as_text=True)
    assert 'data-testid="order-table"' in orders and "Dinas Pendidikan" in orders


def test_a_closed_order_says_why_instead_of_a_hidden_form(world):
    office = world.client.post("/api/v1/batik/offices", headers=world.auth, json={
        "name": "Dinas Sosial", "kind": "opd"}).json
    placed = world.client.post("/api/v1/batik/orders", headers=world.auth, json={
        "office_id": office["id"], "umkm_id": world.umkm(sector="batik"),
        "due_on": (today_wib() + timedelta(days=5)).isoformat(),
        "items": [{"item": "Kemeja batik", "quantity": 2, "unit_price_idr": 200_000}]}).json
    url = f"/batik/pesanan/{placed['id']}"
    page = world.client.get(url).get_data(as_text=True)
    world.client.post(f"/api/v1/batik/orders/{placed['id']}/cancel", headers=world.auth,
                      json={"reason": "Anggaran dialihkan"})
    late = world.client.post(url + "/pengiriman", data={
        "items-0-item_id": placed["items"][0]["id"], "items-0-quantity": "2",
        "csrf_token": token_of(page)}, follow_redirects=True).get_data(as_text=True)
    assert "tidak dapat menerima pengiriman" in late
    again = world.client.post(url + "/batal", data={"reason": "Lagi", "csrf_token": token_of(
        page)}, follow_redirects=True).get_data(as_text=True)
    assert "tidak dapat dibatalkan" in again
    assert world.client.get("/batik/pesanan/tidak-ada").status_code == 404
