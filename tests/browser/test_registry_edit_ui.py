"""Two staff in two browsers change one UMKM at once: the second sees the clash beside the
field, with the value the first saved, and keeps what they typed to save again."""

import requests
from playwright.sync_api import expect

from tests.browser.test_registry_ui import login
from tests.support.factories import registration


def test_a_clash_is_shown_beside_the_field_and_saving_again_keeps_the_typing(
        browser, page, live_platform, tmp_path):
    live = live_platform
    created = requests.post(live.url("registry") + "/api/v1/umkm", timeout=10,
                            json=registration(phone="081234000111"),
                            headers={"Authorization": f"Bearer {live.token()}"})
    created.raise_for_status()
    edit = live.url("registry") + f"/umkm/{created.json()['id']}/edit"
    other = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    try:
        colleague = other.new_page()
        for each in (page, colleague):
            login(each, live)
            each.goto(edit)
        colleague.fill("#phone", "081299999999")
        colleague.get_by_role("button", name="Simpan perubahan").click()
        expect(colleague.locator(".flash")).to_contain_text("tersimpan")

        page.fill("#phone", "081277777777")
        page.fill("#address", "Jl. Ahmad Yani No. 5")
        page.get_by_role("button", name="Simpan perubahan").click()
        expect(page.locator("#phone-error")).to_contain_text(
            "Sudah diubah orang lain menjadi: +6281299999999")
        expect(page.locator(".flash-error")).to_contain_text("sementara Anda mengisi")
        expect(page.locator("#phone")).to_have_value("081277777777")
        expect(page.locator("#phone")).to_be_focused()  # the field to look at, not the first
        expect(page.locator("#address")).to_have_value("Jl. Ahmad Yani No. 5")
        page.screenshot(path=str(tmp_path / "edit-clash.png"), full_page=True)

        page.get_by_role("button", name="Simpan perubahan").click()
        expect(page.locator(".flash")).to_contain_text("tersimpan")
        expect(page.get_by_text("+6281277777777").first).to_be_visible()
        expect(page.get_by_text("Jl. Ahmad Yani No. 5").first).to_be_visible()
    finally:
        other.close()
