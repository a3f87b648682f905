"""A bazaar coordinator in a real browser, against the whole platform (`make run`): schedule a
bazaar, apply for an owner, allocate, check in, report sales, close, and see the report; edit a
bazaar, download its report, cancel it, and the owner is told."""

import io
import uuid
from datetime import timedelta
from pathlib import Path

import requests
from playwright.sync_api import expect

from services.kernel.clock import WIB, utcnow
from tests.support.factories import registration
from tests.support.platform import wait_for


def login(page, live):
    page.goto(live.url("registry") + "/login")
    page.fill("#email", live.admin_email)
    page.fill("#password", live.admin_password)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_test_id("logout")).to_be_visible()


def verified_umkm(live, name: str) -> dict:
    auth = {"Authorization": f"Bearer {live.token()}"}
    created = requests.post(live.url("registry") + "/api/v1/umkm", headers=auth, timeout=10,
                            json=registration(business_name=name, sector="kuliner"))
    created.raise_for_status()
    umkm = created.json()
    requests.post(f"{live.url('registry')}/api/v1/umkm/{umkm['id']}/verify", headers=auth,
                  timeout=10).raise_for_status()

    def known_to_bazaar():  # the umkm.* events reach the bazaar's own directory
        found = requests.get(live.url("bazaar") + "/api/v1/umkm-directory",
                             params={"q": name, "status": "verified"}, headers=auth, timeout=10)
        return found.ok and found.json()["total"] == 1

    wait_for(known_to_bazaar, 60, 0.5, "the bazaar service to learn of the verified UMKM")
    return umkm


