"""The training service's Celery worker."""

from services.kernel.worker import create_worker
from services.training.bootstrap import SERVICE, bootstrap
from services.training.settings import training_settings

app, container = create_worker(SERVICE, bootstrap, extra_config=training_settings)
