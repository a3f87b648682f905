"""The Celery app factory and the settings every service's worker runs with (see DESIGN.md)."""

from __future__ import annotations

from celery import Celery
from kombu import Queue

from services.kernel.messaging import redis_transport
from services.kernel.messaging.publisher import events_queue, outbox_queue

# Longer than any task: a message a dead worker held comes back after this many seconds.
VISIBILITY_TIMEOUT = 3600


def tasks_queue(service: str) -> str:
    return f"{service}.tasks"


def service_queues(service: str, extra: tuple[str, ...] = ()) -> list[str]:
    return [events_queue(service), outbox_queue(service), tasks_queue(service), *extra]


def celery_settings(service: str, broker_url: str) -> dict:
    transport_options: dict = {"visibility_timeout": VISIBILITY_TIMEOUT}
    transport = None
    if broker_url.startswith(("redis://", "rediss://", "unix://")):
        transport_options.update(socket_timeout=10, socket_connect_timeout=3,
                                 health_check_interval=25, retry_on_timeout=True)
        if broker_url.startswith("redis://"):
            transport = redis_transport.PATH  # kombu's, sharing one client per channel
    elif broker_url.startswith(("amqp://", "pyamqp://")):
        transport_options.update(confirm_publish=True)
    return {
        "broker_url": broker_url,
        "broker_transport": transport,
        "task_serializer": "json",
        "result_serializer": "json",
        "accept_content": ["json"],
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        "broker_transport_options": transport_options,
        "broker_connection_timeout": 3,
        "broker_connection_retry_on_startup": True,
        "task_publish_retry": False,
        "task_ignore_result": True,
        "result_backend": None,
        "task_default_queue": tasks_queue(service),
        "task_queues": [Queue(name, durable=True) for name in service_queues(service)],
        "task_create_missing_queues": True,
        "worker_hijack_root_logger": False,
        "worker_send_task_events": False,
        "enable_utc": True,
        "timezone": "Asia/Jakarta",
        "broker_pool_limit": 10,
    }


def make_celery(service: str, broker_url: str) -> Celery:
    app = Celery(f"metro.{service}", set_as_current=False)
    app.conf.update(celery_settings(service, broker_url))
    return app
