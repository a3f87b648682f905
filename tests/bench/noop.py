"""The Celery baseline: a no-op task on the platform's Celery settings (`make_celery`).

Started from the repo root as `celery -A tests.bench.noop worker ...` with the Procfile's worker
flags (see procs.noop_worker_command). The task only records when it ran: it pushes
"<sent_at> <done_at>" (epoch seconds) to a Redis list the producer names.
"""

from __future__ import annotations

import os
import time

import redis
from celery.signals import worker_init

from services.kernel.logging import configure_logging
from services.kernel.messaging.celeryapp import make_celery, tasks_queue

SERVICE = "bench"
QUEUE = tasks_queue(SERVICE)  # a dedicated queue: no service consumes it
TASK = "bench.noop"
BROKER_URL = os.environ.get("BROKER_URL") or os.environ.get("REDIS_URL") or \
    "redis://127.0.0.1:6379/0"

app = make_celery(SERVICE, BROKER_URL)
_client: tuple[int, redis.Redis] | None = None


@worker_init.connect
def _configure_logging(**_kwargs) -> None:
    # As services.kernel.worker.create_worker does for every service's worker.
    configure_logging(SERVICE, os.environ.get("LOG_LEVEL", "INFO"),
                      os.environ.get("LOG_FORMAT", "json"))


def _redis() -> redis.Redis:
    global _client
    if _client is None or _client[0] != os.getpid():  # one client per prefork child
        _client = (os.getpid(), redis.Redis.from_url(BROKER_URL))
    return _client[1]


@app.task(name=TASK, queue=QUEUE)
def noop(sent_at: float, key: str) -> None:
    _redis().rpush(key, f"{sent_at!r} {time.time()!r}")
