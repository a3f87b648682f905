"""The training service's Celery worker."""

from services.kernel.worker import create_worker
from services.training.bootstrap import SERVICE, bootstrap

app, container = create_worker(SERVICE, bootstrap)
