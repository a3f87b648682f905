"""Acknowledgements over connections kept open, against a real Redis. The relay's reader: one
connection however many runs, nothing stranded when a run's database write fails, and a new
connection after the broker restarts; what a relay took and died holding comes back through
the re-send. A consumer's writer: the same, for sending."""

import pytest
import redis
from sqlalchemy import select

from services.kernel.messaging.celeryapp import make_celery
from services.kernel.messaging.publisher import CeleryPublisher, events_queue
from services.kernel.messaging.tables import delivery_id
from services.registry.bootstrap import bootstrap as registry_bootstrap
from services.registry.models import MESSAGING
from services.registry.usecases.umkm import register_umkm
from tests.support.broker import queued_messages
from tests.support.factories import registration
from tests.support.platform import wait_for

CONSUMERS = ("bazaar", "notifier", "training")


def _connections_made(url: str) -> int:
    """Connections the test's Redis has accepted so far, the one asking included."""
    return redis.Redis.from_url(url).info("stats")["total_connections_received"]


def test_many_relay_runs_read_over_one_connection(own_redis):
    publisher = CeleryPublisher(make_celery("registry", own_redis.url))
    for n in range(3):
        publisher.acknowledge("registry", f"bazaar:event-{n}")
    taken, recorded = publisher.take_acks("registry", 500)
    recorded()
    assert sorted(taken) == [f"bazaar:event-{n}" for n in range(3)]
    made = _connections_made(own_redis.url)

    for n in range(20):  # twenty relay runs, an acknowledgement each
        publisher.acknowledge("registry", f"training:event-{n}")
        taken, recorded = publisher.take_acks("registry", 500)
        recorded()
        assert taken == [f"training:event-{n}"]
    # Only the two counting connections are new: the reader was opened once for every run.
    assert _connections_made(own_redis.url) == made + 1

    taken, recorded = publisher.take_acks("registry", 500)
    recorded()
    assert taken == []  # every acknowledgement read once


def test_acknowledgements_a_run_failed_to_record_are_read_again_by_the_next(own_redis):
    publisher = CeleryPublisher(make_celery("registry", own_redis.url))
    publisher.acknowledge("registry", "notifier:event-1")
    publisher.acknowledge("registry", "notifier:event-2")

    taken, _recorded = publisher.take_acks("registry", 500)  # its database write failed
    assert sorted(taken) == ["notifier:event-1", "notifier:event-2"]

    again, recorded = publisher.take_acks("registry", 500)
    recorded()
    assert sorted(again) == ["notifier:event-1", "notifier:event-2"]
    last, recorded = publisher.take_acks("registry", 500)
    recorded()
    assert last == []


def test_a_reader_whose_broker_restarted_is_replaced(own_redis):
    publisher = CeleryPublisher(make_celery("registry", own_redis.url))
    publisher.acknowledge("registry", "bazaar:before")
    taken, recorded = publisher.take_acks("registry", 500)
    recorded()
    assert taken == ["bazaar:before"]

    own_redis.stop()
    with pytest.raises(redis.ConnectionError):  # the relay logs it, tries again next run
        publisher.take_acks("registry", 500)
    own_redis.start()  # same port, its data gone

    publisher.acknowledge("registry", "bazaar:after")
    taken, recorded = publisher.take_acks("registry", 500)
    recorded()
    assert taken == ["bazaar:after"]


def test_a_consumer_sends_many_acknowledgements_over_one_connection(own_redis):
    consumer = CeleryPublisher(make_celery("bazaar", own_redis.url))
    consumer.acknowledge("registry", "bazaar:event-0")  # opens this thread's writer
    made = _connections_made(own_redis.url)
    for n in range(1, 21):
        consumer.acknowledge("registry", f"bazaar:event-{n}")
    assert _connections_made(own_redis.url) == made + 1  # only the counting connection
    relay = CeleryPublisher(make_celery("registry", own_redis.url))
    taken, recorded = relay.take_acks("registry", 500)
    recorded()
    assert sorted(taken) == sorted(f"bazaar:event-{n}" for n in range(21))


def test_a_writer_whose_broker_restarted_is_replaced(own_redis):
    consumer = CeleryPublisher(make_celery("bazaar", own_redis.url))
    consumer.acknowledge("registry", "bazaar:before")
    own_redis.stop()
    with pytest.raises(redis.ConnectionError):  # the inbox logs it; the producer sends again
        consumer.acknowledge("registry", "bazaar:lost")
    own_redis.start()  # same port, its data gone

    consumer.acknowledge("registry", "bazaar:after")
    relay = CeleryPublisher(make_celery("registry", own_redis.url))
    taken, recorded = relay.take_acks("registry", 500)
    recorded()
    assert taken == ["bazaar:after"]


def _queued_task_ids(url: str, consumer: str) -> list[str]:
    return [m["headers"]["id"] for m in queued_messages(url, events_queue(consumer))]


def _statuses(registry) -> dict[str, str]:
    d = MESSAGING.outbox_delivery
    with registry.uow(readonly=True) as unit:
        return dict(unit.session.execute(select(d.c.consumer, d.c.status)).all())


def test_acknowledgements_a_relay_died_holding_come_back_through_the_re_send(platform_any,
                                                                              own_redis):
    """The reader takes acknowledgements off the broker as it reads them (no broker-side
    bookkeeping of each): a relay process that dies before recording them loses them. Their
    deliveries are then sent again once overdue, and acknowledged again."""
    registry = registry_bootstrap(platform_any.settings("registry", BROKER_URL=own_redis.url),
                                  nudge=False)
    try:
        register_umkm(registry.uow, registration(), None)
        assert registry.runtime.relay.run_once().published == 3
        event_id = _queued_task_ids(own_redis.url, "bazaar")[0].split(":", 1)[1]
        consumer = CeleryPublisher(make_celery("bazaar", own_redis.url))
        for name in CONSUMERS:
            consumer.acknowledge("registry", delivery_id(name, event_id))

        dying = CeleryPublisher(make_celery("registry", own_redis.url))
        taken, _never_called = dying.take_acks("registry", 500)  # then its process dies
        assert sorted(taken) == [delivery_id(name, event_id) for name in CONSUMERS]
        # Off the broker at once: neither in the queue nor in kombu's hash of messages taken
        # but not settled, which a broker-side acknowledgement would have kept them in.
        assert registry.runtime.relay.record_acks() == 0
        assert redis.Redis.from_url(own_redis.url).hlen("unacked") == 0
        assert set(_statuses(registry).values()) == {"sent"}

        sent_again = []  # EVENT_ACK_TIMEOUT is 2 s in tests
        wait_for(lambda: sent_again.append(registry.runtime.relay.run_once().published)
                 or sum(sent_again) >= 3, 15, 0.2, "the re-send")
        assert sum(sent_again) == 3
        for name in CONSUMERS:  # the same task id twice: the consumer's inbox takes one
            assert _queued_task_ids(own_redis.url, name) == [delivery_id(name, event_id)] * 2
            consumer.acknowledge("registry", delivery_id(name, event_id))
        assert registry.runtime.relay.record_acks() == 3
        assert set(_statuses(registry).values()) == {"acked"}
    finally:
        registry.runtime.dispose()
