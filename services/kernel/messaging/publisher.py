"""Putting a delivery on the consumer's own durable queue, as a Celery task with a fixed id."""

from __future__ import annotations

from typing import Protocol

from celery import Celery


def consume_task(service: str) -> str:
    return f"{service}.consume"


def ack_task(service: str) -> str:
    return f"{service}.ack"


def events_queue(service: str) -> str:
    return f"{service}.events"


def outbox_queue(service: str) -> str:
    return f"{service}.outbox"


class Publisher(Protocol):
    def publish(self, consumer: str, envelope: dict, task_id: str) -> None: ...

    def acknowledge(self, producer: str, delivery: str) -> None: ...


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
        )

    def acknowledge(self, producer: str, delivery: str) -> None:
        self.celery.send_task(
            ack_task(producer), args=[delivery], queue=outbox_queue(producer), retry=False
        )
