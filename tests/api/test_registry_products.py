"""Products with certificates, the 60-day certificate notice (once), MB2 and the public
catalogue without login."""

from datetime import date, timedelta

from services.registry.usecases.products import announce_expiring_certificates
from tests.api.test_registry_pages import login, token_of
from tests.support.factories import registration

TODAY = date(2026, 11, 28)


def registered(client, auth, verify=True, **overrides) -> str:
    umkm_id = client.post("/api/v1/umkm", json=registration(**overrides), headers=auth).json["id"]
    if verify:
        client.post(f"/api/v1/umkm/{umkm_id}/verify", headers=auth)
    return umkm_id


def add(client, auth, umkm_id, **body):
    return client.post(f"/api/v1/umkm/{umkm_id}/products", headers=auth,
                       json={"name": "Keripik Pisang Coklat", "category": "Makanan Ringan",
                             "price_idr": 15000} | body)


def expiring(app) -> list[dict]:
    from sqlalchemy import select

    from services.registry.models import MESSAGING
    with app.extensions["registry"].uow(readonly=True) as uow:
        return [dict(p) for p in uow.session.execute(
            select(MESSAGING.outbox_event.c.payload).where(
                MESSAGING.outbox_event.c.type == "product.certificate_expiring")).scalars()]


def test_products_need_number_and_date_together(client, auth):
    umkm_id = registered(client, auth)
    bad = add(client, auth, umkm_id, name="", halal_number="ID1234", price_idr=-1,
              pirt_expires_on="2027-01-01")
    assert bad.status_code == 422
    assert {"name", "price_idr", "halal_expires_on", "pirt_number"} <= set(
        bad.json["error"]["fields"])
    good = add(client, auth, umkm_id, pirt_number="2061872010123-27",
               pirt_expires_on="2027-01-15")
    assert good.status_code == 201 and good.json["pirt_number"] == "2061872010123-27"
    listed = client.get(f"/api/v1/umkm/{umkm_id}/products", headers=auth).json
    assert [p["name"] for p in listed["items"]] == ["Keripik Pisang Coklat"]
    assert add(client, auth, "tidak-ada").status_code == 404


def test_certificates_expiring_within_60_days_are_announced_once(app, client, auth):
    umkm_id = registered(client, auth)
    soon = (TODAY + timedelta(days=45)).isoformat()
    later = (TODAY + timedelta(days=90)).isoformat()
    add(client, auth, umkm_id, pirt_number="P-1", pirt_expires_on=soon,
        halal_number="H-1", halal_expires_on=later)
    assert announce_expiring_certificates(app.extensions["registry"].uow, TODAY) == 1
    assert announce_expiring_certificates(app.extensions["registry"].uow, TODAY) == 0
    [event] = expiring(app)
    assert (event["certificate"], event["number"], event["days_left"]) == ("pirt", "P-1", 45)
    assert "nik" not in event
    # Thirty days on, the halal certificate enters the window too.
    later_day = TODAY + timedelta(days=31)
    assert announce_expiring_certificates(app.extensions["registry"].uow, later_day) == 1
    assert {e["certificate"] for e in expiring(app)} == {"pirt", "halal"}


def test_public_catalogue_shows_verified_mb2_products_only(client, auth):
    member = registered(client, auth, business_name="Tapis Mutiara")
    pending = registered(client, auth, verify=False, business_name="Belum Diverifikasi")
    outsider = registered(client, auth, business_name="Bukan Anggota")
    for umkm_id in (member, pending, outsider):
        add(client, auth, umkm_id, name=f"Produk {umkm_id[:4]}", category="kriya")
    for umkm_id in (member, pending):
        answer = client.put(f"/api/v1/umkm/{umkm_id}/mb2", json={"member": True}, headers=auth)
        assert answer.json["mb2_member"] is True
    public = client.application.test_client()  # no login, no token
    answer = public.get("/api/v1/catalogue")
    assert answer.status_code == 200, answer.get_data(as_text=True)[:500]
    found = answer.json
    assert [i["business_name"] for i in found["items"]] == ["Tapis Mutiara"]
    assert found["items"][0]["phone"].startswith("+62") and found["categories"] == ["kriya"]
    assert public.get("/api/v1/catalogue?q=tidak-ada").json["items"] == []
    page = public.get("/katalog?category=kriya")
    assert page.status_code == 200 and "Tapis Mutiara" in page.get_data(as_text=True)
    assert "Belum Diverifikasi" not in page.get_data(as_text=True)


