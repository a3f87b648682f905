"""The single front door as deployed: the four services behind a real nginx that runs the routing
of deploy/nginx.conf (only the upstream addresses and the listening port are changed), each
service with PROXY_FIX=1 and its public URL under the front door's path prefix."""

from __future__ import annotations

import os
import re
import signal
import subprocess
from contextlib import suppress
from pathlib import Path

import requests
from redis_local import free_port

from services.kernel.messaging.policy import RedeliveryPolicy
from services.kernel.messaging.relay import Relay
from tests.conftest import ADMIN_EMAIL, ADMIN_PASSWORD
from tests.support.bazaar_world import BazaarWorld
from tests.support.factories import registration
from tests.support.fakes import RecordingPublisher
from tests.support.platform import ROOT, SERVICES, PlatformConfig, wait_for
from tests.support.training_world import ServedApp

NGINX = os.environ.get("NGINX_PATH", "/usr/sbin/nginx")
SHIPPED = ROOT / "deploy" / "nginx.conf"
PREFIXES = tuple(f"/{s}/" for s in SERVICES)

_UPSTREAM = re.compile(r"(set\s+\$(\w+)_upstream\s+)([^;\s]+)(\s*;)")
_LISTEN = re.compile(r"(\blisten\s+)(\d+)(\s*;)")


