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


def _status_form(html: str) -> tuple[str, list[tuple[str, str]]]:
    """Where the status form posts (its action, else the page's own address), and the
    name/value each of its buttons sends."""
    form = re.search(r'<form([^>]*)data-testid="status-form"[^>]*>(.*?)</form>', html, re.S)
    action = re.search(r'action="([^"]+)"', form.group(1))
    buttons = re.findall(r'<button[^>]*\bname="([^"]+)"[^>]*\bvalue="([^"]+)"', form.group(2))
    return (action.group(1) if action else ""), buttons


def test_the_status_form_posted_without_a_button_is_told_beside_the_status_choice(world):
    """A browser that submits the form without the pressed button's name and value (a script,
    an older browser, Enter in a form with no default button) gets the page again with the
    problem beside the status buttons and the note kept, not a 405; a button moves it."""
    placement = world.ready_to_list()
    url = f"/penempatan/{placement['id']}"
    page = world.client.get(url).get_data(as_text=True)
    action, buttons = _status_form(page)
    action = action or url

    bare = world.client.post(action, data={"csrf_token": token_of(page), "note": "Rak depan"})
    assert bare.status_code == 422
    html = bare.get_data(as_text=True)
    assert re.search(r'data-field="status">[^<]*Pilih status', html)
    assert re.search(r'<textarea[^>]*name="note"[^>]*>\s*Rak depan</textarea>', html)
    assert 'data-testid="status-form"' in html
    assert world.get(f"/placements/{placement['id']}").json["status"] == "curated"

    world.client.get("/lang/en")
    english = world.client.post(action, data={"csrf_token": token_of(page)})
    assert english.status_code == 422
    assert re.search(r'data-field="status">[^<]*Choose', english.get_data(as_text=True))

    assert ("status", "listed") in buttons
    moved = world.client.post(action, data={"csrf_token": token_of(page), "status": "listed",
                                            "note": "Rak depan"})
    assert moved.status_code == 302
    after = world.get(f"/placements/{placement['id']}").json
    assert after["status"] == "listed"
