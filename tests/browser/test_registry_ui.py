"""A staff member in a real browser: login, a bad NIK, a good registration, logout."""

import re

from playwright.sync_api import expect

from tests.support.factories import registration


def login(page, live):
    page.goto(live.url("registry") + "/login")
    page.fill("#email", live.admin_email)
    page.fill("#password", live.admin_password)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("link", name="Daftar UMKM baru").first).to_be_visible()


def fill_registration(page, data):
    page.fill("#owner_name", data["owner_name"])
    page.fill("#nik", data["nik"])
    page.fill("#phone", data["phone"])
    page.fill("#email", data["email"])
    page.fill("#business_name", data["business_name"])
    page.select_option("#sector", data["sector"])
    page.select_option("#kecamatan", data["kecamatan"])
    page.select_option("#kelurahan", data["kelurahan"])
    page.fill("#address", data["address"])
    page.fill("#capital_idr", "25.000.000")


def test_register_with_a_bad_nik_then_a_good_one_then_logout(page, live_platform, tmp_path):
    live = live_platform
    login(page, live)
    page.get_by_role("link", name="Daftar UMKM baru").first.click()
    expect(page.get_by_role("heading", name="Daftar UMKM baru")).to_be_visible()
    data = registration()
    fill_registration(page, {**data, "nik": "1872013213850001"})  # month 13
    page.get_by_role("button", name="Simpan pendaftaran").click()
    error = page.locator("#nik-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("Bulan lahir")
    # the error sits beside the NIK field, and what was typed is still there
    assert page.locator(".field-invalid #nik").count() == 1
    expect(page.locator("#nik")).to_be_focused()
    expect(page.locator("#business_name")).to_have_value(data["business_name"])
    page.screenshot(path=str(tmp_path / "nik-error.png"), full_page=True)

    page.fill("#nik", data["nik"])
    page.get_by_role("button", name="Simpan pendaftaran").click()
    expect(page.get_by_test_id("umkm-name")).to_have_text(data["business_name"])
    expect(page.get_by_test_id("umkm-status")).to_have_attribute("data-status", "pending")
    expect(page.get_by_test_id("umkm-status")).to_have_text("Menunggu verifikasi")
    expect(page.locator(".flash")).to_contain_text("menunggu verifikasi")
    assert re.search(r"/umkm/[0-9a-f-]{36}$", page.url)

    page.get_by_test_id("verify").click()
    expect(page.get_by_test_id("umkm-status")).to_have_attribute("data-status", "verified")
    expect(page.get_by_test_id("umkm-status")).to_have_text("Terverifikasi")

    page.get_by_test_id("logout").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    page.goto(live.url("registry") + "/umkm")
    expect(page).to_have_url(re.compile(r"/login\?next="))


def test_one_login_for_every_service(page, live_platform):
    live = live_platform
    login(page, live)
    page.get_by_role("link", name="Notifikasi").click()
    expect(page.get_by_role("heading", name="Log pengiriman")).to_be_visible()
    page.get_by_role("link", name="Bazar & Pasar").click()
    expect(page.get_by_test_id("bazaar-table")).to_be_visible()


def test_search_finds_the_registered_umkm(page, live_platform):
    import requests

    live = live_platform
    data = registration(business_name="Keripik Tempe Sanan Metro")
    requests.post(live.url("registry") + "/api/v1/umkm", json=data, timeout=10,
                  headers={"Authorization": f"Bearer {live.token()}"}).raise_for_status()
    login(page, live)
    page.fill("#q", "tempe sanan")
    page.get_by_role("button", name="Cari").click()
    table = page.get_by_test_id("umkm-table")
    expect(table).to_contain_text("Keripik Tempe Sanan Metro")
    expect(table).to_contain_text("1872********")


def test_reject_needs_a_reason_and_the_dashboard_draws_its_charts(page, live_platform):
    live = live_platform
    login(page, live)
    page.get_by_role("link", name="Daftar UMKM baru").first.click()
    fill_registration(page, registration())
    page.get_by_role("button", name="Simpan pendaftaran").click()
    expect(page.get_by_test_id("umkm-status")).to_have_attribute("data-status", "pending")

    reject = page.get_by_test_id("status-reject")
    reject.get_by_role("button", name="Tolak pendaftaran").click()
    error = page.locator(".field-invalid [data-field=reason], [data-field=reason]").first
    expect(error).to_contain_text("Alasan penolakan wajib diisi.")
    expect(page.get_by_test_id("umkm-status")).to_have_attribute("data-status", "pending")
    page.get_by_test_id("status-reject").locator("textarea").fill("Alamat tidak ditemukan")
    page.get_by_test_id("status-reject").get_by_role("button").click()
    expect(page.get_by_test_id("umkm-status")).to_have_attribute("data-status", "rejected")
    expect(page.get_by_text("Alamat tidak ditemukan").first).to_be_visible()

    page.get_by_role("link", name="Dasbor").first.click()
    for testid in ("growth-chart", "kecamatan-chart", "sector-chart", "scale-chart"):
        expect(page.get_by_test_id(testid).locator("svg")).to_be_visible()


def test_import_shows_live_progress_then_the_bad_rows(page, live_platform, tmp_path):
    from tests.support.registry_sheets import sheet, to_csv

    live = live_platform
    login(page, live)
    rows, bad = sheet(1500, bad_every=100, start=9_000_000)
    path = tmp_path / "umkm-lama.csv"
    path.write_bytes(to_csv(rows))
    page.get_by_role("link", name="Impor").first.click()
    page.set_input_files("#file", str(path))
    page.get_by_role("button", name="Mulai impor").click()
    expect(page.get_by_test_id("import-progress")).to_be_visible()
    expect(page.get_by_test_id("import-status")).to_have_attribute("data-status", "done",
                                                                   timeout=60_000)
    expect(page.get_by_test_id("import-imported")).to_have_text(str(1500 - len(bad)))
    expect(page.get_by_test_id("import-rejected")).to_have_text(str(len(bad)))
    expect(page.get_by_test_id("errors-csv")).to_be_visible()
