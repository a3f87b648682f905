"""The registry's Celery worker: `celery -A services.registry.worker worker -Q ...`."""

from services.kernel.worker import create_worker
from services.registry.bootstrap import SERVICE, bootstrap

app, container = create_worker(SERVICE, bootstrap)