def nginx_config(shipped: str, upstreams: dict[str, str], listen: str, run_dir: Path) -> str:
    """The shipped server block with test addresses for its upstream variables, inside a main
    config whose pid, logs and temporary files live in run_dir. Refuses a shipped file it cannot
    map, so the test never silently checks a routing other than the one deployed."""
    found = [m.group(2) for m in _UPSTREAM.finditer(shipped)]
    if sorted(found) != sorted(upstreams):
        raise AssertionError(f"deploy/nginx.conf upstreams {found}, expected {sorted(upstreams)}")
    routed = _UPSTREAM.sub(lambda m: m.group(1) + upstreams[m.group(2)] + m.group(4), shipped)
    routed, listens = _LISTEN.subn(lambda m: m.group(1) + listen + m.group(3), routed)
    if listens != 1:
        raise AssertionError(f"deploy/nginx.conf should listen once, found {listens}")
    temp = "\n".join(f"    {kind}_temp_path {run_dir / kind};"
                     for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return (f"daemon off;\nmaster_process off;\npid {run_dir / 'nginx.pid'};\n"
            f"error_log {run_dir / 'error.log'} info;\n"
            "events { worker_connections 256; }\n"
            f"http {{\n    access_log {run_dir / 'access.log'};\n{temp}\n"
            f"# --- deploy/nginx.conf ---\n{routed}\n}}\n")


class Nginx:
    """nginx in the foreground, its own prefix directory, until stop()."""

    def __init__(self, config: str, run_dir: Path):
        run_dir.mkdir(parents=True, exist_ok=True)
        self.run_dir = run_dir
        path = run_dir / "nginx.conf"
        path.write_text(config)
        self.output = run_dir / "nginx.out"
        self.process = subprocess.Popen(
            [NGINX, "-p", str(run_dir), "-c", str(path), "-e", str(run_dir / "error.log")],
            stdout=self.output.open("wb"), stderr=subprocess.STDOUT, start_new_session=True)

    def log(self) -> str:
        parts = [p.read_text(errors="replace") for p in
                 (self.output, self.run_dir / "error.log") if p.exists()]
        return "\n".join(parts)

    def wait_until_answering(self, url: str) -> None:
        def answers():
            if self.process.poll() is not None:
                raise AssertionError(f"nginx exited ({self.process.returncode}):\n{self.log()}")
            with suppress(requests.RequestException):
                return requests.get(url, timeout=1).status_code == 200
            return False

        wait_for(answers, 20, 0.1, f"nginx at {url}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


class _Later:
    """A WSGI app bound once built: the servers' ports must be known to build the apps."""

    app = None

    def __call__(self, environ, start_response):
        return self.app(environ, start_response)


class FrontDoor:
    """Four served apps and nginx in front of them at self.url (http://127.0.0.1:PORT)."""

    def __init__(self, config: PlatformConfig, run_dir: Path):
        from services.registry.usecases.staff import ensure_admin

        self.url = f"http://127.0.0.1:{free_port()}"
        later = {s: _Later() for s in SERVICES}
        self.served = {s: ServedApp(later[s]) for s in SERVICES}
        self.apps = {}
        try:
            for service in SERVICES:
                module = __import__(f"services.{service}.app", fromlist=["create_app"])
                self.apps[service] = later[service].app = module.create_app(config.app_config(
                    service, PROXY_FIX=True,
                    SERVICE_URLS={s: f"{self.url}/{s}" for s in SERVICES},
                    INTERNAL_URLS={s: served.url for s, served in self.served.items()}))
            ensure_admin(self.apps["registry"].extensions["registry"].uow, ADMIN_EMAIL,
                         ADMIN_PASSWORD)
            upstreams = {s: served.url.removeprefix("http://")
                         for s, served in self.served.items()}
            listen = self.url.removeprefix("http://")
            self.nginx = Nginx(nginx_config(SHIPPED.read_text(), upstreams, listen, run_dir),
                               run_dir)
            for service in SERVICES:
                self.nginx.wait_until_answering(f"{self.url}/{service}/healthz")
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if getattr(self, "nginx", None):
            self.nginx.stop()
        for served in self.served.values():
            served.stop()
        for app in self.apps.values():
            with suppress(Exception):
                app.extensions["runtime"].dispose()

    # --- data -----------------------------------------------------------------------------
    def client(self, service: str):
        return self.apps[service].test_client()

    def auth(self) -> dict:
        answer = self.client("registry").post(
            "/api/v1/auth/token", json={"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD})
        assert answer.status_code == 200, answer.json
        return {"Authorization": f"Bearer {answer.json['access_token']}"}

    def deliver_events(self) -> int:
        """Every outbox to its consumers, as the relays and workers would, until quiet."""
        delivered = 0
        while True:
            recorder = RecordingPublisher()
            for app in self.apps.values():
                runtime = app.extensions["runtime"]
                Relay(runtime.service, runtime.uow, runtime.tables, recorder,
                      RedeliveryPolicy.from_config(runtime.config)).run_once(only_pending=True)
            if not recorder.published:
                return delivered
            for consumer, _task, envelope in recorder.published:
                self.apps[consumer].extensions["runtime"].consumer.handle(envelope)
                delivered += 1

    def seed(self) -> dict[str, str]:
        """A verified UMKM with a product, a bazaar it applied to, a completed training with its
        aid handed over; events delivered. Returns the ids of what staff pages show."""
        auth = self.auth()
        registry, training = self.client("registry"), self.client("training")

        def ok(answer, status=200):
            assert answer.status_code == status, answer.get_data(as_text=True)[:500]
            return answer.json

        umkm = ok(registry.post("/api/v1/umkm", headers=auth, json=registration(
            business_name="Keripik Pisang Front Door", sector="kuliner",
            kecamatan="Metro Pusat", kelurahan="Imopuro")), 201)
        ok(registry.post(f"/api/v1/umkm/{umkm['id']}/verify", headers=auth))
        ok(registry.post(f"/api/v1/umkm/{umkm['id']}/products", headers=auth, json={
            "name": "Keripik Pisang Coklat", "category": "Makanan Ringan", "price_idr": 15000}),
           201)
        self.deliver_events()
        bazaar = BazaarWorld(self.apps["bazaar"], auth).bazaar()
        ok(BazaarWorld(self.apps["bazaar"], auth).apply(bazaar["id"], umkm["id"]), 201)
        program = ok(training.post("/api/v1/programs", headers=auth, json={
            "title": "Pelatihan Kain Tapis Front Door", "topic": "kain tapis",
            "location": "Aula Diskoperin", "starts_on": "2026-12-07", "ends_on": "2026-12-09",
            "quota": 10, "aid_package": [{"item": "Alat tenun tapis", "quantity": 1,
                                          "unit_value_idr": 1_500_000}],
            "followup_days": [14, 60]}), 201)
        for line in program["aid_package"]:
            ok(training.post(f"/api/v1/aid-items/{line['aid_item_id']}/stock", headers=auth,
                             json={"quantity": 5}))
        ok(training.post(f"/api/v1/programs/{program['id']}/enrollments", headers=auth,
                         json={"umkm_id": umkm["id"]}), 201)
        handover = ok(training.post(f"/api/v1/programs/{program['id']}/handovers", headers=auth,
                                    json={"umkm_id": umkm["id"]}), 201)
        ok(training.post(f"/api/v1/programs/{program['id']}/complete", headers=auth))
        self.deliver_events()
        return {"umkm": umkm["id"], "bazaar": bazaar["id"], "program": program["id"],
                "handover": handover["id"]}
