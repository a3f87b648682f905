"""Messages that name a status say it in the staff's words and the reader's language ("sudah
selesai", "ditolak"), never as the stored code ("completed", "rejected")."""

from tests.support import training_fixtures
from tests.support.training_world import logged_in

world = training_fixtures.world
ENGLISH = {"Accept-Language": "en"}


def completed_programme(world) -> tuple[dict, dict]:
    program = world.program()
    umkm = world.umkm()
    assert world.enroll(program["id"], umkm["id"]).status_code == 201
    done = world.client.post(f"/api/v1/programs/{program['id']}/complete", headers=world.auth)
    assert done.status_code == 200, done.json
    return program, umkm


def test_a_completed_programme_is_selesai_in_indonesian_and_completed_in_english(world):
    program, umkm = completed_programme(world)
    session = program["sessions"][0]["id"]
    url = f"/api/v1/programs/{program['id']}/sessions/{session}/attendance"
    answer = world.client.put(url, json={"present": [umkm["id"]]}, headers=world.auth)
    assert answer.status_code == 409
    assert answer.json["error"]["message"] == (
        "Program ini sudah selesai; kehadiran tidak dapat diubah.")
    english = world.client.put(url, json={"present": []}, headers={**world.auth, **ENGLISH})
    assert english.json["error"]["message"] == (
        "This programme is already completed; attendance cannot change.")
    again = world.client.post(f"/api/v1/programs/{program['id']}/complete", headers=world.auth)
    assert again.json["error"]["message"] == "Program ini sudah selesai."
    late = world.enroll(program["id"], world.umkm()["id"])
    assert late.json["error"]["message"] == "Program ini sudah selesai; pendaftaran ditutup."


def test_a_rejected_or_pending_umkm_and_a_second_enrollment_are_told_in_words(world):
    program = world.program(quota=1, eligibility={"sectors": ["kriya", "batik"]})
    rejected = world.umkm(verified=False, sector="kriya")
    assert world.registry.post(f"/api/v1/umkm/{rejected['id']}/reject",
                               json={"reason": "NIK tidak cocok"},
                               headers=world.auth).status_code == 200
    answer = world.enroll(program["id"], rejected["id"])
    assert answer.json["error"]["fields"]["umkm_id"] == (
        "UMKM ini belum terverifikasi (status: ditolak).")
    pending = world.umkm(verified=False, sector="kriya")
    english = world.client.post(f"/api/v1/programs/{program['id']}/enrollments",
                                json={"umkm_id": pending["id"]},
                                headers={**world.auth, **ENGLISH})
    assert english.json["error"]["fields"]["umkm_id"] == (
        "This UMKM is not verified yet (status: awaiting verification).")
    cook = world.umkm(sector="kuliner")
    assert world.enroll(program["id"], cook["id"]).json["error"]["fields"]["umkm_id"] == (
        "Pelatihan ini hanya untuk sektor: Kriya (kerajinan, suvenir, tapis), Batik.")
    first, second = world.umkm(sector="batik"), world.umkm(sector="batik")
    assert world.enroll(program["id"], first["id"]).status_code == 201
    assert world.enroll(program["id"], second["id"]).json["status"] == "waitlisted"
    twice = world.enroll(program["id"], second["id"])
    assert twice.status_code == 409
    assert twice.json["error"]["message"].endswith("sudah terdaftar di program ini "
                                                   "(daftar tunggu).")


def test_pages_show_sectors_and_the_equipment_condition_in_words(world):
    program = world.program(eligibility={"sectors": ["kriya"]})
    umkm = world.umkm(sector="kriya")
    visit = world.visit_after(program, umkm)
    world.client.post(f"/api/v1/visits/{visit['id']}/report", headers=world.auth, json={
        "still_producing": True, "equipment_in_use": True,
        "equipment_condition": "rusak_ringan"})
    client = logged_in(world)
    detail = client.get(f"/programs/{program['id']}").get_data(as_text=True)
    assert "· Kriya (kerajinan, suvenir, tapis)" in detail and "· kriya" not in detail
    report = client.get(f"/visits/{visit['id']}").get_data(as_text=True)
    assert "Rusak ringan" in report and "rusak_ringan" not in report
