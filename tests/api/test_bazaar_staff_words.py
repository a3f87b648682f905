"""Bazaar staff pages name statuses, office kinds, sectors and stall categories in the staff's
words, in Indonesian and in English; the codes stay only in attributes."""

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


def text_of(html: str) -> str:
    """What the reader sees: the page without its tags and their attributes."""
    return re.sub(r"<[^>]+>", " ", html)


def partly_delivered_order(world) -> dict:
    office = world.client.post("/api/v1/batik/offices", headers=world.auth, json={
        "name": "Dinas Pendidikan", "kind": "opd"}).json
    order = world.client.post("/api/v1/batik/orders", headers=world.auth, json={
        "office_id": office["id"], "umkm_id": world.umkm(sector="batik"),
        "due_on": (today_wib() + timedelta(days=7)).isoformat(),
        "items": [{"item": "Kemeja batik Siger", "quantity": 4, "unit_price_idr": 250_000}]}).json
    delivered = world.client.post(f"/api/v1/batik/orders/{order['id']}/deliveries",
                                  headers=world.auth, json={"items": [
                                      {"item_id": order["items"][0]["id"], "quantity": 1}]})
    assert delivered.status_code == 201, delivered.json
    assert delivered.json["status"] == "partially_delivered"
    return order


def test_a_partly_delivered_order_and_the_status_filter_say_so(world):
    order = partly_delivered_order(world)
    orders = world.client.get("/batik/pesanan").get_data(as_text=True)
    assert '<option value="partially_delivered" >Dikirim sebagian</option>' in orders
    assert 'data-status="partially_delivered">Dikirim sebagian</span>' in orders
    assert "partially_delivered" not in text_of(orders)
    detail = world.client.get(f"/batik/pesanan/{order['id']}").get_data(as_text=True)
    assert 'data-testid="order-status">Dikirim sebagian<' in detail
    world.client.get("/lang/en")
    english = world.client.get("/batik/pesanan?status=partially_delivered").get_data(
        as_text=True)
    assert '<option value="partially_delivered" selected>Partly delivered</option>' in english
    assert "partially_delivered" not in text_of(english)


def test_office_kinds_in_staff_words_on_every_batik_page(world):
    order = partly_delivered_order(world)  # Dinas Pendidikan, an OPD, bought
    world.client.post("/api/v1/batik/offices", headers=world.auth, json={
        "name": "Kantor Pajak Pratama", "kind": "vertikal", "circular_letter": "S-12/PJ/2026"})
    offices = world.client.get("/batik/instansi").get_data(as_text=True)
    assert "<td>OPD</td>" in offices and "<td>Instansi vertikal</td>" in offices
    report = world.client.get("/batik").get_data(as_text=True)
    bought = report.split('data-testid="batik-office-table"')[1].split("</table>")[0]
    assert "<td>OPD</td>" in bought
    assert "Kantor Pajak Pratama <small class=\"muted\">(Instansi vertikal)</small>" in report
    detail = world.client.get(f"/batik/pesanan/{order['id']}").get_data(as_text=True)
    assert "Dinas Pendidikan (OPD)" in detail
    for page in (offices, report, detail):
        assert not re.search(r"[>(]\s*(opd|vertikal)\s*[<)]", page)  # a code in a cell
    world.client.get("/lang/en")
    english = world.client.get("/batik/instansi").get_data(as_text=True)
    assert "<td>Vertical institution</td>" in english
    report = world.client.get("/batik").get_data(as_text=True)
    assert "Kantor Pajak Pratama <small class=\"muted\">(Vertical institution)</small>" in report


