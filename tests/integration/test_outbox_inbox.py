"""The outbox, the relay and the inbox on SQLite and on PostgreSQL, with fakes passed in."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from services.kernel.clock import utcnow
from services.kernel.events import CATALOGUE, EventSchemaError
from services.kernel.events.catalogue import make_envelope
from services.kernel.messaging import deadletters
from services.kernel.messaging.policy import RedeliveryPolicy
from services.kernel.messaging.relay import Relay
from services.notifier.bootstrap import bootstrap as notifier_bootstrap
from services.notifier.domain.rules import EMAIL, SMS
from services.notifier.models import Message
from services.registry.models import MESSAGING, Business, Region
from services.registry.usecases.umkm import register_umkm
from tests.support.factories import registration
from tests.support.fakes import Clock, RecordingChannel, RecordingPublisher


@pytest.fixture
def notifier(platform_any):
    config = platform_any.settings("notifier")
    channels = {EMAIL: RecordingChannel(), SMS: RecordingChannel()}
    container = notifier_bootstrap(config, publisher=RecordingPublisher(), nudge=False,
                                   channels=channels)
    container.channels = channels
    yield container
    container.runtime.dispose()


def count(uow_factory, table_or_model):
    with uow_factory(readonly=True) as uow:
        return uow.session.execute(select(func.count()).select_from(table_or_model)).scalar_one()


def test_state_and_outbox_commit_together(registry):
    view = register_umkm(registry.uow, registration(), None)
    assert count(registry.uow, Business) == 1
    with registry.uow(readonly=True) as uow:
        event = uow.session.execute(select(MESSAGING.outbox_event)).mappings().one()
    assert event["payload"]["umkm_id"] == view["id"]
    assert count(registry.uow, MESSAGING.outbox_delivery) == 3


def test_state_and_outbox_roll_back_together_when_the_work_fails(registry):
    example = CATALOGUE.get("umkm.registered").example
    with pytest.raises(RuntimeError), registry.uow() as uow:
        uow.session.add(Region(kecamatan="Metro Pusat", kelurahan="Kelurahan Baru"))
        uow.publish("umkm.registered", example)
        raise RuntimeError("the use case failed after publishing")
    assert count(registry.uow, Region) == 0
    assert count(registry.uow, MESSAGING.outbox_event) == 0


def test_an_event_that_breaks_its_schema_takes_the_state_with_it(registry):
    with pytest.raises(EventSchemaError), registry.uow() as uow:
        uow.session.add(Region(kecamatan="Metro Pusat", kelurahan="Kelurahan Baru"))
        uow.publish("umkm.registered", {"umkm_id": "x"})
        uow.commit()
    assert count(registry.uow, Region) == 0


def test_a_failing_commit_leaves_no_event(registry):
    register_umkm(registry.uow, registration(nib="9120001234567"), None)
    example = CATALOGUE.get("umkm.registered").example
    with pytest.raises(Exception), registry.uow() as uow:  # noqa: B017 (IntegrityError per driver)
        owner_id = uow.session.execute(select(Business.owner_id)).scalar()
        uow.session.add(Business(owner_id=owner_id, name="X", name_key="x", nib="9120001234567",
                                 sector="kuliner", scale="mikro", scale_basis="assumed",
                                 scale_regulation="PP 7/2021", kecamatan="Metro Pusat",
                                 kelurahan="Metro", address="Jl. X",
                                 registered_on=utcnow().date()))
        uow.publish("umkm.registered", example)
        uow.commit()
    assert count(registry.uow, MESSAGING.outbox_event) == 1


def envelope_for(registry_container) -> dict:
    register_umkm(registry_container.uow, registration(), None)
    result = registry_container.runtime.relay.run_once()
    assert result.published == 3
    return next(e for c, _, e in registry_container.runtime.publisher.published if c == "notifier")


def test_the_same_event_delivered_twice_has_one_effect(registry, notifier):
    envelope = envelope_for(registry)
    consumer = notifier.runtime.consumer
    assert consumer.handle(envelope) == "processed"
    assert consumer.handle(envelope) == "duplicate"
    assert count(notifier.uow, Message) == 2
    assert len(notifier.channels[EMAIL].sent) == 1 and len(notifier.channels[SMS].sent) == 1
    delivery = f"notifier:{envelope['event_id']}"
    assert notifier.runtime.publisher.acks == [("registry", delivery)] * 2


def test_concurrent_copies_of_one_event_have_one_effect(registry, notifier):
    envelope = envelope_for(registry)
    outcomes = []
    barrier = threading.Barrier(4)

    def consume():
        barrier.wait()
        outcomes.append(notifier.runtime.consumer.handle(envelope))

    threads = [threading.Thread(target=consume) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["duplicate"] * 3 + ["processed"]
    assert count(notifier.uow, Message) == 2
    assert len(notifier.channels[EMAIL].sent) == 1


def test_relay_uses_deterministic_task_ids_and_waits_for_the_ack(registry):
    register_umkm(registry.uow, registration(), None)
    relay = registry.runtime.relay
    publisher = registry.runtime.publisher
    assert relay.run_once().published == 3
    assert relay.run_once().published == 0  # sent, not yet due again
    event_id = publisher.published[0][2]["event_id"]
    assert sorted(t for _, t, _ in publisher.published) == sorted(
        f"{c}:{event_id}" for c in ("bazaar", "notifier", "training"))
    assert registry.runtime.acknowledge(f"notifier:{event_id}")
    assert not registry.runtime.acknowledge(f"notifier:{event_id}")  # already acknowledged


def test_unacknowledged_deliveries_are_sent_again_with_backoff_then_dead_lettered(registry):
    register_umkm(registry.uow, registration(), None)
    clock = Clock(utcnow() + timedelta(seconds=1))
    publisher = RecordingPublisher()
    relay = Relay("registry", registry.uow, MESSAGING, publisher,
                  RedeliveryPolicy(ack_timeout=10, backoff_max=40, max_attempts=4, jitter=0),
                  clock=clock)
    assert relay.run_once().published == 3
    event_id = publisher.published[0][2]["event_id"]
    registry.runtime.acknowledge(f"bazaar:{event_id}")
    clock.advance(seconds=9)
    assert relay.run_once().published == 0
    clock.advance(seconds=2)  # 10 s after the first send
    assert relay.run_once().published == 2
    clock.advance(seconds=19)
    assert relay.run_once().published == 0  # second wait is 20 s
    clock.advance(seconds=2)
    assert relay.run_once().published == 2
    clock.advance(seconds=41)
    assert relay.run_once().published == 2  # 4th and last attempt (wait capped at 40 s)
    clock.advance(seconds=41)
    result = relay.run_once()
    assert (result.published, result.dead) == (0, 2)
    dead, total = deadletters.list_deliveries(registry.uow, MESSAGING, status="dead")
    assert total == 2 and {d["consumer"] for d in dead} == {"notifier", "training"}
    assert all(d["attempts"] == 4 for d in dead)
    retried = deadletters.retry_delivery(registry.uow, MESSAGING, f"notifier:{event_id}")
    assert (retried["status"], retried["attempts"]) == ("pending", 0)
    assert relay.run_once().published == 1


def test_a_broker_failure_keeps_deliveries_pending(registry):
    register_umkm(registry.uow, registration(), None)
    failing = Relay("registry", registry.uow, MESSAGING, RecordingPublisher(fail=True),
                    RedeliveryPolicy(jitter=0))
    result = failing.run_once()
    assert (result.published, result.failed) == (0, True)
    stats = deadletters.outbox_stats(registry.uow, MESSAGING)
    assert stats["by_status"] == {"pending": 3}
    assert registry.runtime.relay.run_once().published == 3


def test_an_event_the_consumer_does_not_know_is_refused_without_effect(notifier):
    event_type = CATALOGUE.get("notification.sent")
    envelope = make_envelope(event_type, event_type.example, utcnow())
    with pytest.raises(EventSchemaError):
        notifier.runtime.consumer.handle(envelope)
    assert count(notifier.uow, Message) == 0


def test_settled_events_and_old_inbox_entries_are_pruned(registry, notifier):
    envelope = envelope_for(registry)
    notifier.runtime.consumer.handle(envelope)
    for consumer in ("bazaar", "notifier", "training"):
        registry.runtime.acknowledge(f"{consumer}:{envelope['event_id']}")
    register_umkm(registry.uow, registration(), None)  # a second event, still unacknowledged
    later = utcnow() + timedelta(days=31)
    assert deadletters.prune(registry.uow, MESSAGING, keep_days=30, now=later)["events"] == 1
    assert count(registry.uow, MESSAGING.outbox_event) == 1
    assert count(registry.uow, MESSAGING.outbox_delivery) == 3
    from services.notifier.models import MESSAGING as NOTIFIER_MESSAGING

    assert deadletters.prune(notifier.uow, NOTIFIER_MESSAGING, keep_days=30,
                             now=later)["inbox"] == 1
    assert deadletters.prune(notifier.uow, NOTIFIER_MESSAGING, keep_days=30)["inbox"] == 0


def test_the_request_id_travels_with_the_event_into_the_consumer(registry, platform_any):
    from services.kernel.logging import request_id_var
    from services.kernel.messaging.inbox import Consumer
    from services.kernel.uow import UnitOfWorkFactory

    token = request_id_var.set("req-42")
    try:
        register_umkm(registry.uow, registration(), None)
    finally:
        request_id_var.reset(token)
    registry.runtime.relay.run_once()
    envelope = registry.runtime.publisher.published[0][2]
    assert envelope["correlation_id"] == "req-42"
    seen = []
    consumer = Consumer("training", UnitOfWorkFactory(registry.runtime.uow.session_factory),
                        MESSAGING, CATALOGUE, {"umkm.registered": lambda event, uow: seen.append(
                            (request_id_var.get(), event.correlation_id))}, None)
    consumer.handle(envelope)
    assert seen == [("req-42", "req-42")]
