"""The bazaar service's retail partners in-process: partners, MoUs, placements made through the
API, the UMKM directory fed with umkm.* events as the worker would."""

from __future__ import annotations

import itertools
from datetime import timedelta

from services.bazaar.domain.retail import CHECKLIST
from services.kernel.clock import today_wib, utcnow
from services.kernel.events import CATALOGUE
from services.kernel.events.catalogue import make_envelope
from tests.support.bazaar_world import BazaarWorld

API = "/api/v1/retail"
NOTES = {"pirt": "2061872010123-27", "halal": "ID18110000123450122",
         "bpom": "Tidak wajib: pangan olahan rumah tangga (P-IRT)", "barcode": "8991234567891",
         "packaging": "Standing pouch 250 g, label lengkap"}
_serial = itertools.count(1)


class RetailWorld(BazaarWorld):
    def post(self, path: str, body: dict | None = None, headers: dict | None = None):
        return self.client.post(API + path, json=body or {}, headers=headers or self.auth)

    def put(self, path: str, body: dict, headers: dict | None = None):
        return self.client.put(API + path, json=body, headers=headers or self.auth)

    def get(self, path: str, headers: dict | None = None, **params):
        return self.client.get(API + path, query_string=params, headers=headers or self.auth)

    def partner(self, name: str | None = None, outlets=("Gerai Metro Pusat",)) -> dict:
        name = name or f"Swalayan Uji {next(_serial)}"
        response = self.post("/partners", {"name": name, "outlets": list(outlets)})
        assert response.status_code == 201, response.json
        return response.json

    def seeded(self, name: str) -> dict:
        [found] = [p for p in self.get("/partners", per_page=100).json["items"]
                   if p["name"] == name]
        return found

    def mou(self, partner_id: str, *, signed_days_ago: int = 30, valid_days: int = 365,
            number: str | None = None):
        signed = today_wib() - timedelta(days=signed_days_ago)
        return self.post(f"/partners/{partner_id}/mous", {
            "number": number or f"500/{next(_serial)}/D.4/{signed.year}",
            "signed_on": signed.isoformat(),
            "expires_on": (signed + timedelta(days=valid_days)).isoformat(),
            "contact_name": "Budi Santoso", "contact_phone": "0812-3456-7890"})

    def propose(self, partner: dict, umkm_id: str | None = None, product: str | None = None,
                outlets: bool = True):
        return self.post("/placements", {
            "umkm_id": umkm_id or self.umkm(), "partner_id": partner["id"],
            "product_name": product or f"Keripik Pisang {next(_serial)}",
            "outlet_ids": [o["id"] for o in partner["outlet_list"]] if outlets else []})

    def check(self, placement_id: str, item: str, checked: bool = True, note: str | None = None):
        note = NOTES.get(item, "1") if note is None else note
        return self.put(f"/placements/{placement_id}/checklist/{item}",
                        {"checked": checked, "note": note})

    def check_all(self, placement_id: str, items=CHECKLIST) -> dict:
        response = None
        for item in items:
            response = self.check(placement_id, item)
            assert response.status_code == 200, response.json
        return response.json

    def move(self, placement_id: str, status: str, headers: dict | None = None):
        return self.post(f"/placements/{placement_id}/status", {"status": status}, headers)

    def ready_to_list(self) -> dict:
        """A curated placement with every readiness item, an outlet and an MoU in force."""
        partner = self.partner()
        assert self.mou(partner["id"]).status_code == 201
        placement = self.propose(partner).json
        self.check_all(placement["id"])
        assert self.move(placement["id"], "curated").status_code == 200
        return placement

    def umkm_event(self, event_name: str, umkm_id: str, **changes) -> None:
        event_type = CATALOGUE.get(event_name)
        payload = {**event_type.example, "umkm_id": umkm_id, "business_name": "Usaha Ritel",
                   "owner_name": "Pemilik Ritel", **changes}
        self.service.runtime.consumer.handle(make_envelope(event_type, payload, utcnow()))
