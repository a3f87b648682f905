"""The bazaar service's Celery worker."""

from services.bazaar.bootstrap import SERVICE, bootstrap
from services.kernel.worker import create_worker

app, container = create_worker(SERVICE, bootstrap)
