"""The web process's short relay path for the events it has just committed, on SQLite and on
PostgreSQL. Its transaction writes the deliveries as sent, and it publishes them itself at once
(`publish_new`); each goes out once, what the broker refuses is pending again for the periodic
relay, and a process that dies before publishing leaves them to the re-send."""

import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from services.kernel.clock import utcnow
from services.kernel.messaging.policy import RedeliveryPolicy
from services.kernel.messaging.relay import Relay
from services.registry.bootstrap import bootstrap as registry_bootstrap
from services.registry.models import MESSAGING
from services.registry.usecases.umkm import register_umkm
from tests.support.factories import registration
from tests.support.fakes import RecordingPublisher
from tests.support.platform import wait_for

CONSUMERS = ("bazaar", "notifier", "training")
D = MESSAGING.outbox_delivery


class BrokerDown(RecordingPublisher):
    """Takes `good` messages of a batch, then fails it, until the broker is `back()`."""

    def __init__(self, good: int):
        super().__init__()
        self.good, self.down, self.refused = good, True, 0

    def publish_many(self, deliveries):
        if not self.down:
            return super().publish_many(deliveries)
        super().publish_many(deliveries[:self.good])
        self.refused += 1
        raise ConnectionError("broker down")


@pytest.fixture
def web_registry(platform_any):
    """The registry as its web process builds it: nudging, with the publisher a test gives."""
    containers = []

    def build(publisher):
        containers.append(registry_bootstrap(platform_any.settings("registry"),
                                             publisher=publisher, nudge=True))
        return containers[-1]

    yield build
    for container in containers:
        container.runtime.dispose()


def deliveries(registry) -> dict[str, tuple]:
    with registry.uow(readonly=True) as unit:
        rows = unit.session.execute(select(D.c.consumer, D.c.status, D.c.attempts,
                                           D.c.next_attempt_at, D.c.last_sent_at))
        return {row.consumer: tuple(row[1:]) for row in rows}


def test_the_web_process_publishes_what_a_request_committed_once(web_registry):
    publisher = RecordingPublisher()
    registry = web_registry(publisher)
    before = utcnow()
    envelope = register_umkm(registry.uow, registration(), None)
    wait_for(lambda: len(publisher.published) == 3, 10, 0.02, "the nudge to publish")
    event_id = next(iter(publisher.published))[2]["event_id"]
    assert sorted((c, t) for c, t, _ in publisher.published) == [
        (c, f"{c}:{event_id}") for c in CONSUMERS]
    assert envelope["id"] == publisher.published[0][2]["payload"]["umkm_id"]
    found = deliveries(registry)
    assert {status for status, *_ in found.values()} == {"sent"}
    assert {attempts for _, attempts, *_ in found.values()} == {1}
    wait = registry.runtime.config["EVENT_ACK_TIMEOUT"]  # the policy's, with its jitter
    for _, _, due, sent_at in found.values():
        assert sent_at >= before - timedelta(seconds=1)
        assert wait <= (due - sent_at).total_seconds() <= wait * 1.1 + 0.001
    # Sent already: the periodic relay leaves them until their acknowledgement is overdue.
    assert registry.runtime.relay.run_once().published == 0
    time.sleep(0.2)
    assert len(publisher.published) == 3


def test_a_worker_leaves_its_deliveries_pending_for_the_periodic_relay(registry):
    register_umkm(registry.uow, registration(), None)
    assert {v[:2] for v in deliveries(registry).values()} == {("pending", 0)}
    assert registry.runtime.relay.run_once().published == 3
    assert {v[:2] for v in deliveries(registry).values()} == {("sent", 1)}


@pytest.mark.parametrize("good", [0, 1])
def test_what_the_broker_refuses_is_pending_again_for_the_periodic_relay(web_registry, good):
    """The three go as one batch: when the broker fails it, all three are pending again, even
    one that reached its queue (its consumer's inbox takes the second copy)."""
    publisher = BrokerDown(good)
    registry = web_registry(publisher)
    register_umkm(registry.uow, registration(), None)
    wait_for(lambda: publisher.refused and {v[0] for v in deliveries(registry).values()}
             == {"pending"}, 10, 0.02, "the refused batch to be pending again")
    assert len(publisher.published) == good
    assert sorted((status, attempts, sent_at is None) for status, attempts, _, sent_at in
                  deliveries(registry).values()) == [("pending", 0, True)] * 3
    publisher.down = False
    assert registry.runtime.relay.run_once().published == 3
    assert sorted(c for c, _, _ in publisher.published[good:]) == sorted(CONSUMERS)
    assert registry.runtime.relay.run_once().published == 0


def test_a_process_that_dies_before_publishing_leaves_them_to_the_resend(web_registry):
    publisher = RecordingPublisher()
    registry = web_registry(publisher)
    registry.uow.on_commit.clear()  # the process dies as its transaction commits
    register_umkm(registry.uow, registration(), None)
    assert {v[:2] for v in deliveries(registry).values()} == {("sent", 1)}
    assert registry.runtime.relay.run_once().published == 0
    later = Relay("registry", registry.uow, MESSAGING, publisher,
                  RedeliveryPolicy(ack_timeout=30, jitter=0),
                  clock=lambda: utcnow() + timedelta(seconds=40))
    assert later.run_once().published == 3
    assert sorted(c for c, _, _ in publisher.published) == sorted(CONSUMERS)
    assert {v[:2] for v in deliveries(registry).values()} == {("sent", 2)}
