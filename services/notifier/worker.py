"""The notifier's Celery worker."""

from services.kernel.worker import create_worker
from services.notifier.bootstrap import SERVICE, bootstrap
from services.notifier.settings import notifier_settings

app, container = create_worker(SERVICE, bootstrap, extra_config=notifier_settings)
