"""Putting a delivery on the consumer's own durable queue, as a Celery task with a fixed id; and
the acknowledgements that come back, on the producer's own `<service>.acks` queue."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from celery import Celery
from kombu import Connection, Exchange, Producer, Queue
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

    def publish_many(self, deliveries: Sequence[tuple[str, dict, str]]) -> None:
        """Each (consumer, envelope, task_id), as `publish` would, in one go. If it raises, any
        or none of them may have gone: the caller treats them all as not sent."""
        ...

    def acknowledge(self, producer: str, delivery: str) -> None: ...

    def take_acks(self, producer: str, limit: int) -> tuple[list[str], Callable[[], None]]:
        """Up to `limit` acknowledged delivery ids, and a callback to call once they are
        recorded (until then the next call returns them again)."""
        ...


class CeleryPublisher:
    """Publishes by task name: a producer never imports its consumers."""

    def __init__(self, celery: Celery):
        self.celery = celery
        self._readers = AckReaders(celery)
        self._writers = AckWriters(celery)

    def publish(self, consumer: str, envelope: dict, task_id: str,
                producer: Producer | None = None) -> None:
        self.celery.send_task(
            consume_task(consumer),
            args=[envelope],
            task_id=task_id,
            queue=events_queue(consumer),
            retry=False,
            producer=producer,
            # What the worker's logs and monitors show of the arguments: Celery would otherwise
            # render the whole envelope (slow, and the owner's contacts in every header).
            argsrepr=f"[{envelope.get('type')} {envelope.get('event_id')}]",
            kwargsrepr="{}",
        )

    def publish_many(self, deliveries: Sequence[tuple[str, dict, str]]) -> None:
        """One producer and kombu's publish batch: on Redis, one pipeline of LPUSH commands,
        so an event's three deliveries cost one round trip to the broker instead of three."""
        with self.celery.producer_or_acquire() as producer, producer.batch():
            for consumer, envelope, task_id in deliveries:
                self.publish(consumer, envelope, task_id, producer=producer)

    def acknowledge(self, producer: str, delivery: str) -> None:
        """A plain message (not a task): the producer's relay takes them in batches.

        Sent through the default exchange straight to the queue (declared once per connection):
        on Redis a named exchange costs a lookup of its bindings on every message. Sent by
        this thread's own writer, kept open with its queue declared."""
        self._writers.send(producer, delivery)

    def take_acks(self, producer: str, limit: int) -> tuple[list[str], Callable[[], None]]:
        """Read with this thread's own reader, kept open between relay runs: opening a
        connection and declaring the queue for every run cost several times the reading.
        A reader that fails is closed, and the next call opens a new one."""
        reader = self._readers.get(producer)
        try:
            deliveries = reader.take(limit)
        except Exception:
            self._readers.discard(producer)
            raise

        def recorded() -> None:
            reader.settle(deliveries)

        return deliveries, recorded


@dataclass
class AckReader:
    """Reads `<producer>.acks` with no acknowledgement of its own to the broker (`no_ack`).

    An acknowledgement only says that a delivery arrived: one that is lost costs a re-send,
    which the consumer's inbox drops and acknowledges again. The broker's bookkeeping of a
    message taken but not yet settled (on Redis, kombu's unacked hash and its index) cost
    twice as much as reading the message. What a run took but could not record (its database
    write failed) is kept here and handed to the next run; only a process that dies between
    the two, or a broker that fails while a run reads, loses acknowledgements."""

    connection: Connection
    queue: SimpleQueue
    unsettled: list[str] = field(default_factory=list)

    def take(self, limit: int) -> list[str]:
        while len(self.unsettled) < limit:
            try:
                payload = self.queue.get_nowait().payload
            except SimpleQueue.Empty:
                break
            delivery = payload.get("delivery") if isinstance(payload, dict) else None
            if isinstance(delivery, str):
                self.unsettled.append(delivery)
        return list(self.unsettled)

    def settle(self, deliveries: list[str]) -> None:
        recorded = set(deliveries)
        self.unsettled = [d for d in self.unsettled if d not in recorded]


class _PerThread:
    """What this thread of this process keeps open, by producer: kombu channels are not shared
    between threads, and a forked child opens its own connections."""

    def __init__(self, celery: Celery):
        self.celery = celery
        self._local = threading.local()

    def _mine(self) -> dict:
        if getattr(self._local, "pid", None) != os.getpid():
            self._local.pid, self._local.open = os.getpid(), {}
        return self._local.open


class AckReaders(_PerThread):
    """One open reader of `<producer>.acks` per thread and process."""

    def get(self, producer: str) -> AckReader:
        mine = self._mine()
        if producer not in mine:
            connection = self.celery.connection_for_read()
            try:
                mine[producer] = AckReader(
                    connection, SimpleQueue(connection, acks_queue(producer), no_ack=True))
            except Exception:
                connection.release()
                raise
        return mine[producer]

    def discard(self, producer: str) -> None:
        reader = self._mine().pop(producer, None)
        if reader is None:
            return
        for close in (reader.queue.close, reader.connection.release):
            try:
                close()
            except Exception as exc:  # already broken: nothing more to release
                log.debug("closing the acknowledgement reader of %s: %s", producer, exc)


class AckWriters(_PerThread):
    """One open producer of acknowledgements per thread and process, its queue declared once:
    taking a pooled producer and declaring the queue for each acknowledgement cost a consumer
    more than sending it. A writer that fails is closed, and the next acknowledgement opens a
    new one."""

    def send(self, producer: str, delivery: str) -> None:
        mine = self._mine()
        if producer not in mine:
            mine[producer] = self._open(producer)
        _connection, writer, routing_key = mine[producer]
        try:
            writer.publish({"delivery": delivery}, exchange="", routing_key=routing_key,
                           serializer="json", delivery_mode=2, retry=False)
        except Exception:
            self.discard(producer)
            raise

    def _open(self, producer: str) -> tuple[Connection, Producer, str]:
        queue = acks_queue(producer)
        connection = self.celery.connection_for_write()
        try:
            channel = connection.default_channel
            queue(channel).declare()
            return connection, Producer(channel), queue.name
        except Exception:
            connection.release()
            raise

    def discard(self, producer: str) -> None:
        opened = self._mine().pop(producer, None)
        if opened is not None:
            try:
                opened[0].release()
            except Exception as exc:  # already broken: nothing more to release
                log.debug("closing the acknowledgement writer of %s: %s", producer, exc)
