"""Acknowledgements over connections kept open, against a real Redis. The relay's reader: one
connection however many runs, nothing stranded when a run's database write fails, and a new
connection after the broker restarts. A consumer's writer: the same, for sending."""

import pytest
import redis

from services.kernel.messaging.celeryapp import make_celery
from services.kernel.messaging.publisher import CeleryPublisher


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
