"""Training with a real registry: the registry app served over HTTP on a thread (signed internal
calls go through a real socket), the training app in-process, and helpers to move events."""

from __future__ import annotations

import threading
from contextlib import suppress

from sqlalchemy import select
from werkzeug.serving import make_server

from services.kernel.messaging.policy import RedeliveryPolicy
from services.kernel.messaging.relay import Relay
from tests.conftest import ADMIN_EMAIL, ADMIN_PASSWORD
from tests.support.factories import registration
from tests.support.fakes import RecordingPublisher
from tests.support.platform import SERVICES, PlatformConfig
from tests.support.sessions import sign_in

PASSWORD = "kata-sandi-uji-123"


class ServedApp:
    """A WSGI app on a free local port, in a thread, until stop()."""

    def __init__(self, app):
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.running = True

    def stop(self) -> None:
        if self.running:
            self.server.shutdown()
            self.server.server_close()
            self.running = False


class TrainingWorld:
    def __init__(self, config: PlatformConfig, **training_overrides):
        from services.registry.app import create_app as registry_app
        from services.registry.usecases.staff import ensure_admin
        from services.training.app import create_app as training_app

        self.config = config
        self.registry_app = registry_app(config.app_config("registry"))
        ensure_admin(self.registry_app.extensions["registry"].uow, ADMIN_EMAIL, ADMIN_PASSWORD)
        self.served = ServedApp(self.registry_app)
        internal = {s: f"http://127.0.0.1:1/{s}" for s in SERVICES} | {"registry": self.served.url}
        self.app = training_app(config.app_config("training", INTERNAL_URLS=internal,
                                                  **training_overrides))
        self.training = self.app.extensions["training"]
        self.registry = self.registry_app.test_client()
        self.client = self.app.test_client()
        self.auth = self._token(ADMIN_EMAIL, ADMIN_PASSWORD)
        self._staff = 0

    # --- people ---------------------------------------------------------------------------
    def _token(self, email: str, password: str) -> dict:
        answer = self.registry.post("/api/v1/auth/token",
                                    json={"email": email, "password": password})
        assert answer.status_code == 200, answer.json
        return {"Authorization": f"Bearer {answer.json['access_token']}"}

    def staff(self, *roles: str, name: str | None = None, kecamatan=(), phone=None) -> dict:
        """A new staff member with these roles; returns {id, email, name, auth}."""
        from services.registry.usecases.staff import create_staff

        self._staff += 1
        email = f"staf{self._staff}-{'-'.join(roles)}@uji.example.id"
        who = create_staff(self.registry_app.extensions["registry"].uow, email,
                           name or f"Petugas {self._staff}", PASSWORD, list(roles),
                           phone=phone, kecamatan=list(kecamatan))
        return {"id": who.id, "email": email, "name": who.name,
                "auth": self._token(email, PASSWORD)}

    def umkm(self, *, verified: bool = True, **overrides) -> dict:
        body = registration(**overrides)
        created = self.registry.post("/api/v1/umkm", json=body, headers=self.auth)
        assert created.status_code == 201, created.json
        if verified:
            answer = self.registry.post(f"/api/v1/umkm/{created.json['id']}/verify",
                                        headers=self.auth)
            assert answer.status_code == 200, answer.json
            return answer.json
        return created.json

    # --- events ---------------------------------------------------------------------------
    def _relay(self, runtime) -> RecordingPublisher:
        recorder = RecordingPublisher()
        Relay(runtime.service, runtime.uow, runtime.tables, recorder,
              RedeliveryPolicy.from_config(runtime.config)).run_once()
        return recorder

    def sync_directory(self) -> None:
        """The registry's umkm.* events into training's local directory."""
        recorder = self._relay(self.registry_app.extensions["runtime"])
        for consumer, _task, envelope in recorder.published:
            if consumer == "training":
                self.training.runtime.consumer.handle(envelope)

    def visit_after(self, program: dict, umkm: dict) -> dict:
        """The UMKM trained in the programme (enrolled, programme completed, training's events
        delivered), and the first follow-up visit that scheduled."""
        assert self.enroll(program["id"], umkm["id"]).status_code == 201
        self.client.post(f"/api/v1/programs/{program['id']}/complete", headers=self.auth)
        self.deliver_own_events()
        return self.client.get("/api/v1/visits", headers=self.auth).json["items"][0]

    def deliver_own_events(self) -> list[dict]:
        """Training's outbox to training's own consumer (what its worker would do)."""
        recorder = self._relay(self.training.runtime)
        envelopes = [e for consumer, _t, e in recorder.published if consumer == "training"]
        for envelope in envelopes:
            self.training.runtime.consumer.handle(envelope)
        return envelopes

    def published(self, event_type: str | None = None) -> list[dict]:
        tables = self.training.runtime.tables
        with self.training.uow(readonly=True) as unit:
            rows = unit.session.execute(
                select(tables.outbox_event).order_by(tables.outbox_event.c.occurred_at)
            ).mappings().all()
        return [dict(r) for r in rows if event_type is None or r["type"] == event_type]

    # --- the training API -----------------------------------------------------------------
    def program(self, **overrides) -> dict:
        body = {"title": "Pelatihan Kain Tapis Angkatan I", "topic": "kain tapis",
                "location": "Aula Diskoperin", "starts_on": "2026-12-07",
                "ends_on": "2026-12-09", "quota": 10,
                "aid_package": [{"item": "Alat tenun tapis", "quantity": 1,
                                 "unit_value_idr": 1_500_000}],
                "followup_days": [14, 60]}
        body.update(overrides)
        answer = self.client.post("/api/v1/programs", json=body, headers=self.auth)
        assert answer.status_code == 201, answer.json
        return answer.json

    def enroll(self, program_id: str, umkm_id: str, auth: dict | None = None):
        return self.client.post(f"/api/v1/programs/{program_id}/enrollments",
                                json={"umkm_id": umkm_id}, headers=auth or self.auth)

    def stock(self, program: dict, quantity: int) -> None:
        for line in program["aid_package"]:
            answer = self.client.post(f"/api/v1/aid-items/{line['aid_item_id']}/stock",
                                      json={"quantity": quantity}, headers=self.auth)
            assert answer.status_code == 200, answer.json

    def close(self) -> None:
        self.served.stop()
        for app in (self.app, self.registry_app):
            with suppress(Exception):
                app.extensions["runtime"].dispose()


def logged_in(world: TrainingWorld, email: str = ADMIN_EMAIL, password: str = ADMIN_PASSWORD):
    """A training test client carrying the staff session the registry's login page gives."""
    return sign_in(world.registry_app, world.app.test_client(), email, password)
