"""Product photos: checked, web-sized and stripped of metadata, stored with the product in one
transaction, served with a versioned address; public only where the catalogue shows them."""

import io

from PIL import Image

from services.kernel.identity import VIEWER
from services.registry.models import Product
from tests.api.test_registry_pages import login, token_of
from tests.api.test_registry_status import register


def picture(kind="JPEG", size=(3000, 2000), gps=False) -> bytes:
    image = Image.new("RGB", size, (200, 120, 40))
    out = io.BytesIO()
    if gps and kind == "JPEG":
        exif = Image.Exif()
        exif[0x8825] = {1: "S", 2: (5.0, 6.0, 47.0)}  # GPS info: the owner's home
        exif[0x010F] = "PhoneMaker"
        image.save(out, kind, exif=exif)
    else:
        image.save(out, kind)
    return out.getvalue()


def _product(client, auth, umkm_id, **body):
    answer = client.post(f"/api/v1/umkm/{umkm_id}/products", headers=auth,
                         json={"name": "Keripik Pisang", "category": "makanan ringan", **body})
    assert answer.status_code == 201, answer.json
    return answer.json


def _upload(client, auth, umkm_id, product_id, content, name="foto.jpg"):
    return client.put(f"/api/v1/umkm/{umkm_id}/products/{product_id}/photo", headers=auth,
                      data={"photo": (io.BytesIO(content), name)},
                      content_type="multipart/form-data")


def test_an_upload_is_web_sized_and_loses_its_metadata(app, client, auth):
    umkm_id = register(client, auth)
    product = _product(client, auth, umkm_id)
    original = picture(gps=True)
    assert Image.open(io.BytesIO(original)).getexif()
    answer = _upload(client, auth, umkm_id, product["id"], original)
    assert answer.status_code == 200, answer.json
    assert (answer.json["width"], answer.json["height"]) == (1600, 1067)
    listed = client.get(f"/api/v1/umkm/{umkm_id}/products", headers=auth).json["items"][0]
    assert f"/katalog/foto/{product['id']}?v={answer.json['etag']}" in listed["photo_url"]
    served = client.get(f"/katalog/foto/{product['id']}?v={answer.json['etag']}",
                        headers=auth)
    assert served.status_code == 200 and served.mimetype == "image/jpeg"
    stored = Image.open(io.BytesIO(served.data))
    assert stored.size == (1600, 1067) and not stored.getexif()
    again = client.get(f"/katalog/foto/{product['id']}", headers={
        **auth, "If-None-Match": served.headers["ETag"].strip('"')})
    assert again.status_code == 304
    png = _upload(client, auth, umkm_id, product["id"], picture("PNG", (300, 200)), "f.png")
    assert png.status_code == 200 and png.json["etag"] != answer.json["etag"]


def test_bad_uploads_are_refused_beside_the_field(client, auth):
    umkm_id = register(client, auth)
    product = _product(client, auth, umkm_id)
    cases = [b"", b"MZ\x90\x00 a program", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
             b"%PDF-1.4 a document"]
    for content in cases:
        answer = _upload(client, auth, umkm_id, product["id"], content)
        assert answer.status_code == 422, content[:10]
        assert set(answer.json["error"]["fields"]) == {"photo"}
    missing = client.put(f"/api/v1/umkm/{umkm_id}/products/{product['id']}/photo",
                         headers=auth, data={}, content_type="multipart/form-data")
    assert missing.status_code == 422 and "photo" in missing.json["error"]["fields"]
    elsewhere = register(client, auth)
    assert _upload(client, auth, elsewhere, product["id"], picture()).status_code == 404
    assert client.get(f"/katalog/foto/{product['id']}", headers=auth).status_code == 404


def test_photos_are_public_only_where_the_catalogue_shows_them(app, client, auth,
                                                             staff_token):
    umkm_id = register(client, auth)
    product = _product(client, auth, umkm_id)
    assert _upload(client, auth, umkm_id, product["id"], picture()).status_code == 200
    assert _upload(client, staff_token(VIEWER), umkm_id, product["id"],
                   picture()).status_code == 403
    url = f"/katalog/foto/{product['id']}"
    assert app.test_client().get(url).status_code == 404  # pending, not MB2: not public
    client.post(f"/api/v1/umkm/{umkm_id}/verify", headers=auth)
    client.put(f"/api/v1/umkm/{umkm_id}/mb2", headers=auth, json={"member": True})
    public = app.test_client()
    assert public.get(url).status_code == 200
    catalogue = public.get("/api/v1/catalogue").json["items"]
    assert catalogue[0]["photo_url"].split("?")[0].endswith(url)
    assert 'class="thumb"' in public.get("/katalog").get_data(as_text=True)


def test_the_product_form_takes_a_photo_and_a_bad_one_writes_nothing(app, client, auth):
    umkm_id = register(client, auth)
    login(client)
    page = client.get(f"/umkm/{umkm_id}/products/new").get_data(as_text=True)
    form = {"csrf_token": token_of(page), "name": "Kopi Robusta", "category": "minuman"}
    bad = client.post(f"/umkm/{umkm_id}/products/new", content_type="multipart/form-data",
                      data={**form, "photo": (io.BytesIO(b"not a picture"), "kopi.jpg")})
    assert bad.status_code == 422 and "Jenis berkas tidak diterima" in bad.get_data(as_text=True)
    with app.extensions["registry"].uow(readonly=True) as unit:
        assert unit.session.query(Product).count() == 0
    good = client.post(f"/umkm/{umkm_id}/products/new", content_type="multipart/form-data",
                       data={**form, "photo": (io.BytesIO(picture()), "kopi.jpg")})
    assert good.status_code == 302
    detail = client.get(f"/umkm/{umkm_id}").get_data(as_text=True)
    assert 'class="thumb"' in detail and "/katalog/foto/" in detail
