"""The one beat of the platform: drives each service's relay and periodic tick by task name.

Run with `celery -A services.kernel.messaging.beat beat`. It imports no service.
"""

from __future__ import annotations

from services.kernel.config import service_config
from services.kernel.messaging.celeryapp import make_celery, tasks_queue
from services.kernel.messaging.publisher import outbox_queue


def beat_schedule(config: dict) -> dict:
    schedule = {}
    for service in config["PLATFORM_SERVICES"]:
        schedule[f"{service}-relay"] = {
            "task": f"{service}.relay",
            "schedule": config["RELAY_INTERVAL"],
            "options": {"queue": outbox_queue(service), "expires": config["RELAY_INTERVAL"] * 5},
        }
        schedule[f"{service}-tick"] = {
            "task": f"{service}.tick",
            "schedule": config["TICK_INTERVAL"],
            "options": {"queue": tasks_queue(service), "expires": config["TICK_INTERVAL"] * 5},
        }
    return schedule


config = service_config("beat")
app = make_celery("beat", config["BROKER_URL"])
app.conf.beat_schedule = beat_schedule(config)
