"""Putting a delivery on the consumer's own durable queue, as a Celery task with a fixed id; and
the acknowledgements that come back, on the producer's own `<service>.acks` queue."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from celery import Celery
from kombu import Exchange, Queue
from kombu.simple import SimpleQueue

log = logging.getLogger(__name__)


def consume_task(service: str) -> str:
    return f"{service}.consume"


def events_queue(service: str) -> str:
    return f"{service}.events"


def outbox_queue(service: str) -> str:
    return f"{service}.outbox"


def acks_queue(service: str) -> Queue:
    name = f"{service}.acks"
    return Queue(name, Exchange(name, type="direct", durable=True), routing_key=name, durable=True)


class Publisher(Protocol):
    def publish(self, consumer: str, envelope: dict, task_id: str) -> None: ...

    def acknowledge(self, producer: str, delivery: str) -> None: ...

    def take_acks(self, producer: str, limit: int) -> tuple[list[str], Callable[[], None]]:
        """Up to `limit` acknowledged delivery ids, and a callback to call once they are
        recorded (until then the broker keeps them)."""
        ...


class CeleryPublisher:
    """Publishes by task name: a producer never imports its consumers."""

    def __init__(self, celery: Celery):
        self.celery = celery

    def publish(self, consumer: str, envelope: dict, task_id: str) -> None:
        self.celery.send_task(
            consume_task(consumer),
            args=[envelope],
            task_id=task_id,
            queue=events_queue(consumer),
            retry=False,
            # What the worker's logs and monitors show of the arguments: Celery would otherwise
            # render the whole envelope (slow, and the owner's contacts in every header).
            argsrepr=f"[{envelope.get('type')} {envelope.get('event_id')}]",
            kwargsrepr="{}",
        )

    def acknowledge(self, producer: str, delivery: str) -> None:
        """A plain message (not a task): the producer's relay takes them in batches.

        Sent through the default exchange straight to the queue (declared once per connection):
        on Redis a named exchange costs a lookup of its bindings on every message."""
        queue = acks_queue(producer)
        with self.celery.producer_or_acquire() as producer_:
            producer_.publish({"delivery": delivery}, exchange="", routing_key=queue.name,
                              declare=[queue], serializer="json", delivery_mode=2, retry=False)

    def take_acks(self, producer: str, limit: int) -> tuple[list[str], Callable[[], None]]:
        connection = self.celery.connection_for_read()
        queue = SimpleQueue(connection, acks_queue(producer))
        messages = []
        try:
            while len(messages) < limit:
                try:
                    messages.append(queue.get_nowait())
                except SimpleQueue.Empty:
                    break
        except Exception:
            queue.close()
            connection.release()
            raise
        deliveries = [m.payload.get("delivery") for m in messages]

        def recorded() -> None:
            try:
                for message in messages:
                    message.ack()
            finally:
                queue.close()
                connection.release()

        return [d for d in deliveries if isinstance(d, str)], recorded
