"""Each UMKM's activity timeline: the training and bazaar services' events, routed to the
registry's queue, kept as a local read model and shown on the UMKM's page and API."""

from datetime import timedelta

from services.kernel.clock import WIB, utcnow
from services.kernel.events import CATALOGUE
from services.kernel.events.catalogue import make_envelope
from services.registry.domain.activity import KINDS
from tests.api.test_registry_pages import login
from tests.api.test_registry_status import register
from tests.api.test_training_aid import hand_over, setup_participant
from tests.support import training_fixtures

world = training_fixtures.world


def test_every_timeline_event_is_routed_to_the_registry():
    for kind in KINDS:
        assert "registry" in CATALOGUE.get(kind).consumers, kind
    # and nothing the registry does not keep
    routed = {t.name for t in CATALOGUE if "registry" in t.consumers}
    assert routed == set(KINDS)


def test_training_enrolment_aid_and_completion_reach_the_timeline(world):
    program, umkm = setup_participant(world, stock=1)
    assert hand_over(world, program, umkm, received_by="Sri", items=[
        {"item": "Alat tenun tapis", "quantity": 1, "serial_numbers": ["TPS-7"]}]
    ).status_code == 201
    assert world.client.post(f"/api/v1/programs/{program['id']}/complete",
                             headers=world.auth).status_code == 200
    recorder = world._relay(world.training.runtime)
    to_registry = [e for consumer, _task, e in recorder.published if consumer == "registry"]
    assert {e["type"] for e in to_registry} == {
        "training.enrolled", "aid.handed_over", "training.participant_completed"}
    consumer = world.registry_app.extensions["runtime"].consumer
    assert all(consumer.handle(e) == "processed" for e in to_registry)
    assert all(consumer.handle(e) == "duplicate" for e in to_registry)

    answer = world.registry.get(f"/api/v1/umkm/{umkm['id']}/activity", headers=world.auth)
    assert answer.status_code == 200 and answer.json["total"] == 3
    by_kind = {item["kind"]: item for item in answer.json["items"]}
    aid = by_kind["aid.handed_over"]["summary"]
    assert aid["items"] == [{"item": "Alat tenun tapis", "quantity": 1}]
    assert aid["total_value_idr"] == 1_500_000 and aid["program"] == program["title"]
    assert by_kind["training.participant_completed"]["summary"]["passed"] is True
    # someone else's timeline stays empty
    other = world.umkm()
    assert world.registry.get(f"/api/v1/umkm/{other['id']}/activity",
                              headers=world.auth).json["items"] == []


def _deliver(app, kind: str, at, event_id=None, **payload):
    event_type = CATALOGUE.get(kind)
    envelope = make_envelope(event_type, {**event_type.example, **payload}, at,
                             event_id=event_id)
    return app.extensions["runtime"].consumer.handle(envelope)


def test_a_corrected_sales_report_replaces_the_first_and_an_older_one_never_wins(app, client,
                                                                                auth):
    umkm_id = register(client, auth)
    now = utcnow()
    assert _deliver(app, "bazaar.stall_allocated", now, umkm_id=umkm_id) == "processed"
    assert _deliver(app, "bazaar.sales_reported", now, umkm_id=umkm_id,
                    revenue_idr=900_000) == "processed"
    assert _deliver(app, "bazaar.sales_reported", now + timedelta(hours=1), umkm_id=umkm_id,
                    revenue_idr=1_850_000) == "processed"
    assert _deliver(app, "bazaar.sales_reported", now - timedelta(hours=1), umkm_id=umkm_id,
                    revenue_idr=1) == "processed"  # late, older: kept out
    items = client.get(f"/api/v1/umkm/{umkm_id}/activity", headers=auth).json["items"]
    sales = [i for i in items if i["kind"] == "bazaar.sales_reported"]
    assert [s["summary"]["revenue_idr"] for s in sales] == [1_850_000]
    assert {i["kind"] for i in items} == {"bazaar.stall_allocated", "bazaar.sales_reported"}
    assert sales[0]["on"] == "2027-06-09"  # the bazaar's day in WIB