def test_sectors_in_the_registrys_words_on_bazaar_and_market_pages(world):
    bazaar = world.bazaar(stalls=2, kuliner_stalls=0, sectors=["fashion", "kriya"])
    fashion, craft = world.umkm(sector="fashion"), world.umkm(sector="kriya")
    world.umkm(sector="kriya")  # eligible, offered in the apply form
    for umkm in (fashion, craft):
        assert world.apply(bazaar["id"], umkm).status_code == 201
    offered = world.client.get(f"/bazaars/{bazaar['id']}").get_data(as_text=True)
    assert " · Kriya (kerajinan, suvenir, tapis)</option>" in offered
    stalls = {i["umkm_id"]: i for i in world.allocate(bazaar["id"])["items"]}
    sold = world.client.put(
        f"/api/v1/bazaars/{bazaar['id']}/applications/{stalls[craft]['id']}/sales",
        headers=world.auth, json={"revenue_idr": 750_000, "units_sold": 12})
    assert sold.status_code == 200, sold.json
    page = world.client.get(f"/bazaars/{bazaar['id']}").get_data(as_text=True)
    assert "<dd>Fashion, Kriya (kerajinan, suvenir, tapis) ·" in page
    rows = page.split('data-testid="application-table"')[1].split("</table>")[0]
    assert "<td>Fashion</td>" in rows and "<td>Kriya (kerajinan, suvenir, tapis)</td>" in rows
    chart = page.split('data-testid="sector-revenue-chart"')[1].split("</figure>")[0]
    assert ">Kriya<" in chart and "kriya" not in chart
    assert not re.search(r"[>(]\s*(fashion|kriya)\s*[<)]", page)

    market = world.client.post("/api/v1/markets", headers=world.auth, json={
        "name": "Payungi", "venue": "Yosomulyo", "rule": "FREQ=DAILY",
        "first_date": today_wib().isoformat(), "starts_time": "06:00", "ends_time": "10:00",
        "spots": 1}).json
    world.client.post(f"/api/v1/markets/{market['id']}/vendors", headers=world.auth,
                      json={"umkm_id": craft})
    roster = world.client.get(f"/pasar/{market['id']}").get_data(as_text=True)
    assert "<td>Kriya (kerajinan, suvenir, tapis)</td>" in roster
    assert " · Fashion</option>" in roster  # offered as a vendor, with its sector's word
    day = world.client.get(f"/pasar/{market['id']}/hari/{today_wib().isoformat()}")
    assert "<td>Kriya (kerajinan, suvenir, tapis)</td>" in day.get_data(as_text=True)

    world.client.get("/lang/en")
    english = world.client.get(f"/bazaars/{bazaar['id']}").get_data(as_text=True)
    assert "<td>Crafts (handicrafts, souvenirs, tapis)</td>" in english
    assert ">Crafts<" in english.split('data-testid="sector-revenue-chart"')[1]


def test_messages_name_sectors_in_the_readers_words(world):
    bazaar = world.bazaar(sectors=["kuliner"])
    refused = world.apply(bazaar["id"], world.umkm(sector="kriya"))
    assert refused.status_code == 422
    assert refused.json["error"]["fields"]["umkm_id"] == (
        "Sektor Kriya (kerajinan, suvenir, tapis) tidak termasuk bazar ini.")
    assert world.apply(bazaar["id"], world.umkm(sector="kuliner")).status_code == 201
    narrowed = world.edit(bazaar["id"], sectors=["batik"],
                          headers=world.auth | {"Accept-Language": "en"})
    assert narrowed.status_code == 422
    assert "Culinary (food & beverages)" in narrowed.json["error"]["fields"]["sectors"]
    office = world.client.post("/api/v1/batik/offices", headers=world.auth, json={
        "name": "Dinas Sosial", "kind": "opd"}).json
    not_batik = world.client.post("/api/v1/batik/orders", headers=world.auth, json={
        "office_id": office["id"], "umkm_id": world.umkm(sector="fashion"),
        "due_on": (today_wib() + timedelta(days=3)).isoformat(),
        "items": [{"item": "Kemeja", "quantity": 1, "unit_price_idr": 100_000}]})
    assert not_batik.json["error"]["fields"]["umkm_id"].endswith("sektor UMKM ini Fashion.")


