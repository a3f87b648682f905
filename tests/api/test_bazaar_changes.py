"""Editing a bazaar through the API: fields, stalls never below those allocated, a new time or
place told to each stallholder in the same transaction, and who may do it."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import update

from services.bazaar.models import Bazaar
from services.bazaar.usecases import editing
from services.kernel.clock import utcnow
from services.kernel.identity import BAZAAR_COORDINATOR, VIEWER, StaffIdentity
from tests.support.bazaar_world import BazaarWorld

COORDINATOR = StaffIdentity("k1", "koordinator@test.example.id", "Koordinator",
                            (BAZAAR_COORDINATOR,))


@pytest.fixture
def world(app, auth, service_app):
    return BazaarWorld(service_app("bazaar"), auth)


def allocated_bazaar(world, *, stalls=4, kuliner_stalls=2, applicants=("kuliner", "kriya")):
    bazaar = world.bazaar(stalls=stalls, kuliner_stalls=kuliner_stalls)
    umkm = [world.umkm(sector=sector) for sector in applicants]
    for umkm_id in umkm:
        assert world.apply(bazaar["id"], umkm_id).status_code == 201
    return bazaar, world.allocate(bazaar["id"])


def test_edit_changes_only_the_fields_given(world):
    bazaar = world.bazaar(stalls=4, kuliner_stalls=2, sectors=["kuliner"])
    response = world.edit(bazaar["id"], title="  Bazar Hari Jadi Kota Metro ",
                          venue="Taman Merdeka", stalls=6, kuliner_stalls=3,
                          sectors=["kuliner", "batik"], verified_only=False)
    assert response.status_code == 200, response.json
    edited = response.json
    assert (edited["title"], edited["venue"], edited["host_event"]) == (
        "Bazar Hari Jadi Kota Metro", "Taman Merdeka", bazaar["host_event"])
    assert edited["stall_categories"] == {"kuliner": 3, "non-kuliner": 3}
    assert edited["sectors"] == ["batik", "kuliner"] and edited["verified_only"] is False
    assert edited["updated_at"] and edited["stallholders_told"] == 0
    assert edited["starts_at"] == bazaar["starts_at"]
    again = world.client.get(f"/api/v1/bazaars/{bazaar['id']}", headers=world.auth).json
    assert again["stalls"] == 6 and again["title"] == "Bazar Hari Jadi Kota Metro"
    # Before the allocation nobody holds a stall: nobody to tell.
    assert world.published("bazaar.rescheduled") == []
    unchanged = world.edit(bazaar["id"])
    assert unchanged.status_code == 200 and unchanged.json["stalls"] == 6


def test_bad_fields_get_one_message_each(world):
    bazaar = world.bazaar()
    typed = world.edit(bazaar["id"], title="B", starts_at="kemarin", stalls="banyak",
                       sectors=["sulap"], verified_only="mungkin", warna="merah")
    assert typed.status_code == 422
    named = {key.split(".")[0] for key in typed.json["error"]["fields"]}
    assert {"title", "starts_at", "stalls", "sectors", "verified_only", "warna"} <= named
    start = datetime.fromisoformat(bazaar["starts_at"])
    ruled = world.edit(bazaar["id"], ends_at=(start - timedelta(hours=1)).isoformat(),
                       stalls=0, applications_close_at=(start + timedelta(days=1)).isoformat())
    assert ruled.status_code == 422
    assert {"ends_at", "stalls", "applications_close_at"} <= set(ruled.json["error"]["fields"])
    past = world.edit(bazaar["id"], starts_at="2020-01-01T08:00:00+07:00",
                      ends_at="2020-01-01T16:00:00+07:00")
    assert past.status_code == 422 and "starts_at" in past.json["error"]["fields"]
    food = world.edit(bazaar["id"], stalls=3, kuliner_stalls=4)
    assert food.status_code == 422 and set(food.json["error"]["fields"]) == {"kuliner_stalls"}
    naive = world.edit(bazaar["id"], starts_at="2030-01-01T08:00:00")
    assert naive.status_code == 422 and "starts_at" in naive.json["error"]["fields"]
    assert world.client.get(f"/api/v1/bazaars/{bazaar['id']}",
                            headers=world.auth).json["title"] == bazaar["title"]


def test_stalls_never_drop_below_those_allocated_and_numbers_stay(world):
    bazaar, allocation = allocated_bazaar(world, applicants=("kuliner", "kuliner", "kriya"))
    held = sorted(a["stall_number"] for a in allocation["items"])
    assert held == ["K-01", "K-02", "N-01"]
    fewer = world.edit(bazaar["id"], stalls=2)
    assert fewer.status_code == 422
    assert "3 lapak" in fewer.json["error"]["fields"]["stalls"]
    food = world.edit(bazaar["id"], kuliner_stalls=1)
    assert food.status_code == 422
    assert "2 lapak kuliner" in food.json["error"]["fields"]["kuliner_stalls"]
    other = world.edit(bazaar["id"], stalls=3, kuliner_stalls=3)
    assert other.status_code == 422 and "non-kuliner" in other.json["error"]["fields"]["stalls"]
    ok = world.edit(bazaar["id"], stalls=3)  # removes the free N-02
    assert ok.status_code == 200 and ok.json["stall_categories"] == {
        "kuliner": 2, "non-kuliner": 1}
    more = world.edit(bazaar["id"], stalls=6, kuliner_stalls=3)
    assert more.status_code == 200 and more.json["stall_categories"] == {
        "kuliner": 3, "non-kuliner": 3}
    items = world.client.get(f"/api/v1/bazaars/{bazaar['id']}/applications",
                             headers=world.auth).json["items"]
    assert sorted(a["stall_number"] for a in items) == held


def test_a_new_time_after_allocation_is_told_to_each_stallholder(world):
    bazaar, allocation = allocated_bazaar(world, stalls=1, kuliner_stalls=1,
                                          applicants=("kuliner", "kuliner"))
    holder = next(a for a in allocation["items"] if a["status"] == "allocated")
    renamed = world.edit(bazaar["id"], title="Bazar HUT Kota Metro ke-90")
    assert renamed.json["stallholders_told"] == 0 and not world.published("bazaar.rescheduled")
    start = datetime.fromisoformat(bazaar["starts_at"]) + timedelta(days=7)
    moved = world.edit(bazaar["id"], starts_at=start.isoformat(),
                       ends_at=(start + timedelta(hours=6)).isoformat(),
                       applications_close_at=(start - timedelta(days=2)).isoformat(),
                       venue="Stadion Tejosari")
    assert moved.status_code == 200, moved.json
    assert moved.json["stallholders_told"] == 1 and moved.json["status"] == "allocated"
    [event] = world.published("bazaar.rescheduled")
    assert (event["umkm_id"], event["stall_number"]) == (holder["umkm_id"], "K-01")
    assert event["changed"] == ["starts_at", "ends_at", "venue"]
    assert event["bazaar"]["venue"] == "Stadion Tejosari"
    assert datetime.fromisoformat(event["bazaar"]["starts_at"]) == start
    assert event["previous"]["venue"] == "Lapangan Samber"
    assert datetime.fromisoformat(event["previous"]["starts_at"]) == datetime.fromisoformat(
        bazaar["starts_at"])
    assert sorted(world.deliveries("bazaar.rescheduled")) == [("notifier", "pending"),
                                                              ("registry", "pending")]


def test_the_event_and_the_change_commit_together(world, monkeypatch):
    bazaar, _ = allocated_bazaar(world, stalls=2, kuliner_stalls=2, applicants=("kuliner",))
    outbox = world.service.uow.outbox

    def broken(*args, **kwargs):
        raise RuntimeError("the outbox is full")

    monkeypatch.setattr(outbox, "add_many", broken)
    start = datetime.fromisoformat(bazaar["starts_at"]) + timedelta(days=1)
    with world.app.app_context(), pytest.raises(RuntimeError):
        editing.edit_bazaar(world.service.uow, bazaar["id"], {
            "starts_at": start, "ends_at": start + timedelta(hours=8),
            "applications_close_at": start - timedelta(days=2)}, COORDINATOR)
    monkeypatch.undo()
    kept = world.client.get(f"/api/v1/bazaars/{bazaar['id']}", headers=world.auth).json
    assert kept["starts_at"] == bazaar["starts_at"] and kept["updated_at"] is None


def test_a_new_date_resets_the_day_before_reminder(world):
    from services.bazaar.usecases.reminders import send_reminders
    from services.kernel.clock import WIB

    bazaar, _ = allocated_bazaar(world, stalls=1, kuliner_stalls=1, applicants=("kuliner",))
    held_on = datetime.fromisoformat(bazaar["starts_at"]).astimezone(WIB).date()
    assert send_reminders(world.service.uow, today=held_on - timedelta(days=1)) == 1
    start = datetime.fromisoformat(bazaar["starts_at"]) + timedelta(days=3)
    assert world.edit(bazaar["id"], starts_at=start.isoformat(),
                      ends_at=(start + timedelta(hours=8)).isoformat()).status_code == 200
    assert send_reminders(world.service.uow, today=held_on + timedelta(days=2)) == 1


def test_sectors_with_applicants_stay_eligible(world):
    bazaar = world.bazaar(sectors=["kuliner", "kriya"])
    world.apply(bazaar["id"], world.umkm(sector="kriya"))
    narrowed = world.edit(bazaar["id"], sectors=["kuliner"])
    assert narrowed.status_code == 422
    assert narrowed.json["error"]["fields"]["sectors"] == (
        "Sudah ada pendaftar dari sektor Kriya (kerajinan, suvenir, tapis).")
    assert world.edit(bazaar["id"], sectors=["kriya", "batik"]).status_code == 200
    assert world.edit(bazaar["id"], sectors=[]).json["sectors"] == []


def test_only_open_bazaars_before_they_start_may_be_edited(world):
    started = world.bazaar()
    with world.service.uow() as unit:
        unit.session.execute(update(Bazaar).where(Bazaar.id == started["id"]).values(
            starts_at=utcnow() - timedelta(hours=1)))
        unit.commit()
    assert world.edit(started["id"], title="Bazar Terlambat").status_code == 409
    assert world.client.get(f"/api/v1/bazaars/{started['id']}",
                            headers=world.auth).json["editable"] is False
    cancelled = world.bazaar()
    world.cancel(cancelled["id"], {"reason": "Acara ditunda oleh panitia."})
    refused = world.edit(cancelled["id"], title="Bazar Lain")
    assert refused.status_code == 409
    assert refused.json["error"]["message"].endswith("(status: Dibatalkan).")
    assert world.edit("tidak-ada", title="Bazar Lain").status_code == 404


def test_who_may_edit(world, staff_token):
    bazaar = world.bazaar()
    assert world.edit(bazaar["id"], headers={}, title="Bazar Baru").status_code == 401
    assert world.edit(bazaar["id"], headers=staff_token(VIEWER),
                      title="Bazar Baru").status_code == 403
    coordinator = world.edit(bazaar["id"], headers=staff_token(BAZAAR_COORDINATOR),
                             title="Bazar Baru")
    assert coordinator.status_code == 200 and coordinator.json["title"] == "Bazar Baru"
