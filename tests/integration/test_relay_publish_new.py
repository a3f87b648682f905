"""The web process's short relay path for the events it has just committed (`publish_new`), on
SQLite and on PostgreSQL: each delivery goes out once, unless another relay has it; what the
broker refuses is back to pending for the periodic run."""

import time
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from services.kernel.clock import utcnow
from services.kernel.messaging.policy import RedeliveryPolicy
from services.kernel.messaging.relay import Relay
from services.registry.bootstrap import bootstrap as registry_bootstrap
from services.registry.models import MESSAGING
from services.registry.usecases.umkm import register_umkm
from tests.support.factories import registration
from tests.support.fakes import RecordingPublisher

CONSUMERS = ("bazaar", "notifier", "training")
D = MESSAGING.outbox_delivery


class FailingAfter(RecordingPublisher):
    """Takes `good` messages, then the broker goes away."""

    def __init__(self, good: int):
        super().__init__()
        self.good = good

    def publish(self, consumer, envelope, task_id):
        if len(self.published) >= self.good:
            raise ConnectionError("broker down")
        super().publish(consumer, envelope, task_id)


def register_one(registry) -> list[tuple[str, dict]]:
    """Register an UMKM; the (consumer, envelope) deliveries its commit hands over."""
    committed = []
    registry.uow.add_commit_hook(committed.extend)
    register_umkm(registry.uow, registration(), None)
    (envelope,) = committed
    return [(consumer, envelope) for consumer in CONSUMERS]


def deliveries(registry) -> dict[str, tuple]:
    with registry.uow(readonly=True) as unit:
        rows = unit.session.execute(select(D.c.consumer, D.c.status, D.c.attempts,
                                           D.c.next_attempt_at, D.c.last_sent_at))
        return {row.consumer: tuple(row[1:]) for row in rows}


def relay(registry, publisher, ack_timeout=30.0) -> Relay:
    return Relay("registry", registry.uow, MESSAGING, publisher,
                 RedeliveryPolicy(ack_timeout=ack_timeout, jitter=0))


def test_each_delivery_goes_out_once_and_waits_for_its_ack(registry):
    pairs = register_one(registry)
    publisher = RecordingPublisher()
    before = utcnow()
    assert relay(registry, publisher).publish_new(pairs).published == 3
    event_id = pairs[0][1]["event_id"]
    assert sorted((c, t) for c, t, _ in publisher.published) == [
        (c, f"{c}:{event_id}") for c in CONSUMERS]
    assert all(envelope == pairs[0][1] for _, _, envelope in publisher.published)
    found = deliveries(registry)
    assert {status for status, *_ in found.values()} == {"sent"}
    assert {attempts for _, attempts, *_ in found.values()} == {1}
    for _, _, due, sent_at in found.values():
        assert sent_at >= before - timedelta(seconds=1)
        assert timedelta(seconds=29) <= due - sent_at <= timedelta(seconds=31)
    # Sent already: neither this path nor the periodic relay sends it again before it is due.
    assert relay(registry, publisher).publish_new(pairs).published == 0
    assert registry.runtime.relay.run_once().published == 0
    assert len(publisher.published) == 3


def test_a_delivery_another_relay_has_claimed_is_left_to_it(registry):
    pairs = register_one(registry)
    with registry.uow() as unit:
        unit.session.execute(update(D).where(D.c.consumer == "notifier").values(
            claimed_until=utcnow() + timedelta(seconds=60)))
        unit.commit()
    publisher = RecordingPublisher()
    assert relay(registry, publisher).publish_new(pairs).published == 2
    assert {c for c, _, _ in publisher.published} == {"bazaar", "training"}
    assert deliveries(registry)["notifier"][:2] == ("pending", 0)


@pytest.mark.parametrize("good", [0, 1])
def test_what_the_broker_refuses_is_pending_again_for_the_periodic_relay(registry, good):
    pairs = register_one(registry)
    publisher = FailingAfter(good)
    result = relay(registry, publisher).publish_new(pairs)
    assert (result.published, result.failed) == (good, True)
    found = deliveries(registry)
    statuses = sorted((status, attempts, sent_at is None) for status, attempts, _, sent_at in
                      found.values())
    assert statuses == sorted([("sent", 1, False)] * good + [("pending", 0, True)] * (3 - good))
    # The periodic run sends the rest at once, and nothing twice.
    assert registry.runtime.relay.run_once().published == 3 - good
    sent = {c for c, _, _ in publisher.published} | {
        c for c, _, _ in registry.runtime.publisher.published}
    assert sent == set(CONSUMERS)


def test_the_web_process_nudge_publishes_what_a_request_committed(platform_any):
    publisher = RecordingPublisher()
    container = registry_bootstrap(platform_any.settings("registry"), publisher=publisher,
                                   nudge=True)
    try:
        register_umkm(container.uow, registration(), None)
        deadline = time.monotonic() + 10
        while len(publisher.published) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert sorted(c for c, _, _ in publisher.published) == list(CONSUMERS)
        assert {status for status, *_ in deliveries(container).values()} == {"sent"}
    finally:
        container.runtime.dispose()
