"""The same event path with RabbitMQ as the broker (BROKER_URL=amqp://...): durable queues,
publisher confirms, acknowledgements back to the producer, and a worker that was down."""

import shutil
import subprocess
import uuid

import pytest

from services.registry.app import create_app
from services.registry.usecases.staff import ensure_admin
from tests.conftest import ADMIN_EMAIL, ADMIN_PASSWORD
from tests.integration.test_event_path import expect_exactly, register
from tests.support.platform import Processes

pytestmark = pytest.mark.timeout(240)
RABBITMQ = "amqp://guest:guest@127.0.0.1:5672"


def _rabbitmqctl(*args: str) -> None:
    subprocess.run(["rabbitmqctl", *args], check=True, capture_output=True, timeout=60)


@pytest.fixture
def vhost():
    """A RabbitMQ virtual host of this test's own, removed afterwards."""
    if shutil.which("rabbitmqctl") is None:
        pytest.skip("rabbitmqctl is not installed: no RabbitMQ on this machine")
    name = f"metro_test_{uuid.uuid4().hex[:8]}"
    _rabbitmqctl("add_vhost", name)
    _rabbitmqctl("set_permissions", "-p", name, "guest", ".*", ".*", ".*")
    yield f"{RABBITMQ}/{name}"
    _rabbitmqctl("delete_vhost", name)


@pytest.fixture
def live(platform_any, vhost):
    platform_any.broker_url = vhost
    processes = Processes(platform_any)
    app = create_app(platform_any.app_config("registry"))
    ensure_admin(app.extensions["registry"].uow, ADMIN_EMAIL, ADMIN_PASSWORD)
    client = app.test_client()
    token = client.post("/api/v1/auth/token",
                        json={"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}).json
    live = type("Live", (), {})()
    live.config, live.processes, live.app, live.client = platform_any, processes, app, client
    live.auth = {"Authorization": f"Bearer {token['access_token']}"}
    yield live
    processes.stop_all()
    app.extensions["runtime"].dispose()


def test_registration_reaches_the_owner_over_rabbitmq(live):
    for service in ("registry", "notifier"):
        live.processes.start_worker(service)
    live.processes.start("beat")
    bodies = register(live, 3)
    expect_exactly(live, bodies)
    acked = live.client.get("/api/v1/outbox/deliveries?status=acked", headers=live.auth)
    assert acked.json["total"] == 3
    assert {d["consumer"] for d in acked.json["items"]} == {"notifier"}


def test_a_consumer_down_while_events_queue_up_gets_each_once(live):
    live.processes.start_worker("registry")
    live.processes.start("beat")
    bodies = register(live, 3)  # queued in RabbitMQ's durable notifier.events meanwhile
    live.processes.start_worker("notifier")
    expect_exactly(live, bodies)