def test_the_page_tells_the_story_in_the_readers_language(app, client, auth):
    umkm_id = register(client, auth)
    now = utcnow()
    _deliver(app, "bazaar.stall_allocated", now, umkm_id=umkm_id)
    _deliver(app, "visit.completed", now, umkm_id=umkm_id)
    _deliver(app, "retail.product_listed", now, umkm_id=umkm_id)
    _deliver(app, "bazaar.stall_revoked", now, umkm_id=umkm_id, reason="Izin PIRT belum terbit.")
    login(client)
    page = client.get(f"/umkm/{umkm_id}").get_data(as_text=True)
    assert "Mendapat lapak K-07 di Bazar UMKM HUT Kota Metro" in page
    assert "Kunjungan pendampingan Pelatihan Kain Tapis Angkatan I oleh Rahmat Hidayat" in page
    assert "Keripik Pisang Coklat 250 g dipajang di Chandra" in page
    assert "Lapak K-07 di Bazar UMKM HUT Kota Metro ditarik kembali: Izin PIRT belum terbit." \
        in page
    client.get("/lang/en")
    english = client.get(f"/umkm/{umkm_id}").get_data(as_text=True)
    assert "Got stall K-07 at Bazar UMKM HUT Kota Metro" in english
    assert "Stall K-07 at Bazar UMKM HUT Kota Metro taken back: Izin PIRT" in english
    assert client.get(f"/api/v1/umkm/{umkm_id}/activity", headers=auth).json["total"] == 4


def test_a_rescheduled_bazaar_moves_the_stall_on_the_timeline(any_app):
    app, client = any_app
    umkm_id = register(client, client.auth)
    now = utcnow()
    moved = CATALOGUE.get("bazaar.rescheduled").example["bazaar"]
    assert _deliver(app, "bazaar.stall_allocated", now - timedelta(days=2),
                    umkm_id=umkm_id) == "processed"
    assert _deliver(app, "bazaar.rescheduled", now - timedelta(days=1), umkm_id=umkm_id,
                    bazaar={**moved, "venue": "Taman Merdeka, Metro Pusat"}) == "processed"
    # an allocation delivered late (older than the change) does not move it back
    assert _deliver(app, "bazaar.stall_allocated", now - timedelta(days=3),
                    umkm_id=umkm_id) == "processed"
    [item] = client.get(f"/api/v1/umkm/{umkm_id}/activity", headers=client.auth).json["items"]
    assert (item["kind"], item["on"]) == ("bazaar.stall_allocated", "2027-06-16")
    assert item["summary"]["stall_number"] == "K-07"
    assert item["summary"]["venue"] == "Taman Merdeka, Metro Pusat"
    assert item["summary"]["planned_on"] == "2027-06-09"

    login(client)
    page = client.get(f"/umkm/{umkm_id}").get_data(as_text=True)
    assert "Mendapat lapak K-07 di Bazar UMKM HUT Kota Metro, Taman Merdeka, Metro Pusat." in page
    assert "Jadwal bazar diubah; semula 9 Jun 2027." in page
    client.get("/lang/en")
    english = client.get(f"/umkm/{umkm_id}").get_data(as_text=True)
    assert "The bazaar was rescheduled; first planned for 9 Jun 2027." in english

    # cancelled after all: the cancellation takes the entry's place, as for any stall
    assert _deliver(app, "bazaar.cancelled", now, umkm_id=umkm_id) == "processed"
    [item] = client.get(f"/api/v1/umkm/{umkm_id}/activity", headers=client.auth).json["items"]
    assert item["kind"] == "bazaar.cancelled" and item["summary"]["stall_number"] == "K-07"


WAITING = "5c4b3a29-1807-4f6e-8d5c-4b3a29180706"  # an application that had no stall


