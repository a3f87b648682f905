"""Each service's Celery worker: the standard tasks, with the service built once per process."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping
from typing import Any

from celery import Celery

from services.kernel.config import service_config
from services.kernel.logging import configure_logging
from services.kernel.messaging.celeryapp import make_celery
from services.kernel.messaging.tasks import register_messaging_tasks


class ContainerHolder:
    """Builds the service's container lazily, once per process: again after a fork (engines
    are per process), and once only when the threads of a `threads` pool ask together."""

    def __init__(self, build: Callable[[], Any]):
        self._build = build
        self._pid: int | None = None
        self._container: Any = None
        self._lock = threading.Lock()

    def __call__(self) -> Any:
        if self._pid != os.getpid():
            with self._lock:
                if self._pid != os.getpid():
                    self._container = self._build()
                    self._pid = os.getpid()
        return self._container


def create_worker(
    service: str,
    bootstrap: Callable[..., Any],
    config: dict | None = None,
    extra_config: Callable[[Mapping[str, str]], dict] | None = None,
) -> tuple[Celery, ContainerHolder]:
    config = config or service_config(service, extra=extra_config)
    configure_logging(service, config["LOG_LEVEL"], config["LOG_FORMAT"])
    celery = make_celery(service, config["BROKER_URL"])
    # Workers publish with their own Celery app and never nudge: beat drives their relay.
    holder = ContainerHolder(lambda: bootstrap(config, celery=celery, nudge=False))
    register_messaging_tasks(celery, service, lambda: holder().runtime)
    return celery, holder
