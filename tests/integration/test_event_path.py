"""The event path with every real part: Redis, Celery workers, beat, SQLite or PostgreSQL.

Registration -> outbox -> relay -> notifier.events -> inbox -> email + SMS files, and back."""

import json
import subprocess
import sys
import time

import pytest
from redis_local import LocalRedis

from services.registry.app import create_app
from tests.conftest import ADMIN_EMAIL, ADMIN_PASSWORD
from tests.support.factories import registration
from tests.support.platform import ROOT, Processes, wait_for

pytestmark = pytest.mark.timeout(240)


@pytest.fixture
def live(platform_any, own_redis, request):
    """Workers and beat on this test's own Redis; the registry app in-process, nudging the
    relay after each commit as the web process does (unless the test says nudge=False)."""
    options = getattr(request, "param", {})
    platform_any.broker_url = own_redis.url
    processes = Processes(platform_any)
    app = create_app(platform_any.app_config("registry",
                                             RELAY_NUDGE=options.get("nudge", True)))
    from services.registry.usecases.staff import ensure_admin

    ensure_admin(app.extensions["registry"].uow, ADMIN_EMAIL, ADMIN_PASSWORD)
    client = app.test_client()
    token = client.post("/api/v1/auth/token",
                        json={"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}).json
    live = type("Live", (), {})()
    live.config, live.redis, live.processes, live.app = platform_any, own_redis, processes, app
    live.client, live.auth = client, {"Authorization": f"Bearer {token['access_token']}"}
    yield live
    processes.stop_all()
    app.extensions["runtime"].dispose()
    live.redis.stop()  # a test may have replaced the fixture's server with a restarted one


def sent(config):
    mails = sorted(config.mail_dir.glob("*.eml")) if config.mail_dir.exists() else []
    texts = sorted(config.sms_dir.glob("*.json")) if config.sms_dir.exists() else []
    return mails, texts


def sms_recipients(config) -> list[str]:
    return sorted(json.loads(p.read_text())["to"] for p in sent(config)[1])


def start_platform(live, *, workers=("registry", "notifier"), beat=True, pool="solo"):
    for service in workers:
        live.processes.start_worker(service, pool=pool)
    if beat:
        live.processes.start("beat")


def register(live, n: int) -> list[dict]:
    bodies = [registration() for _ in range(n)]
    for body in bodies:
        response = live.client.post("/api/v1/umkm", json=body, headers=live.auth)
        assert response.status_code == 201, response.json
    return bodies


def expect_exactly(live, bodies, settle: float = 6.0):
    """Each owner got one email and one SMS, and nothing more arrives afterwards."""
    wait_for(lambda: [len(x) for x in sent(live.config)] == [len(bodies), len(bodies)], 60,
             0.2, "one email and one SMS per registration")
    time.sleep(settle)  # longer than the ack timeout: a stray re-send would show up now
    mails, texts = sent(live.config)
    assert (len(mails), len(texts)) == (len(bodies), len(bodies))
    phones = sorted("+62" + b["phone"][1:] for b in bodies)
    assert sms_recipients(live.config) == phones


def test_registration_reaches_the_owner_by_email_and_sms(live):
    start_platform(live)
    bodies = register(live, 3)
    expect_exactly(live, bodies)
    mail = sent(live.config)[0][0].read_text()
    assert "Subject: Pendaftaran UMKM diterima" in mail
    deliveries = live.client.get("/api/v1/outbox/deliveries?status=acked", headers=live.auth)
    assert sorted({d["consumer"] for d in deliveries.json["items"]}) == ["notifier"]


def test_workers_on_threads_as_make_run_starts_them_send_each_owner_one_email_and_sms(live):
    """The registry and notifier workers' pool: two tasks at a time in one process, sharing its
    container, its engine and (on SQLite) its writer lock."""
    start_platform(live, pool="threads")
    bodies = register(live, 12)
    expect_exactly(live, bodies)
    deliveries = live.client.get("/api/v1/outbox/deliveries?status=acked&per_page=50",
                                 headers=live.auth)
    assert len(deliveries.json["items"]) == len(bodies)


def test_requests_succeed_while_redis_is_down_and_everything_goes_out_once_after(live):
    start_platform(live)
    port, directory = live.redis.port, live.redis.directory
    live.redis.stop()
    started = time.monotonic()
    bodies = register(live, 4)
    assert time.monotonic() - started < 10, "a request waited for the broker"
    time.sleep(2)
    assert sent(live.config) == ([], [])
    live.redis = LocalRedis(directory, port=port, appendonly=False).start()
    expect_exactly(live, bodies)


@pytest.mark.parametrize("live", [{"nudge": False}], indirect=True)
def test_a_relay_killed_between_publish_and_mark_gives_one_email(live):
    live.processes.start_worker("notifier")
    bodies = register(live, 1)
    # A relay process that publishes for real, then dies before marking the delivery sent.
    script = (
        "import os, sys\n"
        "from services.registry.bootstrap import bootstrap\n"
        "from services.kernel.config import service_config\n"
        "from services.kernel.messaging.publisher import CeleryPublisher\n"
        "config = service_config('registry')\n"
        "container = bootstrap(config, nudge=False)\n"
        "real = CeleryPublisher(container.runtime.celery)\n"
        "class DieAfterPublish:\n"
        "    def publish(self, consumer, envelope, task_id):\n"
        "        real.publish(consumer, envelope, task_id)\n"
        "        if consumer == 'notifier':\n"
        "            os._exit(9)\n"
        "container.runtime.relay.publisher = DieAfterPublish()\n"
        "container.runtime.relay.run_once()\n"
    )
    died = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=live.config.env(),
                          capture_output=True, text=True)
    assert died.returncode == 9, died.stderr
    wait_for(lambda: len(sent(live.config)[1]) == 1, 30, 0.2, "the first copy")
    with live.app.extensions["registry"].uow(readonly=True) as uow:
        from sqlalchemy import select

        from services.registry.models import MESSAGING
        d = MESSAGING.outbox_delivery
        status = uow.session.execute(select(d.c.status).where(d.c.consumer == "notifier")).scalar()
    assert status == "pending"  # the dead relay never marked it (its claim expires)
    # The notifier's acknowledgement waits in registry.acks: no registry worker runs yet. Once
    # the dead relay's claim has expired, a live relay (the web nudge's kind, which leaves the
    # acknowledgements to the periodic run) publishes the same delivery again.
    time.sleep(float(live.config.env()["RELAY_CLAIM"]) + 0.5)
    assert live.app.extensions["runtime"].relay.run_once(only_pending=True).published == 3
    wait_for(lambda: "duplicate" in live.processes.log("notifier-worker"), 30, 0.3,
             "the second copy to reach the notifier's inbox")
    start_platform(live, workers=("registry",))
    expect_exactly(live, bodies, settle=4)


def test_redis_restarted_with_its_data_gone_the_resend_delivers_everything_once(live):
    start_platform(live, workers=("registry",))  # the notifier is down: tasks wait in Redis
    bodies = register(live, 3)
    wait_for(lambda: _queue_length(live.redis.url, "notifier.events") >= 3, 30, 0.2,
             "three tasks queued for the notifier")
    port, directory = live.redis.port, live.redis.directory
    live.redis.kill()
    live.redis = LocalRedis(directory, port=port, appendonly=False).start()
    assert _queue_length(live.redis.url, "notifier.events") == 0  # the data is gone
    live.processes.start_worker("notifier")
    expect_exactly(live, bodies)


def _queue_length(url: str, queue: str) -> int:
    import redis

    return redis.Redis.from_url(url).llen(queue)
