"""The registry, asked over signed internal HTTP: does an UMKM exist, who are the officers."""

from __future__ import annotations

import logging
from urllib.parse import quote, urlencode

from flask_babel import lazy_gettext as _l

from services.kernel.errors import Unavailable
from services.kernel.internal_http import InternalClient, InternalNotFound, InternalServiceError

log = logging.getLogger(__name__)


class RegistryGateway:
    def __init__(self, client: InternalClient):
        self.client = client

    @classmethod
    def from_config(cls, config: dict) -> RegistryGateway:
        return cls(InternalClient(config["INTERNAL_URLS"]["registry"], config["INTERNAL_API_KEY"],
                                  "training", timeout=config.get("INTERNAL_HTTP_TIMEOUT", 5.0)))

    def _get(self, path: str):
        try:
            answer = self.client.get(path)
        except InternalServiceError as exc:
            log.warning("registry did not answer: %s", exc)
            raise Unavailable(str(_l("Registri UMKM tidak menjawab; tidak ada yang disimpan. "
                                     "Coba lagi sebentar lagi."))) from exc
        if answer.status != 200:
            log.warning("registry answered %s to %s", answer.status, path)
            raise Unavailable(str(_l("Registri UMKM menolak permintaan layanan pelatihan "
                                     "(status %(s)s).", s=answer.status)))
        return answer.data

    def umkm(self, umkm_id: str) -> dict | None:
        """The UMKM as the registry knows it (no NIK), or None when it does not exist."""
        try:
            return self._get(f"/internal/v1/umkm/{quote(umkm_id, safe='')}")
        except InternalNotFound:
            return None

    def field_officers(self, kecamatan: str) -> list[dict]:
        query = urlencode({"role": "field_officer", "kecamatan": kecamatan})
        return list(self._get(f"/internal/v1/staff?{query}")["items"])
