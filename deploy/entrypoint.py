"""The container's entry point: which process of which service this container runs.

    web SERVICE        gunicorn on 0.0.0.0:8000 (deploy/gunicorn.conf.py)
    worker SERVICE     the service's Celery worker on its own queues
    bulk-worker        the notifier's mass fan-out queue
    beat               the one Celery beat of the platform
    migrate [SERVICE]  Alembic migrations and reference data (all services when none given)
    health             the container health check (web: GET /healthz; others: alive)
"""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request
from pathlib import Path

SERVICES = ("registry", "bazaar", "training", "notifier")
ROLE_FILE = Path("/tmp/metro-role")  # noqa: S108 (the container's own /tmp)
SEEDED = {"registry": ["seed"], "training": [], "bazaar": [], "notifier": []}
POOLS = {"bazaar": "solo", "training": "solo"}  # as deploy/Procfile: the others on threads


def _service(args: list[str]) -> str:
    if not args or args[0] not in SERVICES:
        sys.exit(f"name a service: {', '.join(SERVICES)}")
    return args[0]


def _exec(argv: list[str]) -> None:
    sys.stdout.flush()
    os.execvp(argv[0], argv)  # noqa: S606 (the process this container exists to run)


def migrate(services: list[str]) -> None:
    for service in services:
        app = f"services.{service}.app"
        subprocess.run(["flask", "--app", app, "db", "upgrade"], check=True)  # noqa: S603,S607
        for command in SEEDED[service]:
            subprocess.run(["flask", "--app", app, command], check=False)  # noqa: S603,S607
    if "registry" in services and os.environ.get("ADMIN_EMAIL") and os.environ.get(
            "ADMIN_PASSWORD"):
        subprocess.run(["flask", "--app", "services.registry.app",  # noqa: S607
                        "create-admin"], check=True)


def health() -> None:
    role = ROLE_FILE.read_text().strip() if ROLE_FILE.exists() else ""
    if role == "web":
        with urllib.request.urlopen("http://127.0.0.1:8000/healthz", timeout=4):
            return


def main(argv: list[str]) -> None:
    command, args = (argv[0], argv[1:]) if argv else ("web", ["registry"])
    if command == "health":
        return health()
    ROLE_FILE.write_text(command)
    if command == "web":
        service = _service(args)
        _exec(["gunicorn", "--config", "deploy/gunicorn.conf.py", "--bind", "0.0.0.0:8000",
               f"services.{service}.app:create_app()"])
    elif command == "worker":
        service = _service(args)
        queues = f"{service}.events,{service}.outbox,{service}.tasks"
        _exec(["celery", "-A", f"services.{service}.worker", "worker", "-n", f"{service}@%h",
               "-Q", queues, "-P", os.environ.get("WORKER_POOL") or POOLS.get(service, "threads"),
               "-c", os.environ.get("WORKER_CONCURRENCY", "2"),
               "-l", os.environ.get("LOG_LEVEL", "INFO")])
    elif command == "bulk-worker":
        _exec(["celery", "-A", "services.notifier.worker", "worker", "-n", "notifier-bulk@%h",
               "-Q", "notifier.bulk", "-c", os.environ.get("BULK_WORKER_CONCURRENCY", "1"),
               "-l", os.environ.get("LOG_LEVEL", "INFO")])
    elif command == "beat":
        _exec(["celery", "-A", "services.kernel.messaging.beat", "beat", "-s",
               "/tmp/celerybeat-schedule", "--pidfile=",  # noqa: S108
               "-l", os.environ.get("LOG_LEVEL", "INFO")])
    elif command == "migrate":
        migrate([_service(args)] if args else list(SERVICES))
    else:
        sys.exit(__doc__)
    return None


if __name__ == "__main__":
    main(sys.argv[1:])
