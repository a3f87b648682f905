"""The four services in-process on one platform, with a little of everything in them: UMKM in
each status, products, staff, a token and an import; two programmes with participants, a handover
and a visit; bazaars, a market, batik orders and a retail partner; the messages all that sent.
The registry answers the others over HTTP (a thread), events are carried by hand.

Every name given here is in `NAMES`, so that a test reading the pages can tell the data apart
from the interface."""

from __future__ import annotations

import io
from contextlib import suppress
from datetime import timedelta

from services.kernel.clock import today_wib, utcnow
from services.kernel.identity import ADMIN
from tests.support.factories import registration
from tests.support.platform import SERVICES, PlatformConfig
from tests.support.training_world import PASSWORD, TrainingWorld

BUSINESSES = [("Kopi Siger", "kuliner"), ("Keripik Pisang Bu Sri", "kuliner"),
              ("Tapis Indah", "kriya"), ("Batik Sekar", "batik"), ("Bengkel Las Jaya", "jasa"),
              ("Tahu Bakso Mulyo", "kuliner")]
# the reasons given for a rejection, a closing and a cancellation: names only, in no language
REASONS = ("Kopi Sigerr = Kopi Siger", "Bengkel Las Jaya 2026", "Taman Merdeka 2026")
NAMES = [name for name, _ in BUSINESSES] + [
    "Sri Wahyuni", "Budi Santoso", "Kopi Sigerr", "Jl. Kenanga", "Rahmat", "Wulan", "Ratna Dewi",
    "Hendra", "Kain Tapis Batch I", "Digital Marketing II", "Aula Diskoperin", "Metro Fair",
    "Metro Anniversary", "Lapangan Samber", "Taman Merdeka", "Expo Fair", "Dinas Pendidikan",
    "Kantor Pajak Pratama", "Kemeja batik Siger", "Chandra Swalayan", "Gerai Metro Pusat",
    "Keripik Coklat", "Alat tenun tapis", "Mesin jahit portable", "Bandar Lampung",
    "Jl. Ahmad Yani", "Warung Ani", "Yosomulyo", *REASONS]


