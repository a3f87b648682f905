"""Cancelling a bazaar through the API: a reason, every application cancelled with it, one
`bazaar.cancelled` per applicant written in the same transaction, and who may do it."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import update

from services.bazaar.models import Bazaar
from services.bazaar.usecases import cancellation
from services.kernel.clock import utcnow
from services.kernel.identity import BAZAAR_COORDINATOR, VIEWER, StaffIdentity
from tests.support.bazaar_world import BazaarWorld

REASON = "Acara HUT ditunda oleh panitia karena cuaca buruk."
COORDINATOR = StaffIdentity("k1", "koordinator@test.example.id", "Koordinator",
                            (BAZAAR_COORDINATOR,))


@pytest.fixture
def world(app, auth, service_app):
    return BazaarWorld(service_app("bazaar"), auth)


def test_cancel_cancels_every_application_and_tells_each_applicant(world):
    bazaar = world.bazaar(stalls=1, kuliner_stalls=1)
    holder, waiting, gone = world.umkm(), world.umkm(), world.umkm()
    ids = {u: world.apply(bazaar["id"], u).json["id"] for u in (holder, waiting, gone)}
    world.client.post(f"/api/v1/bazaars/{bazaar['id']}/applications/{ids[gone]}/withdraw",
                      headers=world.auth)
    world.allocate(bazaar["id"])
    response = world.cancel(bazaar["id"], {"reason": f"  {REASON}\n"})
    assert response.status_code == 200, response.json
    cancelled = response.json
    assert (cancelled["status"], cancelled["cancel_reason"]) == ("cancelled", REASON)
    assert cancelled["applications_cancelled"] == 2 and cancelled["cancelled_at"]
    assert cancelled["editable"] is cancelled["cancellable"] is False
    statuses = {a["umkm_id"]: a["status"] for a in world.client.get(
        f"/api/v1/bazaars/{bazaar['id']}/applications", headers=world.auth).json["items"]}
    assert statuses == {holder: "cancelled", waiting: "cancelled", gone: "withdrawn"}
    events = {e["umkm_id"]: e for e in world.published("bazaar.cancelled")}
    assert set(events) == {holder, waiting}
    assert events[holder]["stall_number"] == "K-01" and events[waiting]["stall_number"] is None
    assert {e["reason"] for e in events.values()} == {REASON}
    assert events[holder]["bazaar"]["bazaar_id"] == bazaar["id"]
    # the owners are told, and the registry keeps it on each UMKM's timeline
    assert sorted(world.deliveries("bazaar.cancelled")) == [("notifier", "pending")] * 2 + [
        ("registry", "pending")] * 2


def test_a_cancelled_bazaar_takes_nothing_more(world):
    from services.bazaar.usecases.reminders import send_reminders
    from services.kernel.clock import WIB

    bazaar = world.bazaar(stalls=2)
    world.apply(bazaar["id"], world.umkm())
    world.allocate(bazaar["id"])
    assert world.cancel(bazaar["id"], {"reason": REASON}).status_code == 200
    again = world.cancel(bazaar["id"], {"reason": REASON})
    assert again.status_code == 409 and again.json["error"]["code"] == "conflict"
    assert world.apply(bazaar["id"], world.umkm()).status_code == 409
    assert world.client.post(f"/api/v1/bazaars/{bazaar['id']}/allocate",
                             headers=world.auth).status_code == 409
    assert world.client.post(f"/api/v1/bazaars/{bazaar['id']}/close",
                             headers=world.auth).status_code == 409
    public = world.app.test_client().get("/publik").get_data(as_text=True)
    assert bazaar["title"] not in public
    held_on = datetime.fromisoformat(bazaar["starts_at"]).astimezone(WIB).date()
    assert send_reminders(world.service.uow, today=held_on - timedelta(days=1)) == 0


def test_the_reason_is_required_and_bounded(world):
    bazaar = world.bazaar()
    cases = [{}, {"reason": ""}, {"reason": "abc"}, {"reason": "x" * 501}, {"reason": None},
             {"reason": REASON, "tanggal": "besok"}]
    for body in cases:
        response = world.cancel(bazaar["id"], body)
        assert response.status_code == 422, body
        assert set(response.json["error"]["fields"]) <= {"reason", "tanggal"}
    blank = world.cancel(bazaar["id"], {"reason": "          "})
    assert blank.status_code == 422 and "reason" in blank.json["error"]["fields"]
    assert world.client.get(f"/api/v1/bazaars/{bazaar['id']}",
                            headers=world.auth).json["status"] == "scheduled"


def test_an_ended_bazaar_is_closed_not_cancelled(world):
    bazaar = world.bazaar()
    with world.service.uow() as unit:
        unit.session.execute(update(Bazaar).where(Bazaar.id == bazaar["id"]).values(
            starts_at=utcnow() - timedelta(hours=9), ends_at=utcnow() - timedelta(hours=1)))
        unit.commit()
    refused = world.cancel(bazaar["id"], {"reason": REASON})
    assert refused.status_code == 409 and "selesai" in refused.json["error"]["message"]
    assert world.cancel("tidak-ada", {"reason": REASON}).status_code == 404


def test_the_events_and_the_cancellation_commit_together(world, monkeypatch):
    bazaar = world.bazaar()
    world.apply(bazaar["id"], world.umkm())

    def broken(*args, **kwargs):
        raise RuntimeError("the outbox is full")

    monkeypatch.setattr(world.service.uow.outbox, "add_many", broken)
    with world.app.app_context(), pytest.raises(RuntimeError):
        cancellation.cancel_bazaar(world.service.uow, bazaar["id"], REASON, COORDINATOR)
    monkeypatch.undo()
    kept = world.client.get(f"/api/v1/bazaars/{bazaar['id']}", headers=world.auth).json
    assert (kept["status"], kept["cancel_reason"]) == ("scheduled", None)
    [application] = world.client.get(f"/api/v1/bazaars/{bazaar['id']}/applications",
                                     headers=world.auth).json["items"]
    assert application["status"] == "applied"


def test_who_may_cancel(world, staff_token):
    bazaar = world.bazaar()
    assert world.cancel(bazaar["id"], {"reason": REASON}, headers={}).status_code == 401
    assert world.cancel(bazaar["id"], {"reason": REASON},
                        headers=staff_token(VIEWER)).status_code == 403
    done = world.cancel(bazaar["id"], {"reason": REASON},
                        headers=staff_token(BAZAAR_COORDINATOR))
    assert done.status_code == 200 and done.json["applications_cancelled"] == 0
    assert world.published("bazaar.cancelled") == []  # nobody had applied
