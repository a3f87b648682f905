"""Likely duplicates: the list, merging (products, timeline, gaps, events) and dismissing."""

from datetime import timedelta

from sqlalchemy import select

from services.kernel.clock import utcnow
from services.kernel.identity import VIEWER
from services.registry.models import AuditEntry
from tests.api.test_registry_pages import login, token_of
from tests.api.test_registry_status import events, register
from tests.api.test_registry_timeline import _deliver


def _pairs(client, auth):
    answer = client.get("/api/v1/duplicates", headers=auth)
    assert answer.status_code == 200, answer.json
    return answer.json


def test_same_phone_and_similar_names_are_listed_with_reasons(client, auth):
    a = register(client, auth, business_name="Keripik Pisang Bu Sri", phone="081211110000",
                 kecamatan="Metro Pusat", kelurahan="Imopuro")
    b = register(client, auth, business_name="Keripik Pisang Bu Sry", phone="081211110001",
                 kecamatan="Metro Pusat", kelurahan="Imopuro")
    c = register(client, auth, business_name="Bengkel Las Jaya", phone="081211110000")
    register(client, auth, business_name="Kopi Robusta Tejosari", phone="081211119999")
    listed = _pairs(client, auth)
    pairs = {frozenset((p["a"]["id"], p["b"]["id"])): p for p in listed["items"]}
    assert set(pairs) == {frozenset((a, b)), frozenset((a, c))}
    assert pairs[frozenset((a, b))]["reasons"] == ["similar_name"]
    assert pairs[frozenset((a, c))]["reasons"] == ["same_phone"]
    assert listed["total"] == 2 and listed["page"] == 1


def test_merge_moves_products_and_timeline_fills_gaps_and_announces(app, client, auth):
    keep = register(client, auth, business_name="Tapis Indah", phone="081222220000")
    drop = register(client, auth, business_name="Tapis Indah", phone="081222220001",
                    nib="1234567890123", kbli="13921", email=None)
    product = client.post(f"/api/v1/umkm/{drop}/products", headers=auth,
                          json={"name": "Kain Tapis", "category": "kain", "price_idr": 750000})
    assert product.status_code == 201, product.json
    _deliver(app, "bazaar.stall_allocated", utcnow(), umkm_id=drop)
    merged = client.post("/api/v1/duplicates/merge", headers=auth,
                         json={"keep_id": keep, "drop_id": drop})
    assert merged.status_code == 200, merged.json
    assert merged.json["took"] == ["kbli", "nib"]
    kept = client.get(f"/api/v1/umkm/{keep}", headers=auth).json
    gone = client.get(f"/api/v1/umkm/{drop}", headers=auth).json
    assert (kept["nib"], kept["kbli"]) == ("1234567890123", "13921")
    assert gone["status"] == "inactive" and gone["nib"] is None
    assert "Tapis Indah" in gone["status_reason"]
    products = client.get(f"/api/v1/umkm/{keep}/products", headers=auth).json["items"]
    assert [p["name"] for p in products] == ["Kain Tapis"]
    timeline = client.get(f"/api/v1/umkm/{keep}/activity", headers=auth).json
    assert [i["kind"] for i in timeline["items"]] == ["bazaar.stall_allocated"]
    assert [p["umkm_id"] for p in events(app, "umkm.deactivated")] == [drop]
    [updated] = events(app, "umkm.updated")
    assert updated["umkm_id"] == keep and updated["changed"] == ["kbli", "nib"]
    assert _pairs(client, auth)["total"] == 0  # the merged record is no longer proposed
    # a merged record is not merged, edited or reactivated again
    again = client.post("/api/v1/duplicates/merge", headers=auth,
                        json={"keep_id": keep, "drop_id": drop})
    assert again.status_code == 409
    assert client.patch(f"/api/v1/umkm/{drop}", headers=auth,
                        json={"phone": "081300000000"}).status_code == 409
    assert client.post(f"/api/v1/umkm/{drop}/reactivate", headers=auth).status_code == 409
    with app.extensions["registry"].uow(readonly=True) as uow:
        assert uow.session.execute(select(AuditEntry.detail).where(
            AuditEntry.action == "umkm.merge")).scalar() == {"merged": drop,
                                                             "took": ["kbli", "nib"]}