def test_product_form_and_mb2_button_on_the_umkm_page(client, auth):
    umkm_id = registered(client, auth)
    login(client)
    detail = client.get(f"/umkm/{umkm_id}").get_data(as_text=True)
    assert 'data-testid="mb2-toggle"' in detail
    form = client.get(f"/umkm/{umkm_id}/products/new").get_data(as_text=True)
    bad = client.post(f"/umkm/{umkm_id}/products/new", data={
        "name": "Kopi Robusta", "category": "minuman", "bpom_number": "MD 123",
        "csrf_token": token_of(form)})
    assert bad.status_code == 422 and 'data-field="bpom_expires_on"' in bad.get_data(
        as_text=True)
    good = client.post(f"/umkm/{umkm_id}/products/new", data={
        "name": "Kopi Robusta", "category": "minuman", "price_idr": "25.000",
        "csrf_token": token_of(form)}, follow_redirects=True).get_data(as_text=True)
    assert "Kopi Robusta" in good
    joined = client.post(f"/umkm/{umkm_id}/mb2", data={"member": "1",
                                                       "csrf_token": token_of(good)},
                         follow_redirects=True).get_data(as_text=True)
    assert "Keluarkan dari MB2" in joined


def test_texts_longer_than_the_record_holds_are_422_on_every_database(any_app):
    _, client = any_app
    umkm_id = registered(client, client.auth)
    bad = add(client, client.auth, umkm_id, halal_number="ID" + "1" * 70,
              halal_expires_on="2027-01-01", photo_url="https://example.id/" + "a" * 500)
    assert bad.status_code == 422, bad.json
    assert set(bad.json["error"]["fields"]) == {"halal_number", "photo_url"}
    assert bad.json["error"]["fields"]["halal_number"] == "Paling banyak 60 karakter."
    assert client.get(f"/api/v1/umkm/{umkm_id}/products",
                      headers=client.auth).json["items"] == []  # nothing half-written
    login(client)
    page = client.get(f"/umkm/{umkm_id}/products/new").get_data(as_text=True)
    form = client.post(f"/umkm/{umkm_id}/products/new", data={
        "name": "K" * 5000, "category": "Makanan Ringan", "csrf_token": token_of(page)})
    assert form.status_code == 422
    assert 'data-field="name">Paling banyak 160 karakter.' in form.get_data(as_text=True)


def test_the_whole_catalogue_can_be_browsed_a_page_at_a_time(client, auth):
    """The catalogue gave its first 500 products and no more: the 501st was never shown."""
    member = registered(client, auth, business_name="Anyaman Ratna")
    for n in range(505):
        assert add(client, auth, member, name=f"Tikar {n:03d}", category="kriya").status_code \
            == 201
    assert client.put(f"/api/v1/umkm/{member}/mb2", json={"member": True},
                      headers=auth).status_code == 200
    public = client.application.test_client()
    last = public.get("/api/v1/catalogue", query_string={"page": 6, "per_page": 100}).json
    assert (last["total"], last["page"], last["per_page"]) == (505, 6, 100)
    assert [i["product"] for i in last["items"]] == [f"Tikar {n}" for n in range(500, 505)]
    first = public.get("/api/v1/catalogue").json
    assert len(first["items"]) == 20 and first["items"][0]["product"] == "Tikar 000"
    assert public.get("/api/v1/catalogue", query_string={"q": "tikar 504"}).json["total"] == 1
    bad = public.get("/api/v1/catalogue", query_string={"page": 0, "per_page": 500})
    assert bad.status_code == 422 and set(bad.json["error"]["fields"]) == {"page", "per_page"}
    page = public.get("/katalog", query_string={"page": 11}).get_data(as_text=True)
    assert "Tikar 504" in page and "Tikar 479" not in page
    assert "Halaman 11 dari 11" in page
    assert "Tidak ada produk yang cocok." in public.get(
        "/katalog", query_string={"q": "tidak-ada"}).get_data(as_text=True)
