"""An event's deliveries go to the broker together (kombu's publish batch), against a real
Redis: one round trip for all of them, each a Celery task message a worker reads as its own."""

import base64
import json

import pytest
import redis

from services.kernel.messaging.celeryapp import make_celery
from services.kernel.messaging.publisher import CeleryPublisher, consume_task, events_queue
from tests.support.broker import queued_messages

CONSUMERS = ("bazaar", "notifier", "training")


def _reads(client: redis.Redis) -> int:
    """Reads the server has served so far (one per round trip), this question's included."""
    return client.info("stats")["total_reads_processed"]


def _envelope(n: int) -> dict:
    return {"event_id": f"event-{n}", "type": "umkm.registered", "version": 1,
            "occurred_at": "2026-12-07T03:00:00+00:00", "producer": "registry",
            "correlation_id": None, "payload": {"umkm_id": f"umkm-{n}"}}


def _deliveries(n: int) -> list[tuple[str, dict, str]]:
    return [(consumer, _envelope(n), f"{consumer}:event-{n}") for consumer in CONSUMERS]


def test_an_events_deliveries_take_one_round_trip_and_arrive_as_tasks(own_redis):
    client = redis.Redis.from_url(own_redis.url)
    publisher = CeleryPublisher(make_celery("registry", own_redis.url))
    publisher.publish_many(_deliveries(0))  # connects and declares, once
    for consumer in CONSUMERS:
        client.delete(events_queue(consumer))

    before = _reads(client)
    publisher.publish_many(_deliveries(1))
    assert _reads(client) - before == 2  # the three messages, and this question

    before = _reads(client)
    for delivery in _deliveries(2):
        publisher.publish(*delivery)
    assert _reads(client) - before == 4  # one at a time: three round trips

    for consumer in CONSUMERS:
        queued = queued_messages(own_redis.url, events_queue(consumer))
        assert len(queued) == 2
        message = queued[0]
        assert message["headers"]["task"] == consume_task(consumer)
        assert message["headers"]["id"] == f"{consumer}:event-1"
        args, kwargs, _embed = json.loads(base64.b64decode(message["body"]))
        assert (args, kwargs) == ([_envelope(1)], {})
        assert message["properties"]["delivery_info"]["routing_key"] == events_queue(consumer)


def test_a_batch_the_broker_cannot_take_raises(own_redis):
    publisher = CeleryPublisher(make_celery("registry", own_redis.url))
    publisher.publish_many(_deliveries(0))
    own_redis.stop()
    with pytest.raises(Exception):  # noqa: B017 - whichever error the client meets
        publisher.publish_many(_deliveries(1))
    own_redis.start()
    publisher.publish_many(_deliveries(2))  # a new connection once the broker is back
    client = redis.Redis.from_url(own_redis.url)
    assert sorted(client.llen(events_queue(c)) for c in CONSUMERS) == [1, 1, 1]
