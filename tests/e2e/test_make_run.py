"""End to end: the Procfile processes started as `make run` starts them."""

import json
import socket
import time

import requests

from tests.support.factories import registration
from tests.support.live import start_live_platform
from tests.support.platform import wait_for


def test_registration_over_http_gives_one_email_and_one_sms_within_10_seconds(live_platform):
    live = live_platform
    headers = {"Authorization": f"Bearer {live.token()}"}
    body = registration()
    started = time.monotonic()
    response = requests.post(live.url("registry") + "/api/v1/umkm", json=body, headers=headers,
                             timeout=10)
    assert response.status_code == 201, response.text
    umkm_id = response.json()["id"]

    def delivered():
        response = requests.get(live.url("notifier") + f"/api/v1/deliveries?umkm_id={umkm_id}",
                                headers=headers, timeout=5).json()
        return response if {i["status"] for i in response["items"]} == {"sent"} and \
            response["total"] == 2 else None

    deliveries = wait_for(delivered, 10, 0.1, "email and SMS to be sent")
    assert time.monotonic() - started < 10
    by_channel = {i["channel"]: i for i in deliveries["items"]}
    email_file = live.var_dir / "mail" / f"{by_channel['email']['id']}.eml"
    sms_file = live.var_dir / "sms" / f"{by_channel['sms']['id']}.json"
    assert f"To: {body['owner_name']} <{body['email']}>" in email_file.read_text()
    assert json.loads(sms_file.read_text())["to"] == "+62" + body["phone"][1:]


def test_every_service_is_up_and_ready(live_platform):
    for service in ("registry", "bazaar", "training", "notifier"):
        ready = requests.get(live_platform.url(service) + "/readyz", timeout=5)
        assert ready.status_code == 200, (service, ready.text)


def test_each_worker_runs_the_pool_its_service_chose(live_platform):
    """Registry and notifier on threads (a slow import tick or SMTP server leaves the other
    thread to events), bazaar and training solo (every task short), as Celery's banner says."""
    expected = {"registry-worker": "(thread)", "notifier-worker": "(thread)",
                "bazaar-worker": "(solo)", "training-worker": "(solo)",
                "notifier-bulk-worker": "(prefork)"}
    pools = {}
    for line in live_platform.log().splitlines():
        name, _, text = line.partition("|")
        if ".> concurrency:" in text:
            pools[name.split()[-1].rsplit(".", 1)[0]] = text.split()[-1]
    assert pools == expected


def test_ctrl_c_stops_everything_and_a_second_run_keeps_the_data(tmp_path):
    var = tmp_path / "var"
    first = start_live_platform(var)
    headers = {"Authorization": f"Bearer {first.token()}"}
    created = requests.post(first.url("registry") + "/api/v1/umkm", json=registration(),
                            headers=headers, timeout=10).json()
    assert first.stop() == 0
    for port in first.ports.values():
        with socket.socket() as sock:
            assert sock.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still answers"
    assert "Running upgrade" in first.log()
    # No ADMIN_PASSWORD this time: the admin the first run created keeps the password it got.
    second = start_live_platform(var, give_password=False)
    try:
        # The first run's token still works: the generated secrets were kept under var/.
        again = requests.get(second.url("registry") + f"/api/v1/umkm/{created['id']}",
                             headers=headers, timeout=10)
        assert again.status_code == 200
        assert "Running upgrade" not in second.log()  # nothing left to migrate
        banner = " ".join(second.log().split())  # the console wraps long lines
        assert "password: the ADMIN_PASSWORD given when this admin was created" in banner
        for service in ("registry", "bazaar", "training", "notifier"):  # where they really are
            assert f"{service} {second.url(service)}/api/v1/docs" in banner
        assert not (var / "admin.env").exists()  # no password that belongs to no account
        assert second.token()  # the first run's password
    finally:
        second.stop()