def test_a_cancelled_bazaar_takes_the_place_of_the_stall_on_the_timeline(any_app):
    app, client = any_app
    umkm_id = register(client, client.auth)
    other_id = register(client, client.auth)
    now = utcnow()
    assert _deliver(app, "bazaar.stall_allocated", now - timedelta(days=3),
                    umkm_id=umkm_id) == "processed"
    assert _deliver(app, "bazaar.stall_revoked", now - timedelta(days=2), umkm_id=other_id,
                    application_id=WAITING, reason="Izin PIRT belum terbit.") == "processed"
    cancel = CATALOGUE.get("bazaar.cancelled").example
    assert _deliver(app, "bazaar.cancelled", now, umkm_id=umkm_id) == "processed"
    assert _deliver(app, "bazaar.cancelled", now, umkm_id=other_id, application_id=WAITING,
                    stall_number=None) == "processed"
    # an allocation delivered late (older than the cancellation) does not bring the stall back
    assert _deliver(app, "bazaar.stall_allocated", now - timedelta(days=1),
                    umkm_id=umkm_id) == "processed"

    answer = client.get(f"/api/v1/umkm/{umkm_id}/activity", headers=client.auth)
    assert answer.status_code == 200 and answer.json["total"] == 1
    [item] = answer.json["items"]
    assert item["kind"] == "bazaar.cancelled"
    assert item["on"] == now.astimezone(WIB).date().isoformat()  # the day it was cancelled
    assert item["summary"]["bazaar"] == "Bazar UMKM HUT Kota Metro"
    assert item["summary"]["stall_number"] == "K-07"  # the stall it had
    assert item["summary"]["reason"] == cancel["reason"]

    # the other UMKM had its stall taken back earlier: that stays, the cancellation is added
    items = client.get(f"/api/v1/umkm/{other_id}/activity", headers=client.auth).json["items"]
    assert [i["kind"] for i in items] == ["bazaar.cancelled", "bazaar.stall_revoked"]
    assert items[0]["summary"]["stall_number"] is None
    assert items[0]["summary"]["reason"] == cancel["reason"]


def test_the_page_says_the_bazaar_was_cancelled_and_why(app, client, auth):
    umkm_id = register(client, auth)
    other_id = register(client, auth)
    now = utcnow()
    _deliver(app, "bazaar.stall_allocated", now - timedelta(days=1), umkm_id=umkm_id)
    _deliver(app, "bazaar.cancelled", now, umkm_id=umkm_id)
    _deliver(app, "bazaar.cancelled", now, umkm_id=other_id, application_id=WAITING,
             stall_number=None)
    login(client)
    page = client.get(f"/umkm/{umkm_id}").get_data(as_text=True)
    assert "Bazar UMKM HUT Kota Metro dibatalkan, lapak K-07 batal. Alasan: Acara HUT Kota " \
        "Metro ditunda oleh panitia karena cuaca buruk." in page
    assert "Mendapat lapak" not in page
    waiting = client.get(f"/umkm/{other_id}").get_data(as_text=True)
    assert "Bazar UMKM HUT Kota Metro dibatalkan. Alasan: Acara HUT Kota Metro ditunda" in waiting
    client.get("/lang/en")
    english = client.get(f"/umkm/{umkm_id}").get_data(as_text=True)
    assert "Bazar UMKM HUT Kota Metro was cancelled, and stall K-07 with it. Reason: Acara HUT " \
        "Kota Metro ditunda oleh panitia karena cuaca buruk." in english
    assert "Got stall" not in english
    assert "Bazar UMKM HUT Kota Metro was cancelled. Reason: Acara HUT" in client.get(
        f"/umkm/{other_id}").get_data(as_text=True)


def test_unknown_umkm_and_bad_paging_are_clear_errors(client, auth):
    assert client.get("/api/v1/umkm/nope/activity", headers=auth).status_code == 404
    bad = client.get("/api/v1/umkm/nope/activity?per_page=0", headers=auth)
    assert bad.status_code == 422 and "per_page" in bad.json["error"]["fields"]
