"""Enrollment through the API: verified UMKM only (asked of the registry), quota and waitlist,
cancel and promotion, no double enrollment, repeat-aid warning, roles."""

from datetime import timedelta

from sqlalchemy import func, select

from services.kernel.clock import today_wib
from services.training.models import Enrollment
from tests.support import training_fixtures

world = training_fixtures.world


def count_rows(world, model) -> int:
    with world.training.uow(readonly=True) as unit:
        return unit.session.execute(select(func.count()).select_from(model)).scalar_one()


def test_an_unknown_or_unverified_umkm_is_refused_with_a_field_message(world):
    program = world.program()
    unknown = world.enroll(program["id"], "00000000-0000-0000-0000-000000000000")
    assert unknown.status_code == 422
    assert "registri" in unknown.json["error"]["fields"]["umkm_id"]
    pending = world.umkm(verified=False)
    refused = world.enroll(program["id"], pending["id"])
    assert refused.status_code == 422
    assert "belum terverifikasi" in refused.json["error"]["fields"]["umkm_id"]
    assert count_rows(world, Enrollment) == 0


def test_the_registry_down_is_a_clear_503_and_nothing_is_written(world):
    program = world.program()
    umkm = world.umkm()
    before = len(world.published())
    world.served.stop()
    answer = world.enroll(program["id"], umkm["id"])
    assert answer.status_code == 503
    assert answer.json["error"]["code"] == "dependency_unavailable"
    assert "Registri UMKM tidak menjawab" in answer.json["error"]["message"]
    assert count_rows(world, Enrollment) == 0
    assert len(world.published()) == before


def test_no_double_enrollment(world):
    program = world.program()
    umkm = world.umkm()
    assert world.enroll(program["id"], umkm["id"]).status_code == 201
    again = world.enroll(program["id"], umkm["id"])
    assert again.status_code == 409 and again.json["error"]["code"] == "conflict"
    assert "umkm_id" in again.json["error"]["fields"]


def test_an_id_the_registry_cannot_hold_is_told_not_asked(world):
    """A bad id is the caller's mistake (422, or 404 from the registry), not the registry
    being unavailable (503)."""
    program = world.program()
    too_long = world.enroll(program["id"], "x" * 100_000)
    assert too_long.status_code == 422 and set(too_long.json["error"]["fields"]) == {"umkm_id"}
    escaped = world.enroll(program["id"], "a b/é")
    assert escaped.status_code in (404, 422), escaped.json


def test_quota_waitlist_and_promotion_when_a_place_frees(world):
    program = world.program(quota=1)
    first, second, third = (world.umkm() for _ in range(3))
    placed = world.enroll(program["id"], first["id"]).json
    assert placed["status"] == "enrolled"
    waiting = world.enroll(program["id"], second["id"]).json
    assert (waiting["status"], waiting["waitlist_position"]) == ("waitlisted", 1)
    assert world.enroll(program["id"], third["id"]).json["waitlist_position"] == 2
    [waitlisted_event, _] = [e["payload"] for e in world.published("training.waitlisted")]
    assert waitlisted_event["position"] == 1 and waitlisted_event["umkm_id"] == second["id"]

    cancelled = world.client.post(
        f"/api/v1/programs/{program['id']}/enrollments/{placed['id']}/cancel",
        json={"reason": "Sakit"}, headers=world.auth)
    assert cancelled.status_code == 200, cancelled.json
    assert cancelled.json["status"] == "cancelled"
    assert cancelled.json["promoted"]["umkm_id"] == second["id"]
    listed = world.client.get(f"/api/v1/programs/{program['id']}/enrollments",
                              headers=world.auth).json["items"]
    assert [(e["umkm_id"], e["status"], e["waitlist_position"]) for e in listed] == [
        (first["id"], "cancelled", None), (second["id"], "enrolled", None),
        (third["id"], "waitlisted", 1)]
    promoted = [e["payload"] for e in world.published("training.enrolled")]
    assert [(p["umkm_id"], p["promoted_from_waitlist"]) for p in promoted] == [
        (first["id"], False), (second["id"], True)]
    again = world.client.post(
        f"/api/v1/programs/{program['id']}/enrollments/{placed['id']}/cancel", json={},
        headers=world.auth)
    assert again.status_code == 409


def test_eligibility_by_sector_and_kecamatan(world):
    program = world.program(eligibility={"sectors": ["kriya"], "kecamatan": ["Metro Timur"]})
    wrong_sector = world.umkm(sector="kuliner", kecamatan="Metro Timur", kelurahan="Iringmulyo")
    answer = world.enroll(program["id"], wrong_sector["id"])
    assert answer.status_code == 422 and "sektor" in answer.json["error"]["fields"]["umkm_id"]
    wrong_place = world.umkm(sector="kriya", kecamatan="Metro Barat", kelurahan="Mulyojati")
    answer = world.enroll(program["id"], wrong_place["id"])
    assert answer.status_code == 422 and "kecamatan" in answer.json["error"]["fields"]["umkm_id"]
    right = world.umkm(sector="kriya", kecamatan="Metro Timur", kelurahan="Iringmulyo")
    assert world.enroll(program["id"], right["id"]).status_code == 201


