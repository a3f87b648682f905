"""The training staff pages with a real session and CSRF tokens: programme, enrollment from the
local directory, attendance, handover + BAST + upload, completion, visit report, outcomes."""

import io
import re
from datetime import timedelta

from services.kernel.clock import today_wib
from tests.support import training_fixtures
from tests.support.sessions import csrf_of
from tests.support.training_world import logged_in

world = training_fixtures.world

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def html(response) -> str:
    return response.get_data(as_text=True)


def test_pages_need_a_login(world):
    answer = world.app.test_client().get("/programs")
    assert answer.status_code == 302 and "/login?next=" in answer.headers["Location"]


def test_create_a_programme_through_the_form_with_errors_beside_the_fields(world):
    client = logged_in(world)
    page = html(client.get("/programs/new"))
    bad = client.post("/programs/new", data={
        "csrf_token": csrf_of(page), "title": "Batik Cap", "topic": "batik", "location": "Aula",
        "starts_on": "2026-12-09", "ends_on": "2026-12-07", "quota": "20",
        "followup_days": "14, 60", "aid_package-0-item": "Canting", "aid_package-0-quantity": "0"})
    assert bad.status_code == 422
    text = html(bad)
    assert re.search(r'id="ends_on-error"[^>]*>[^<]*sebelum tanggal mulai', text)
    assert re.search(r'id="aid_package-0-quantity-error"[^>]*>[^<]*minimal 1', text)
    assert 'value="Batik Cap"' in text
    good = client.post("/programs/new", data={
        "csrf_token": csrf_of(text), "title": "Batik Cap", "topic": "batik", "location": "Aula",
        "starts_on": "2026-12-07", "ends_on": "2026-12-08", "quota": "20",
        "min_attendance_pct": "50", "followup_days": "14, 60",
        "sessions": "2026-12-07 08:00-12:00 Aula Diskoperin\n2026-12-08 13.00-16.00",
        "eligible_sectors": ["batik", "fashion"],
        "aid_package-0-item": "Canting", "aid_package-0-quantity": "2",
        "aid_package-0-unit_value_idr": "Rp 25.000"})
    assert good.status_code == 302, html(good)[:2000]
    detail = html(client.get(good.headers["Location"]))
    assert "Batik Cap" in detail and "Rp25.000" in detail and "12:00" in detail
    listed = world.client.get("/api/v1/programs", headers=world.auth).json["items"][0]
    assert listed["eligibility"]["sectors"] == ["batik", "fashion"]
    assert [s["venue"] for s in listed["sessions"]] == ["Aula Diskoperin", "Aula"]


def test_the_whole_programme_through_the_pages(world):
    world.staff("field_officer", name="Rahmat", kecamatan=["Metro Pusat"])
    client = logged_in(world)
    program = world.program(quota=1, aid_package=[
        {"item": "Alat tenun tapis", "quantity": 1, "unit_value_idr": 1_500_000}])
    world.stock(program, 3)
    first = world.umkm(business_name="Tapis Bu Sri", kecamatan="Metro Pusat",
                       kelurahan="Imopuro")
    second = world.umkm(business_name="Tapis Pak Darto")
    world.sync_directory()

    # enroll from the local directory: a place, then the waitlist
    search = html(client.get(f"/programs/{program['id']}/enroll?q=tapis"))
    assert "Tapis Bu Sri" in search and "Tapis Pak Darto" in search
    token = csrf_of(search)
    placed = client.post(f"/programs/{program['id']}/enroll",
                         data={"csrf_token": token, "umkm_id": first["id"]},
                         follow_redirects=True)
    assert "terdaftar sebagai peserta" in html(placed)
    waiting = client.post(f"/programs/{program['id']}/enroll",
                          data={"csrf_token": token, "umkm_id": second["id"]},
                          follow_redirects=True)
    assert "daftar tunggu nomor 1" in html(waiting)

    # attendance on the first session
    session = program["sessions"][0]
    sheet = html(client.get(f"/programs/{program['id']}/sessions/{session['id']}/attendance"))
    saved = client.post(f"/programs/{program['id']}/sessions/{session['id']}/attendance",
                        data={"csrf_token": csrf_of(sheet), "present": [first["id"]]},
                        follow_redirects=True)
    assert "Kehadiran tersimpan" in html(saved)
    assert re.search(rf'value="{first["id"]}"\s+checked', html(saved))

    # handover, the BAST and its signed scan
    detail = html(client.get(f"/programs/{program['id']}"))
    handover_url = re.search(r'href="(/programs/[^"]+/handover/[^"]+)"', detail).group(1)
    form = html(client.get(handover_url))
    handed = client.post(handover_url, data={
        "csrf_token": csrf_of(form),
        "lines-0-aid_item_id": program["aid_package"][0]["aid_item_id"],
        "lines-0-quantity": "1", "lines-0-serial_numbers": "TPS-0042",
        "received_by": first["owner_name"]})
    assert handed.status_code == 302, html(handed)[:1500]
    receipt = html(client.get(handed.headers["Location"]))
    assert "TPS-0042" in receipt
    pdf = client.get(handed.headers["Location"] + "/bast.pdf")
    assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    wrong = client.post(handed.headers["Location"], data={
        "csrf_token": csrf_of(receipt), "file": (io.BytesIO(b"GIF89a..."), "scan.gif")},
        content_type="multipart/form-data")
    assert wrong.status_code == 422 and "Jenis berkas tidak diterima" in html(wrong)
    uploaded = client.post(handed.headers["Location"], data={
        "csrf_token": csrf_of(receipt), "file": (io.BytesIO(PNG), "scan.png")},
        content_type="multipart/form-data", follow_redirects=True)
    assert 'data-testid="scan-link"' in html(uploaded)

    # completion: the participant passes; the visits come from the event
    page = html(client.get(f"/programs/{program['id']}/complete"))
    done = client.post(f"/programs/{program['id']}/complete", data={
        "csrf_token": csrf_of(page), "rows-0-umkm_id": first["id"], "rows-0-decision": "auto",
        "rows-0-reason": "", "confirm": "y"}, follow_redirects=True)
    assert "1 lulus, 0 tidak lulus" in html(done)
    world.deliver_own_events()
    visits = html(client.get("/visits"))
    assert 'data-testid="visits-due-chart"' in visits and "Tapis Bu Sri" in visits
    visit_url = re.search(r'href="(/visits/[0-9a-f-]{36})"', visits).group(1)
    visit_page = html(client.get(visit_url))
    missing = client.post(visit_url, data={"csrf_token": csrf_of(visit_page),
                                           "report-still_producing": ""})
    assert missing.status_code == 422 and "report-still_producing-error" in html(missing), \
        re.findall(r"(?:flash|error)[^<]*<", html(missing))
    filed = client.post(visit_url, data={
        "csrf_token": csrf_of(visit_page), "report-still_producing": "ya",
        "report-units_produced": "8", "report-sales_idr": "1.200.000",
        "report-equipment_in_use": "ya", "report-equipment_condition": "baik",
        "report-needs": "Benang emas", "report-next_step": "Bazar HUT",
        "report-photos": (io.BytesIO(PNG), "foto.png")},
        content_type="multipart/form-data", follow_redirects=True)
    text = html(filed)
    assert 'data-status="completed" data-testid="visit-status">Selesai' in text
    assert "Rp1.200.000" in text
    photo = re.search(r'<img src="([^"]+)"', text).group(1)
    assert client.get(photo).data == PNG

    outcomes = html(client.get("/outcomes"))
    assert 'data-testid="producing-chart"' in outcomes and "Rp1.500.000" in outcomes
    assert 'data-testid="passed-chart"' in outcomes


