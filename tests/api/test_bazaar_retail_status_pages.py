"""The retail pages show a placement's status in the staff's words, through the shared lookup
every bazaar page uses: Indonesian by default, English one click away; the code stays only in
attributes."""

import re

import pytest

from tests.api.test_retail_pages import token_of
from tests.conftest import ADMIN_EMAIL, ADMIN_PASSWORD
from tests.support.retail_world import RetailWorld
from tests.support.sessions import sign_in


@pytest.fixture
def world(app, auth, service_app):
    world = RetailWorld(service_app("bazaar"), auth)
    sign_in(app, world.client, ADMIN_EMAIL, ADMIN_PASSWORD)
    return world


def text_of(html: str) -> str:
    """What the reader sees: the page without its tags and their attributes."""
    return re.sub(r"<[^>]+>", " ", html)


def test_placement_statuses_in_the_readers_words_on_the_retail_pages(world):
    placement = world.ready_to_list()
    url = f"/penempatan/{placement['id']}"
    page = world.client.get(url).get_data(as_text=True)
    listed = world.client.post(f"{url}/status/listed", data={"csrf_token": token_of(page)},
                               follow_redirects=True).get_data(as_text=True)
    assert "Status sekarang: Dipajang." in listed
    assert 'data-status="listed">Dipajang</span>' in listed
    assert "<dd>Dipajang sejak" in listed
    history = listed.split('data-testid="history"')[1].split("</ol>")[0]
    assert [re.sub(r"\s+", " ", h).split(" · ")[0].strip() for h in
            re.findall(r"<li>(.*?)</li>", history, re.S)] == ["Diusulkan", "Dikurasi", "Dipajang"]
    partner = world.client.get(f"/mitra-ritel/{placement['partner_id']}").get_data(as_text=True)
    assert 'data-status="listed">Dipajang</span>' in partner
    for html in (listed, partner):
        assert not re.search(r"\b(proposed|curated|listed|delisted)\b", text_of(html))

    world.client.get("/lang/en")
    english = world.client.get(url).get_data(as_text=True)
    assert 'data-status="listed">Listed</span>' in english
    history = english.split('data-testid="history"')[1].split("</ol>")[0]
    assert "Proposed" in history and "Curated" in history and "Listed" in history
    delisted = world.client.post(f"{url}/status/delisted", data={
        "csrf_token": token_of(english)}, follow_redirects=True).get_data(as_text=True)
    assert "Status now: Delisted." in delisted
    assert 'data-status="delisted">Delisted</span>' in delisted
    partner = world.client.get(f"/mitra-ritel/{placement['partner_id']}").get_data(as_text=True)
    assert 'data-status="delisted">Delisted</span>' in partner
    refused = world.move(placement["id"], "listed", world.auth | {"Accept-Language": "en"})
    assert refused.status_code == 409
    assert refused.json["error"]["message"] == (
        "Status Delisted cannot change to Listed (allowed: Proposed).")
