"""A placement's status note written on several lines keeps its lines: saved with \\n (however
the browser or the client broke them), trimmed at the ends, still at most 500 characters, shown
as lines in the page's history (as text, never as HTML) and given back by the API as written."""

import html as markup
import re

import pytest

from tests.api.test_retail_pages import token_of
from tests.conftest import ADMIN_EMAIL, ADMIN_PASSWORD
from tests.support.retail_world import RetailWorld
from tests.support.sessions import sign_in

TYPED = ("\r\n  Rak depan,   dekat kasir \r\nHarga <b>promo</b> & diskon\r\n\r\n\r\n\r\n"
         "Cek lagi Senin\r\n\r\n")
SAVED = "Rak depan, dekat kasir\nHarga <b>promo</b> & diskon\n\nCek lagi Senin"


@pytest.fixture
def world(app, auth, service_app):
    world = RetailWorld(service_app("bazaar"), auth)
    sign_in(app, world.client, ADMIN_EMAIL, ADMIN_PASSWORD)
    return world


def _history(world, placement_id: str) -> list:
    return world.get(f"/placements/{placement_id}").json["history"]


def _page_notes(html: str) -> list[str]:
    history = html.split('data-testid="history"')[1].split("</ol>")[0]
    return re.findall(r'<span data-testid="history-note" style="white-space: pre-line">(.*?)'
                      r"</span>", history, re.S)


def test_a_note_on_several_lines_keeps_its_lines_on_the_page_and_in_the_api(world):
    placement = world.ready_to_list()
    url = f"/penempatan/{placement['id']}"
    page = world.client.get(url).get_data(as_text=True)
    moved = world.client.post(f"{url}/status", data={
        "csrf_token": token_of(page), "status": "listed", "note": TYPED})
    assert moved.status_code == 302, moved.get_data(as_text=True)

    assert _history(world, placement["id"])[-1]["note"] == SAVED
    shown = world.client.get(url).get_data(as_text=True)
    [note] = _page_notes(shown)
    assert note == markup.escape(SAVED)  # its lines as lines, its text as text
    assert "<b>promo</b>" not in shown


def test_a_note_through_the_api_keeps_its_lines_as_written(world):
    placement = world.ready_to_list()
    answer = world.post(f"/placements/{placement['id']}/status",
                        {"status": "listed", "note": "Rak depan\r\nBaris dua\rBaris tiga\n"})
    assert answer.status_code == 200, answer.json
    assert _history(world, placement["id"])[-1]["note"] == "Rak depan\nBaris dua\nBaris tiga"


def test_a_note_as_long_as_allowed_with_its_line_breaks_is_taken_one_more_is_not(world):
    """The browser counts a line break as one character for the text area's maxlength and
    sends it as two (\\r\\n): the note it let through is not refused as too long."""
    placement = world.ready_to_list()
    url = f"/penempatan/{placement['id']}"
    lines = ["x" * 49] * 9 + ["x" * 50]
    longest = "\r\n".join(lines)  # 500 characters with \n, 509 as sent
    page = world.client.get(url).get_data(as_text=True)
    refused = world.client.post(f"{url}/status", data={
        "csrf_token": token_of(page), "status": "listed", "note": longest + "y"})
    assert refused.status_code == 422
    assert re.search(r'data-field="note"[^>]*>[^<]*500', refused.get_data(as_text=True))
    assert world.get(f"/placements/{placement['id']}").json["status"] == "curated"

    moved = world.client.post(f"{url}/status", data={
        "csrf_token": token_of(page), "status": "listed", "note": longest})
    assert moved.status_code == 302
    assert _history(world, placement["id"])[-1]["note"] == "\n".join(lines)
