"""A bazaar coordinator in a real browser, against the whole platform (`make run`): add an MoU
and an outlet for a retail partner, propose an UMKM's product, walk it through the readiness
checklist to listed, enter a month's sales, and see the owner told of the listing."""

import uuid
from datetime import timedelta

import requests
from playwright.sync_api import expect

from services.kernel.clock import today_wib
from tests.browser.test_bazaar_ui import login, verified_umkm
from tests.support.platform import wait_for

CHECKLIST = [("pirt", "2061872010123-27"), ("halal", "ID18110000123450122"),
             ("bpom", "Pangan olahan P-IRT, tidak perlu izin edar BPOM"),
             ("barcode", "8991234567891"),
             ("packaging", "Standing pouch 250 g, label lengkap")]


def test_add_an_mou_and_a_placement_through_the_readiness_checklist(page, live_platform):
    live = live_platform
    tag = uuid.uuid4().hex[:6]
    business = f"Keripik Pisang Bu Sri {tag}"
    umkm = verified_umkm(live, business)
    login(page, live)
    page.goto(live.url("bazaar") + "/")
    page.get_by_role("link", name="Mitra ritel").click()
    expect(page.get_by_test_id("partner-table")).to_contain_text("Indomaret")
    page.locator("tr[data-partner='Chandra']").get_by_role("link", name="Chandra").click()
    expect(page.get_by_test_id("partner-name")).to_have_text("Chandra")

    # An MoU: the expiry before the signing is refused beside its field, then corrected.
    today = today_wib()
    form = page.get_by_test_id("mou-form")
    form.locator("#number").fill(f"500/{tag}/D.4/{today.year}")
    form.locator("#signed_on").fill(today.isoformat())
    form.locator("#expires_on").fill((today - timedelta(days=1)).isoformat())
    form.locator("#contact_name").fill("Rina Marlina")
    form.locator("#contact_phone").fill("0812-7000-1234")
    form.get_by_role("button", name="Simpan MoU").click()
    expect(page.locator(".error[data-field='expires_on']")).to_contain_text("setelah")
    page.get_by_test_id("mou-form").locator("#expires_on").fill(
        (today + timedelta(days=730)).isoformat())
    page.get_by_role("button", name="Simpan MoU").click()
    expect(page.locator(".flash")).to_contain_text("dicatat")
    expect(page.get_by_test_id("mou-table")).to_contain_text(f"500/{tag}/D.4")
    expect(page.get_by_test_id("mou-table")).to_contain_text("+6281270001234")

    outlet = f"Chandra Metro {tag}"
    page.get_by_test_id("outlet-form").locator("#name").fill(outlet)
    page.get_by_role("button", name="Tambah gerai").click()
    expect(page.get_by_test_id("outlet-list")).to_contain_text(outlet)

    # A placement of the UMKM's product at that outlet.
    product = f"Keripik Pisang Coklat 250 g {tag}"
    form = page.get_by_test_id("placement-form")
    form.locator("#umkm_id").select_option(umkm["id"])
    form.locator("#product_name").fill(product)
    form.get_by_label(outlet).check()
    form.get_by_role("button", name="Usulkan").click()
    expect(page.get_by_test_id("placement-title")).to_have_text(product)
    status = page.get_by_test_id("placement-status")
    expect(status).to_have_attribute("data-status", "proposed")
    expect(page.get_by_test_id("placement-outlets")).to_have_text(outlet)

    page.get_by_test_id("move-curated").click()
    expect(status).to_have_attribute("data-status", "curated")
    # Listing is blocked while the checklist is incomplete, naming what is missing.
    page.get_by_test_id("move-listed").click()
    expect(page.locator(".flash-error").first).to_contain_text("P-IRT")
    expect(page.locator(".flash-error").first).to_contain_text("Kemasan")
    expect(status).to_have_attribute("data-status", "curated")

    for item, note in CHECKLIST:
        row = page.get_by_test_id(f"check-{item}")
        # BPOM does not apply to a P-IRT product: marked so, with the reason
        row.get_by_role("checkbox", name="Tidak berlaku" if item == "bpom" else "Sudah").check()
        row.locator(f"input[name='{item}-note']").fill(note)
        row.get_by_role("button", name="Simpan").click()
        row = page.get_by_test_id(f"check-{item}")
        if item == "bpom":
            expect(row).to_have_attribute("data-applies", "no")
            expect(row).to_contain_text("tidak berlaku")
        else:
            expect(row).to_have_attribute("data-checked", "yes")
    expect(page.get_by_test_id("checklist-state")).to_have_text("lengkap")
    expect(page.get_by_test_id("blockers")).to_have_count(0)

    page.get_by_test_id("move-listed").click()
    expect(status).to_have_attribute("data-status", "listed")
    expect(page.get_by_test_id("history")).to_contain_text("Dipajang")

    # A month's sales, then its correction.
    form = page.get_by_test_id("retail-sales-form")
    form.locator("#month").fill(f"{today:%Y-%m}")
    form.locator("#units").fill("40")
    form.locator("#revenue_idr").fill("600.000")
    form.get_by_role("button", name="Simpan penjualan").click()
    expect(page.get_by_test_id("sales-table")).to_contain_text("Rp600.000")
    form = page.get_by_test_id("retail-sales-form")
    form.locator("#month").fill(f"{today:%Y-%m}")
    form.locator("#units").fill("42")
    form.locator("#revenue_idr").fill("630.000")
    form.get_by_role("button", name="Simpan penjualan").click()
    expect(page.locator(".flash")).to_contain_text("dikoreksi")
    expect(page.get_by_test_id("sales-table").locator("tbody tr")).to_have_count(1)
    expect(page.get_by_test_id("placement-sales-chart").locator("svg")).to_be_visible()

    page.get_by_role("link", name="Chandra").first.click()
    expect(page.locator(f"tr[data-product='{product}']")).to_contain_text("Dipajang")
    expect(page.get_by_test_id("partner-monthly-chart").locator("svg")).to_be_visible()

    auth = {"Authorization": f"Bearer {live.token()}"}

    def owner_told():  # retail.product_listed reached the notifier through the outbox
        found = requests.get(live.url("notifier") + "/api/v1/deliveries", headers=auth,
                             params={"umkm_id": umkm["id"]}, timeout=10)
        return found.ok and "retail.product_listed" in {
            d["event_type"] for d in found.json()["items"]}

    wait_for(owner_told, 60, 0.5, "the notifier to tell the owner of the listing")
