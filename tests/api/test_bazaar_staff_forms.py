"""Bazaar staff forms that go wrong answer 422 with the message beside the field and keep what
was chosen and typed: a coordinator's stall override, a placement's status note."""

import re

import pytest

from tests.api.test_bazaar_market_pages import signed_in, token_of
from tests.conftest import ADMIN_EMAIL, ADMIN_PASSWORD
from tests.support.retail_world import RetailWorld


@pytest.fixture
def world(app, auth, service_app):
    return signed_in(app, RetailWorld(service_app("bazaar"), auth), ADMIN_EMAIL, ADMIN_PASSWORD)


def row_of(html: str, umkm_id: str) -> str:
    return html.split(f'data-umkm="{umkm_id}"')[1].split("</tr>")[0]


def test_a_stall_override_without_a_good_reason_keeps_the_choices(world):
    bazaar = world.bazaar(stalls=2, kuliner_stalls=1)
    first, second, waiting = (world.umkm(sector="kuliner") for _ in range(3))
    for umkm in (first, second, waiting):
        world.apply(bazaar["id"], umkm)
    apps = {a["umkm_id"]: a for a in world.allocate(bazaar["id"])["items"]}
    waiter = next(a for a in apps.values() if a["status"] == "waitlisted")
    url = f"/bazaars/{bazaar['id']}"
    page = world.client.get(url).get_data(as_text=True)
    action = f"{url}/applications/{waiter['id']}/stall"

    short = world.client.post(action, data={"stall_number": "N-01", "reason": "  ok ",
                                            "csrf_token": token_of(page)})
    assert short.status_code == 422
    row = row_of(short.get_data(as_text=True), waiter["umkm_id"])
    assert '<details class="override" open>' in row
    assert re.search(r'<div class="error" id="reason-[^"]+-error" data-field="reason">'
                     r"Tulis alasannya \(5 sampai 300 karakter\)\.</div>", row)
    assert "<option selected>N-01</option>" in row and 'value="  ok "' in row
    assert world.client.get(url).get_data(as_text=True).count(" open>") == 0  # nothing kept

    holder = next(a for a in apps.values() if a["stall_number"] == "K-01")
    taken = world.client.post(action, data={"stall_number": "K-01", "reason": "Tukar lapak",
                                            "csrf_token": token_of(page)})
    assert taken.status_code == 422
    row = row_of(taken.get_data(as_text=True), waiter["umkm_id"])
    assert 'data-field="stall_number">Lapak K-01 sudah dipegang' in row
    assert 'value="Tukar lapak"' in row
    assert holder["umkm_id"] != waiter["umkm_id"]

    not_held = world.client.post(action, data={"stall_number": "", "reason": "Ambil kembali",
                                               "csrf_token": token_of(page)})
    assert not_held.status_code == 302  # a rule of the moment, not of what was typed: a flash
    flashed = world.client.get(url).get_data(as_text=True)
    assert "Pendaftar ini tidak memegang lapak." in flashed

    given = world.client.post(action, data={
        "stall_number": "N-01", "reason": "Produk kemasan, lapak non-kuliner",
        "csrf_token": token_of(page)}, follow_redirects=True).get_data(as_text=True)
    assert "diubah: N-01" in given
    assert 'data-testid="stall-number">N-01<' in row_of(given, waiter["umkm_id"])


def test_a_status_note_too_long_is_said_beside_the_note_and_kept(world):
    partner = world.partner()
    placement = world.propose(partner).json
    url = f"/penempatan/{placement['id']}"
    page = world.client.get(url).get_data(as_text=True)
    note = "Kurasi oleh tim Diskoperin. " * 20  # 560 characters
    long = world.client.post(f"{url}/status/curated", data={"note": note,
                                                            "csrf_token": token_of(page)})
    assert long.status_code == 422
    html = long.get_data(as_text=True)
    status = html.split('data-testid="status-form"')[1].split("</form>")[0]
    assert re.search(r'<div class="error" id="note-error" data-field="note">[^<]*500', status)
    assert re.search(rf'<textarea[^>]*name="note"[^>]*>\s*{re.escape(note)}</textarea>', status)
    assert 'data-status="proposed"' in html  # nothing moved
    assert world.get(f"/placements/{placement['id']}").json["status"] == "proposed"
    moved = world.client.post(f"{url}/status/curated", data={
        "note": note[:200], "csrf_token": token_of(page)}, follow_redirects=True)
    assert "Status sekarang: Dikurasi." in moved.get_data(as_text=True)
    assert world.get(f"/placements/{placement['id']}").json["status"] == "curated"
