"""Training's staff forms answer bad input with 422, the message beside the field it concerns
and what was typed kept; nothing is saved."""

import re
from datetime import timedelta

from services.kernel.clock import today_wib
from tests.support import training_fixtures
from tests.support.sessions import csrf_of
from tests.support.training_world import logged_in

world = training_fixtures.world
LONG = "x" * 5000


def html(response) -> str:
    return response.get_data(as_text=True)


def error_of(text: str, field: str) -> str | None:
    found = re.search(rf'id="{field}-error"[^>]*>([^<]*)<', text)
    return found.group(1) if found else None


def test_a_trainer_with_over_long_text_a_bad_phone_and_email_is_refused_beside_each(world):
    client = logged_in(world)
    page = html(client.get("/trainers"))
    answer = client.post("/trainers", data={
        "csrf_token": csrf_of(page), "name": LONG, "skills": f"batik, {LONG}", "phone":
        "telepon-abc", "email": "bukan-email@@", "address": LONG, "kelurahan": "",
        "city": LONG, "availability": "Sabtu"})
    assert answer.status_code == 422
    text = html(answer)
    assert error_of(text, "name") == "Paling banyak 120 karakter."
    assert error_of(text, "address") == "Paling banyak 300 karakter."
    assert error_of(text, "city") == "Paling banyak 80 karakter."
    assert "60 karakter" in error_of(text, "skills")
    assert "diawali 0, 62 atau +62" in error_of(text, "phone")
    assert error_of(text, "email") == "Alamat email tidak valid."
    assert 'value="telepon-abc"' in text and 'value="bukan-email@@"' in text
    assert 'value="Sabtu"' in text
    assert world.client.get("/api/v1/trainers", headers=world.auth).json["total"] == 0


def test_a_fee_that_is_not_a_number_answers_422_beside_the_fee(world):
    client = logged_in(world)
    page = html(client.get("/trainers"))
    answer = client.post("/trainers", data={
        "csrf_token": csrf_of(page), "name": "Pak Hendra", "skills": "batik cap",
        "address": "Jl. Ahmad Yani 9", "city": "Bandar Lampung", "fee_idr": "banyak"})
    assert answer.status_code == 422 and error_of(html(answer), "fee_idr")
    assert 'value="Pak Hendra"' in html(answer)


def test_an_over_long_reschedule_reason_is_told_beside_the_reason_and_kept(world):
    program = world.program()
    umkm = world.umkm()
    visit = world.visit_after(program, umkm)
    client = logged_in(world)
    page = html(client.get(f"/visits/{visit['id']}"))
    later = (today_wib() + timedelta(days=84)).isoformat()
    answer = client.post(f"/visits/{visit['id']}", data={
        "csrf_token": csrf_of(page), "move-due_on": later, "move-reason": LONG})
    assert answer.status_code == 422
    assert error_of(html(answer), "move-reason") == "Paling banyak 300 karakter."
    assert f'value="{LONG}"' in html(answer)
    after = world.client.get(f"/api/v1/visits/{visit['id']}", headers=world.auth).json
    assert after["reschedules"] == [] and after["due_on"] == visit["due_on"]


def test_the_enroll_page_says_what_is_wrong_with_the_umkm_not_that_a_field_is_marked(world):
    program = world.program()
    pending = world.umkm(verified=False)
    client = logged_in(world)
    page = html(client.get(f"/programs/{program['id']}/enroll"))
    answer = client.post(f"/programs/{program['id']}/enroll",
                         data={"csrf_token": csrf_of(page), "umkm_id": pending["id"]})
    assert answer.status_code == 422
    flashes = re.findall(r'class="flash flash-error"[^>]*>([^<]*)<', html(answer))
    assert [f.strip() for f in flashes] == [
        "UMKM ini belum terverifikasi (status: menunggu verifikasi)."]
    nothing = client.post(f"/programs/{program['id']}/enroll",
                          data={"csrf_token": csrf_of(page), "umkm_id": ""})
    assert "Pilih UMKM yang akan didaftarkan." in html(nothing)
    assert "Data tidak valid" not in html(answer) + html(nothing)


def test_a_long_venue_receiver_or_result_reason_is_told_beside_its_field(world):
    client = logged_in(world)
    page = html(client.get("/programs/new"))
    venue = client.post("/programs/new", data={
        "csrf_token": csrf_of(page), "title": "Batik Cap", "topic": "batik", "location": "Aula",
        "starts_on": "2026-12-07", "ends_on": "2026-12-07", "quota": "20",
        "followup_days": "14, 60", "sessions": f"2026-12-07 08:00-12:00 {LONG}"})
    assert venue.status_code == 422
    assert error_of(html(venue), "sessions") == "Paling banyak 300 karakter."
    program = world.program()
    world.stock(program, 1)
    umkm = world.umkm()
    world.enroll(program["id"], umkm["id"])
    detail = html(client.get(f"/programs/{program['id']}"))
    handover_url = re.search(r'href="(/programs/[^"]+/handover/[^"]+)"', detail).group(1)
    form = html(client.get(handover_url))
    handed = client.post(handover_url, data={
        "csrf_token": csrf_of(form), "lines-0-quantity": "1",
        "lines-0-aid_item_id": program["aid_package"][0]["aid_item_id"],
        "received_by": LONG})
    assert handed.status_code == 422
    assert error_of(html(handed), "received_by") == "Paling banyak 200 karakter."
    page = html(client.get(f"/programs/{program['id']}/complete"))
    done = client.post(f"/programs/{program['id']}/complete", data={
        "csrf_token": csrf_of(page), "rows-0-umkm_id": umkm["id"],
        "rows-0-decision": "not_passed", "rows-0-reason": LONG, "confirm": "y"})
    assert done.status_code == 422
    assert error_of(html(done), "rows-0-reason") == "Paling banyak 300 karakter."
    assert f'value="{LONG}"' in html(done)
    assert world.client.get(f"/api/v1/programs/{program['id']}",
                            headers=world.auth).json["status"] == "scheduled"
