"""A bazaar coordinator in a real browser, against the whole platform (`make run`): add a
recurring market (fixing a bad rule), put a vendor on its roster, mark attendance, see the
market day on the public page; then record a Friday batik order, its delivery and the report."""

import uuid
from datetime import timedelta

import requests
from playwright.sync_api import expect

from services.kernel.clock import today_wib
from tests.support.factories import registration
from tests.support.platform import wait_for


def login(page, live):
    page.goto(live.url("registry") + "/login")
    page.fill("#email", live.admin_email)
    page.fill("#password", live.admin_password)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_test_id("logout")).to_be_visible()


def verified_umkm(live, name: str, sector: str) -> dict:
    auth = {"Authorization": f"Bearer {live.token()}"}
    created = requests.post(live.url("registry") + "/api/v1/umkm", headers=auth, timeout=10,
                            json=registration(business_name=name, sector=sector))
    created.raise_for_status()
    umkm = created.json()
    requests.post(f"{live.url('registry')}/api/v1/umkm/{umkm['id']}/verify", headers=auth,
                  timeout=10).raise_for_status()

    def known_to_bazaar():
        found = requests.get(live.url("bazaar") + "/api/v1/umkm-directory",
                             params={"q": name, "status": "verified"}, headers=auth, timeout=10)
        return found.ok and found.json()["total"] == 1

    wait_for(known_to_bazaar, 60, 0.5, "the bazaar service to learn of the verified UMKM")
    return umkm


def test_market_roster_attendance_and_public_page(page, live_platform):
    live = live_platform
    tag = uuid.uuid4().hex[:6]
    vendor = verified_umkm(live, f"Sayur Segar Bu Tini {tag}", "pertanian")
    login(page, live)
    page.goto(live.url("bazaar") + "/pasar")
    expect(page.get_by_test_id("market-table")).to_be_visible()
    page.get_by_role("link", name="Tambah pasar").click()
    page.fill("#name", f"Pasar Segar {tag}")
    page.fill("#venue", "Taman Merdeka, Metro Pusat")
    page.fill("#rule", "FREQ=HOURLY")
    page.fill("#first_date", today_wib().isoformat())
    page.fill("#starts_time", "00:00")
    page.fill("#ends_time", "23:59")
    page.fill("#spots", "1")
    page.get_by_role("button", name="Simpan pasar").click()
    expect(page.locator(".error[data-field='rule']")).to_contain_text("FREQ wajib")
    page.fill("#rule", "FREQ=DAILY")
    page.get_by_role("button", name="Simpan pasar").click()
    expect(page.get_by_test_id("market-name")).to_have_text(f"Pasar Segar {tag}")

    page.select_option("#umkm_id", vendor["id"])
    page.get_by_role("button", name="Tambah pedagang").click()
    expect(page.locator(f"[data-testid=roster] tr[data-umkm='{vendor['id']}']")).to_be_visible()
    today = page.locator(f"[data-testid=market-days] tr[data-date='{today_wib().isoformat()}']")
    expect(today.get_by_test_id("on-duty")).to_contain_text(f"Sayur Segar Bu Tini {tag}")
    today.get_by_role("link").click()
    row = page.locator(f"tr[data-umkm='{vendor['id']}']")
    row.get_by_test_id("mark-hadir").click()
    expect(page.get_by_test_id("present-count")).to_have_text("1")
    expect(page.locator(f"tr[data-umkm='{vendor['id']}']").get_by_test_id(
        "attendance")).to_have_text("hadir")

    page.goto(live.url("bazaar") + "/publik")
    expect(page.get_by_test_id("public-market-day").filter(
        has_text=f"Pasar Segar {tag}").first).to_be_visible()


def test_batik_order_delivery_and_report(page, live_platform):
    live = live_platform
    tag = uuid.uuid4().hex[:6]
    maker = verified_umkm(live, f"Batik Siger {tag}", "batik")
    login(page, live)
    page.goto(live.url("bazaar") + "/batik/instansi")
    page.fill("#name", f"Dinas Pendidikan {tag}")
    page.select_option("#kind", "opd")
    page.get_by_role("button", name="Tambah instansi").click()
    expect(page.locator(".flash")).to_contain_text("ditambahkan")

    page.goto(live.url("bazaar") + "/batik/pesanan/baru")
    page.select_option("#office_id", label=f"Dinas Pendidikan {tag}")
    page.select_option("#umkm_id", maker["id"])
    page.fill("#due_on", (today_wib() + timedelta(days=14)).isoformat())
    page.fill("#items-0-item", "Kemeja batik motif Siger")
    page.fill("#items-0-quantity", "12")
    page.fill("#items-0-unit_price_idr", "275.000")
    page.get_by_role("button", name="Simpan pesanan").click()
    expect(page.get_by_test_id("order-status")).to_have_attribute("data-status", "ordered")
    page.fill("#items-0-quantity", "12")
    page.get_by_role("button", name="Catat pengiriman").click()
    expect(page.get_by_test_id("order-status")).to_have_attribute("data-status", "delivered")
    expect(page.get_by_test_id("delivered-value")).to_contain_text("3.300.000")

    page.goto(live.url("bazaar") + "/batik")
    expect(page.get_by_test_id("batik-office-chart").locator("svg")).to_be_visible()
    expect(page.get_by_test_id("batik-office-table")).to_contain_text(f"Dinas Pendidikan {tag}")
