"""The four services' JSON APIs asked by schemathesis, in-process, as an admin: each service's
own OpenAPI document read from its app, a little real data made first so that generated requests
also reach existing records (path parameters are drawn from the ids made, or as generated), and
checks stricter than schemathesis' own on what a status code may be."""

from __future__ import annotations

import re
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import timedelta

import schemathesis
from hypothesis import strategies as st

from services.kernel.clock import today_wib
from tests.support.platform import SERVICES
from tests.support.retail_world import RetailWorld
from tests.support.training_world import TrainingWorld

OPENAPI = "/api/v1/openapi.json"
PARAMETER = re.compile(r"\{(\w+)\}")


@dataclass
class Service:
    name: str
    app: object
    ids: dict[str, list[str]] = field(default_factory=dict)

    @property
    def client(self):
        return self.app.test_client()

    def schema(self):
        return schemathesis.openapi.from_wsgi(OPENAPI, self.app)


class FuzzPlatform:
    """Registry (also served on a socket, for training's signed calls), training, bazaar and
    notifier on one platform, with a few records of each kind."""

    def __init__(self, config):
        from tests.conftest import _app

        self.training_world = TrainingWorld(config)
        self.auth = self.training_world.auth
        # Every call between services goes to the registry served here, or nowhere.
        internal = {s: f"http://127.0.0.1:1/{s}" for s in SERVICES} | {
            "registry": self.training_world.served.url}
        self.bazaar_world = RetailWorld(_app("bazaar", config, INTERNAL_URLS=internal), self.auth)
        self.notifier_app = _app("notifier", config, INTERNAL_URLS=internal)
        self.services = {
            "registry": Service("registry", self.training_world.registry_app),
            "training": Service("training", self.training_world.app),
            "bazaar": Service("bazaar", self.bazaar_world.app),
            "notifier": Service("notifier", self.notifier_app),
        }
        self._seed()

    def close(self) -> None:
        self.training_world.close()
        for app in (self.bazaar_world.app, self.notifier_app):
            with suppress(Exception):
                app.extensions["runtime"].dispose()

    # --- a few records of each kind, and their ids by path parameter ---------------------------
    def _seed(self) -> None:
        world, retail, auth = self.training_world, self.bazaar_world, self.auth
        verified = world.umkm()
        pending = world.umkm(verified=False)
        product = world.registry.post(f"/api/v1/umkm/{verified['id']}/products", headers=auth,
                                      json={"name": "Keripik", "category": "makanan",
                                            "price_idr": 15000})
        assert product.status_code == 201, product.json
        world.sync_directory()
        program = world.program()
        world.stock(program, 5)
        assert world.enroll(program["id"], verified["id"]).status_code == 201
        trained = world.program(title="Pelatihan Pengemasan", starts_on="2026-11-01",
                                ends_on="2026-11-02")
        visit = world.visit_after(trained, verified)

        for umkm in (verified, pending):
            retail.umkm_event("umkm.verified", umkm["id"], sector="kuliner")
        bazaar = retail.bazaar(sectors=["kuliner"])
        application = retail.apply(bazaar["id"], verified["id"])
        assert application.status_code == 201, application.json
        partner = retail.partner()
        assert retail.mou(partner["id"]).status_code == 201
        assert retail.propose(partner, umkm_id=verified["id"]).status_code == 201
        first = today_wib() + timedelta(days=3)
        market = retail.client.post("/api/v1/markets", headers=auth, json={
            "name": "Payungi", "venue": "Jl. Kemiri", "rule": "FREQ=WEEKLY",
            "first_date": first.isoformat(), "starts_time": "06:00", "ends_time": "10:00",
            "spots": 5})
        assert market.status_code == 201, market.json
        vendor = retail.client.post(f"/api/v1/markets/{market.json['id']}/vendors",
                                    headers=auth, json={"umkm_id": verified["id"]})
        assert vendor.status_code in (200, 201), vendor.json
        office = retail.client.post("/api/v1/batik/offices", headers=auth, json={
            "name": "Dinas Pendidikan", "kind": "opd"})
        assert office.status_code == 201, office.json
        self.made = {"verified": verified, "pending": pending, "program": program,
                     "trained": trained, "visit": visit, "bazaar": bazaar,
                     "application": application.json, "market": market.json}
        for service in self.services.values():
            self._collect_ids(service)
        self.services["bazaar"].ids.setdefault("day", []).append(first.isoformat())

    def _collect_ids(self, service: Service) -> None:
        """Read every list the service has (GETs without path parameters), then each record
        found, and keep the ids by the path parameter they fill."""
        spec = service.client.get(OPENAPI, headers=self.auth).json
        pending = [path for path, ops in spec["paths"].items()
                   if "get" in ops and not PARAMETER.search(path)]
        seen: set[str] = set()
        while pending:
            path = pending.pop(0)
            if path in seen:
                continue
            seen.add(path)
            answer = service.client.get(path, headers=self.auth)
            if answer.status_code != 200 or not answer.is_json:
                continue
            self._harvest(service, path, answer.json)
            for template in spec["paths"]:
                if "get" in spec["paths"][template]:
                    concrete = self._fill(service, template)
                    if concrete and concrete not in seen:
                        pending.append(concrete)

    def _fill(self, service: Service, template: str) -> str | None:
        names = PARAMETER.findall(template)
        if not names or any(not service.ids.get(n) for n in names):
            return None
        return PARAMETER.sub(lambda m: service.ids[m.group(1)][0], template)

    @staticmethod
    def _harvest(service: Service, path: str, body) -> None:
        collection = path.rstrip("/").rsplit("/", 1)[-1]
        own = {"umkm": "umkm_id", "umkm-directory": "umkm_id", "templates": None}.get(
            collection, collection[:-1] + "_id" if collection.endswith("s") else None)

        def keep(name: str, value) -> None:
            if isinstance(value, str) and value and value not in service.ids.setdefault(name, []):
                service.ids[name].append(value)

        def walk(node, top: bool) -> None:
            if isinstance(node, dict):
                for key, value in node.items():
                    if key == "id" and own and top:
                        keep(own, value)
                    elif key.endswith("_id"):
                        keep(key, value)
                    if collection == "templates" and key in ("name", "locale"):
                        keep(key, value)
                    walk(value, top=key == "items" and top)
            elif isinstance(node, list):
                for item in node:
                    walk(item, top)

        walk(body, top=True)


def with_known_ids(case, service: Service, data) -> None:
    """Each path parameter as generated, or one of the ids the service has."""
    for name in list(case.path_parameters or {}):
        known = service.ids.get(name) or []
        if known:
            chosen = data.draw(st.integers(0, len(known)), label=name)
            if chosen:
                case.path_parameters[name] = known[chosen - 1]


def documented_statuses(case) -> set[str]:
    return {str(code) for code in case.operation.definition.raw.get("responses", {})}


def status_is_documented(ctx, response, case):
    """Stricter than schemathesis' status check: every operation also documents `default`
    (any error in the contract's shape), which would accept any status at all."""
    documented = documented_statuses(case)
    status = str(response.status_code)
    if status in documented or f"{status[0]}XX" in documented:
        return None
    raise AssertionError(
        f"{case.operation.label}: status {status} is not documented "
        f"(documented: {sorted(documented - {'default'})}); body: {response.text[:300]}")