def test_the_same_bazaar_stall_in_both_timelines_is_kept_once(app, client, auth):
    keep = register(client, auth, business_name="Kopi Metro", phone="081233330000")
    drop = register(client, auth, business_name="Kopi Metro", phone="081233330001")
    now = utcnow()
    _deliver(app, "bazaar.stall_allocated", now, umkm_id=keep)
    _deliver(app, "bazaar.stall_allocated", now + timedelta(seconds=1), umkm_id=drop)
    assert client.post("/api/v1/duplicates/merge", headers=auth,
                       json={"keep_id": keep, "drop_id": drop}).status_code == 200
    assert client.get(f"/api/v1/umkm/{keep}/activity", headers=auth).json["total"] == 1


def test_events_about_a_merged_record_land_on_the_one_kept(app, client, auth):
    keep = register(client, auth, business_name="Kopi Metro", phone="081233330010")
    drop = register(client, auth, business_name="Kopi Metro", phone="081233330011")
    now = utcnow()
    assert client.post("/api/v1/duplicates/merge", headers=auth,
                       json={"keep_id": keep, "drop_id": drop}).status_code == 200
    # the bazaar still knows the old record: its stall and sales come with the old id
    assert _deliver(app, "bazaar.stall_allocated", now, umkm_id=drop) == "processed"
    assert _deliver(app, "bazaar.sales_reported", now, umkm_id=drop,
                    revenue_idr=640_000) == "processed"
    kept = client.get(f"/api/v1/umkm/{keep}/activity", headers=auth).json
    assert {item["kind"] for item in kept["items"]} == {"bazaar.stall_allocated",
                                                        "bazaar.sales_reported"}
    assert client.get(f"/api/v1/umkm/{drop}/activity", headers=auth).json["total"] == 0


def test_not_a_duplicate_is_remembered(client, auth):
    a = register(client, auth, business_name="Warung Makan Barokah")
    b = register(client, auth, business_name="Warung Makan Barokah")
    assert _pairs(client, auth)["total"] == 1
    for _ in range(2):  # twice is still once
        assert client.post("/api/v1/duplicates/dismiss", headers=auth,
                           json={"a_id": b, "b_id": a}).status_code == 204
    assert _pairs(client, auth)["total"] == 0


def test_bad_requests_are_clear(client, auth, staff_token):
    a = register(client, auth)
    same = client.post("/api/v1/duplicates/merge", headers=auth, json={"keep_id": a,
                                                                       "drop_id": a})
    assert same.status_code == 422 and "drop_id" in same.json["error"]["fields"]
    missing = client.post("/api/v1/duplicates/merge", headers=auth, json={"keep_id": a})
    assert missing.status_code == 422 and "drop_id" in missing.json["error"]["fields"]
    # an id in the body that names no UMKM is a field to correct, like any other
    unknown = client.post("/api/v1/duplicates/dismiss", headers=auth,
                          json={"a_id": a, "b_id": "nope"})
    assert unknown.status_code == 422
    assert unknown.json["error"]["fields"] == {"b_id": "UMKM tidak ditemukan."}
    neither = client.post("/api/v1/duplicates/merge", headers=auth,
                          json={"keep_id": "tidak-ada", "drop_id": "juga-tidak"})
    assert neither.status_code == 422 and set(neither.json["error"]["fields"]) == {
        "keep_id", "drop_id"}
    # the same record twice is told on the body's own second field
    same_pair = client.post("/api/v1/duplicates/dismiss", headers=auth,
                            json={"a_id": a, "b_id": a})
    assert same_pair.status_code == 422 and set(same_pair.json["error"]["fields"]) == {"b_id"}
    assert client.get("/api/v1/duplicates", headers=staff_token(VIEWER)).status_code == 403


def test_the_page_merges_and_dismisses(app, client, auth):
    keep = register(client, auth, business_name="Batik Tulis Sekar")
    drop = register(client, auth, business_name="Batik Tulis Sekar")
    other = register(client, auth, business_name="Bakso Pak Kumis", phone="081244440000")
    twin = register(client, auth, business_name="Bakso Pak Kumis", phone="081244440001")
    login(client)
    page = client.get("/duplikat").get_data(as_text=True)
    assert page.count('data-testid="duplicate-pair"') == 2
    token = token_of(page)
    done = client.post("/duplikat/gabung", data={"csrf_token": token, "keep_id": keep,
                                                "drop_id": drop}, follow_redirects=True)
    assert "digabungkan ke Batik Tulis Sekar" in done.get_data(as_text=True)
    client.post("/duplikat/bukan", data={"csrf_token": token, "a_id": other, "b_id": twin})
    assert "Tidak ada kemungkinan data ganda" in client.get("/duplikat").get_data(as_text=True)
    assert client.get(f"/api/v1/umkm/{drop}", headers=auth).json["status"] == "inactive"
