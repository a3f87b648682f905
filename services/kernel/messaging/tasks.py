"""The standard tasks of every service's worker: thin, named, with their retry policy declared."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from celery import Celery
from sqlalchemy.exc import OperationalError

from services.kernel.messaging.celeryapp import tasks_queue
from services.kernel.messaging.inbox import Consumer
from services.kernel.messaging.publisher import consume_task, events_queue, outbox_queue
from services.kernel.messaging.relay import Relay


class MessagingContainer(Protocol):
    consumer: Consumer
    relay: Relay

    def tick(self) -> None: ...


def register_messaging_tasks(
    celery: Celery, service: str, container: Callable[[], MessagingContainer]
) -> None:
    """Register `<service>.consume|relay|tick`; `container` builds the service lazily (per
    worker process, after fork)."""

    @celery.task(
        name=consume_task(service),
        queue=events_queue(service),
        autoretry_for=(OperationalError,),
        retry_backoff=1,
        retry_backoff_max=20,
        retry_jitter=True,
        max_retries=5,
    )
    def consume(envelope: dict) -> str:
        return container().consumer.handle(envelope)

    @celery.task(name=f"{service}.relay", queue=outbox_queue(service), expires=30)
    def relay() -> int:
        return container().relay.run_once().published

    @celery.task(name=f"{service}.tick", queue=tasks_queue(service), expires=60)
    def tick() -> None:
        container().tick()