def test_stall_categories_and_decisions_in_the_readers_language(world):
    from services.bazaar.models import Application

    bazaar = world.bazaar(stalls=3, kuliner_stalls=2)
    food, craft = world.umkm(sector="kuliner"), world.umkm(sector="kriya")
    for umkm in (food, craft):
        world.apply(bazaar["id"], umkm)
    world.allocate(bazaar["id"])
    url = f"/bazaars/{bazaar['id']}"
    page = world.client.get(url).get_data(as_text=True)
    assert "<dd>3 (Kuliner: 2, Non-kuliner: 1)</dd>" in page
    assert ("Mendapat lapak N-01: 0 lapak dan 0 kali tidak hadir dalam 12 bulan terakhir; "
            "sektor Kriya (kerajinan, suvenir, tapis); urutan prioritas 1.") in page
    with world.service.uow() as unit:  # a decision stored before its facts were kept
        old = unit.session.query(Application).filter_by(umkm_id=food).one()
        old.decision, old.explanation = None, "Mendapat lapak K-01 (keputusan lama)."
        unit.commit()

    world.client.get("/lang/en")
    english = world.client.get(url).get_data(as_text=True)
    assert "<dd>3 (Food: 2, Non-food: 1)</dd>" in english
    assert ("Got stall N-01: 0 stall(s) and 0 no-show(s) in the last 12 months; sector "
            "Crafts (handicrafts, souvenirs, tapis); priority rank 1.") in english
    assert "Mendapat lapak K-01 (keputusan lama)." in english
    listed = world.client.get(f"/api/v1/bazaars/{bazaar['id']}/applications",
                              headers=world.auth | {"Accept-Language": "en"}).json["items"]
    assert {a["umkm_id"]: a["explanation"] for a in listed}[craft].startswith("Got stall N-01")


def test_messages_name_statuses_in_the_readers_words(world):
    english = world.auth | {"Accept-Language": "en"}
    scheduled = world.bazaar()
    closing = world.client.post(f"/api/v1/bazaars/{scheduled['id']}/close", headers=world.auth)
    assert closing.status_code == 409
    assert closing.json["error"]["message"].endswith("(status: Terjadwal).")
    closing = world.client.post(f"/api/v1/bazaars/{scheduled['id']}/close", headers=english)
    assert closing.json["error"]["message"].endswith("(status: Scheduled).")
    world.apply(scheduled["id"], world.umkm())
    world.allocate(scheduled["id"])
    late = world.apply(scheduled["id"], world.umkm())
    assert late.json["error"]["message"] == (
        "Pendaftaran bazar ini sudah ditutup (Lapak sudah dibagi).")
    assert world.client.post(f"/api/v1/bazaars/{scheduled['id']}/close",
                             headers=world.auth).status_code == 200
    again = world.cancel(scheduled["id"], {"reason": "Acara ditunda panitia"}, headers=english)
    assert again.json["error"]["message"] == "This bazaar cannot be cancelled (status: Closed)."
    edited = world.edit(scheduled["id"], title="Bazar Baru")
    assert edited.json["error"]["message"].endswith("(status: Selesai).")

    order = partly_delivered_order(world)
    recorded = world.client.post(f"/batik/pesanan/{order['id']}/pengiriman", data={
        "items-0-item_id": order["items"][0]["id"], "items-0-quantity": "1",
        "csrf_token": token_of(world.client.get(f"/batik/pesanan/{order['id']}").get_data(
            as_text=True))}, follow_redirects=True).get_data(as_text=True)
    assert "Pengiriman dicatat; status pesanan: Dikirim sebagian." in recorded
    url = f"/api/v1/batik/orders/{order['id']}"
    assert world.client.post(url + "/cancel", headers=world.auth,
                             json={"reason": "Anggaran dialihkan"}).status_code == 200
    twice = world.client.post(url + "/cancel", headers=world.auth, json={"reason": "Lagi"})
    assert twice.json["error"]["message"] == "Pesanan berstatus Dibatalkan tidak dapat dibatalkan."
    late = world.client.post(url + "/deliveries", headers=english, json={
        "items": [{"item_id": order["items"][0]["id"], "quantity": 1}]})
    assert late.json["error"]["message"] == "An order with status Cancelled cannot take deliveries."


def test_a_product_proposed_twice_names_its_status_in_words(app, auth, service_app):
    from tests.support.retail_world import RetailWorld

    world = RetailWorld(service_app("bazaar"), auth)
    partner = world.partner()
    umkm = world.umkm()
    assert world.propose(partner, umkm, "Keripik Pisang").status_code == 201
    twice = world.propose(partner, umkm, "keripik  pisang")
    assert twice.status_code == 409
    assert twice.json["error"]["message"].endswith("(status: Diusulkan).")


def test_the_menu_names_the_bazaars_and_a_column_one_bazaar(world):
    world.bazaar()
    world.client.get("/lang/en")
    page = world.client.get("/bazaars").get_data(as_text=True)
    assert ">Bazaars</a>" in page and "<th>Bazaar</th>" in page
    world.client.get("/lang/id")
    page = world.client.get("/bazaars").get_data(as_text=True)
    assert ">Bazar</a>" in page and "<th>Bazar</th>" in page
