"""The bazaar service in-process, its UMKM directory fed with umkm.* events as its worker would."""

from __future__ import annotations

import itertools
from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import select

from services.kernel.clock import utcnow
from services.kernel.events import CATALOGUE
from services.kernel.events.catalogue import make_envelope

_serial = itertools.count(1)


class BazaarWorld:
    def __init__(self, app, auth: dict):
        self.app = app
        self.service = app.extensions["bazaar"]
        self.client = app.test_client()
        self.auth = auth

    def umkm(self, *, sector: str = "kuliner", status: str = "verified",
             owner_id: str | None = None) -> str:
        """A new UMKM in the directory; each of its own owner unless `owner_id` is shared."""
        n = next(_serial)
        event_type = CATALOGUE.get("umkm.verified")
        payload = {**event_type.example, "umkm_id": f"00000000-0000-4000-8000-{n:012d}",
                   "owner_id": owner_id or f"00000000-0000-4000-9000-{n:012d}",
                   "business_name": f"Usaha Bazar {n}", "owner_name": f"Pemilik {n}",
                   "sector": sector, "status": status}
        self.service.runtime.consumer.handle(make_envelope(event_type, payload, utcnow()))
        return payload["umkm_id"]

    def bazaar(self, **overrides) -> dict:
        start = utcnow() + timedelta(days=10)
        body = {"title": "Bazar UMKM HUT Kota Metro", "host_event": "HUT Kota Metro ke-89",
                "venue": "Lapangan Samber", "starts_at": start.isoformat(),
                "ends_at": (start + timedelta(hours=8)).isoformat(), "stalls": 4} | overrides
        response = self.client.post("/api/v1/bazaars", json=body, headers=self.auth)
        assert response.status_code == 201, response.json
        return response.json

    def apply(self, bazaar_id: str, umkm_id: str):
        return self.client.post(f"/api/v1/bazaars/{bazaar_id}/applications",
                                json={"umkm_id": umkm_id}, headers=self.auth)

    def allocate(self, bazaar_id: str) -> dict:
        response = self.client.post(f"/api/v1/bazaars/{bazaar_id}/allocate", headers=self.auth)
        assert response.status_code == 200, response.json
        return response.json

    def edit(self, bazaar_id: str, headers: dict | None = None, **changes):
        return self.client.patch(f"/api/v1/bazaars/{bazaar_id}", json=changes,
                                 headers=self.auth if headers is None else headers)

    def cancel(self, bazaar_id: str, body: dict | None = None, headers: dict | None = None):
        return self.client.post(f"/api/v1/bazaars/{bazaar_id}/cancel", json=body or {},
                                headers=self.auth if headers is None else headers)

    def deliveries(self, event_type: str) -> list[tuple[str, str]]:
        """(consumer, status) of every delivery row of the events of a type."""
        tables = self.service.runtime.tables
        event, delivery = tables.outbox_event, tables.outbox_delivery
        with self.service.uow(readonly=True) as unit:
            rows = unit.session.execute(
                select(delivery.c.consumer, delivery.c.status)
                .join(event, event.c.id == delivery.c.event_id)
                .where(event.c.type == event_type)).all()
        return [tuple(r) for r in rows]

    def published(self, event_type: str) -> list[dict]:
        tables = self.service.runtime.tables
        with self.service.uow(readonly=True) as unit:
            rows = unit.session.execute(select(tables.outbox_event.c.payload).where(
                tables.outbox_event.c.type == event_type)).scalars().all()
        return [dict(r) for r in rows]


@contextmanager
def world_on(platform, world_class: type[BazaarWorld] = BazaarWorld, *,
             signed_in: bool = False):
    """A bazaar world on a given platform (SQLite or PostgreSQL), with a registry issuing its
    admin's token (and signing its client in as the admin on the staff pages, if `signed_in`);
    both apps disposed afterwards."""
    from services.registry.usecases.staff import ensure_admin
    from tests.conftest import ADMIN_EMAIL, ADMIN_PASSWORD, _app

    registry = _app("registry", platform)
    ensure_admin(registry.extensions["registry"].uow, ADMIN_EMAIL, ADMIN_PASSWORD)
    token = registry.test_client().post("/api/v1/auth/token", json={
        "email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}).json["access_token"]
    bazaar = _app("bazaar", platform)
    try:
        world = world_class(bazaar, {"Authorization": f"Bearer {token}"})
        world.registry = registry  # to make more staff and sign them in
        if signed_in:
            from tests.support.sessions import sign_in

            sign_in(registry, world.client)
        yield world
    finally:
        bazaar.extensions["runtime"].dispose()
        registry.extensions["runtime"].dispose()