def test_schedule_apply_allocate_check_in_and_report_sales(page, live_platform):
    live = live_platform
    tag = uuid.uuid4().hex[:6]
    business = f"Pempek Bu Ani {tag}"
    umkm = verified_umkm(live, business)
    login(page, live)
    page.goto(live.url("bazaar") + "/")
    expect(page.get_by_test_id("bazaar-table")).to_be_visible()
    page.get_by_role("link", name="Jadwalkan bazar").click()
    start = (utcnow() + timedelta(days=5)).astimezone(WIB).replace(hour=8, minute=0)
    page.fill("#title", f"Bazar HUT Kota Metro {tag}")
    page.fill("#host_event", "Peringatan HUT Kota Metro")
    page.fill("#venue", "Lapangan Samber")
    page.fill("#starts_at", start.strftime("%Y-%m-%dT%H:%M"))
    page.fill("#ends_at", start.replace(hour=16).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#stalls", "3")
    page.fill("#kuliner_stalls", "2")
    page.get_by_role("button", name="Jadwalkan dan undang UMKM").click()
    expect(page.get_by_test_id("bazaar-status")).to_have_attribute("data-status", "scheduled")

    page.select_option("#umkm_id", umkm["id"])
    page.get_by_role("button", name="Daftarkan", exact=True).click()
    expect(page.locator(".flash")).to_contain_text("didaftarkan")
    page.get_by_test_id("allocate").click()
    expect(page.get_by_test_id("bazaar-status")).to_have_attribute("data-status", "allocated")
    row = page.locator(f"tr[data-umkm='{umkm['id']}']")
    expect(row.get_by_test_id("stall-number")).to_have_text("K-01")
    expect(row).to_contain_text("Mendapat lapak K-01")

    row.get_by_test_id("mark-hadir").click()
    row = page.locator(f"tr[data-umkm='{umkm['id']}']")
    expect(row.get_by_test_id("application-status")).to_have_attribute("data-status", "checked_in")
    form = row.get_by_test_id("sales-form")
    form.locator("input[name=revenue_idr]").fill("1.850.000")
    form.locator("input[name=units_sold]").fill("140")
    form.locator("input[name=best_product]").fill("Pempek kapal selam")
    form.get_by_role("button", name="Simpan penjualan").click()
    expect(page.get_by_test_id("revenue-total")).to_contain_text("1.850.000")
    expect(page.get_by_test_id("sector-revenue-chart").locator("svg")).to_be_visible()
    page.get_by_test_id("close-bazaar").click()
    expect(page.get_by_test_id("bazaar-status")).to_have_attribute("data-status", "closed")

    auth = {"Authorization": f"Bearer {live.token()}"}

    def invited_and_told():  # the notifier heard of the stall (bazaar.stall_allocated)
        found = requests.get(live.url("notifier") + "/api/v1/deliveries", headers=auth,
                             params={"umkm_id": umkm["id"]}, timeout=10)
        return found.ok and "bazaar.stall_allocated" in {
            d["event_type"] for d in found.json()["items"]}

    wait_for(invited_and_told, 60, 0.5, "the notifier to tell the owner of the stall")


def test_edit_download_the_report_and_cancel(page, live_platform):
    from openpyxl import load_workbook

    live = live_platform
    tag = uuid.uuid4().hex[:6]
    umkm = verified_umkm(live, f"Keripik Bu Rina {tag}")
    auth = {"Authorization": f"Bearer {live.token()}"}
    api = live.url("bazaar") + "/api/v1/bazaars"
    start = (utcnow() + timedelta(days=6)).astimezone(WIB).replace(hour=8, minute=0)
    created = requests.post(api, headers=auth, timeout=10, json={
        "title": f"Bazar Hari Koperasi {tag}", "host_event": "Hari Koperasi Nasional",
        "venue": "Taman Merdeka", "starts_at": start.isoformat(),
        "ends_at": start.replace(hour=16).isoformat(), "stalls": 2, "kuliner_stalls": 2})
    created.raise_for_status()
    bazaar = created.json()
    requests.post(f"{api}/{bazaar['id']}/applications", json={"umkm_id": umkm["id"]},
                  headers=auth, timeout=10).raise_for_status()
    requests.post(f"{api}/{bazaar['id']}/allocate", headers=auth, timeout=10).raise_for_status()

    login(page, live)
    page.goto(live.url("bazaar") + f"/bazaars/{bazaar['id']}")
    page.get_by_test_id("edit-bazaar").click()
    expect(page.locator("#venue")).to_have_value("Taman Merdeka")
    page.fill("#kuliner_stalls", "0")
    page.get_by_role("button", name="Simpan perubahan").click()
    expect(page.locator('[data-field="kuliner_stalls"]')).to_contain_text("1 lapak kuliner")
    page.fill("#kuliner_stalls", "2")
    page.fill("#venue", "Stadion Tejosari")
    page.get_by_role("button", name="Simpan perubahan").click()
    expect(page.locator(".flash").first).to_contain_text("diubah")
    expect(page.locator("dl.facts")).to_contain_text("Stadion Tejosari")

    with page.expect_download() as download:
        page.get_by_test_id("report-xlsx").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert book.sheetnames == ["Penjualan", "Per sektor", "Ringkasan"]
    assert book["Ringkasan"]["B2"].value == f"Bazar Hari Koperasi {tag}"

    page.fill("#reason", "Acara ditunda oleh panitia.")
    page.get_by_test_id("cancel-bazaar").click()
    expect(page.get_by_test_id("bazaar-status")).to_have_attribute("data-status", "cancelled")
    expect(page.get_by_test_id("cancel-reason")).to_contain_text("Acara ditunda oleh panitia.")

    def owner_told():  # the notifier told the owner of the new place, then of the cancellation
        found = requests.get(live.url("notifier") + "/api/v1/deliveries", headers=auth,
                             params={"umkm_id": umkm["id"]}, timeout=10)
        told = {d["event_type"] for d in found.json()["items"]} if found.ok else set()
        return {"bazaar.rescheduled", "bazaar.cancelled"} <= told

    wait_for(owner_told, 60, 0.5, "the notifier to tell the owner of the change and the cancel")
