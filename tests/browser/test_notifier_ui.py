"""Staff in a real browser against the whole platform: the delivery log with its filters and a
message's timeline, and the template editor's live preview."""

import uuid

import requests
from playwright.sync_api import expect

from tests.browser.test_training_ui import login
from tests.support.factories import registration
from tests.support.platform import wait_for


def test_delivery_log_search_filter_and_timeline(page, live_platform):
    live = live_platform
    tag = uuid.uuid4().hex[:6]
    business = f"Keripik {tag}"
    email = f"pemilik.{tag}@example.id"
    auth = {"Authorization": f"Bearer {live.token()}"}
    requests.post(live.url("registry") + "/api/v1/umkm", headers=auth, timeout=10,
                  json=registration(business_name=business, email=email)).raise_for_status()

    def receipt_sent():
        found = requests.get(live.url("notifier") + "/api/v1/deliveries",
                             params={"q": tag, "status": "sent"}, headers=auth, timeout=10)
        return found.ok and found.json()["total"] >= 1

    wait_for(receipt_sent, 60, 0.5, "the registration receipt to be sent")
    login(page, live)
    page.goto(live.url("notifier") + "/deliveries")
    page.fill("#q", tag)
    page.select_option("#channel", "email")
    page.get_by_role("button", name="Cari").click()
    table = page.get_by_test_id("delivery-table")
    expect(table).to_contain_text(email)
    expect(table.locator("tbody tr")).to_have_count(1)
    table.locator("tbody tr a").first.click()
    expect(page.get_by_test_id("provider-response")).to_contain_text("written")
    expect(page.get_by_role("heading", name="Linimasa pengiriman")).to_be_visible()
    page.get_by_test_id("resend").click()
    expect(page.locator("body")).to_contain_text("Pesan dikirim ulang.")


def test_template_editor_live_preview(page, live_platform):
    live = live_platform
    login(page, live)
    page.goto(live.url("notifier") + "/templates")
    expect(page.get_by_test_id("template-table")).to_contain_text("bazaar.invitation")
    page.goto(live.url("notifier") + "/templates/umkm.verified/id")
    preview = page.get_by_test_id("preview")
    expect(preview).to_contain_text("Keripik Pisang Bu Sri")  # the event's sample data
    page.fill("#sms", "{{ department }}: selamat {{ owner_name }}, "
                      "{{ business_name }} terverifikasi!")
    expect(preview.locator("[data-channel=sms]")).to_contain_text(
        "selamat Sri Wahyuni, Keripik Pisang Bu Sri terverifikasi!")
    page.fill("#sms", "{{ owner_name ")
    expect(page.get_by_test_id("preview-error")).to_contain_text("sms.txt")
    # in Indonesian, beside the part where it is: a broken subject beside the subject
    page.fill("#sms", "Halo {{ owner_name }}")
    page.fill("#subject", "Selamat {{ nope }}")
    beside = page.locator("#subject ~ [data-testid=preview-field-error]")
    expect(beside).to_contain_text("Isian {{ nope }} tidak dikenal; isian yang tersedia:")
    expect(beside).not_to_contain_text("is undefined")
    expect(page.locator("#email ~ [data-testid=preview-field-error]")).to_be_hidden()
    expect(page.get_by_test_id("preview-error")).to_have_count(1)
