"""An outlet that closes: it leaves the placements that carry it and can be chosen no more,
unless it is the only outlet of a listed product; it stays on record and can open again."""

import pytest

from tests.api.test_retail_pages import token_of
from tests.support.retail_world import RetailWorld
from tests.support.sessions import sign_in

TWO = ("Gerai Metro Pusat", "Gerai Metro Timur")


@pytest.fixture
def world(app, auth, service_app):
    world = RetailWorld(service_app("bazaar"), auth)
    sign_in(app, world.client)
    return world


def outlets_of(world, partner_id: str) -> dict[str, dict]:
    return {o["name"]: o for o in world.get(f"/partners/{partner_id}").json["outlet_list"]}


def test_closing_takes_the_outlet_off_placements_and_out_of_the_choices(world):
    partner = world.partner(outlets=TWO)
    assert world.mou(partner["id"]).status_code == 201
    proposed = world.propose(partner).json
    listed = world.propose(partner).json
    world.check_all(listed["id"])
    assert world.move(listed["id"], "curated").status_code == 200
    assert world.move(listed["id"], "listed").status_code == 200
    east = outlets_of(world, partner["id"])["Gerai Metro Timur"]

    closed = world.post(f"/partners/{partner['id']}/outlets/{east['id']}/close")

    assert closed.status_code == 200, closed.json
    assert closed.json["open"] is False and closed.json["closed_on"]
    assert closed.json["closed_by"]
    for placement in (proposed, listed):
        names = [o["name"] for o in world.get(f"/placements/{placement['id']}").json["outlets"]]
        assert names == ["Gerai Metro Pusat"]
    assert world.get(f"/partners/{partner['id']}").json["outlets"] == 1  # open ones
    chosen = world.put(f"/placements/{proposed['id']}/outlets", {"outlet_ids": [east["id"]]})
    assert chosen.status_code == 422
    assert "Gerai Metro Timur" in chosen.json["error"]["fields"]["outlet_ids"]
    again = world.post(f"/partners/{partner['id']}/outlets/{east['id']}/close")
    assert again.status_code == 409
    added = world.post(f"/partners/{partner['id']}/outlets", {"name": "gerai metro timur"})
    assert added.status_code == 409 and "buka kembali" in added.json["error"]["message"]

    reopened = world.post(f"/partners/{partner['id']}/outlets/{east['id']}/reopen")

    assert reopened.status_code == 200 and reopened.json["open"] is True
    assert reopened.json["closed_on"] is None
    assert world.put(f"/placements/{proposed['id']}/outlets",
                     {"outlet_ids": [east["id"]]}).status_code == 200
    assert world.post(f"/partners/{partner['id']}/outlets/{east['id']}/reopen"
                      ).status_code == 409


def test_the_only_outlet_of_a_listed_product_does_not_close(world):
    placement = world.ready_to_list()
    assert world.move(placement["id"], "listed").status_code == 200
    partner_id = placement["partner_id"]
    [only] = outlets_of(world, partner_id).values()

    refused = world.post(f"/partners/{partner_id}/outlets/{only['id']}/close")

    assert refused.status_code == 409
    assert placement["product_name"] in refused.json["error"]["message"]
    assert outlets_of(world, partner_id)[only["name"]]["open"] is True
    assert [o["id"] for o in world.get(f"/placements/{placement['id']}").json["outlets"]] == [
        only["id"]]  # nothing half-done
    assert world.move(placement["id"], "delisted").status_code == 200
    assert world.post(f"/partners/{partner_id}/outlets/{only['id']}/close").status_code == 200


def test_unknown_outlets_and_other_partners_outlets_are_not_found(world):
    first, second = world.partner(), world.partner()
    theirs = second["outlet_list"][0]["id"]
    assert world.post(f"/partners/{first['id']}/outlets/{theirs}/close").status_code == 404
    assert world.post(f"/partners/{first['id']}/outlets/nope/close").status_code == 404
    assert world.post(f"/partners/nope/outlets/{theirs}/close").status_code == 404


def test_the_partner_page_closes_and_reopens_an_outlet(world):
    partner = world.partner(outlets=TWO)
    east = outlets_of(world, partner["id"])["Gerai Metro Timur"]
    page = world.client.get(f"/mitra-ritel/{partner['id']}").get_data(as_text=True)
    assert 'data-testid="close-outlet"' in page

    done = world.client.post(f"/mitra-ritel/{partner['id']}/gerai/{east['id']}/tutup",
                             data={"csrf_token": token_of(page)}, follow_redirects=True)

    html = done.get_data(as_text=True)
    assert done.status_code == 200 and "Gerai Metro Timur ditutup." in html
    assert 'data-outlet="Gerai Metro Timur" data-open="no"' in html and "tutup sejak" in html
    assert f'value="{east["id"]}"' not in html  # not offered for a new placement
    assert 'value="' + outlets_of(world, partner["id"])["Gerai Metro Pusat"]["id"] in html
    forged = world.client.post(f"/mitra-ritel/{partner['id']}/gerai/{east['id']}/buka")
    assert forged.status_code == 400  # no CSRF token
    back = world.client.post(f"/mitra-ritel/{partner['id']}/gerai/{east['id']}/buka",
                             data={"csrf_token": token_of(html)}, follow_redirects=True)
    assert "Gerai Metro Timur dibuka kembali." in back.get_data(as_text=True)
    assert outlets_of(world, partner["id"])["Gerai Metro Timur"]["open"] is True