def test_a_warning_when_the_same_aid_was_received_in_the_last_three_years(world):
    # About a year ago: inside the three-year window whenever the test runs.
    handed_over_on = today_wib() - timedelta(days=335)
    earlier = world.program(title="Tapis Angkatan I",
                            starts_on=(handed_over_on - timedelta(days=1)).isoformat(),
                            ends_on=handed_over_on.isoformat())
    world.stock(earlier, 5)
    umkm, other = world.umkm(), world.umkm()
    assert world.enroll(earlier["id"], umkm["id"]).status_code == 201
    handed = world.client.post(f"/api/v1/programs/{earlier['id']}/handovers",
                               json={"umkm_id": umkm["id"],
                                     "handed_over_on": handed_over_on.isoformat()},
                               headers=world.auth)
    assert handed.status_code == 201, handed.json
    later = world.program(title="Tapis Angkatan II",
                          aid_package=[{"item": "alat tenun  TAPIS", "quantity": 1}])
    warned = world.enroll(later["id"], umkm["id"])
    assert warned.status_code == 201
    assert len(warned.json["warnings"]) == 1
    assert "Alat tenun tapis" in warned.json["warnings"][0]
    assert "Tapis Angkatan I" in warned.json["warnings"][0]
    assert world.enroll(later["id"], other["id"]).json["warnings"] == []
    # the warning is read in the reader's language, whatever the language of who enrolled
    url = f"/api/v1/programs/{later['id']}/enrollments"

    def warnings_in(language: str) -> list[str]:
        listed = world.client.get(url, headers={**world.auth, "Accept-Language": language})
        return next(e["warnings"] for e in listed.json["items"] if e["id"] == warned.json["id"])

    read = {language: warnings_in(language) for language in ("en", "id")}
    day = handed_over_on.isoformat()
    assert read == {
        "en": [f'This UMKM already received Alat tenun tapis on {day} (programme "Tapis '
               'Angkatan I"), within the last 3 years.'],
        "id": [f'UMKM ini sudah menerima Alat tenun tapis pada {day} (program "Tapis '
               'Angkatan I"), dalam 3 tahun terakhir.']}


def test_roles_coordinator_manages_viewer_reads(world):
    viewer = world.staff("viewer")["auth"]
    officer = world.staff("field_officer")["auth"]
    coordinator = world.staff("training_coordinator")["auth"]
    body = {"title": "Kemasan Produk", "topic": "kemasan", "location": "Aula",
            "starts_on": "2026-12-01", "ends_on": "2026-12-01", "quota": 5}
    assert world.client.post("/api/v1/programs", json=body, headers=viewer).status_code == 403
    assert world.client.post("/api/v1/programs", json=body, headers=officer).status_code == 403
    created = world.client.post("/api/v1/programs", json=body, headers=coordinator)
    assert created.status_code == 201
    assert world.client.get("/api/v1/programs", headers=viewer).status_code == 200
    umkm = world.umkm()
    assert world.enroll(created.json["id"], umkm["id"], viewer).status_code == 403
    assert world.client.get("/api/v1/programs").status_code == 401


def test_an_invalid_programme_gets_one_message_per_field(world):
    answer = world.client.post("/api/v1/programs", json={
        "title": " ", "topic": "batik", "location": "Aula", "starts_on": "2026-12-09",
        "ends_on": "2026-12-07", "quota": 0, "followup_days": [14, 0],
        "aid_package": [{"item": "Canting", "quantity": 0}],
        "eligibility": {"sectors": ["tambang"], "kecamatan": ["Metro Jaya"]}},
        headers=world.auth)
    assert answer.status_code == 422
    assert set(answer.json["error"]["fields"]) == {
        "title", "ends_on", "quota", "followup_days", "aid_package.0.quantity",
        "eligibility.sectors", "eligibility.kecamatan"}
    typed = world.client.post("/api/v1/programs", json={"quota": "sepuluh", "extra": 1},
                              headers=world.auth)
    assert typed.status_code == 422
    assert {"title", "quota", "extra", "starts_on"} <= set(typed.json["error"]["fields"])
    assert world.client.get("/api/v1/programs", headers=world.auth).json["total"] == 0


def test_a_missing_programme_is_404(world):
    umkm = world.umkm()
    assert world.enroll("no-such-programme", umkm["id"]).status_code == 404
    assert world.client.get("/api/v1/programs/nope", headers=world.auth).status_code == 404
