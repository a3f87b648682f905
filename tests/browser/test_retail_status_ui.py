"""A placement's status moves only by the button a coordinator presses: Enter in the status
note starts a new line of the note and moves nothing; the note keeps that line."""

import uuid

import requests
from playwright.sync_api import expect

from tests.browser.test_bazaar_ui import login, verified_umkm


def _placement(live, tag: str) -> str:
    auth = {"Authorization": f"Bearer {live.token()}"}
    umkm = verified_umkm(live, f"Kopi Robusta Pak Darto {tag}")
    api = live.url("bazaar") + "/api/v1/retail"
    partner = requests.post(f"{api}/partners", headers=auth, timeout=10, json={
        "name": f"Swalayan Metro Jaya {tag}", "outlets": ["Gerai Jalan Ahmad Yani"]})
    partner.raise_for_status()
    placement = requests.post(f"{api}/placements", headers=auth, timeout=10, json={
        "umkm_id": umkm["id"], "partner_id": partner.json()["id"],
        "product_name": f"Kopi Robusta Bubuk 200 g {tag}",
        "outlet_ids": [o["id"] for o in partner.json()["outlet_list"]]})
    placement.raise_for_status()
    return placement.json()["id"]


def _stored_status(live, placement_id: str) -> str:
    found = requests.get(f"{live.url('bazaar')}/api/v1/retail/placements/{placement_id}",
                         headers={"Authorization": f"Bearer {live.token()}"}, timeout=10)
    found.raise_for_status()
    return found.json()["status"]


def test_enter_in_the_status_note_moves_nothing_and_a_button_still_does(page, live_platform):
    live = live_platform
    placement_id = _placement(live, uuid.uuid4().hex[:6])
    login(page, live)
    page.goto(f"{live.url('bazaar')}/penempatan/{placement_id}")
    status = page.get_by_test_id("placement-status")
    expect(status).to_have_attribute("data-status", "proposed")

    note = page.get_by_test_id("status-form").get_by_label("Catatan")
    note.click()
    note.type("Sampel diterima bagian pembelian")
    note.press("Enter")
    note.type("kurasi rasa Senin depan")
    # Still the same page, the note on two lines: nothing was sent
    expect(note).to_have_value("Sampel diterima bagian pembelian\nkurasi rasa Senin depan")
    expect(page.locator(".flash[role=status]")).to_have_count(0)
    expect(status).to_have_attribute("data-status", "proposed")
    assert _stored_status(live, placement_id) == "proposed"

    page.get_by_test_id("move-curated").click()
    expect(status).to_have_attribute("data-status", "curated")
    expect(page.locator(".flash[role=status]")).to_contain_text("Status sekarang")
    # the note as written, on its two lines
    assert page.get_by_test_id("history-note").inner_text() == (
        "Sampel diterima bagian pembelian\nkurasi rasa Senin depan")
    assert _stored_status(live, placement_id) == "curated"
