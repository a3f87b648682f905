"""Correcting a retail partner (name, note, active) and an MoU from the staff pages, with
errors beside the fields and nothing written when anything is wrong."""

from datetime import timedelta

import pytest

from services.kernel.clock import today_wib
from tests.api.test_retail_pages import token_of
from tests.support.retail_world import RetailWorld
from tests.support.sessions import sign_in


@pytest.fixture
def world(app, auth, service_app):
    world = RetailWorld(service_app("bazaar"), auth)
    sign_in(app, world.client)
    return world


def test_rename_and_deactivate_a_partner(world):
    partner = world.partner("Toko Oleh-oleh Metro")
    page = world.client.get(f"/mitra-ritel/{partner['id']}").get_data(as_text=True)
    assert 'data-testid="partner-edit"' in page
    form = world.client.get(f"/mitra-ritel/{partner['id']}/ubah").get_data(as_text=True)
    assert 'value="Toko Oleh-oleh Metro"' in form
    taken = world.client.post(f"/mitra-ritel/{partner['id']}/ubah", data={
        "csrf_token": token_of(form), "name": "alfamart", "note": "", "active": "y"})
    assert taken.status_code == 422 and "Sudah ada." in taken.get_data(as_text=True)
    done = world.client.post(f"/mitra-ritel/{partner['id']}/ubah", data={
        "csrf_token": token_of(form), "name": "Pusat Oleh-oleh Metro", "note": "Jl. AH Nasution"},
        follow_redirects=True)
    html = done.get_data(as_text=True)
    assert "Pusat Oleh-oleh Metro" in html and "tidak aktif" in html
    got = world.get(f"/partners/{partner['id']}").json
    assert (got["name"], got["note"], got["active"]) == ("Pusat Oleh-oleh Metro",
                                                         "Jl. AH Nasution", False)


def test_correct_an_mou(world):
    partner = world.partner("Swalayan Uji")
    mou = world.mou(partner["id"]).json
    url = f"/mitra-ritel/{partner['id']}/mou/{mou['id']}/ubah"
    form = world.client.get(url).get_data(as_text=True)
    assert f'value="{mou["number"]}"' in form
    today = today_wib()
    fields = {"csrf_token": token_of(form), "number": mou["number"],
              "signed_on": today.isoformat(), "expires_on": (today - timedelta(days=1)).isoformat(),
              "contact_name": "Bu Ani", "contact_phone": "081234567890"}
    bad = world.client.post(url, data=fields)
    assert bad.status_code == 422 and 'data-field="expires_on"' in bad.get_data(as_text=True)
    assert world.get(f"/partners/{partner['id']}").json["mous"][0][
        "expires_on"] == mou["expires_on"]
    new_expiry = today + timedelta(days=700)
    done = world.client.post(url, data={**fields, "expires_on": new_expiry.isoformat()})
    assert done.status_code == 302
    [saved] = world.get(f"/partners/{partner['id']}").json["mous"]
    assert (saved["expires_on"], saved["contact_name"]) == (new_expiry.isoformat(), "Bu Ani")
    assert world.client.get(f"/mitra-ritel/{partner['id']}/mou/nope/ubah").status_code == 302
