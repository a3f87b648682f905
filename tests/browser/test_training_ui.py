"""A training coordinator in a real browser, against the whole platform (`make run`): create a
programme, stock its aid, enroll a verified UMKM, take attendance on a phone, hand over the aid
and print the BAST, upload the signed scan, complete, and file the follow-up visit report."""

import re
import uuid

import requests
from playwright.sync_api import expect

from tests.support.factories import registration
from tests.support.platform import wait_for

PHONE = {"width": 390, "height": 844}


def login(page, live):
    page.goto(live.url("registry") + "/login")
    page.fill("#email", live.admin_email)
    page.fill("#password", live.admin_password)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_test_id("logout")).to_be_visible()


def verified_umkm(live, name: str) -> dict:
    auth = {"Authorization": f"Bearer {live.token()}"}
    created = requests.post(live.url("registry") + "/api/v1/umkm", headers=auth, timeout=10,
                            json=registration(business_name=name, kecamatan="Metro Pusat",
                                              kelurahan="Imopuro", sector="kriya"))
    created.raise_for_status()
    umkm = created.json()
    requests.post(f"{live.url('registry')}/api/v1/umkm/{umkm['id']}/verify", headers=auth,
                  timeout=10).raise_for_status()

    def known_to_training():  # the umkm.* events reach training's own directory
        found = requests.get(live.url("training") + "/api/v1/umkm-directory",
                             params={"q": name, "status": "verified"}, headers=auth, timeout=10)
        return found.ok and found.json()["total"] == 1

    wait_for(known_to_training, 60, 0.5, "training to learn of the verified UMKM")
    return umkm


def test_a_programme_from_creation_to_the_visit_report(page, live_platform, tmp_path):
    live = live_platform
    tag = uuid.uuid4().hex[:6]
    business = f"Tapis Bu Sri {tag}"
    item = f"Alat tenun tapis {tag}"
    verified_umkm(live, business)
    login(page, live)
    training = live.url("training")

    # 1. create the programme
    page.goto(training + "/programs/new")
    page.fill("#title", f"Pelatihan Kain Tapis {tag}")
    page.fill("#topic", "kain tapis")
    page.fill("#location", "Aula Diskoperin")
    page.fill("#starts_on", "2026-12-07")
    page.fill("#ends_on", "2026-12-08")
    page.fill("#quota", "10")
    page.fill("#aid_package-0-item", item)
    page.fill("#aid_package-0-quantity", "1")
    page.fill("#aid_package-0-unit_value_idr", "1.500.000")
    page.get_by_role("button", name="Jadwalkan program").click()
    expect(page.get_by_test_id("program-title")).to_have_text(f"Pelatihan Kain Tapis {tag}")
    program_url = page.url

    # 2. stock arrives in the inventory
    page.goto(training + "/aid-items")
    row = page.get_by_test_id("inventory").locator("tr", has_text=item)
    row.locator("input[name=quantity]").fill("-1000")  # a correction beyond the stock
    row.locator("input[name=note]").fill("Salah hitung")
    row.get_by_role("button", name="Simpan").click()
    expect(row.locator(".error")).to_have_text("Melebihi stok: tinggal 0.")
    expect(row.locator("input[name=quantity]")).to_have_value("-1000")
    expect(row.locator("input[name=note]")).to_have_value("Salah hitung")
    row.locator("input[name=quantity]").fill("3")
    row.get_by_role("button", name="Simpan").click()
    expect(page.get_by_test_id("inventory").locator("tr", has_text=item)).to_contain_text("3 unit")

    # 3. enroll the UMKM found in the local directory
    page.goto(program_url)
    page.get_by_test_id("enroll-link").click()
    page.fill("#q", tag)
    page.get_by_role("button", name="Cari").click()
    page.get_by_test_id("candidates").get_by_role("button", name="Daftarkan").click()
    expect(page.locator(".flash").first).to_contain_text("terdaftar sebagai peserta")
    expect(page.get_by_test_id("participants")).to_contain_text(business)

    # 4. attendance of the first session, on a phone
    page.set_viewport_size(PHONE)
    page.get_by_test_id("attendance-1").click()
    page.get_by_label(re.compile(business)).check()
    page.get_by_role("button", name="Simpan kehadiran").click()
    expect(page.locator(".flash")).to_contain_text("Kehadiran tersimpan")
    expect(page.get_by_label(re.compile(business))).to_be_checked()
    page.screenshot(path=str(tmp_path / "attendance-phone.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    # 5. hand over the aid, print the BAST, upload the signed scan
    page.goto(program_url)
    page.get_by_test_id("handover-new").click()
    page.fill("#lines-0-serial_numbers", f"TPS-{tag}")
    page.get_by_role("button", name="Catat serah terima").click()
    expect(page.get_by_test_id("handover-number")).to_contain_text("BAST-")
    with page.expect_download() as download_info:
        page.get_by_test_id("bast-download").click()
    bast = tmp_path / "bast.pdf"
    download_info.value.save_as(bast)
    assert bast.read_bytes().startswith(b"%PDF-")
    page.set_input_files("#file", str(bast))
    page.get_by_role("button", name="Unggah").click()
    expect(page.locator(".flash")).to_contain_text("BAST bertanda tangan tersimpan")
    expect(page.get_by_test_id("scan-link")).to_be_visible()

    # 6. complete the programme
    page.goto(program_url)
    page.get_by_test_id("complete-link").click()
    page.check("#confirm")
    page.get_by_role("button", name="Selesaikan program").click()
    expect(page.locator(".flash")).to_contain_text("1 lulus, 0 tidak lulus")
    expect(page.get_by_test_id("program-status")).to_have_attribute("data-status", "completed")

    # 7. the worker schedules the visits from the completion event; file the report on a phone
    def visits_listed():
        page.goto(training + "/visits")
        return page.get_by_test_id("visit-table").locator("tr", has_text=business).count() == 2

    wait_for(visits_listed, 90, 1, "the follow-up visits to be scheduled")
    page.set_viewport_size(PHONE)
    page.get_by_test_id("visit-table").locator("tr", has_text=business).first \
        .get_by_role("link").click()
    expect(page.get_by_test_id("visit-status")).to_have_attribute("data-status", "scheduled")
    page.select_option("#report-still_producing", "ya")
    page.fill("#report-units_produced", "12")
    page.fill("#report-sales_idr", "2.400.000")
    page.select_option("#report-equipment_in_use", "ya")
    page.select_option("#report-equipment_condition", "baik")
    page.fill("#report-needs", "Benang emas")
    page.fill("#report-next_step", "Ikut bazar HUT Kota Metro")
    page.screenshot(path=str(tmp_path / "visit-report-phone.png"), full_page=True)
    page.get_by_role("button", name="Simpan laporan").click()
    expect(page.get_by_test_id("visit-status")).to_have_attribute("data-status", "completed")
    expect(page.get_by_test_id("visit-report")).to_contain_text("Rp2.400.000")
