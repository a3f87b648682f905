"""The registry, asked over signed internal HTTP: does an UMKM exist, who are the officers."""

from __future__ import annotations

from urllib.parse import urlencode

from services.kernel.registry_lookup import RegistryLookup


class RegistryGateway(RegistryLookup):
    @classmethod
    def from_config(cls, config: dict) -> RegistryGateway:
        return super().from_config(config, "training")

    def field_officers(self, kecamatan: str) -> list[dict]:
        query = urlencode({"role": "field_officer", "kecamatan": kecamatan})
        return list(self.get(f"/internal/v1/staff?{query}")["items"])