class WholePlatform:
    def __init__(self, config: PlatformConfig):
        from services.bazaar.app import create_app as bazaar_app
        from services.notifier.app import create_app as notifier_app

        self.world = TrainingWorld(config)
        internal = {s: f"http://127.0.0.1:1/{s}" for s in SERVICES} | {
            "registry": self.world.served.url}
        self.apps = {"registry": self.world.registry_app, "training": self.world.app,
                     "bazaar": bazaar_app(config.app_config("bazaar", INTERNAL_URLS=internal)),
                     "notifier": notifier_app(config.app_config("notifier",
                                                                INTERNAL_URLS=internal))}
        self.auth = self.world.auth
        self.ids: dict[str, str] = {}

    def close(self) -> None:
        self.world.close()
        for name in ("bazaar", "notifier"):
            with suppress(Exception):
                self.apps[name].extensions["runtime"].dispose()

    def admin(self, email: str) -> str:
        """A new admin of this platform (password PASSWORD): their id."""
        from services.registry.usecases.staff import create_staff

        return create_staff(self.apps["registry"].extensions["registry"].uow, email, "Ratna Dewi",
                            PASSWORD, [ADMIN]).id

    def deliver(self) -> None:
        """Every outbox to every consumer, until events causing events have been carried."""
        for _ in range(3):
            for app in self.apps.values():
                for consumer, _task, envelope in self.world._relay(
                        app.extensions["runtime"]).published:
                    if consumer in self.apps:
                        self.apps[consumer].extensions["runtime"].consumer.handle(envelope)

    def _ok(self, answer):
        assert answer.status_code < 300, answer.get_data(as_text=True)[:500]
        return answer.json

    # --- the data -------------------------------------------------------------------------------
    def fill(self) -> WholePlatform:
        umkm = self._registry()
        self._training(umkm)
        self._bazaar(umkm)
        self.deliver()
        return self

    def _registry(self) -> list[dict]:
        from services.registry.usecases.imports import run_next_import

        w, api, a = self.world, self.world.registry, self.auth
        umkm = [w.umkm(verified=i < 4, **registration(
            business_name=name, sector=sector, owner_name=f"Sri Wahyuni {i}",
            address=f"Jl. Kenanga {i}", email=f"owner{i}@example.id"))
            for i, (name, sector) in enumerate(BUSINESSES)]
        twin = w.umkm(verified=False, **registration(
            business_name="Kopi Sigerr", owner_name="Budi Santoso", address="Jl. Kenanga 9",
            email="budi@example.id"))
        self._ok(api.post(f"/api/v1/umkm/{twin['id']}/reject", headers=a,
                          json={"reason": REASONS[0]}))
        self._ok(api.post(f"/api/v1/umkm/{umkm[4]['id']}/deactivate", headers=a,
                          json={"reason": REASONS[1]}))
        self._ok(api.post(f"/api/v1/umkm/{umkm[1]['id']}/products", headers=a, json={
            "name": "Keripik Coklat", "category": "Keripik Coklat", "price_idr": 15_000,
            "halal_number": "ID18110000123450122",
            "halal_expires_on": (today_wib() + timedelta(days=30)).isoformat()}))
        self._ok(api.put(f"/api/v1/umkm/{umkm[1]['id']}/mb2", headers=a, json={"member": True}))
        self._ok(api.post("/api/v1/me/tokens", headers=a, json={"name": "Keripik Coklat"}))
        self.officer = w.staff("field_officer", name="Rahmat",
                               kecamatan=["Metro Utara", "Metro Pusat"], phone="081234567001")
        w.staff("viewer", name="Wulan")
        row = registration(business_name="Warung Ani", owner_name="Budi Santoso",
                           address="Jl. Ahmad Yani 1")
        sheet = ",".join(row) + "\n" + ",".join(row.values()) + "\n"
        self._ok(api.post("/api/v1/umkm/imports", headers=a, data={
            "file": (io.BytesIO(sheet.encode()), "umkm.csv"), "mode": "skip"}))
        self.ids["import_id"] = run_next_import(self.apps["registry"].extensions["registry"].uow)
        self.ids["umkm_id"] = umkm[0]["id"]
        self.deliver()
        return umkm

    def _training(self, umkm: list[dict]) -> None:
        w, t, a = self.world, self.world.client, self.auth
        program = w.program(title="Kain Tapis Batch I", location="Aula Diskoperin")
        w.stock(program, 5)
        for one in umkm[:3]:
            assert w.enroll(program["id"], one["id"]).status_code == 201
        for i in (0, 1):
            self._ok(t.post(f"/api/v1/programs/{program['id']}/handovers", headers=a, json={
                "umkm_id": umkm[i]["id"], "received_by": f"Sri Wahyuni {i}",
                "items": [{"item": "Alat tenun tapis", "quantity": 1}]}))
        self._ok(t.post("/api/v1/trainers", headers=a, json={
            "name": "Ratna Dewi", "skills": ["kain tapis"], "address": "Jl. Kenanga 3",
            "kelurahan": "yosomulyo", "phone": "081234567002"}))
        self._ok(t.post("/api/v1/trainers", headers=a, json={
            "name": "Hendra", "skills": ["batik cap"], "address": "Jl. Ahmad Yani 9",
            "city": "Bandar Lampung", "fee_idr": 750_000}))
        self._ok(t.post("/api/v1/aid-items", headers=a, json={
            "name": "Mesin jahit portable", "unit_value_idr": 2_100_000, "stock": 3}))
        self._ok(t.post(f"/api/v1/programs/{program['id']}/complete", headers=a))
        later = w.program(title="Digital Marketing II", location="Aula Diskoperin",
                          starts_on="2027-01-11", ends_on="2027-01-12", quota=1)
        # the same aid again within three years: each enrollment is flagged, one by staff
        # working in English, one by staff working in Indonesian
        for one, language in ((umkm[0], "en"), (umkm[1], "id")):
            answer = w.enroll(later["id"], one["id"], {**a, "Accept-Language": language})
            assert answer.status_code == 201, answer.json
        self.deliver()
        visits = t.get("/api/v1/visits", headers=a).json["items"]
        self._ok(t.post(f"/api/v1/visits/{visits[0]['id']}/report", headers=a, json={
            "still_producing": True, "units_produced": 12, "sales_idr": 2_400_000,
            "equipment_in_use": True, "equipment_condition": "baik"}))
        self.ids["program_id"] = program["id"]

    def _bazaar(self, umkm: list[dict]) -> None:
        b, a = self.apps["bazaar"].test_client(), self.auth
        start = utcnow() + timedelta(days=10)
        bazaar = self._ok(b.post("/api/v1/bazaars", headers=a, json={
            "title": "Metro Fair", "host_event": "Metro Anniversary",
            "venue": "Lapangan Samber", "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=8)).isoformat(), "stalls": 2,
            "kuliner_stalls": 1}))
        for one in umkm[:3]:
            self._ok(b.post(f"/api/v1/bazaars/{bazaar['id']}/applications", headers=a,
                            json={"umkm_id": one["id"]}))
        self._ok(b.post(f"/api/v1/bazaars/{bazaar['id']}/allocate", headers=a))
        first = b.get(f"/api/v1/bazaars/{bazaar['id']}/applications", headers=a).json["items"][0]
        self._ok(b.put(f"/api/v1/bazaars/{bazaar['id']}/applications/{first['id']}/sales",
                       headers=a, json={"revenue_idr": 750_000, "units_sold": 12}))
        other = self._ok(b.post("/api/v1/bazaars", headers=a, json={
            "title": "Expo Fair", "host_event": "Metro Anniversary", "venue": "Taman Merdeka",
            "starts_at": (start + timedelta(days=10)).isoformat(),
            "ends_at": (start + timedelta(days=10, hours=8)).isoformat(), "stalls": 3}))
        self._ok(b.post(f"/api/v1/bazaars/{other['id']}/cancel", headers=a,
                        json={"reason": REASONS[2]}))
        market = self._ok(b.post("/api/v1/markets", headers=a, json={
            "name": "Payungi", "venue": "Yosomulyo", "rule": "FREQ=DAILY",
            "first_date": today_wib().isoformat(), "starts_time": "06:00", "ends_time": "10:00",
            "spots": 2}))
        self._ok(b.post(f"/api/v1/markets/{market['id']}/vendors", headers=a,
                        json={"umkm_id": umkm[0]["id"]}))
        office = self._ok(b.post("/api/v1/batik/offices", headers=a,
                                 json={"name": "Dinas Pendidikan", "kind": "opd"}))
        self._ok(b.post("/api/v1/batik/offices", headers=a, json={
            "name": "Kantor Pajak Pratama", "kind": "vertikal",
            "circular_letter": "S-12/PJ/2026"}))
        order = self._ok(b.post("/api/v1/batik/orders", headers=a, json={
            "office_id": office["id"], "umkm_id": umkm[3]["id"],
            "due_on": (today_wib() + timedelta(days=7)).isoformat(),
            "items": [{"item": "Kemeja batik Siger", "quantity": 4, "unit_price_idr": 250_000}]}))
        self._ok(b.post(f"/api/v1/batik/orders/{order['id']}/deliveries", headers=a, json={
            "items": [{"item_id": order["items"][0]["id"], "quantity": 1}]}))
        partner = self._ok(b.post("/api/v1/retail/partners", headers=a, json={
            "name": "Chandra Swalayan", "outlets": ["Gerai Metro Pusat"]}))
        signed = today_wib() - timedelta(days=30)
        self._ok(b.post(f"/api/v1/retail/partners/{partner['id']}/mous", headers=a, json={
            "number": f"500/1/D.4/{signed.year}", "signed_on": signed.isoformat(),
            "expires_on": (signed + timedelta(days=40)).isoformat(),
            "contact_name": "Budi Santoso", "contact_phone": "0812-3456-7890"}))
        placement = self._ok(b.post("/api/v1/retail/placements", headers=a, json={
            "umkm_id": umkm[1]["id"], "partner_id": partner["id"],
            "product_name": "Keripik Coklat",
            "outlet_ids": [o["id"] for o in partner["outlet_list"]]}))
        self._ok(b.put(f"/api/v1/retail/placements/{placement['id']}/checklist/pirt",
                       headers=a, json={"checked": True, "note": "2061872010123-27"}))
        self.ids |= {"bazaar_id": bazaar["id"], "placement_id": placement["id"]}