def test_reschedule_through_the_form(world):
    client = logged_in(world)
    program = world.program()
    umkm = world.umkm()
    visit = world.visit_after(program, umkm)
    page = html(client.get(f"/visits/{visit['id']}"))
    later = (today_wib() + timedelta(days=84)).isoformat()  # never in the past, whenever run
    no_reason = client.post(f"/visits/{visit['id']}", data={
        "csrf_token": csrf_of(page), "move-due_on": later, "move-reason": ""})
    assert no_reason.status_code == 422 and "move-reason-error" in html(no_reason)
    moved = client.post(f"/visits/{visit['id']}", data={
        "csrf_token": csrf_of(page), "move-due_on": later,
        "move-reason": "Pemilik sakit"}, follow_redirects=True)
    assert "Pemilik sakit" in html(moved) and "Dijadwalkan ulang" in html(moved)


def test_a_viewer_reads_but_cannot_create(world):
    viewer = world.staff("viewer")
    client = logged_in(world, viewer["email"], "kata-sandi-uji-123")
    assert client.get("/programs").status_code == 200
    assert client.get("/programs/new").status_code == 403
    assert "Program baru" not in html(client.get("/programs"))
    assert client.get("/visits").status_code == 200
    assert client.get("/aid-items").status_code == 200
    assert client.get("/trainers").status_code == 200


def test_the_pages_in_english(world):
    client = logged_in(world)
    client.get("/lang/en?next=/programs")
    english = html(client.get("/programs/new"))
    assert "New programme" in english and "Aid package per participant" in english
    client.get("/lang/id")
    assert "Program baru" in html(client.get("/programs/new"))


def test_the_visit_list_by_officer_and_due_date(world):
    rahmat = world.staff("field_officer", name="Rahmat", kecamatan=["Metro Pusat"])
    world.staff("field_officer", name="Wulan", kecamatan=["Metro Selatan"])
    program = world.program()
    for kecamatan, kelurahan, name in (("Metro Pusat", "Imopuro", "Keripik Pusat"),
                                       ("Metro Selatan", "Margodadi", "Batik Selatan")):
        umkm = world.umkm(kecamatan=kecamatan, kelurahan=kelurahan, business_name=name)
        world.enroll(program["id"], umkm["id"])
    world.client.post(f"/api/v1/programs/{program['id']}/complete", headers=world.auth)
    world.deliver_own_events()
    client = logged_in(world)
    everyone = html(client.get("/visits"))
    assert everyone.count("Keripik Pusat") == 2 and everyone.count("Batik Selatan") == 2
    theirs = html(client.get(f"/visits?officer={rahmat['id']}"))
    assert "Keripik Pusat" in theirs and "Batik Selatan" not in theirs
    soon = html(client.get("/visits?due_within=30"))  # only the 14-day visits
    assert soon.count("Keripik Pusat") == 1 and soon.count("Batik Selatan") == 1
    mine = logged_in(world, rahmat["email"], "kata-sandi-uji-123")
    assert "Batik Selatan" not in html(mine.get("/visits"))  # an officer sees their own first
