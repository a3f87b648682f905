"""The notifier's Celery worker: events and retries on notifier.events / notifier.tasks, mass
fan-out on its own queue notifier.bulk (run by a worker of its own, see deploy/Procfile)."""

from services.kernel.worker import create_worker
from services.notifier.bootstrap import (
    BULK_QUEUE,
    BULK_SEND_TASK,
    BULK_STEP_TASK,
    SERVICE,
    bootstrap,
)
from services.notifier.settings import notifier_settings

app, container = create_worker(SERVICE, bootstrap, extra_config=notifier_settings)


@app.task(name=BULK_STEP_TASK, queue=BULK_QUEUE, acks_late=True)
def bulk_step(campaign_id: str) -> int:
    """One batch of a campaign; the next batch is a new task so other campaigns interleave."""
    queued = container().bulk.step(campaign_id)
    if campaign_id in container().bulk.pending():
        app.send_task(BULK_STEP_TASK, args=[campaign_id], queue=BULK_QUEUE)
    return queued


@app.task(name=BULK_SEND_TASK, queue=BULK_QUEUE, acks_late=True)
def bulk_send_due() -> int:
    """Retries of bulk messages and campaigns a crash interrupted (beat sends it via tick)."""
    notifier = container()
    for campaign_id in notifier.bulk.pending():
        app.send_task(BULK_STEP_TASK, args=[campaign_id], queue=BULK_QUEUE)
    return notifier.dispatcher.dispatch_due(limit=2000, bulk=True)
